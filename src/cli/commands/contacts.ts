/**
 * `kabar contacts add <address> [--name NAME]` and `kabar contacts list`.
 * A contact is an address with an optional local name; `kabar verify` marks
 * it verified once the safety numbers match.
 */
import { ApiClient } from '../../api/client.ts'
import { parseAddress } from '../../api/validate.ts'
import { formatContact } from '../format.ts'
import type { Output } from '../output.ts'

export interface ContactsAddOptions {
  dataDir: string
  address: string
  name?: string
}

export interface ContactsListOptions {
  dataDir: string
}

export async function contactsAdd (options: ContactsAddOptions, out: Output): Promise<void> {
  const address = parseAddress(options.address)
  const client = await ApiClient.fromDataDir(options.dataDir)
  const contact = await client.addContact(address, options.name)
  out.result(contact, (c) => `added ${c.name === undefined ? c.address : `${c.name} (${c.address})`}`)
}

export async function contactsList (options: ContactsListOptions, out: Output): Promise<void> {
  const client = await ApiClient.fromDataDir(options.dataDir)
  const contacts = await client.contacts()
  out.result(contacts, (list) => list.length === 0 ? ['no contacts'] : list.map(formatContact))
}
