/**
 * DHT behaviour kabar depends on, on a 5-node memory network wired as a line
 * (0-1-2-3-4, each node bootstrapping only to its predecessor): node 0 finds
 * node 4 through the DHT without being given its address, records cross the
 * line, and a forged record is refused by every honest node.
 */
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { dhtGet, dhtKey, dhtNamespace, dhtPut, routingTableSize } from '../../src/net/dht.ts'
import type { PeerInfo } from '@libp2p/interface'
import type { KabarLibp2p } from '../../src/net/libp2p.ts'
import { addrsOf, connected, createTestNode, encode, stopAll, TEST_NAMESPACE, waitFor } from './helpers.ts'

describe('dht keys', () => {
  it('builds /namespace/id keys and reads their namespace back', () => {
    const key = dhtKey('kabar-prekey', '12D3KooWabc')
    assert.equal(new TextDecoder().decode(key), '/kabar-prekey/12D3KooWabc')
    assert.equal(dhtNamespace(key), 'kabar-prekey')
    assert.equal(dhtNamespace(dhtKey('ns', Uint8Array.of(1, 2, 47, 3))), 'ns')
  })

  it('has no namespace for keys kad-dht would refuse', () => {
    for (const k of ['', 'abc', '/abc', 'abc/def/ghi', '//x']) {
      assert.equal(dhtNamespace(encode(k)), undefined, JSON.stringify(k))
    }
    assert.throws(() => dhtKey('', 'x'), RangeError)
    assert.throws(() => dhtKey('a/b', 'x'), RangeError)
  })
})

describe('dht: bounds on an isolated node', { timeout: 30_000 }, () => {
  let lonely: KabarLibp2p | undefined
  before(async () => {
    // No peers and queries paused until one appears: every network step would wait forever.
    lonely = await createTestNode({ transport: 'memory', allowQueryWithZeroPeers: false })
  })
  after(async () => { await stopAll([lonely]) })

  it('put stores locally and returns 0 confirmations at its timeout; get still answers from the local copy', async () => {
    assert.ok(lonely !== undefined)
    const key = dhtKey(TEST_NAMESPACE, 'lonely')
    const value = encode('ok:only here')
    const started = Date.now()
    assert.equal(await dhtPut(lonely, key, value, { timeoutMs: 300 }), 0)
    const got = await dhtGet(lonely, key, { timeoutMs: 300 })
    assert.ok(Date.now() - started < 5_000)
    assert.ok(got !== undefined)
    assert.deepEqual(Uint8Array.from(got), value)
    assert.equal(await dhtGet(lonely, dhtKey(TEST_NAMESPACE, 'missing'), { timeoutMs: 300 }), undefined)
  })

  it("rethrows the caller's own abort instead of returning a partial answer", async () => {
    assert.ok(lonely !== undefined)
    const key = dhtKey(TEST_NAMESPACE, 'lonely')
    const controller = new AbortController()
    setTimeout(() => { controller.abort(new Error('caller gave up')) }, 100)
    await assert.rejects(dhtGet(lonely, key, { timeoutMs: 10_000, signal: controller.signal }))
    await assert.rejects(dhtPut(lonely, key, encode('ok:again'), { timeoutMs: 10_000, signal: AbortSignal.abort() }))
  })
})

