/**
 * Node benchmarks on TCP loopback: 1 KiB messages between two kabar nodes
 * (send → delivered, acks included) side by side with two stock libp2p nodes
 * moving the same bytes over the same stack (Noise + yamux) the way a libp2p
 * user writes it (`lpStream`), so the ratios show what kabar's encryption,
 * storage and acks cost on top of transport; and a business node receiving
 * from many customers at once.
 * And connections opened and closed between two bare libp2p nodes in memory
 * (Noise + yamux, nothing else), once with kabar's X25519 in Noise and once
 * with the package's default, in alternating rounds.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { noise } from '@chainsafe/libp2p-noise'
import { memory } from '@libp2p/memory'
import { tcp } from '@libp2p/tcp'
import { lpStream } from '@libp2p/utils'
import { yamux } from '@libp2p/yamux'
import { createLibp2p } from 'libp2p'
import type { Libp2p, Stream } from '@libp2p/interface'
import type { Uint8ArrayList } from 'uint8arraylist'
import { kabarNoiseCrypto } from '../src/net/noise-crypto.ts'
import { privateKeyFromSeed } from '../src/net/peer-id.ts'
import { KabarNode } from '../src/node/kabar-node.ts'
import { measureAsync, median } from './harness.ts'
import type { BenchResult } from './harness.ts'

const BARE_ACKED = '/kabar-bench/acked/1.0.0'
const BARE_ECHO = '/kabar-bench/echo/1.0.0'
const LISTEN = ['/ip4/127.0.0.1/tcp/0']

function percentile (sorted: number[], p: number): number {
  return Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(2))
}

/** Two stock libp2p nodes in this process, TCP loopback, Noise + yamux, as a libp2p user builds them. */
async function barePair (): Promise<[Libp2p, Libp2p]> {
  const make = async (): Promise<Libp2p> => createLibp2p({
    addresses: { listen: LISTEN },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()]
  })
  const a = await make()
  const b = await make()
  // The receiving ends, written the stock way: read a frame, answer it (an ack, or the frame itself).
  const serve = (answer: (frame: Uint8ArrayList) => Uint8Array | Uint8ArrayList) => async (stream: Stream): Promise<void> => {
    const lp = lpStream(stream)
    try {
      for (;;) await lp.write(answer(await lp.read()))
    } catch { /* the sender closed the stream */ }
    await stream.close().catch(() => {})
  }
  await b.handle(BARE_ACKED, serve(() => ACK))
  await b.handle(BARE_ECHO, serve((frame) => frame))
  await a.dial(b.getMultiaddrs())
  return [a, b]
}

const ACK = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 1)

/**
 * The floors kabar's delivery is measured against, written the way a stock
 * libp2p user writes them (`lpStream` from @libp2p/utils, awaited writes):
 * `bare-acked-1k-w64`, each 1 KiB frame acked by a 17-byte frame (an ack's
 * size) with 64 in flight; `bare-rtt-1k`, one 1 KiB frame echoed at a time.
 */
export async function benchBare (count: number): Promise<BenchResult[]> {
  const [a, b] = await barePair()
  const payload = randomBytes(1024)
  try {
    // 64 in flight: the writer waits for room, the reader takes acks as they come.
    const acked = await a.dialProtocol(b.peerId, BARE_ACKED)
    const lp = lpStream(acked)
    const run = async (n: number): Promise<void> => {
      let inFlight = 0
      let wake: () => void = () => {}
      const reader = (async () => {
        for (let i = 0; i < n; i++) {
          await lp.read()
          inFlight--
          wake()
        }
      })()
      for (let i = 0; i < n; i++) {
        while (inFlight >= 64) await new Promise<void>((resolve) => { wake = resolve })
        inFlight++
        await lp.write(payload)
      }
      await reader
    }
    // Warmed up as kabar's session is, so both sides are timed in their steady state.
    await run(Math.min(count, 200))
    const start = performance.now()
    await run(count)
    const ackedSeconds = (performance.now() - start) / 1000
    await acked.close()

    const echo = await a.dialProtocol(b.peerId, BARE_ECHO)
    const lpEcho = lpStream(echo)
    const latencies: number[] = []
    for (let i = 0; i < Math.min(count, 2000) + 100; i++) {
      const before = performance.now()
      await lpEcho.write(payload)
      await lpEcho.read()
      if (i >= 100) latencies.push(performance.now() - before)
    }
    await echo.close()
    latencies.sort((x, y) => x - y)
    return [
      { name: 'bare-acked-1k-w64', perSecond: Math.round(count / ackedSeconds), count, note: 'stock lpStream, TCP loopback + Noise + yamux: 1 KiB frames, each acked, 64 in flight' },
      { name: 'bare-rtt-1k', perSecond: Math.round(1000 / (latencies.reduce((x, y) => x + y, 0) / latencies.length)), count: latencies.length, latencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) }, note: 'stock lpStream: one 1 KiB frame written and echoed back at a time' }
    ]
  } finally {
    await a.stop()
    await b.stop()
  }
}

