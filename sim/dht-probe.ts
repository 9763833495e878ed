/**
 * Measures one DHT lookup the way a sender's Directory does it (`dht.get` of
 * a device's prekey record) and counts its hops from kad-dht's own query
 * events.
 *
 * How hops are counted (kad-dht 16, query/query-path.ts): a query starts at
 * peers from our routing table (hop 1). Each PEER_RESPONSE from a peer X
 * lists `closer` peers; the ones the query had not met yet are queried next,
 * at hop(X) + 1. The lookup's hop count is the hop of the peer whose VALUE
 * arrived first. A value held in our own datastore arrives from ourselves
 * first: 0 hops (counted as a local hit); `remoteHops` is then the hop of the
 * first value from another peer, the routing cost proper. `queried` is the number of distinct
 * peers a SEND_QUERY went to: the lookup's message cost.
 */
import type { KadDHT } from '@libp2p/kad-dht'
import { ed25519FromPeerIdString, prekeyKey } from '../src/records/index.ts'

export interface LookupProbe {
  /** ms from the call to the first VALUE (null when none came in time). */
  firstValueMs: number | null
  /** ms until the whole query ended (kad-dht keeps walking to find the best record). */
  totalMs: number
  hops: number | null
  /** Hops of the first value from another peer (the routing cost when the prober holds no copy). */
  remoteHops: number | null
  /** ms from the call to the first value from another peer. */
  firstRemoteMs: number | null
  queried: number
  local: boolean
}

interface QueryDetail { to?: { toString: () => string }, from?: { toString: () => string }, closer?: Array<{ id: { toString: () => string } }> }

export async function probeLookup (dht: KadDHT, self: string, target: string, timeoutMs: number): Promise<LookupProbe> {
  const key = prekeyKey(ed25519FromPeerIdString(target))
  const hop = new Map<string, number>()
  const queried = new Set<string>()
  let firstValueMs: number | null = null
  let hops: number | null = null
  let remoteHops: number | null = null
  let firstRemoteMs: number | null = null
  const start = performance.now()
  const onProgress = (evt: Event): void => {
    const detail = (evt as CustomEvent<QueryDetail>).detail
    if (evt.type === 'kad-dht:query:send-query' && detail.to !== undefined) {
      const to = detail.to.toString()
      queried.add(to)
      if (!hop.has(to)) hop.set(to, 1) // not learned from any response: a starting peer from our routing table
    } else if (evt.type === 'kad-dht:query:peer-response' && detail.from !== undefined) {
      const h = hop.get(detail.from.toString()) ?? 1
      for (const peer of detail.closer ?? []) {
        const id = peer.id.toString()
        if (!hop.has(id)) hop.set(id, h + 1)
      }
    } else if (evt.type === 'kad-dht:query:value' && detail.from !== undefined) {
      const from = detail.from.toString()
      const h = from === self ? 0 : hop.get(from) ?? 1
      if (firstValueMs === null) {
        firstValueMs = performance.now() - start
        hops = h
      }
      if (remoteHops === null && from !== self) {
        firstRemoteMs = performance.now() - start
        remoteHops = h
      }
    }
  }
  try {
    for await (const _ of dht.get(key, { signal: AbortSignal.timeout(timeoutMs), onProgress })) { /* events arrive through onProgress */ }
  } catch { /* timed out: keep what we saw */ }
  return { firstValueMs, totalMs: performance.now() - start, hops, remoteHops, firstRemoteMs, queried: queried.size, local: hops === 0 }
}