describe('dht: 5-node line over memory', { timeout: 90_000 }, () => {
  const nodes: KabarLibp2p[] = []
  let forger: KabarLibp2p | undefined

  const node = (i: number): KabarLibp2p => {
    const n = nodes[i]
    assert.ok(n !== undefined, `node ${i}`)
    return n
  }

  before(async () => {
    for (let i = 0; i < 5; i++) {
      const prev = nodes[i - 1]
      nodes.push(await createTestNode({ transport: 'memory', bootstrap: prev === undefined ? [] : addrsOf(prev) }))
    }
    for (let i = 1; i < 5; i++) {
      await waitFor(`link ${i - 1}-${i}`, () => connected(node(i), node(i - 1)))
    }
    await waitFor('every routing table to hold its neighbours', () =>
      nodes.every((n, i) => routingTableSize(n) >= (i === 0 || i === 4 ? 1 : 2)))
  })

  after(async () => { await stopAll([...nodes, forger]) })

  it('node 0 finds node 4 through peer routing, without being given its address', async () => {
    // Node 0 was given no address at all (node 1 dialled it). Kademlia only follows peers
    // closer to the target than the one that named them, so on a bare line the lookup can
    // stop early; the DHT's own self-lookups (about 1 s after a node's first peer) fill the
    // tables, so the lookup is retried, always over the network, within one bound.
    const target = node(4).peerId
    const deadline = Date.now() + 20_000
    let found: PeerInfo | undefined
    while (found === undefined) {
      try {
        found = await node(0).peerRouting.findPeer(target, { useCache: false, signal: AbortSignal.timeout(5_000) })
      } catch (err) {
        if (Date.now() > deadline) throw err
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
    }
    assert.ok(found.id.equals(target))
    const listen = node(4).getMultiaddrs().map((ma) => ma.decapsulateCode(421).toString())
    const foundAddrs = found.multiaddrs.map((ma) => ma.decapsulateCode(421).toString())
    assert.ok(foundAddrs.some((a) => listen.includes(a)), `found ${foundAddrs.join(', ')}; listening on ${listen.join(', ')}`)
    const rtt = await node(0).services.ping.ping(found.multiaddrs, { signal: AbortSignal.timeout(5_000) })
    assert.ok(Number.isFinite(rtt))
  })

  it('getClosestPeers from node 0 reaches the far end of the line', async () => {
    const closest: string[] = []
    for await (const peer of node(0).peerRouting.getClosestPeers(node(4).peerId.toMultihash().bytes, { signal: AbortSignal.timeout(20_000) })) {
      closest.push(peer.id.toString())
    }
    assert.ok(closest.includes(node(4).peerId.toString()), `closest: ${closest.join(', ')}`)
  })

  it('a record put by node 4 is read byte-equal by node 0', async () => {
    const key = dhtKey(TEST_NAMESPACE, 'line-record')
    const value = encode('ok:from the far end of the line')
    const confirmed = await dhtPut(node(4), key, value, { timeoutMs: 20_000 })
    assert.ok(confirmed >= 1, `confirmed ${confirmed}`)
    const got = await dhtGet(node(0), key, { timeoutMs: 20_000 })
    assert.ok(got !== undefined, 'record not found')
    assert.deepEqual(Uint8Array.from(got), value)
  })

  it('an honest node refuses to put a record its own validator rejects', async () => {
    const key = dhtKey(TEST_NAMESPACE, 'forged-local')
    await assert.rejects(dhtPut(node(2), key, encode('forged'), { timeoutMs: 5_000 }), /forged kabar-test record/)
    assert.equal(await dhtGet(node(2), key, { timeoutMs: 5_000 }), undefined)
  })

  it('refuses a key whose namespace has no validator', async () => {
    await assert.rejects(dhtPut(node(1), encode('/unknown-ns/x'), encode('ok:x'), { timeoutMs: 5_000 }), TypeError)
  })

  it('a forged record pushed by a node with a permissive validator is stored by no honest node', async () => {
    forger = await createTestNode({ transport: 'memory', bootstrap: addrsOf(node(2)), dhtValidators: { [TEST_NAMESPACE]: () => {} } })
    const f = forger
    await waitFor('forger in the DHT', () => routingTableSize(f) >= 1)
    const key = dhtKey(TEST_NAMESPACE, 'forged-remote')
    const confirmed = await dhtPut(f, key, encode('forged by a bad node'), { timeoutMs: 15_000 })
    assert.equal(confirmed, 0)
    for (const i of [0, 2, 4]) {
      assert.equal(await dhtGet(node(i), key, { timeoutMs: 10_000 }), undefined, `node ${i} returned the forgery`)
    }
  })
})
