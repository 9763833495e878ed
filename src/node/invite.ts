/**
 * Invites: how a first-time user joins the network through a friend.
 * `kabar invite` prints a link that carries the inviter's address, the
 * multiaddrs their node listens on now, and a few DHT peers it is connected
 * to (a bootstrap hint for when the inviter is offline); `kabar contacts add
 * <link>` adds the contact and dials those addresses, and the new node's
 * routing table fills from there. docs/PROTOCOL.md §14 specifies the link.
 *
 *   kabar-invite:<base64url(JSON { v: 1, address, name?, addrs, bootstrap })>
 *
 * An invite holds no secret: anyone who sees it learns an address and where
 * the node was, as anyone does who is sent the address. It is parsed
 * strictly and bounded, since it comes from outside.
 */
import { multiaddr } from '@multiformats/multiaddr'
import { KabarError } from '../errors.ts'
import { ed25519FromPeerIdString } from '../records/index.ts'
import { INVITE_MAX_ADDRS, INVITE_MAX_BOOTSTRAP, INVITE_MAX_CHARS, INVITE_MAX_MULTIADDR, INVITE_MAX_NAME } from './constants.ts'

export const INVITE_PREFIX = 'kabar-invite:'
export const INVITE_VERSION = 1

export interface Invite {
  /** The inviter's account address: who the contact is. */
  address: string
  /** The name the inviter suggests for themselves (the receiver's own `--name` wins). */
  name?: string
  /** The inviter's node's multiaddrs, each ending in `/p2p/<device PeerId>`. */
  addrs: string[]
  /** DHT peers the inviter's node was connected to, each ending in `/p2p/<PeerId>`. */
  bootstrap: string[]
}

function invalid (why: string): KabarError {
  return new KabarError('INVALID_INVITE', `this is not a valid kabar invite: ${why}`)
}

/** True when `value` looks like an invite link rather than an address or a name. */
export function isInviteLink (value: string): boolean {
  return value.trim().startsWith(INVITE_PREFIX)
}

export function encodeInvite (invite: Invite): string {
  const body: Record<string, unknown> = { v: INVITE_VERSION, address: invite.address, ...(invite.name === undefined ? {} : { name: invite.name }), addrs: invite.addrs, bootstrap: invite.bootstrap }
  return INVITE_PREFIX + Buffer.from(JSON.stringify(body), 'utf8').toString('base64url')
}

function multiaddrList (value: unknown, field: string, max: number): string[] {
  if (!Array.isArray(value)) throw invalid(`${field} is not a list`)
  if (value.length > max) throw invalid(`${field} names more than ${max} addresses`)
  return value.map((a: unknown) => {
    if (typeof a !== 'string' || a.length > INVITE_MAX_MULTIADDR) throw invalid(`an entry of ${field} is not a multiaddr`)
    try {
      const ma = multiaddr(a)
      if (ma.getComponents().at(-1)?.name !== 'p2p') throw new Error('no /p2p/ peer id')
    } catch {
      throw invalid(`${JSON.stringify(a.slice(0, 80))} in ${field} is not a multiaddr ending in /p2p/<PeerId>`)
    }
    return a
  })
}

export function parseInvite (link: string): Invite {
  const text = link.trim()
  if (!text.startsWith(INVITE_PREFIX)) throw invalid(`it does not start with ${INVITE_PREFIX}`)
  if (text.length > INVITE_MAX_CHARS) throw invalid(`it is longer than ${INVITE_MAX_CHARS} characters`)
  const encoded = text.slice(INVITE_PREFIX.length)
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) throw invalid('it was cut or changed (not base64url after the prefix)')
  let body: unknown
  try {
    body = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'))
  } catch {
    throw invalid('it was cut or changed (its contents do not parse)')
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalid('its contents are not an object')
  const b = body as Record<string, unknown>
  if (b.v !== INVITE_VERSION) throw invalid(`version ${String(b.v)} is not one this kabar reads (${INVITE_VERSION})`)
  if (typeof b.address !== 'string') throw invalid('it names no address')
  try {
    ed25519FromPeerIdString(b.address)
  } catch {
    throw invalid(`${JSON.stringify(b.address.slice(0, 60))} is not an address`)
  }
  if (b.name !== undefined && (typeof b.name !== 'string' || b.name.trim() === '' || [...b.name].length > INVITE_MAX_NAME)) throw invalid(`the name must be 1 to ${INVITE_MAX_NAME} characters`)
  return {
    address: b.address,
    ...(typeof b.name === 'string' ? { name: b.name } : {}),
    addrs: multiaddrList(b.addrs, 'addrs', INVITE_MAX_ADDRS),
    bootstrap: multiaddrList(b.bootstrap ?? [], 'bootstrap', INVITE_MAX_BOOTSTRAP)
  }
}
