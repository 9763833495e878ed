/**
 * Two libp2p nodes in one process must not share peer-store locks: while one
 * node holds the write lock on its entry for a peer, the other still reads
 * and writes its own entry for that peer (src/net/peer-store-locks.ts).
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { multiaddr } from '@multiformats/multiaddr'
import { isolatePeerStoreLocks } from '../../src/net/peer-store-locks.ts'
import { peerIdFromEd25519PublicKey } from '../../src/net/peer-id.ts'
import { createTestNode, stopAll } from './helpers.ts'
import type { KabarLibp2p } from '../../src/net/libp2p.ts'

type Release = () => void
interface Store { getWriteLock: (peerId: unknown) => Promise<Release> }

const storeOf = (node: KabarLibp2p): Store => (node as unknown as { components: { peerStore: { store: Store } } }).components.peerStore.store

/** `work` settled within `ms`, or 'blocked'. */
async function within<T> (ms: number, work: Promise<T>): Promise<T | 'blocked'> {
  let timer: NodeJS.Timeout | undefined
  const blocked = new Promise<'blocked'>((resolve) => { timer = setTimeout(() => { resolve('blocked') }, ms) })
  try {
    return await Promise.race([work, blocked])
  } finally {
    clearTimeout(timer)
  }
}

describe('net/peer-store-locks', { timeout: 30_000 }, () => {
  it('a write lock in one node does not block another node of the process on the same peer', async () => {
    const nodes: KabarLibp2p[] = []
    try {
      nodes.push(await createTestNode({ transport: 'memory' }), await createTestNode({ transport: 'memory' }))
      const [a, b] = nodes as [KabarLibp2p, KabarLibp2p]
      const x = peerIdFromEd25519PublicKey(new Uint8Array(randomBytes(32)))
      await a.peerStore.merge(x, { multiaddrs: [multiaddr('/memory/x')] })
      const release = await storeOf(a).getWriteLock(x)
      try {
        const merged = await within(5_000, b.peerStore.merge(x, { multiaddrs: [multiaddr('/memory/x')] }))
        assert.notEqual(merged, 'blocked', 'node B waited for node A\'s lock on its own peer store entry')
        const read = await within(5_000, b.peerStore.get(x))
        assert.notEqual(read, 'blocked')
        assert.equal(read === 'blocked' ? '' : read.id.toString(), x.toString())
        // A's own entry is still guarded by A's lock.
        assert.equal(await within(300, a.peerStore.get(x)), 'blocked')
      } finally {
        release()
      }
      const after = await within(5_000, a.peerStore.get(x))
      assert.equal(after === 'blocked' ? '' : after.id.toString(), x.toString())
    } finally {
      await stopAll(nodes)
    }
  })

  it('patches a node once and reports it', async () => {
    const nodes: KabarLibp2p[] = []
    try {
      nodes.push(await createTestNode({ transport: 'memory' }))
      assert.equal(isolatePeerStoreLocks(nodes[0]), true)
      assert.equal(isolatePeerStoreLocks({ peerId: (nodes[0]).peerId }), false)
    } finally {
      await stopAll(nodes)
    }
  })
})
