/**
 * Closes what kad-dht 16 leaves open to any peer that speaks the DHT.
 *
 * NOTE: kad-dht takes no options for any of this, so three of its parts are
 * wrapped on the node's own instance; the shape of each is checked first, and
 * if a future kad-dht changes it nothing is patched, {@link guardDht] returns
 * false, and test/net/dht-guard.spec.ts fails, so an upgrade cannot silently
 * reopen a hole.
 * - Provider records: kabar publishes and looks up none, yet kad-dht stores
 *   every ADD_PROVIDER and merges every address it names into the peer store
 *   (the planting of STACK.md). Both provider message types, ADD_PROVIDER and
 *   GET_PROVIDERS, are refused: the RPC handler throws, kad-dht resets the
 *   stream, and the sender's budget is charged a fault (peer-guard.ts).
 * - Stored records: PUT_VALUE stores any record our validators accept, and a
 *   peer can mint valid records under as many keys as it makes identities. A
 *   peer may have stored at most MAX_RECORD_KEYS_PER_PEER keys with us, and we
 *   store at most MAX_DHT_RECORD_KEYS keys for others (each counted for
 *   DHT_RECORD_QUOTA_MS); past either, a put for a new key is acked without
 *   being stored, as kad's best-effort puts allow. Overwriting a key we hold
 *   always works, so records keep being refreshed.
 * - Peers named in answers: every closer peer or provider in an answer to our
 *   own queries becomes a peer-store entry (libp2p merges each the DHT reports
 *   as discovered). Those reports are capped to MAX_ADDRESSES_PER_PEER
 *   addresses each and DHT_PEERS_PER_ANSWER per answer: kad-dht reports an
 *   answer's peers one after another in one synchronous loop, so the reports
 *   of one answer are those until the next microtask. Our own queries still
 *   see every peer an answer names; only what the node remembers is bounded.
 */
import { InvalidMessageError } from '@libp2p/interface'
import type { PeerId, PeerInfo } from '@libp2p/interface'
import { DHT_PEERS_PER_ANSWER, DHT_RECORD_QUOTA_MS, MAX_ADDRESSES_PER_PEER, MAX_DHT_RECORD_KEYS, MAX_RECORD_KEYS_PER_PEER } from './constants.ts'

interface RpcMessage { type: string, key?: Uint8Array }
interface RpcHandler { handle: (peerId: PeerId, msg: RpcMessage) => Promise<RpcMessage | undefined> }
interface GuardedDht {
  rpc: { handlers: Record<string, RpcHandler | undefined> }
  dispatchEvent: (event: Event) => boolean
}

export interface DhtGuardLimits {
  recordKeysPerPeer: number
  recordKeys: number
  quotaMs: number
  peersPerAnswer: number
  clock: () => number
}

const DEFAULT_LIMITS: DhtGuardLimits = {
  recordKeysPerPeer: MAX_RECORD_KEYS_PER_PEER,
  recordKeys: MAX_DHT_RECORD_KEYS,
  quotaMs: DHT_RECORD_QUOTA_MS,
  peersPerAnswer: DHT_PEERS_PER_ANSWER,
  clock: Date.now
}

function guardable (dht: unknown): dht is GuardedDht {
  const handlers = (dht as Partial<GuardedDht> | undefined)?.rpc?.handlers
  return handlers !== undefined && typeof (dht as GuardedDht).dispatchEvent === 'function' &&
    ['PUT_VALUE', 'ADD_PROVIDER', 'GET_PROVIDERS'].every((type) => typeof handlers[type]?.handle === 'function')
}

/** Applies the three guards to `libp2p`'s DHT; true if it did (or already had). */
export function guardDht (libp2p: { services: { dht: unknown } }, limits: Partial<DhtGuardLimits> = {}): boolean {
  const dht = libp2p.services.dht
  if (!guardable(dht)) return false
  if ((dht as { kabarGuarded?: boolean }).kabarGuarded === true) return true
  const l = { ...DEFAULT_LIMITS, ...limits }
  refuseProviders(dht)
  quotaRecords(dht, l)
  boundDiscovery(dht, l)
  Object.defineProperty(dht, 'kabarGuarded', { value: true })
  return true
}

function refuseProviders (dht: GuardedDht): void {
  for (const type of ['ADD_PROVIDER', 'GET_PROVIDERS']) {
    dht.rpc.handlers[type] = {
      handle: async () => Promise.reject(new InvalidMessageError(`${type} refused: kabar keeps no provider records`))
    }
  }
}

function quotaRecords (dht: GuardedDht, l: DhtGuardLimits): void {
  const put = dht.rpc.handlers.PUT_VALUE as RpcHandler
  const original = put.handle.bind(put)
  /** Record key (hex) -> who first stored it and when; Map order is that order. */
  const keys = new Map<string, { peer: string, at: number }>()
  const perPeer = new Map<string, number>()
  const expire = (now: number): void => {
    for (const [key, entry] of keys) {
      if (now - entry.at < l.quotaMs) return
      keys.delete(key)
      const left = (perPeer.get(entry.peer) ?? 1) - 1
      if (left <= 0) perPeer.delete(entry.peer)
      else perPeer.set(entry.peer, left)
    }
  }
  put.handle = async (peerId, msg) => {
    const key = msg.key === undefined ? '' : Buffer.from(msg.key).toString('hex')
    const now = l.clock()
    expire(now)
    if (keys.has(key)) return original(peerId, msg)
    const peer = peerId.toString()
    const mine = perPeer.get(peer) ?? 0
    if (mine >= l.recordKeysPerPeer || keys.size >= l.recordKeys) return msg
    const answer = await original(peerId, msg)
    // Stored (the original throws on a record our validators refuse): count it.
    if (!keys.has(key)) {
      keys.set(key, { peer, at: now })
      perPeer.set(peer, (perPeer.get(peer) ?? 0) + 1)
    }
    return answer
  }
}

function boundDiscovery (dht: GuardedDht, l: DhtGuardLimits): void {
  const dispatch = dht.dispatchEvent.bind(dht)
  let inAnswer = 0
  dht.dispatchEvent = (event: Event): boolean => {
    if (event.type !== 'peer' || !(event instanceof CustomEvent)) return dispatch(event)
    if (inAnswer === 0) queueMicrotask(() => { inAnswer = 0 })
    if (++inAnswer > l.peersPerAnswer) return false
    const peer = event.detail as PeerInfo
    if (peer.multiaddrs.length <= MAX_ADDRESSES_PER_PEER) return dispatch(event)
    return dispatch(new CustomEvent('peer', { detail: { ...peer, multiaddrs: peer.multiaddrs.slice(0, MAX_ADDRESSES_PER_PEER) } }))
  }
}
