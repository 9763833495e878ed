/**
 * Caps what any peer can make the peer store hold for one remote peer:
 * MAX_ADDRESSES_PER_PEER addresses and MAX_PROTOCOLS_PER_PEER protocols.
 *
 * NOTE: @libp2p/peer-store 12 keeps every address it is given. Each write
 * rebuilds the peer's entry: it sorts all its addresses by their string form
 * and, for each, scans the old list for its first-seen time — quadratic in the
 * addresses held — and libp2p writes to the entry on every stream the peer
 * opens. Anyone can name addresses for a peer: a DHT answer (closer peers,
 * providers), ADD_PROVIDER, identify. A peer that planted 8,000 of its own made
 * each batch of planting cost 12.8 s of CPU and each of its streams 2.5 s
 * (STACK.md). The peer store has no cap of its own (its `addressFilter` sees one
 * address at a time), so the store's three writers, `merge`, `patch` and `save`
 * — the public PeerStore methods every libp2p component writes through — are
 * wrapped on the node's instance:
 * - `patch` and `save` replace the peer's addresses: the first
 *   MAX_ADDRESSES_PER_PEER are kept, certified ones (from a signed peer record)
 *   first; protocols likewise.
 * - `merge` adds to them: when the addresses would exceed the cap, only as many
 *   new ones are added as there is room for. Addresses a peer holds age out of
 *   the store (its maxAddressAge), and identify replaces them with the peer's
 *   own list on every connection, so a full entry still follows a peer that
 *   moves. Merges of one peer are serialised here, so two at once cannot both
 *   fill the last places.
 * The node's own entry is left alone: its addresses are its own listeners.
 */
import type { AbortOptions, Address, PeerData, PeerId, PeerStore } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import { MAX_ADDRESSES_PER_PEER, MAX_PROTOCOLS_PER_PEER } from './constants.ts'

interface CapLimits { addresses: number, protocols: number }

type Writer = (id: PeerId, data: PeerData, options?: AbortOptions) => Promise<unknown>

/** Addresses of `data`, certified ones first, duplicates dropped (by their string form). */
function addressesOf (data: PeerData): Address[] {
  const all: Address[] = [...(data.addresses ?? []), ...(data.multiaddrs ?? []).map((multiaddr: Multiaddr) => ({ multiaddr, isCertified: false }))]
  all.sort((a, b) => Number(b.isCertified) - Number(a.isCertified))
  const seen = new Set<string>()
  return all.filter((a) => {
    const key = a.multiaddr.toString()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function hasAddresses (data: PeerData): boolean {
  return data.addresses !== undefined || data.multiaddrs !== undefined
}

/** `data` with at most `limits` addresses and protocols, as a replacement of both. */
function capped (data: PeerData, limits: CapLimits): PeerData {
  const out: PeerData = { ...data }
  if (hasAddresses(data)) {
    delete out.multiaddrs
    out.addresses = addressesOf(data).slice(0, limits.addresses)
  }
  if (data.protocols !== undefined && data.protocols.length > limits.protocols) out.protocols = data.protocols.slice(0, limits.protocols)
  return out
}

/** Makes `libp2p`'s peer store keep at most the capped addresses and protocols per remote peer; true if it did (or already had). */
export function capPeerStore (libp2p: { peerId: PeerId, peerStore: PeerStore }, limits: CapLimits = { addresses: MAX_ADDRESSES_PER_PEER, protocols: MAX_PROTOCOLS_PER_PEER }): boolean {
  const store = libp2p.peerStore as PeerStore & { kabarCapped?: boolean }
  if (typeof store.merge !== 'function' || typeof store.patch !== 'function' || typeof store.save !== 'function' || typeof store.get !== 'function') return false
  if (store.kabarCapped === true) return true
  const self = libp2p.peerId
  const merge: Writer = store.merge.bind(store)
  const patch: Writer = store.patch.bind(store)
  const save: Writer = store.save.bind(store)
  const pending = new Map<string, Promise<unknown>>()

  /** Runs `fn` after every earlier capped merge of the same peer. */
  const serial = async <T>(id: PeerId, fn: () => Promise<T>): Promise<T> => {
    const key = id.toString()
    const before = pending.get(key) ?? Promise.resolve()
    const run = before.then(fn, fn)
    const tail = run.catch(() => {})
    pending.set(key, tail)
    void tail.then(() => { if (pending.get(key) === tail) pending.delete(key) })
    return run
  }

  const cappedMerge = async (id: PeerId, data: PeerData, options?: AbortOptions): Promise<unknown> => {
    if (id.equals(self)) return merge(id, data, options)
    if (!hasAddresses(data)) return merge(id, capped(data, limits), options)
    return serial(id, async () => {
      const incoming = addressesOf(data)
      let held: string[] = []
      try {
        held = (await store.get(id, options)).addresses.map((a) => a.multiaddr.toString())
      } catch { /* not in the store yet */ }
      const known = new Set(held)
      const fresh = incoming.filter((a) => !known.has(a.multiaddr.toString()))
      const room = Math.max(0, limits.addresses - held.length)
      const next: PeerData = { ...capped(data, limits), addresses: fresh.slice(0, room) }
      return merge(id, next, options)
    })
  }

  store.merge = cappedMerge as PeerStore['merge']
  store.patch = (async (id: PeerId, data: PeerData, options?: AbortOptions) => patch(id, id.equals(self) ? data : capped(data, limits), options)) as PeerStore['patch']
  store.save = (async (id: PeerId, data: PeerData, options?: AbortOptions) => save(id, id.equals(self) ? data : capped(data, limits), options)) as PeerStore['save']
  Object.defineProperty(store, 'kabarCapped', { value: true })
  return true
}
