/**
 * A node's DHT routing table takes in the peers it talks to, not every peer a
 * DHT answer names (src/net/dht-contacts.ts). kad-dht announces the peers of
 * every answer as a `peer` event of its network; stock kad-dht then dials each
 * new one to ping it before adding it to the table. Here node A "hears" of X,
 * a live node it has no connection to, exactly that way: A must not dial X,
 * yet its peer store must learn X's addresses (so a query could still dial
 * it), and once A does connect to X, X enters A's table.
 */
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { PeerInfo } from '@libp2p/interface'
import { routingTableSize } from '../../src/net/dht.ts'
import { tableFromConversations } from '../../src/net/dht-contacts.ts'
import type { KabarLibp2p } from '../../src/net/libp2p.ts'
import { connected, createTestNode, stopAll, waitFor } from './helpers.ts'

interface DhtNetwork { safeDispatchEvent: (type: 'peer', init: { detail: PeerInfo }) => void }
const networkOf = (node: KabarLibp2p): DhtNetwork => (node.services.dht as unknown as { network: DhtNetwork }).network

describe('net/dht-contacts', { timeout: 60_000 }, () => {
  let a: KabarLibp2p | undefined
  let x: KabarLibp2p | undefined
  before(async () => {
    a = await createTestNode({ transport: 'memory' })
    x = await createTestNode({ transport: 'memory' })
  })
  after(async () => { await stopAll([a, x]) })

  it('does not dial a peer a DHT answer names, yet records its addresses', async () => {
    assert.ok(a !== undefined && x !== undefined)
    networkOf(a).safeDispatchEvent('peer', { detail: { id: x.peerId, multiaddrs: x.getMultiaddrs() } })
    await waitFor("X's addresses in A's peer store", async () => a !== undefined && x !== undefined && await a.peerStore.has(x.peerId))
    // Stock kad-dht dials and pings X within milliseconds here; give it ample time to.
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    assert.equal(connected(a, x), false, 'A dialled a peer it only heard of')
    assert.equal(routingTableSize(a), 0)
  })

  it('takes the peer in once there is a connection to it', async () => {
    assert.ok(a !== undefined && x !== undefined)
    await a.dial(x.peerId, { signal: AbortSignal.timeout(10_000) })
    await waitFor("X in A's routing table", () => a !== undefined && routingTableSize(a) === 1, 15_000)
  })

  // Last: the tests above show createKabarLibp2p applied it; this one that kad-dht still has the shape it wraps.
  it('recognises kad-dht\'s shape (an upgrade that changes it fails here)', () => {
    assert.ok(a !== undefined)
    assert.equal(tableFromConversations(a), true)
  })
})
