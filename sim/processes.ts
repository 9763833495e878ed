/**
 * N real `kabar start` daemons on loopback, driven over their HTTP API. Each
 * runs in its own data directory and is found through its `DATA/node.json`
 * (`{ peerId, multiaddrs, api: { url, token } }`). A churned daemon is
 * stopped with SIGTERM and restarted on the same data directory and TCP port,
 * so peers that knew its address reach it again.
 *
 * What the API cannot show is measured from outside: arrivals by polling each
 * daemon's message log (arrival time = the receiver's `receivedAt`, the same
 * machine clock as the sender's `sentAt`), memory and CPU from /proc. A DHT
 * lookup is timed as the API's `GET /v1/peers/:address` (account + prekey
 * records); its hops are not visible through the API.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ApiClient } from '../src/api/client.ts'
import type { LookupProbe } from './dht-probe.ts'
import { mapLimit, sleep } from './network.ts'
import type { Arrival, Resources, SimNetwork } from './network.ts'
import type { InProcessInit } from './in-process.ts'
import type { Progress } from './progress.ts'

const CLI = join(process.cwd(), 'dist/src/cli/main.js')
const READY_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 15_000
/** Daemons started at once: each spends ~1 s of CPU getting ready. */
const START_CONCURRENCY = 4
const RECORDS_TIMEOUT_MS = 60_000
const POLL_MS = 500
/** Linux reports process CPU time in clock ticks of 1/100 s (USER_HZ). */
const CLOCK_TICKS = 100

interface Daemon { child: ChildProcess, client: ApiClient, port: string, cursor: number, log: string }

export class ProcessNetwork implements SimNetwork {
  readonly mode = 'processes'
  readonly size: number
  readonly #init: InProcessInit
  readonly #daemons: Array<Daemon | undefined>
  readonly #addresses: string[] = []
  readonly #seedAddrs: string[] = []
  readonly #listeners: Array<(a: Arrival) => void> = []
  #root = ''
  #cpuOfExited = 0
  #rssPerNode: number | null = null
  #poller: NodeJS.Timeout | undefined
  #polling: Promise<void> | undefined

  constructor (init: InProcessInit) {
    this.#init = init
    this.size = init.size
    this.#daemons = new Array<Daemon | undefined>(init.size)
  }

  #dataDir (i: number): string {
    return join(this.#root, `node-${i}`)
  }

