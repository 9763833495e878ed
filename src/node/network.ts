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
import type { LinkAnswer, LinkRequest } from '../net/protocols/link.ts'
import { multiaddr } from '@multiformats/multiaddr'
import type { AckStatus, DeliveryTransport } from './messaging/transport.ts'

export interface NetworkHandlers {
  receive: (from: string, envelopeId: Uint8Array, payload: Uint8Array) => Promise<AckStatus>
  /** A one-time prekey for `from` (its PeerId, authenticated by Noise), or undefined: none left, or its quota is spent. */
  provideOneTime: (from: string) => Promise<OneTimePrekey | undefined>
  /** A new device redeems a link code (from: its PeerId, authenticated by Noise). */
  link: (from: string, request: LinkRequest) => Promise<LinkAnswer>
}

export interface NetworkBinding {
  transport: DeliveryTransport
  register: (handlers: NetworkHandlers) => Promise<void>
  fetchOneTime: (peerId: string, signal: AbortSignal) => Promise<OneTimePrekey | undefined>
  addressesOf: (peerId: string) => Promise<string[]>
  /** Redeems a link code with the account's node at `peerId` (reached through `multiaddrs` when given). */
  requestLink: (peerId: string, multiaddrs: string[], request: LinkRequest) => Promise<{ accountKey: Uint8Array, certificate: Uint8Array }>
}

const toWire: Record<AckStatus, WireAck> = { delivered: WireAck.DELIVERED, rejected: WireAck.REJECTED, retry: WireAck.RETRY_LATER }

function fromWire (status: WireAck): AckStatus {
  return status === WireAck.DELIVERED ? 'delivered' : status === WireAck.REJECTED ? 'rejected' : 'retry'
}

export function bindNetwork (libp2p: KabarLibp2p): NetworkBinding {
  return {
    transport: {
      sendMany: async (device, envelopes, signal) => {
        const session = await openMsgStream(libp2p, peerIdFromString(device), { signal })
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
