/**
 * Binds the node to libp2p: /kabar/msg/1.0.0 for envelopes and acks,
 * /kabar/prekey/1.0.0 for one-time prekeys, and the peer store for the
 * addresses `lookup` shows. Delivery and receiving see only this seam.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import type { KabarLibp2p } from '../net/libp2p.ts'
import { AckStatus as WireAck, handleMsgProtocol, openMsgStream } from '../net/protocols/msg.ts'
import { fetchOneTimePrekey, handlePrekeyProtocol } from '../net/protocols/prekey.ts'
import type { OneTimePrekey } from '../net/protocols/prekey.ts'
import { handleLinkProtocol, requestLink } from '../net/protocols/link.ts'
import { handleMailboxProtocol, MailboxClient } from '../net/protocols/mailbox.ts'
import type { MailboxHandlers } from '../net/protocols/mailbox.ts'
import type { LinkAnswer, LinkRequest } from '../net/protocols/link.ts'
import { multiaddr } from '@multiformats/multiaddr'
import type { Multiaddr } from '@multiformats/multiaddr'
import { KABAR_DHT_PROTOCOL } from '../net/constants.ts'
import { routingTableSize } from '../net/dht.ts'
import { DeviceUnreachableError } from './messaging/transport.ts'
import type { AckStatus, DeliveryTransport } from './messaging/transport.ts'

export interface NetworkHandlers {
  receive: (from: string, envelopeId: Uint8Array, payload: Uint8Array) => Promise<AckStatus>
  /** A one-time prekey for `from` (its PeerId, authenticated by Noise), or undefined: none left, or its quota is spent. */
  provideOneTime: (from: string) => Promise<OneTimePrekey | undefined>
  /** A new device redeems a link code (from: its PeerId, authenticated by Noise). */
  link: (from: string, request: LinkRequest) => Promise<LinkAnswer>
  /** /kabar/mailbox/1.0.0: custody on a mailbox, pushes on a device (node/mailbox/). */
  mailbox: MailboxHandlers
}

export interface NetworkBinding {
  transport: DeliveryTransport
  register: (handlers: NetworkHandlers) => Promise<void>
  fetchOneTime: (peerId: string, signal: AbortSignal) => Promise<OneTimePrekey | undefined>
  /** A /kabar/mailbox stream to a mailbox (or, from a mailbox, to its owner's device). */
  openMailbox: (peerId: string, signal: AbortSignal) => Promise<MailboxClient>
  addressesOf: (peerId: string) => Promise<string[]>
  /** Redeems a link code with the account's node at `peerId` (reached through `multiaddrs` when given). */
  requestLink: (peerId: string, multiaddrs: string[], request: LinkRequest) => Promise<{ accountKey: Uint8Array, certificate: Uint8Array }>
  /** Dials the peers `multiaddrs` name (each ends in /p2p/<id>), in order, until one answers: its PeerId, or undefined. */
  dialAny: (multiaddrs: string[], timeoutMs: number) => Promise<string | undefined>
  /** Announced addresses (with /p2p/, a few each) of up to `limit` connected peers that serve kabar's DHT: where another node could join. */
  dhtPeerAddresses: (limit: number) => Promise<string[]>
}

const toWire: Record<AckStatus, WireAck> = { delivered: WireAck.DELIVERED, rejected: WireAck.REJECTED, retry: WireAck.RETRY_LATER }

function fromWire (status: WireAck): AckStatus {
  return status === WireAck.DELIVERED ? 'delivered' : status === WireAck.REJECTED ? 'rejected' : 'retry'
}

