/**
 * Node benchmarks on TCP loopback: 1 KiB messages between two kabar nodes
 * (send → delivered, acks included) side by side with a bare libp2p stream
 * echo of the same bytes over the same stack (Noise + yamux), so the ratio
 * shows what kabar's encryption, storage and acks cost on top of transport.
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
import { yamux } from '@libp2p/yamux'
import { createLibp2p } from 'libp2p'
import type { Libp2p } from '@libp2p/interface'
import { createKabarLibp2p } from '../src/net/libp2p.ts'
import { kabarNoiseCrypto } from '../src/net/noise-crypto.ts'
import type { KabarLibp2p } from '../src/net/libp2p.ts'
import { privateKeyFromSeed } from '../src/net/peer-id.ts'
import { FrameStream, encodeFrame } from '../src/net/protocols/frames.ts'
import { KabarNode } from '../src/node/kabar-node.ts'
import { measureAsync, median } from './harness.ts'
import type { BenchResult } from './harness.ts'

const ECHO = '/kabar-bench/echo/1.0.0'
const LISTEN = ['/ip4/127.0.0.1/tcp/0']

function percentile (sorted: number[], p: number): number {
  return Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(2))
}

async function echoPair (): Promise<[KabarLibp2p, KabarLibp2p]> {
  const make = async (): Promise<KabarLibp2p> => createKabarLibp2p({ privateKey: privateKeyFromSeed(randomBytes(32)), listen: LISTEN, transport: 'tcp' })
  const a = await make()
  const b = await make()
  await b.handle(ECHO, async (stream) => {
    const frames = new FrameStream(stream, 64 * 1024)
    for (;;) {
      const frame = await frames.next()
      if (frame === null) break
      await frames.write(encodeFrame(frame))
    }
    await stream.close()
  })
  await a.dial(b.getMultiaddrs()[0] ?? '')
  return [a, b]
}

/** Bare stream: each 1 KiB frame is echoed back; a window of `window` frames in flight, like kabar's batches. */
async function benchEcho (count: number, window: number): Promise<BenchResult> {
  const [a, b] = await echoPair()
  try {
    const stream = await a.dialProtocol(b.peerId, ECHO)
    const frames = new FrameStream(stream, 64 * 1024)
    const payload = encodeFrame(randomBytes(1024))
    const latencies: number[] = []
    const start = performance.now()
    for (let done = 0; done < count; done += window) {
      const n = Math.min(window, count - done)
      const sentAt = performance.now()
      for (let i = 0; i < n; i++) await frames.write(payload)
      for (let i = 0; i < n; i++) {
        await frames.next()
        latencies.push(performance.now() - sentAt)
      }
    }
    const seconds = (performance.now() - start) / 1000
    await stream.close()
    latencies.sort((x, y) => x - y)
    return { name: `libp2p-echo-1k-window${window}`, perSecond: Math.round(count / seconds), count, latencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) } }
  } finally {
    await a.stop()
    await b.stop()
  }
}

async function benchKabar (count: number): Promise<BenchResult[]> {
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
    for (let i = 0; i < 200; i++) {
      const r = await b.publish()
      if (r.account > 0) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const text = 'x'.repeat(1024)
    // Warm up the session (PQXDH) so the figure is steady-state messaging.
    const warm = await a.send(b.address, text)
    await until(async () => (await a.message(warm.id))?.status === 'delivered')

    const sentAt = new Map<string, number>()
    const latencies: number[] = []
    let delivered = 0
    let resolveAll!: () => void
    const all = new Promise<void>((resolve) => { resolveAll = resolve })
    a.on('message:status', ({ id, status }) => {
      const t = sentAt.get(id)
      if (status !== 'delivered' || t === undefined) return
      latencies.push(performance.now() - t)
      sentAt.delete(id)
      if (++delivered === count) resolveAll()
    })
    const start = performance.now()
    for (let i = 0; i < count; i++) {
      const before = performance.now()
      const m = await a.send(b.address, text)
      sentAt.set(m.id, before)
    }
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 120_000))])
    const seconds = (performance.now() - start) / 1000
    latencies.sort((x, y) => x - y)

    // One message at a time: latency without the queue a burst builds up.
    const single: number[] = []
    for (let i = 0; i < 100; i++) {
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

export async function nodeBenchmarks (count = 1000): Promise<BenchResult[]> {
  const echo1 = await benchEcho(count, 1)
  const echo64 = await benchEcho(count, 64)
  const kabar = await benchKabar(count)
  const connections = await benchConnections()
  // The kabar-vs-stream and Noise ratios are derived from these rows by ratioRows (harness.ts).
  return [echo1, echo64, ...kabar, ...connections]
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