  async #spawn (i: number, port: string, bootstrap: string[]): Promise<Daemon> {
    const dataDir = this.#dataDir(i)
    const infoPath = join(dataDir, 'node.json')
    const args = [CLI, 'start', '--data', dataDir, '--listen', `/ip4/127.0.0.1/tcp/${port}`, '--api-port', '0', '--allow-loopback', ...bootstrap.flatMap((b) => ['--bootstrap', b])]
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KABAR_PASSPHRASE: '' } })
    let log = ''
    const keep = (d: Buffer): void => { log = (log + d.toString()).slice(-4000) }
    child.stdout?.on('data', keep)
    child.stderr?.on('data', keep)
    const deadline = Date.now() + READY_TIMEOUT_MS
    for (;;) {
      if (existsSync(infoPath)) {
        try {
          const info = JSON.parse(readFileSync(infoPath, 'utf8')) as { peerId: string, multiaddrs: string[], api: { url: string, token: string } }
          const client = new ApiClient({ url: info.api.url, token: info.api.token })
          await client.health()
          const addr = info.multiaddrs.find((m) => m.includes('/tcp/')) ?? ''
          this.#addresses[i] = info.peerId
          const daemon: Daemon = { child, client, port: /\/tcp\/(\d+)/.exec(addr)?.[1] ?? '0', cursor: this.#daemons[i]?.cursor ?? 0, log }
          this.#daemons[i] = daemon
          if (this.#init.seeds.includes(i)) this.#seedAddrs[this.#init.seeds.indexOf(i)] = addr.includes('/p2p/') ? addr : `${addr}/p2p/${info.peerId}`
          return daemon
        } catch { /* written but not reachable yet: poll again */ }
      }
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`kabar start for node ${i} exited: ${log.trim()}`)
      if (Date.now() > deadline) {
        child.kill('SIGKILL')
        throw new Error(`kabar start for node ${i} was not ready in ${READY_TIMEOUT_MS} ms: ${log.trim()}`)
      }
      await sleep(50)
    }
  }

  async start (progress: Progress): Promise<{ startMs: number, publishMs: number[] }> {
    const { size, seeds, recipients } = this.#init
    this.#root = await mkdtemp(join(tmpdir(), 'kabar-sim-proc-'))
    const t0 = performance.now()
    let started = 0
    for (const s of seeds) {
      await this.#spawn(s, '0', this.#seedAddrs.slice(0, 1))
      progress.update('starting daemons', ++started, size)
    }
    const rest = Array.from({ length: size }, (_, i) => i).filter((i) => !seeds.includes(i))
    await mapLimit(rest, START_CONCURRENCY, async (i) => {
      await this.#spawn(i, '0', [this.#seedAddrs[i % this.#seedAddrs.length] ?? ''])
      progress.update('starting daemons', ++started, size)
    })
    const startMs = performance.now() - t0
    // The daemons publish on their own; wait until another daemon finds each recipient's prekeys.
    const publishMs = await mapLimit(recipients, START_CONCURRENCY, async (i, k) => {
      const t = performance.now()
      const asker = this.#client((i + 1) % size)
      const deadline = Date.now() + RECORDS_TIMEOUT_MS
      for (;;) {
        const found = await asker.lookup(this.address(i)).catch(() => undefined)
        if (found !== undefined && Object.keys(found.prekeys).length > 0) break
        if (Date.now() > deadline) throw new Error(`node ${i}'s records were not found in the DHT within ${RECORDS_TIMEOUT_MS} ms`)
        await sleep(500)
      }
      progress.update('waiting for records', k + 1, recipients.length)
      return performance.now() - t
    })
    const rss = this.#daemons.map((d) => d?.child.pid === undefined ? 0 : procStatusKiB(d.child.pid))
    this.#rssPerNode = rss.reduce((a, b) => a + b, 0) / size / 1024
    this.#poller = setInterval(() => { void this.poll() }, POLL_MS)
    return { startMs, publishMs }
  }

  #client (i: number): ApiClient {
    const d = this.#daemons[i]
    if (d === undefined) throw new Error(`node ${i} is offline`)
    return d.client
  }

  address (i: number): string {
    const a = this.#addresses[i]
    if (a === undefined) throw new Error(`node ${i} has not started`)
    return a
  }

  online (i: number): boolean {
    return this.#daemons[i] !== undefined
  }

  async send (from: number, to: number, text: string): Promise<{ id: string, sentAt: number }> {
    const m = await this.#client(from).send(this.address(to), text)
    return { id: m.id, sentAt: m.sentAt }
  }

  /** SIGTERM, then SIGKILL after STOP_TIMEOUT_MS; true when the daemon had to be killed. */
  async #stopDaemon (d: Daemon): Promise<boolean> {
    if (d.child.pid !== undefined) this.#cpuOfExited += procCpuSeconds(d.child.pid)
    if (d.child.exitCode !== null || d.child.signalCode !== null) return false
    const exited = new Promise((resolve) => d.child.once('exit', resolve))
    d.child.kill('SIGTERM')
    let killed = false
    const timer = setTimeout(() => { killed = true; d.child.kill('SIGKILL') }, STOP_TIMEOUT_MS)
    await exited
    clearTimeout(timer)
    return killed
  }

  async goOffline (i: number): Promise<void> {
    const d = this.#daemons[i]
    if (d === undefined) return
    await this.#pollOne(i, d)
    this.#daemons[i] = undefined
    this.#lastPort.set(i, { port: d.port, cursor: d.cursor })
    await this.#stopDaemon(d)
  }

  readonly #lastPort = new Map<number, { port: string, cursor: number }>()

  async comeBack (i: number): Promise<void> {
    const last = this.#lastPort.get(i)
    const d = await this.#spawn(i, last?.port ?? '0', this.#seedAddrs)
    d.cursor = last?.cursor ?? 0
  }

  onArrival (listener: (a: Arrival) => void): void {
    this.#listeners.push(listener)
  }

  async #pollOne (i: number, d: Daemon): Promise<void> {
    for (let page = 0; page < 100; page++) {
      const batch = await d.client.messages({ after: d.cursor, limit: 1000 }).catch(() => [])
      for (const m of batch) {
        d.cursor = Math.max(d.cursor, m.index)
        if (m.direction !== 'in') continue
        const arrival = { id: m.id, to: i, at: m.receivedAt ?? Date.now() }
        for (const listener of this.#listeners) listener(arrival)
      }
      if (batch.length < 1000) return
    }
  }

  /** One pass over every online daemon's new messages (never two passes at once). */
  async poll (): Promise<void> {
    if (this.#polling !== undefined) return this.#polling
    this.#polling = (async () => {
      for (let i = 0; i < this.size; i++) {
        const d = this.#daemons[i]
        if (d !== undefined) await this.#pollOne(i, d)
      }
    })().finally(() => { this.#polling = undefined })
    return this.#polling
  }

  async probe (from: number, target: number, _timeoutMs: number): Promise<LookupProbe> {
    const start = performance.now()
    const found = await this.#client(from).lookup(this.address(target)).catch(() => undefined)
    const ms = performance.now() - start
    const ok = found !== undefined && Object.keys(found.prekeys).length > 0
    return { firstValueMs: ok ? ms : null, totalMs: ms, hops: null, remoteHops: null, firstRemoteMs: null, queried: 0, local: false }
  }

  resources (): Promise<Resources> {
    const live = this.#daemons.reduce((s, d) => s + (d?.child.pid === undefined ? 0 : procCpuSeconds(d.child.pid)), 0)
    return Promise.resolve({ rssPerNodeMiB: this.#rssPerNode, heapPerNodeMiB: null, cpuSeconds: live + this.#cpuOfExited, wireBytes: null })
  }

  async stop (): Promise<string[]> {
    if (this.#poller !== undefined) clearInterval(this.#poller)
    await this.#polling
    const killed = await Promise.all(this.#daemons.map(async (d) => d !== undefined && await this.#stopDaemon(d)))
    this.#daemons.fill(undefined)
    if (this.#root !== '') await rm(this.#root, { recursive: true, force: true })
    return killed.flatMap((k, i) => k ? [`daemon ${i} did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM and was killed`] : [])
  }
}

function procStatusKiB (pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
  } catch {
    return 0
  }
}

/** utime + stime of a process, from /proc/PID/stat (fields 14 and 15, after the parenthesised name). */
function procCpuSeconds (pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / CLOCK_TICKS
  } catch {
    return 0
  }
}
