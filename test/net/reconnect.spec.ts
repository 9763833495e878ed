/**
 * libp2p's reconnect queue (connection-manager/reconnect-queue.js) is where
 * libp2p calls p-retry, which package.json's `overrides` pins to 7 (8
 * requires Node 22): a peer tagged KEEP_ALIVE that drops is redialled, and a
 * first redial that fails is retried after p-retry's backoff.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { KEEP_ALIVE } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import type { KabarLibp2p } from '../../src/net/libp2p.ts'
import { privateKeyFromSeed } from '../../src/net/peer-id.ts'
import { addrsOf, connected, createTestNode, stopAll, waitFor } from './helpers.ts'

describe('reconnecting to a KEEP_ALIVE peer (p-retry under libp2p)', () => {
  it('redials a kept-alive peer that dropped, retrying until it is back', async () => {
    const seed = randomBytes(32)
    const nodes: KabarLibp2p[] = []
    try {
      const a = await createTestNode({ transport: 'tcp' })
      nodes.push(a)
      const b = await createTestNode({ transport: 'tcp', privateKey: privateKeyFromSeed(seed) })
      nodes.push(b)
      await a.dial(multiaddr(addrsOf(b)[0] ?? ''))
      await a.peerStore.merge(b.peerId, { tags: { [KEEP_ALIVE]: { value: 1 } } })
      const dials: number[] = []
      a.addEventListener('peer:connect', () => { dials.push(Date.now()) })
      await b.stop()
      // A's first redial meets nobody; B comes back on a new port, and A's peer store learns it.
      await waitFor('A sees B gone', () => !connected(a, b))
      const back = await createTestNode({ transport: 'tcp', privateKey: privateKeyFromSeed(seed) })
      nodes.push(back)
      await a.peerStore.patch(back.peerId, { multiaddrs: back.getMultiaddrs().map((m) => m.decapsulateCode(421)), tags: { [KEEP_ALIVE]: { value: 1 } } })
      await waitFor('A redialled B', () => connected(a, back), 20_000)
      assert.equal(dials.length, 1, 'one connection made, by the retry')
    } finally {
      await stopAll(nodes)
    }
  })
})