async function publishUntilSeen (node: KabarNode): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = await node.publish()
    if (r.account > 0 && r.prekey > 0) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('benchmark setup: records not published')
}

/** Tracks the delivery of the messages put in `sentAt`: each one's time from send to delivered, and a wait for `count` of them (bounded). */
function deliveries (node: KabarNode): { sentAt: Map<string, number>, latencies: number[], wait: (count: number, timeoutMs: number) => Promise<number> } {
  const sentAt = new Map<string, number>()
  const latencies: number[] = []
  let delivered = 0
  let target = Infinity
  let done: () => void = () => {}
  node.on('message:status', ({ id, status }) => {
    const t = sentAt.get(id)
    if (status !== 'delivered' || t === undefined) return
    latencies.push(performance.now() - t)
    sentAt.delete(id)
    if (++delivered >= target) done()
  })
  return {
    sentAt,
    latencies,
    wait: async (count, timeoutMs) => {
      target = count
      if (delivered >= count) return delivered
      let timer: NodeJS.Timeout | undefined
      await new Promise<void>((resolve) => {
        done = resolve
        timer = setTimeout(resolve, timeoutMs)
      })
      clearTimeout(timer)
      return delivered
    }
  }
}

export async function benchKabar (count: number, singles = 100): Promise<BenchResult[]> {
  const root = await mkdtemp(join(tmpdir(), 'kabar-bench-'))
  const nodes: KabarNode[] = []
  try {
    const t0 = performance.now()
    const a = await KabarNode.create({ dataDir: join(root, 'a'), listen: LISTEN })
    await a.start()
    const readyMs = performance.now() - t0
    nodes.push(a)
    const b = await KabarNode.create({ dataDir: join(root, 'b'), listen: LISTEN, bootstrap: a.multiaddrs })
    await b.start()
    nodes.push(b)
    await publishUntilSeen(b)
    const text = 'x'.repeat(1024)
    // Warm up the session (PQXDH) so the figure is steady-state messaging.
    const warm = await a.send(b.address, text)
    await until(async () => (await a.message(warm.id))?.status === 'delivered')

    const burst = deliveries(a)
    const start = performance.now()
    for (let i = 0; i < count; i++) {
      const before = performance.now()
      const m = await a.send(b.address, text)
      burst.sentAt.set(m.id, before)
    }
    const delivered = await burst.wait(count, 120_000)
    const seconds = (performance.now() - start) / 1000
    const latencies = burst.latencies.sort((x, y) => x - y)

    // One message at a time: latency without the queue a burst builds up.
    const single: number[] = []
    for (let i = 0; i < singles; i++) {
      const before = performance.now()
      const m = await a.send(b.address, text)
      await new Promise<void>((resolve) => {
        const onStatus = ({ id, status }: { id: string, status: string }): void => {
          if (id !== m.id || status !== 'delivered') return
          a.off('message:status', onStatus)
          resolve()
        }
        a.on('message:status', onStatus)
      })
      single.push(performance.now() - before)
    }
    single.sort((x, y) => x - y)
    const heap = process.memoryUsage()
    return [
      { name: 'kabar-1k-burst-delivered', perSecond: Math.round(delivered / seconds), count, delivered, queuedLatencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) } },
      { name: 'kabar-1k-one-at-a-time', perSecond: Math.round(1000 / (single.reduce((x, y) => x + y, 0) / single.length)), count: single.length, latencyMs: { p50: percentile(single, 0.5), p99: percentile(single, 0.99) } },
      { name: 'kabar-node-start-ms', perSecond: 0, ms: Number(readyMs.toFixed(1)), note: 'KabarNode.create + start on a fresh data directory (identity, prekeys, libp2p)' },
      { name: 'process-memory-after', perSecond: 0, rssMiB: Number((heap.rss / 2 ** 20).toFixed(1)), heapUsedMiB: Number((heap.heapUsed / 2 ** 20).toFixed(1)) }
    ]
  } finally {
    await Promise.allSettled(nodes.map(async (n) => { await n.stop() }))
    await rm(root, { recursive: true, force: true })
  }
}

