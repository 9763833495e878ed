/**
 * `kabar contacts add <address|invite> [--name NAME]`, `kabar contacts
 * remove <address|name>` and `kabar contacts list`. A contact is an address
 * with an optional local name, usable wherever a command takes an address;
 * `kabar verify` marks it verified once the safety numbers match. Adding an
 * invite (`kabar-invite:…`, from the other person's `kabar invite`) also
 * dials their node, and so joins the network through them.
 */
import { ApiClient } from '../../api/client.ts'
import { parseAddress } from '../../api/validate.ts'
import { isInviteLink } from '../../node/invite.ts'
import type { JoinResult } from '../../node/types.ts'
import { formatContact, peerLabel } from '../format.ts'
import type { Output } from '../output.ts'
import { addressOnly, resolvePeer } from '../peers.ts'

export interface ContactsAddOptions {
  dataDir: string
  /** An address, or an invite link. */
  address: string
  name?: string
}

export interface ContactsListOptions {
  dataDir: string
}

function joined (r: JoinResult): string[] {
  const who = r.contact.name === undefined ? r.contact.address : `${r.contact.name} (${r.contact.address})`
  return [
    `added ${who}`,
    r.connected
      ? `connected to ${r.via === r.contact.address ? 'their node' : `the network through ${r.via ?? 'a peer'}`}: your node is in the network now`
      : 'could not reach their node nor the peers the invite names (offline?): messages to them wait in your outbox until a path is found'
  ]
}

export async function contactsAdd (options: ContactsAddOptions, out: Output): Promise<void> {
  if (isInviteLink(options.address)) {
    const client = await ApiClient.fromDataDir(options.dataDir)
    out.result(await client.acceptInvite(options.address.trim(), options.name), joined)
    return
  }
  const address = parseAddress(options.address)
  const client = await ApiClient.fromDataDir(options.dataDir)
  const contact = await client.addContact(address, options.name)
  out.result(contact, (c) => `added ${c.name === undefined ? c.address : `${c.name} (${c.address})`}`)
}

export async function contactsRemove (options: { dataDir: string, contact: string }, out: Output): Promise<void> {
  addressOnly(options.contact)
  const client = await ApiClient.fromDataDir(options.dataDir)
  const address = await resolvePeer(client, options.contact)
  const removed = await client.removeContact(address)
  out.result(removed, (c) => `removed ${peerLabel(c.address, new Map(c.name === undefined ? [] : [[c.address, c.name]]))} from your contacts (the conversation stays)`)
}

export async function contactsList (options: ContactsListOptions, out: Output): Promise<void> {
  const client = await ApiClient.fromDataDir(options.dataDir)
  const contacts = await client.contacts()
  out.result(contacts, (list) => list.length === 0 ? ['no contacts'] : list.map(formatContact))
}
