/**
 * Gives each libp2p node's peer store locks of its own when several nodes
 * share one process (tests, `npm run sim`).
 *
 * NOTE: @libp2p/peer-store 12 guards each remote peer's entry with a mortice
 * read/write lock named by that peer's id, and mortice keeps its locks in one
 * registry per process, keyed by name. Every node of a process therefore
 * shares one lock per remote peer: node A's update of its entry for X waits
 * for node B's reads of X, and X's read queue holds the reads of every node at
 * once, which it-queue scans linearly on every add. In a 200-node simulation
 * that scan alone was 21% of the process's CPU, and its garbage most of
 * another 25% (docs/SIMULATION.md). A process with one node is unaffected.
 *
 * The fix names each lock by the node's own id as well: `getLock` and
 * `maybeRemoveLock`, the store's only ways to a lock, are given a key object
 * whose `toString()` (the lock's name, and its key in the store's map of
 * locks) carries the node's id. The store's shape is checked first; if a
 * future peer-store changes it, nothing is patched, `isolatePeerStoreLocks`
 * returns false, and test/net/peer-store-locks.spec.ts fails, so an upgrade
 * cannot silently bring the shared locks back.
 */
import type { PeerId } from '@libp2p/interface'

interface LockKey { toString: () => string }

interface LockingStore {
  getLock: (peerId: LockKey) => unknown
  maybeRemoveLock: (peerId: LockKey, lock: unknown) => void
}

function lockingStore (libp2p: unknown): LockingStore | undefined {
  const store = (libp2p as { components?: { peerStore?: { store?: Partial<LockingStore> } } }).components?.peerStore?.store
  if (typeof store?.getLock !== 'function' || typeof store.maybeRemoveLock !== 'function') return undefined
  return store as LockingStore
}

/** Makes `libp2p`'s peer store name its locks `<own id>/<peer id>`; true if it did (or already had). */
export function isolatePeerStoreLocks (libp2p: { peerId: PeerId }): boolean {
  const store = lockingStore(libp2p)
  if (store === undefined) return false
  if ((store as { kabarIsolated?: boolean }).kabarIsolated === true) return true
  const prefix = `${libp2p.peerId.toString()}/`
  const key = (peerId: LockKey): LockKey => {
    const name = prefix + peerId.toString()
    return { toString: () => name }
  }
  const getLock = store.getLock.bind(store)
  const maybeRemoveLock = store.maybeRemoveLock.bind(store)
  store.getLock = (peerId) => getLock(key(peerId))
  store.maybeRemoveLock = (peerId, lock) => { maybeRemoveLock(key(peerId), lock) }
  Object.defineProperty(store, 'kabarIsolated', { value: true })
  return true
}
