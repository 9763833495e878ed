/**
 * The simulation's nodes over worker threads: the thread transport connects
 * libp2p nodes through MessageChannels routed by the main thread (within one
 * thread here: a ping, a close seen by both ends, a refused dial, bytes
 * counted), and a WorkerPool runs nodes in two workers that find each other,
 * publish and deliver a message across threads.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, describe, it } from 'node:test'
import { multiaddr } from '@multiformats/multiaddr'
import { createKabarLibp2p } from '../../src/net/libp2p.ts'
import type { KabarLibp2p } from '../../src/net/libp2p.ts'
import { privateKeyFromSeed } from '../../src/net/peer-id.ts'
import type { Arrival } from '../../sim/network.ts'
import { ThreadNetwork, ThreadRouter, threadTransport, threadWireBytes } from '../../sim/thread-transport.ts'
import { WorkerPool } from '../../sim/worker-pool.ts'
import { waitFor } from '../utils/wait.ts'

const address = (name: string): string => `/memory/kabar-threads-test-${process.pid}-${name}-${randomBytes(4).toString('hex')}`

describe('sim/thread-transport', { timeout: 60_000 }, () => {
  const router = new ThreadRouter()
  const nodes: KabarLibp2p[] = []
  after(async () => {
    await Promise.allSettled(nodes.map(async (n) => { await n.stop() }))
    router.close()
  })

  const node = async (thread: number, network: ThreadNetwork): Promise<KabarLibp2p> => {
    const listen = address(`n${nodes.length}`)
    router.assign(listen, thread)
    // As the simulation's nodes are (sim/node-host.ts): many local peers, no per-host inbound limit.
    const n = await createKabarLibp2p({ privateKey: privateKeyFromSeed(randomBytes(32)), listen: [listen], transport: 'memory', memoryTransport: threadTransport(network), allowLoopback: true })
    nodes.push(n)
    return n
  }

  it('connects two nodes through the router, pings, and closes both ends', async () => {
    // Two "threads" of this one thread: each has its own router port, as a worker would.
    const [netA, netB] = [new ThreadNetwork(router.addThread()), new ThreadNetwork(router.addThread())]
    const a = await node(0, netA)
    const b = await node(1, netB)
    const sentBefore = threadWireBytes()
    const conn = await b.dial(a.getMultiaddrs(), { signal: AbortSignal.timeout(10_000) })
    assert.equal(conn.remotePeer.toString(), a.peerId.toString())
    const rtt = await b.services.ping.ping(a.peerId, { signal: AbortSignal.timeout(5_000) })
    assert.ok(rtt >= 0)
    assert.ok(threadWireBytes() > sentBefore, 'the bytes of the handshake and the ping were counted')
    await waitFor('A to see the connection', () => a.getConnections(b.peerId).length > 0, 5_000)
    await b.hangUp(a.peerId)
    await waitFor('A to see it closed', () => a.getConnections(b.peerId).length === 0, 5_000)
  })

  it('takes many inbound connections at once without piling abort listeners on one signal', async () => {
    // Each inbound upgrade used to add a listener to the listener's one shutdown signal: 11 dials
    // in flight printed a MaxListenersExceededWarning (a seed while 50 nodes join, in `npm run sim`).
    const warnings: string[] = []
    const onWarning = (w: Error): void => { if (w.name === 'MaxListenersExceededWarning') warnings.push(w.message) }
    process.on('warning', onWarning)
    try {
      // One more thread, hosting the hub and its peers (as a worker hosts many nodes); the first test made threads 0 and 1.
      const net = new ThreadNetwork(router.addThread())
      const hub = await node(2, net)
      const peers = await Promise.all(Array.from({ length: 14 }, async () => node(2, net)))
      await Promise.all(peers.map(async (p) => p.dial(hub.getMultiaddrs(), { signal: AbortSignal.timeout(30_000) })))
      await waitFor('the hub to see every peer', () => hub.getPeers().length >= peers.length, 10_000)
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve))
    } finally {
      process.off('warning', onWarning)
    }
    assert.deepEqual(warnings, [])
  })

  it('refuses at once a dial to an address no thread listens on', async () => {
    const n = nodes[0]
    assert.ok(n !== undefined)
    const started = Date.now()
    await assert.rejects(n.dial(multiaddr(address('nobody')), { signal: AbortSignal.timeout(10_000) }))
    assert.ok(Date.now() - started < 5_000)
  })
})

describe('sim/worker-pool', { timeout: 120_000 }, () => {
  it('runs nodes in two workers that publish to each other and deliver across threads', async () => {
    const pool = new WorkerPool(2)
    try {
      const arrivals: Arrival[] = []
      pool.onArrival((a) => { arrivals.push(a) })
      const init = { dhtTimeoutMs: 10_000, retryInitialMs: 250, retryMaxMs: 2_000 }
      const listen0 = address('w0')
      const a0 = await pool.create(0, { ...init, listen: listen0, bootstrap: [] })
      const a1 = await pool.create(1, { ...init, listen: address('w1'), bootstrap: [listen0] })
      await waitFor('both nodes\' records confirmed by the other', async () => await pool.publishedAt(0) !== undefined && await pool.publishedAt(1) !== undefined, 60_000)
      const census = await pool.census(false)
      assert.equal(census.nodes, 2)
      assert.ok(census.connections >= 2, `${census.connections} connection ends`)
      assert.ok(census.wireBytes > 0)
      const sent = await pool.send(1, a0, 'across threads')
      await waitFor('the message in worker 0', () => arrivals.some((a) => a.id === sent.id), 30_000)
      assert.deepEqual(arrivals.filter((a) => a.id === sent.id).map((a) => a.to), [0])
      const back = await pool.send(0, a1, 'and back')
      await waitFor('the reply in worker 1', () => arrivals.some((a) => a.id === back.id && a.to === 1), 30_000)
    } finally {
      await pool.close()
    }
  })
})
