/**
 * The product's spine, in one process: nodes find each other only through
 * the DHT, set up PQXDH sessions from published records, and message both
 * ways over direct streams.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { KabarNode } from '../../src/node/kabar-node.ts'
import { createNetwork, publishConfirmed, stopAll, waitForMessages, waitForStatus } from './helpers.ts'

describe('a 6-node network over the memory transport', () => {
  let seed: KabarNode
  let nodes: KabarNode[] = []

  before(async () => {
    const net = await createNetwork(5)
    seed = net.seed
    nodes = net.nodes
    for (const n of nodes) await publishConfirmed(n)
  })

  after(async () => {
    await stopAll([seed, ...nodes])
  })

  it('A finds B through the DHT alone and they message both ways', async () => {
    const [a, , , , b] = nodes as [KabarNode, KabarNode, KabarNode, KabarNode, KabarNode]
    // A was only given the seed's address. The DHT's own maintenance may have
    // connected A and B already: forget B entirely, so A must find B's
    // records and addresses through the DHT again.
    const bId = b.libp2p.peerId
    await a.libp2p.hangUp(bId)
    await a.libp2p.peerStore.delete(bId)
    assert.equal(a.libp2p.getPeers().some((p) => p.equals(bId)), false)

    const lookup = await a.lookup(b.address)
    assert.equal(lookup.account?.devices[0]?.peerId, b.address)
    assert.ok(lookup.prekeys[b.address] !== undefined)

    const sent = await a.send(b.address, 'hello B, found you through the DHT')
    await waitForStatus(a, sent.id, 'delivered')
    const [received] = await waitForMessages(b, a.address, 1)
    assert.equal(received?.text, 'hello B, found you through the DHT')
    assert.equal(received?.from, a.address)
    assert.equal(received?.id, sent.id)

    const reply = await b.send(a.address, 'hi A')
    await waitForStatus(b, reply.id, 'delivered')
    const [back] = await waitForMessages(a, b.address, 1)
    assert.equal(back?.text, 'hi A')
    assert.equal(await a.safetyNumber(b.address), await b.safetyNumber(a.address))
  })

  it('keeps order and exactly-once across a burst in both directions', async () => {
    const [, c, d] = nodes as [KabarNode, KabarNode, KabarNode]
    const sends = []
    for (let i = 0; i < 20; i++) sends.push(await c.send(d.address, `c->d ${i}`))
    for (let i = 0; i < 5; i++) sends.push(await d.send(c.address, `d->c ${i}`))
    const atD = await waitForMessages(d, c.address, 20)
    const atC = await waitForMessages(c, d.address, 5)
    assert.deepEqual(atD.map((m) => m.text), Array.from({ length: 20 }, (_, i) => `c->d ${i}`))
    assert.deepEqual(atD.map((m) => m.seq), Array.from({ length: 20 }, (_, i) => i + 1))
    assert.deepEqual(atC.map((m) => m.text), Array.from({ length: 5 }, (_, i) => `d->c ${i}`))
  })
})
