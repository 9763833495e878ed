/**
 * N kabar nodes in this process over an in-memory transport: in this thread
 * (@libp2p/memory), or spread over worker threads (`workers` > 1: the thread
 * transport, sim/worker-pool.ts) so a large network gets every core.
 *
 * Start-up follows what STACK.md measured: nodes start a few at a time
 * (Noise handshakes and DHT self-lookups are what the 2 cores spend on), and
 * each bootstraps from one of a few seeds plus two nodes already running,
 * rather than everyone from one seed. Every node keeps a fixed memory
 * address, so a node that comes back after churn is found where it was.
 * Churned nodes get a data directory: stop() closes the store, and the node
 * is recreated from it (same identity, sessions and outbox) when it returns.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LookupProbe } from './dht-probe.ts'
import { mapLimit, settleWithin, sleep } from './network.ts'
import type { Arrival, Resources, SimNetwork } from './network.ts'
import { LocalHost } from './node-host.ts'
import type { NodeHost } from './node-host.ts'
import { Prng } from './prng.ts'
import type { Progress } from './progress.ts'
import { WorkerPool } from './worker-pool.ts'

export interface InProcessInit {
  size: number
  seeds: number[]
  /** Nodes that need a data directory because they go offline and come back. */
  durable: number[]
  /** Nodes whose records must be confirmed in the DHT before messaging. */
  recipients: number[]
  seed: number
  retryInitialMs: number
  retryMaxMs: number
  /** Worker threads to spread the nodes over; 1 = all in this thread. */
  workers: number
}

/** Nodes joining at once (start + first publication): enough to overlap DHT waits, few enough not to starve the process. */
const START_CONCURRENCY = 8
/** Bound of a DHT get/put inside a node: kabar's default 30 s; a put only counts confirmations after its whole walk, which a starved process can stretch past 10 s. */
const DHT_TIMEOUT_MS = 30_000
const PUBLISH_ATTEMPTS = 10
/** Longest wait for a joining node's own first publication (it goes on in the background after that). */
const FIRST_PUBLICATION_TIMEOUT_MS = 60_000
/** How long a recipient's own publication retries get before the sim publishes it itself: kabar's first retries come after 5, 10, 20 and 40 s. */
const OWN_RETRIES_WAIT_MS = 90_000
/** Publications at once: each is two DHT walks plus up to 2 × k puts. */
const PUBLISH_CONCURRENCY = 4
/** Longest wait for one node's stop at the end of a run (a clean stop of 200 nodes at once takes a few seconds). */
const STOP_TIMEOUT_MS = 30_000

export class InProcessNetwork implements SimNetwork {
  readonly mode = 'memory'
  readonly size: number
  readonly #init: InProcessInit
  readonly #host: NodeHost
  /** Which nodes are running (created and not stopped). */
  readonly #up: boolean[]
  readonly #addresses: string[] = []
  readonly #listen: string[]
  readonly #bootstrap: string[][] = []
  readonly #dataDirs = new Map<number, string>()
  /** ms each node's own first publication took, when a peer confirmed it. */
  /** Date.now() when each node was created for the first time: a publication's ms count from there. */
  readonly #createdAt = new Map<number, number>()
  #root = ''
  #rssBefore = 0
  #heapBefore = 0
  #rssPerNode: number | null = null
  #heapPerNode: number | null = null
  #connectionsPerNode: number | null = null
  #dhtPeersPerNode: number | null = null
  readonly #cpuStart = process.cpuUsage()

  constructor (init: InProcessInit) {
    this.#init = init
    this.size = init.size
    this.#host = init.workers > 1 ? new WorkerPool(init.workers) : new LocalHost()
    this.#up = new Array<boolean>(init.size).fill(false)
    const run = `${process.pid}-${Date.now().toString(36)}`
    this.#listen = Array.from({ length: init.size }, (_, i) => `/memory/kabar-sim-${run}-${i}`)
  }

