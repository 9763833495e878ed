/**
 * A node that published into a network still forming publishes again as the
 * network grows (src/node/kabar-node.ts, FULL_REPLICAS): records taken by a
 * single peer of a 2-node network would otherwise sit on the first nodes
 * only, while lookups walk to the nodes closest to the key that came later.
 * It does not republish while nothing grows (its republish interval is set
 * far away here).
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import type { KabarNode } from '../../src/node/kabar-node.ts'
import { createNode, stopAll, waitFor } from './helpers.ts'

describe('republication as the network grows', { timeout: 90_000 }, () => {
  const nodes: KabarNode[] = []
  after(async () => { await stopAll(nodes) })

  it('publishes again once the routing table has doubled, and not before', async () => {
    const seed = await createNode()
    nodes.push(seed)
    const early = await createNode({ bootstrap: seed.multiaddrs, republishMs: 600_000 })
    nodes.push(early)
    let first: number | undefined
    await waitFor('the early node\'s first confirmed publication', async () => {
      first = (await early.status()).recordsPublishedAt
      return first !== undefined
    })
    // Twice the growth check's interval with the network unchanged: no new publication.
    await new Promise((resolve) => setTimeout(resolve, 11_000))
    assert.equal((await early.status()).recordsPublishedAt, first)
    for (let i = 0; i < 3; i++) nodes.push(await createNode({ bootstrap: early.multiaddrs, republishMs: 600_000 }))
    await waitFor('a publication after the table doubled', async () => ((await early.status()).recordsPublishedAt ?? 0) > (first ?? 0), 30_000)
    assert.ok((await early.status()).dhtPeers >= 2)
  })
})
