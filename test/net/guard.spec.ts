/**
 * THE GUARD. Node 20 has no `Promise.withResolvers`; without the polyfill
 * libp2p 3 crashes on the first ping and kad-dht silently treats every peer as
 * offline, so DHT records just never arrive. These tests ping and move a DHT
 * record between two real nodes over TCP and over the memory transport, so a
 * missing polyfill (or any other break in the stack) fails loudly here.
 */
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { dhtGet, dhtKey, dhtPut, routingTableSize } from '../../src/net/dht.ts'
import type { KabarLibp2p } from '../../src/net/libp2p.ts'
import { addrsOf, connected, createTestNode, encode, stopAll, TEST_NAMESPACE, waitFor } from './helpers.ts'

describe('guard: Promise.withResolvers', () => {
  it('is a function (the polyfill was loaded before libp2p)', () => {
    assert.equal(typeof (Promise as unknown as Record<string, unknown>).withResolvers, 'function')
  })
})

for (const transport of ['tcp', 'memory'] as const) {
  describe(`guard: two nodes over ${transport}`, { timeout: 60_000 }, () => {
    let a: KabarLibp2p | undefined
    let b: KabarLibp2p | undefined

    before(async () => {
      a = await createTestNode({ transport })
      b = await createTestNode({ transport, bootstrap: addrsOf(a) })
      const [na, nb] = [a, b]
      await waitFor('bootstrap connection', () => connected(nb, na))
      await waitFor('both DHT routing tables to fill', () => routingTableSize(na) >= 1 && routingTableSize(nb) >= 1)
    })

    after(async () => { await stopAll([a, b]) })

    it('pings and gets a round-trip time in ms', async () => {
      assert.ok(a !== undefined && b !== undefined)
      const rtt = await b.services.ping.ping(a.peerId, { signal: AbortSignal.timeout(5_000) })
      assert.equal(typeof rtt, 'number')
      assert.ok(Number.isFinite(rtt) && rtt >= 0, `rtt ${rtt}`)
      const back = await a.services.ping.ping(b.peerId, { signal: AbortSignal.timeout(5_000) })
      assert.ok(Number.isFinite(back) && back >= 0, `rtt ${back}`)
    })

    it('puts a custom-namespace record on one node and gets it byte-equal on the other', async () => {
      assert.ok(a !== undefined && b !== undefined)
      const key = dhtKey(TEST_NAMESPACE, `guard-${transport}`)
      const value = encode(`ok:guard record over ${transport} \u00e9\u0000\u00ff`)
      const confirmed = await dhtPut(b, key, value, { timeoutMs: 10_000 })
      assert.ok(confirmed >= 1, `expected the other node to confirm the put, got ${confirmed}`)
      const got = await dhtGet(a, key, { timeoutMs: 10_000 })
      assert.ok(got !== undefined, 'record not found')
      assert.deepEqual(Uint8Array.from(got), value)
    })
  })
}
