/**
 * createKabarLibp2p's own promises: dead bootstrap addresses never crash a
 * node, bootstrap waits for a deferred start, the DHT mode follows
 * `dhtServer`, and bad settings fail at creation. mDNS discovery is not run
 * here: its multicast leaves the loopback interface, and tests stay on loopback.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { KABAR_DHT_PROTOCOL } from '../../src/net/constants.ts'
import { createKabarLibp2p } from '../../src/net/libp2p.ts'
import type { KabarLibp2p } from '../../src/net/libp2p.ts'
import { peerIdFromEd25519PublicKey, privateKeyFromSeed } from '../../src/net/peer-id.ts'
import { addrsOf, connected, createTestNode, memoryAddr, stopAll, waitFor } from './helpers.ts'

describe('net/libp2p', { timeout: 60_000 }, () => {
  it('survives dead and refusing bootstrap addresses without an unhandled rejection', async () => {
    const rejections: unknown[] = []
    const onRejection = (reason: unknown): void => { rejections.push(reason) }
    process.on('unhandledRejection', onRejection)
    const ghost = peerIdFromEd25519PublicKey(new Uint8Array(randomBytes(32))).toString()
    let node: KabarLibp2p | undefined
    try {
      node = await createTestNode({
        transport: 'tcp',
        bootstrap: [`/ip4/127.0.0.1/tcp/1/p2p/${ghost}`, `/ip4/127.0.0.1/tcp/9/p2p/${ghost}`]
      })
      const n = node
      // Both dials fail fast with ECONNREFUSED; give the failures time to surface.
      await waitFor('dials to fail', () => n.getDialQueue().length === 0, 15_000)
      await new Promise((resolve) => setTimeout(resolve, 200))
      assert.equal(n.status, 'started')
      assert.deepEqual(rejections, [])
    } finally {
      process.off('unhandledRejection', onRejection)
      await stopAll([node])
    }
  })

  it('dials the bootstrap list only once a deferred node is started', async () => {
    let a: KabarLibp2p | undefined
    let b: KabarLibp2p | undefined
    try {
      a = await createTestNode({ transport: 'memory' })
      b = await createTestNode({ transport: 'memory', bootstrap: addrsOf(a), start: false })
      const [na, nb] = [a, b]
      assert.equal(nb.status, 'stopped')
      await new Promise((resolve) => setTimeout(resolve, 100))
      assert.equal(connected(na, nb), false)
      await nb.start()
      await waitFor('bootstrap after start', () => connected(nb, na))
    } finally {
      await stopAll([a, b])
    }
  })

  it('serves the DHT on /kabar/kad/1.0.0 by default and auto-detects the mode when dhtServer is false', async () => {
    let server: KabarLibp2p | undefined
    let auto: KabarLibp2p | undefined
    try {
      server = await createTestNode({ transport: 'memory' })
      auto = await createTestNode({ transport: 'memory', dhtServer: false })
      assert.equal(server.services.dht.getMode(), 'server')
      assert.ok(server.getProtocols().includes(KABAR_DHT_PROTOCOL))
      // A node with only a memory address has no public address, so autodetect keeps it a client.
      assert.equal(auto.services.dht.getMode(), 'client')
      assert.ok(!auto.getProtocols().includes(KABAR_DHT_PROTOCOL))
    } finally {
      await stopAll([server, auto])
    }
  })

  it('rejects a malformed bootstrap address and mDNS without TCP at creation', async () => {
    await assert.rejects(createTestNode({ transport: 'memory', bootstrap: ['not a multiaddr'], start: false }))
    await assert.rejects(createKabarLibp2p({
      privateKey: privateKeyFromSeed(new Uint8Array(32)),
      listen: [memoryAddr()],
      transport: 'memory',
      mdns: true
    }), TypeError)
  })

  it('pings its connections to keep them alive over TCP, never over the memory transport', async () => {
    const nodes: KabarLibp2p[] = []
    try {
      for (const transport of ['memory', 'tcp'] as const) {
        const a = await createTestNode({ transport })
        const b = await createTestNode({ transport })
        nodes.push(a, b)
        const address = b.getMultiaddrs()[0]
        assert.ok(address !== undefined)
        const connection = await a.dial(address)
        const muxer = (connection as unknown as { muxer?: { enableKeepAlive?: boolean } }).muxer
        assert.equal(muxer?.enableKeepAlive, transport === 'tcp', `${transport}: keep-alive ${String(muxer?.enableKeepAlive)}`)
      }
    } finally {
      await stopAll(nodes)
    }
  })
})
