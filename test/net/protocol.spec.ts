/**
 * kabar runs its DHT on `/kabar/kad/1.0.0`, so a peer of another DHT (here the
 * IPFS default `/ipfs/kad/1.0.0`) may connect but never enters a kabar
 * routing table, and never stores kabar records.
 *
 * Made deterministic with a positive control: the foreign node connects and is
 * identified first; then a kabar node connects, and once that kabar node is in
 * the table (which proves the table-update path ran after the foreign peer's
 * identify), the table must hold exactly that one peer, and still does later.
 */
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { routingTableSize } from '../../src/net/dht.ts'
import { KABAR_DHT_PROTOCOL } from '../../src/net/constants.ts'
import type { KabarLibp2p } from '../../src/net/libp2p.ts'
import { addrsOf, connected, createTestNode, stopAll, waitFor } from './helpers.ts'

const IPFS_DHT_PROTOCOL = '/ipfs/kad/1.0.0'

describe('dht: a node on another DHT protocol', { timeout: 60_000 }, () => {
  let kabar: KabarLibp2p | undefined
  let foreign: KabarLibp2p | undefined
  let friend: KabarLibp2p | undefined

  before(async () => {
    const k = kabar = await createTestNode({ transport: 'memory' })
    const f = foreign = await createTestNode({ transport: 'memory', dhtProtocol: IPFS_DHT_PROTOCOL, bootstrap: addrsOf(k) })
    await waitFor('foreign node connected', () => connected(f, k))
    await waitFor('foreign node identified', async () => {
      const peer = await k.peerStore.get(f.peerId).catch(() => undefined)
      return peer?.protocols.includes(IPFS_DHT_PROTOCOL) === true
    })
    const fr = friend = await createTestNode({ transport: 'memory', bootstrap: addrsOf(k) })
    await waitFor('kabar friend in the routing table', () => routingTableSize(k) >= 1 && routingTableSize(fr) >= 1)
  })

  after(async () => { await stopAll([kabar, foreign, friend]) })

  it('connects but stays out of the kabar routing table, and vice versa', async () => {
    assert.ok(kabar !== undefined && foreign !== undefined && friend !== undefined)
    const peer = await kabar.peerStore.get(foreign.peerId)
    assert.equal(peer.protocols.includes(KABAR_DHT_PROTOCOL), false)
    assert.ok(connected(kabar, foreign))
    assert.equal(routingTableSize(kabar), 1, 'only the kabar friend belongs in the table')
    assert.equal(routingTableSize(foreign), 0)
    // Give any late (wrong) table update time to show.
    await new Promise((resolve) => setTimeout(resolve, 500))
    assert.equal(routingTableSize(kabar), 1)
    assert.equal(routingTableSize(foreign), 0)
  })

  it('kabar peer routing never returns the foreign peer as a DHT peer', async () => {
    assert.ok(kabar !== undefined && foreign !== undefined && friend !== undefined)
    const closest = []
    for await (const p of kabar.peerRouting.getClosestPeers(foreign.peerId.toMultihash().bytes, { signal: AbortSignal.timeout(10_000) })) {
      closest.push(p.id.toString())
    }
    assert.ok(!closest.includes(foreign.peerId.toString()), `closest: ${closest.join(', ')}`)
  })
})