  async #create (i: number): Promise<string> {
    const dataDir = this.#dataDirs.get(i)
    const address = await this.#host.create(i, {
      listen: this.#listen[i] ?? '',
      bootstrap: this.#bootstrap[i] ?? [],
      dhtTimeoutMs: DHT_TIMEOUT_MS,
      retryInitialMs: this.#init.retryInitialMs,
      retryMaxMs: this.#init.retryMaxMs,
      ...(dataDir === undefined ? {} : { dataDir })
    })
    this.#up[i] = true
    return address
  }

  async start (progress: Progress): Promise<{ startMs: number, publishMs: number[] }> {
    const { size, seeds, durable, recipients } = this.#init
    const before = await this.#host.census(true)
    this.#rssBefore = process.memoryUsage().rss
    this.#heapBefore = before.heapUsed
    this.#root = await mkdtemp(join(tmpdir(), 'kabar-sim-'))
    for (const i of durable) this.#dataDirs.set(i, join(this.#root, `node-${i}`))
    const prng = new Prng(this.#init.seed ^ 0x5eed)
    const t0 = performance.now()
    // Seeds first, one after the other: each later seed joins the first.
    for (const s of seeds) {
      this.#bootstrap[s] = s === seeds[0] ? [] : [this.#listen[seeds[0] ?? 0] ?? '']
      this.#createdAt.set(s, Date.now())
      this.#addresses[s] = await this.#create(s)
      progress.update('joining nodes', this.#addresses.filter(Boolean).length, size)
    }
    const rest = Array.from({ length: size }, (_, i) => i).filter((i) => !seeds.includes(i))
    let started = seeds.length
    await mapLimit(rest, START_CONCURRENCY, async (i) => {
      const running = this.#up.map((up, j) => (!up || seeds.includes(j) ? -1 : j)).filter((j) => j >= 0)
      const peers = [prng.pick(seeds), ...prng.shuffle(running).slice(0, 2)]
      this.#bootstrap[i] = peers.map((j) => this.#listen[j] ?? '')
      this.#createdAt.set(i, Date.now())
      this.#addresses[i] = await this.#create(i)
      // Joining includes the node's own first publication (two DHT walks and puts): bounding
      // joins, not just starts, keeps the walks in flight few enough that they finish.
      await this.#firstPublication(i)
      progress.update('joining nodes', ++started, size)
    })
    const startMs = performance.now() - t0
    // A sender cannot reach a recipient whose records no peer holds: each recipient's own
    // publication is waited for (all at once: waiting is cheap), and a recipient none of whose
    // publications a peer confirmed in that time is published from here, a few at a time.
    progress.update('publishing records', 0, recipients.length)
    let confirmedCount = 0
    const own = await Promise.all(recipients.map(async (i) => {
      const ms = await this.#ownPublication(i)
      if (ms !== undefined) progress.update('publishing records', ++confirmedCount, recipients.length)
      return ms
    }))
    const publishMs = await mapLimit(recipients, PUBLISH_CONCURRENCY, async (i, k) => {
      const ms = own[k] ?? await this.#publish(i)
      if (own[k] === undefined) progress.update('publishing records', ++confirmedCount, recipients.length)
      return ms
    })
    const census = await this.#host.census(true)
    this.#connectionsPerNode = census.connections / Math.max(1, census.nodes)
    this.#dhtPeersPerNode = census.dhtPeers / Math.max(1, census.nodes)
    this.#rssPerNode = (process.memoryUsage().rss - this.#rssBefore) / size / 2 ** 20
    this.#heapPerNode = (census.heapUsed - this.#heapBefore) / size / 2 ** 20
    return { startMs, publishMs }
  }

  /** Waits (bounded) until `node` has finished its first publication round, confirmed or not (it retries on its own). */
  async #firstPublication (i: number): Promise<void> {
    const until = Date.now() + FIRST_PUBLICATION_TIMEOUT_MS
    while (!await this.#host.publicationRan(i) && Date.now() < until) await sleep(200)
  }

  /** The ms from `i`'s creation to its first confirmed publication, if a peer confirmed one. */
  async #confirmedMs (i: number): Promise<number | undefined> {
    const at = await this.#host.publishedAt(i)
    return at === undefined ? undefined : Math.max(0, at - (this.#createdAt.get(i) ?? at))
  }

  /**
   * Waits (bounded) for `i`'s own publication retries: a node whose first publication no
   * peer confirmed retries by itself (5 s doubling, kabar-node.ts). Publishing it from
   * here as well doubled the walks of an already starved process (a 200-node run crawled).
   */
  async #ownPublication (i: number): Promise<number | undefined> {
    const until = Date.now() + OWN_RETRIES_WAIT_MS
    for (;;) {
      const ms = await this.#confirmedMs(i)
      if (ms !== undefined || Date.now() >= until) return ms
      await sleep(500)
    }
  }

  /** Publishes `i` from here until a peer confirms both records (as test/node/helpers.ts does). */
  async #publish (i: number): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      const t = performance.now()
      const r = await this.#host.publish(i)
      if (r.account > 0 && r.prekey > 0) return await this.#confirmedMs(i) ?? performance.now() - t
      if (attempt >= PUBLISH_ATTEMPTS) throw new Error(`node ${i} could not publish its records: no DHT peer confirmed them after ${attempt} attempts (${r.connections} connections, ${r.dhtPeers} DHT peers)`)
      // A starved bootstrap dial can time out and leave a node alone: dial a seed again.
      if (r.dhtPeers === 0) await this.#host.dial(i, this.#listen[this.#init.seeds[attempt % this.#init.seeds.length] ?? 0] ?? '', DHT_TIMEOUT_MS).catch(() => undefined)
      await sleep(1_000)
    }
  }

  address (i: number): string {
    const a = this.#addresses[i]
    if (a === undefined) throw new Error(`node ${i} has not started`)
    return a
  }

  online (i: number): boolean {
    return this.#up[i] === true
  }

  async send (from: number, to: number, text: string): Promise<{ id: string, sentAt: number }> {
    if (!this.online(from)) throw new Error(`node ${from} is offline`)
    return this.#host.send(from, this.address(to), text)
  }

  async goOffline (i: number): Promise<void> {
    if (!this.#dataDirs.has(i)) throw new Error(`node ${i} has no data directory: it cannot go offline and keep its data`)
    if (!this.online(i)) throw new Error(`node ${i} is offline`)
    this.#up[i] = false
    await this.#host.stop(i)
  }

  async comeBack (i: number): Promise<void> {
    // Back through the seeds only: the random peers it first met may be offline now.
    this.#bootstrap[i] = this.#init.seeds.map((s) => this.#listen[s] ?? '')
    await this.#create(i)
  }

  onArrival (listener: (a: Arrival) => void): void {
    this.#host.onArrival(listener)
  }

  async poll (): Promise<void> { /* arrivals are pushed by the nodes' events */ }

  async probe (from: number, target: number, timeoutMs: number): Promise<LookupProbe> {
    if (!this.online(from)) throw new Error(`node ${from} is offline`)
    return this.#host.probe(from, this.address(target), timeoutMs)
  }

  async resources (): Promise<Resources> {
    const { wireBytes } = await this.#host.census(false)
    const cpu = process.cpuUsage(this.#cpuStart)
    return { rssPerNodeMiB: this.#rssPerNode, heapPerNodeMiB: this.#heapPerNode, cpuSeconds: (cpu.user + cpu.system) / 1e6, wireBytes, connectionsPerNode: this.#connectionsPerNode, dhtPeersPerNode: this.#dhtPeersPerNode }
  }

  async stop (): Promise<string[]> {
    const problems = await Promise.all(this.#up.map(async (up, i) => {
      if (!up) return undefined
      this.#up[i] = false
      const how = await settleWithin(this.#host.stop(i), STOP_TIMEOUT_MS)
      if (how === 'done') return undefined
      return how === 'timeout' ? `node ${i} did not stop within ${STOP_TIMEOUT_MS / 1000} s` : `node ${i} failed to stop: ${how.message}`
    }))
    await settleWithin(this.#host.close(), STOP_TIMEOUT_MS)
    if (this.#root !== '') await rm(this.#root, { recursive: true, force: true })
    return problems.filter((p) => p !== undefined)
  }
}