/**
 * A business node (profile published) receiving from `customers` customer
 * nodes at once, each sending `perCustomer` 1 KiB messages as fast as its
 * sends return: delivered messages per second at the business, sessions set
 * up beforehand.
 */
export async function benchFanIn (customers: number, perCustomer: number): Promise<BenchResult> {
  const root = await mkdtemp(join(tmpdir(), 'kabar-bench-fanin-'))
  const nodes: KabarNode[] = []
  try {
    const business = await KabarNode.create({ dataDir: join(root, 'business'), listen: LISTEN, allowLoopback: true })
    await business.start()
    nodes.push(business)
    // On loopback, allowed as the simulation allows it: 50 customers dialling from one host in a second is a test, not an attack.
    const people: KabarNode[] = []
    for (let i = 0; i < customers; i++) {
      const c = await KabarNode.create({ dataDir: join(root, `c${i}`), listen: LISTEN, bootstrap: business.multiaddrs, allowLoopback: true })
      await c.start()
      nodes.push(c)
      people.push(c)
    }
    await publishUntilSeen(business)
    await business.publishProfile({ displayName: 'Bench Co', privacyPolicy: { url: 'https://bench.example/privacy', sha256: 'ab'.repeat(32) }, processors: [] })
    const text = 'x'.repeat(1024)
    // Every customer's session first (PQXDH, the disclosure shown), so the figure is steady-state.
    await Promise.all(people.map(async (c) => {
      const warm = await c.send(business.address, text)
      await until(async () => (await c.message(warm.id))?.status === 'delivered', 60_000)
    }))
    const tracks = people.map((c) => deliveries(c))
    const start = performance.now()
    await Promise.all(people.map(async (c, i) => {
      for (let k = 0; k < perCustomer; k++) {
        const before = performance.now()
        const m = await c.send(business.address, text)
        tracks[i]?.sentAt.set(m.id, before)
      }
    }))
    const counts = await Promise.all(tracks.map(async (t) => t.wait(perCustomer, 120_000)))
    const seconds = (performance.now() - start) / 1000
    const delivered = counts.reduce((x, y) => x + y, 0)
    return { name: `kabar-1k-fan-in-${customers}`, perSecond: Math.round(delivered / seconds), count: customers * perCustomer, delivered, customers, note: `${customers} customer nodes sending to one business node at once, sent → delivered` }
  } finally {
    await Promise.allSettled(nodes.map(async (n) => { await n.stop() }))
    await rm(root, { recursive: true, force: true })
  }
}