export function bindNetwork (libp2p: KabarLibp2p): NetworkBinding {
  return {
    transport: {
      sendMany: async (device, envelopes, signal) => {
        const session = await openMsgStream(libp2p, peerIdFromString(device), { signal }).catch((err: unknown) => { throw unreachable(libp2p, err) })
        try {
          const statuses = await session.sendMany(envelopes, { signal })
          return statuses.map(fromWire)
        } finally {
          await session.close().catch(() => { session.abort() })
        }
      }
    },
    register: async (handlers) => {
      await handleMsgProtocol(libp2p, async (from, envelope) => toWire[await handlers.receive(from.toString(), envelope.id, envelope.payload)], {
        onRejected: (from) => { libp2p.services.guard.charge(from, 'rejected') }
      })
      await handlePrekeyProtocol(libp2p, async (from) => handlers.provideOneTime(from.toString()))
      await handleLinkProtocol(libp2p, async (from, request) => handlers.link(from.toString(), request))
      await handleMailboxProtocol(libp2p, handlers.mailbox)
    },
    requestLink: async (peerId, multiaddrs, request) => {
      const peer = peerIdFromString(peerId)
      const addrs = multiaddrs.flatMap((a) => {
        try {
          return [multiaddr(a)]
        } catch {
          return []
        }
      })
      if (addrs.length > 0) await libp2p.peerStore.merge(peer, { multiaddrs: addrs })
      return requestLink(libp2p, peer, request)
    },
    dialAny: async (multiaddrs, timeoutMs) => {
      const byPeer = new Map<string, Multiaddr[]>()
      for (const text of multiaddrs) {
        const ma = multiaddr(text)
        const peer = ma.getComponents().at(-1)?.value
        if (peer === undefined || peer === libp2p.peerId.toString()) continue
        byPeer.set(peer, [...byPeer.get(peer) ?? [], ma])
      }
      for (const [peer, addrs] of byPeer) {
        try {
          await libp2p.dial(addrs, { signal: AbortSignal.timeout(timeoutMs) })
          return peer
        } catch { /* offline or unreachable: the next peer */ }
      }
      return undefined
    },
    dhtPeerAddresses: async (limit) => {
      const out: string[] = []
      const seen = new Set<string>()
      for (const connection of libp2p.getConnections()) {
        const id = connection.remotePeer.toString()
        if (out.length >= limit || seen.has(id)) continue
        if (connection.status !== 'open' || connection.limits !== undefined) continue
        seen.add(id)
        try {
          // What the peer announced (identify), not the connection's remote address: an inbound
          // connection comes from an ephemeral port nobody can dial.
          const peer = await libp2p.peerStore.get(connection.remotePeer)
          if (!peer.protocols.includes(KABAR_DHT_PROTOCOL)) continue
          const announced = peer.addresses.map((a) => a.multiaddr.toString()).filter((a) => !a.includes('/p2p-circuit'))
          // A few per peer: the first may be a loopback or LAN address another machine cannot reach.
          out.push(...announced.slice(0, 3).map((a) => a.includes('/p2p/') ? a : `${a}/p2p/${id}`))
        } catch { /* the peer store does not know it (any more) */ }
      }
      return out
    },
    openMailbox: async (peerId, signal) => MailboxClient.open(libp2p, peerIdFromString(peerId), { signal }),
    fetchOneTime: async (peerId, signal) => fetchOneTimePrekey(libp2p, peerIdFromString(peerId), { signal }),
    addressesOf: async (peerId) => {
      try {
        const peer = await libp2p.peerStore.get(peerIdFromString(peerId))
        return peer.addresses.map((a) => a.multiaddr.toString())
      } catch {
        return []
      }
    }
  }
}

/**
 * Why a device could not be reached, for the message's state: our node has no peers at all (so it
 * could not look the device up), no address is known for the device, or it did not answer at the
 * addresses known (offline). libp2p names the second NoValidAddressesError (dial) or NotFoundError
 * (peer routing found nothing).
 */
function unreachable (libp2p: KabarLibp2p, err: unknown): DeviceUnreachableError {
  const name = (err as Error | undefined)?.name
  const noAddress = name === 'NoValidAddressesError' || name === 'NotFoundError'
  if (libp2p.getConnections().length === 0 && routingTableSize(libp2p) === 0) return new DeviceUnreachableError(noAddress ? 'no-peers' : 'recipient-offline', { cause: err })
  return new DeviceUnreachableError(noAddress ? 'no-address' : 'recipient-offline', { cause: err })
}
