/**
 * Names wherever an address is taken: `kabar send bob hi` as well as
 * `kabar send 12D3KooW… hi`. A value that parses as an address is one; a
 * long base58 string that does not is a mistyped address (exit 2, as
 * before); anything else is a contact's name, matched case-insensitively
 * against the running node's contacts, and is an error naming what to do when
 * it matches none or several.
 */
import type { ApiClient } from '../api/client.ts'
import { parseAddress } from '../api/validate.ts'
import { KabarError } from '../errors.ts'
import type { Contact } from '../node/types.ts'

/** What a mistyped address looks like: the Ed25519 PeerId prefix, or a long run of base58 characters. */
const ADDRESS_LIKE = /^12D3KooW|^[1-9A-HJ-NP-Za-km-z]{40,}$/

function isAddress (value: string): boolean {
  try {
    parseAddress(value)
    return true
  } catch {
    return false
  }
}

/** An address without asking the daemon, or undefined when `value` must be a contact's name. */
export function addressOnly (value: string): string | undefined {
  if (isAddress(value)) return value
  if (ADDRESS_LIKE.test(value) || value.trim() === '') parseAddress(value)
  return undefined
}

/** The contact named `name` (case-insensitive), or an error that says why not. */
export function contactNamed (contacts: readonly Contact[], name: string): Contact {
  const wanted = name.trim().toLowerCase()
  const found = contacts.filter((c) => c.name?.trim().toLowerCase() === wanted)
  const [only] = found
  if (found.length === 1 && only !== undefined) return only
  if (found.length === 0) {
    throw new KabarError('UNKNOWN_CONTACT', `no contact is named "${name}" and it is not an address: \`kabar contacts list\` shows your contacts; add one with \`kabar contacts add <address or invite> --name ${JSON.stringify(name)}\``)
  }
  throw new KabarError('UNKNOWN_CONTACT', `${found.length} contacts are named "${name}" (${found.map((c) => c.address).join(', ')}): use the address, or rename one with \`kabar contacts add <address> --name <new name>\``)
}

/** `value` as an address: itself, or the address of the contact of that name. */
export async function resolvePeer (client: ApiClient, value: string): Promise<string> {
  return addressOnly(value) ?? contactNamed(await client.contacts(), value).address
}

/** Contact names by address, for printing a name beside each address. */
export async function contactNames (client: ApiClient): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  for (const c of await client.contacts()) if (c.name !== undefined) names.set(c.address, c.name)
  return names
}