async function until (check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('benchmark setup timed out')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

let memoryCounter = 0

async function bareNode (withKabarCrypto: boolean): Promise<Libp2p> {
  return createLibp2p({
    privateKey: privateKeyFromSeed(randomBytes(32)),
    addresses: { listen: [`/memory/kabar-bench-${process.pid}-${++memoryCounter}`] },
    transports: [memory()],
    connectionEncrypters: [withKabarCrypto ? noise({ crypto: kabarNoiseCrypto }) : noise()],
    streamMuxers: [yamux({ enableKeepAlive: false })],
    connectionMonitor: { enabled: false }
  })
}

/** ms per connection opened (Noise XX handshake, yamux) and closed, both ends, for each Noise crypto. */
export async function benchConnections (perRound = 100, rounds = 6): Promise<BenchResult[]> {
  const pairs = { kabar: [await bareNode(true), await bareNode(true)], stock: [await bareNode(false), await bareNode(false)] }
  const samples: Record<'kabar' | 'stock', { wall: number[], cpu: number[] }> = { kabar: { wall: [], cpu: [] }, stock: { wall: [], cpu: [] } }
  try {
    for (let r = 0; r < rounds; r++) {
      // Alternating rounds, so a shared machine's drift falls on both sides alike.
      for (const side of ['kabar', 'stock'] as const) {
        const [a, b] = pairs[side] as [Libp2p, Libp2p]
        const m = await measureAsync(async () => {
          await a.dial(b.getMultiaddrs())
          await a.hangUp(b.peerId)
        }, { iterations: perRound, rounds: 1, warmup: r === 0 ? 20 : 0 })
        samples[side].wall.push(m.usPerOp / 1000)
        samples[side].cpu.push(m.cpuUsPerOp / 1000)
      }
    }
  } finally {
    await Promise.all([...pairs.kabar, ...pairs.stock].map(async (n) => { await n.stop() }))
  }
  const row = (name: string, side: 'kabar' | 'stock', note: string): BenchResult => {
    const ms = median(samples[side].wall)
    return { name, perSecond: Math.round(1000 / ms), msPerConnection: Number(ms.toFixed(3)), cpuMsPerConnection: Number(median(samples[side].cpu).toFixed(3)), note }
  }
  return [
    row('connection-open-close', 'kabar', "two bare libp2p nodes in memory: dial (Noise XX with kabar's X25519, yamux) and hang up"),
    row('connection-open-close-stock-noise', 'stock', 'the same with @chainsafe/libp2p-noise\'s default crypto (keys imported through DER)')
  ]
}

export async function nodeBenchmarks (count = 1000, customers = 50): Promise<BenchResult[]> {
  const bare = await benchBare(count)
  const kabar = await benchKabar(count)
  const fanIn = await benchFanIn(customers, Math.max(1, Math.round(count / customers)))
  const connections = await benchConnections()
  // The kabar-vs-bare, fan-in and Noise ratios are derived from these rows by ratioRows (harness.ts).
  return [...bare, ...kabar, fanIn, ...connections]
}

/**
 * `kabar start` as a user runs it: process spawn to node.json (ready), then
 * the resident memory of the idle daemon after a few seconds.
 */
export async function daemonBenchmarks (): Promise<BenchResult[]> {
  const { spawn } = await import('node:child_process')
  const { existsSync, readFileSync } = await import('node:fs')
  const root = await mkdtemp(join(tmpdir(), 'kabar-bench-daemon-'))
  const cli = join(process.cwd(), 'dist/src/cli/main.js')
  const start = performance.now()
  const child = spawn(process.execPath, [cli, 'start', '--data', root, '--listen', '/ip4/127.0.0.1/tcp/0', '--api-port', '0'], { stdio: 'ignore' })
  try {
    const deadline = Date.now() + 60_000
    while (!existsSync(join(root, 'node.json'))) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error('kabar start did not become ready')
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const readyMs = performance.now() - start
    await new Promise((resolve) => setTimeout(resolve, 5_000))
    const status = readFileSync(`/proc/${child.pid ?? 0}/status`, 'utf8')
    const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
    return [
      { name: 'kabar-start-to-ready-ms', perSecond: 0, ms: Number(readyMs.toFixed(0)), note: 'spawn of `kabar start` (fresh data directory) until node.json is written' },
      { name: 'kabar-idle-rss-mib', perSecond: 0, rssMiB: Number((rssKiB / 1024).toFixed(1)), note: 'resident memory of the idle daemon 5 s after ready' }
    ]
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 1000))
    await rm(root, { recursive: true, force: true })
  }
}
