/**
 * One simulation run: build the network, publish, probe DHT lookups, play the
 * schedule (sends and churn), drain, measure, and write the report. Also the
 * sweep: the same scenario at several sizes.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { InProcessNetwork } from './in-process.ts'
import { sleep } from './network.ts'
import type { SimNetwork } from './network.ts'
import { scaleScenario } from './options.ts'
import type { SimOptions } from './options.ts'
import { ProcessNetwork } from './processes.ts'
import { Progress } from './progress.ts'
import { Prng } from './prng.ts'
import { summarize, writeRunReport, writeSweepReport } from './report.ts'
import type { RunRecord, Summary, SweepSummary } from './report.ts'
import { buildSchedule } from './schedule.ts'
import type { Schedule, ScheduledSend } from './schedule.ts'

const LOOKUP_TIMEOUT_MS = 15_000
/** Idle window that measures the background traffic (DHT upkeep, pings) to subtract from the messages' bytes. */
const IDLE_WINDOW_MS = 2_000
/** A send that fails (recipient's records not found yet, sender stopping) is retried this often. */
const SEND_ATTEMPTS = 5
const SEND_RETRY_MS = 1_000

export interface RunOptions {
  progress?: Progress
}

function createNetwork (o: SimOptions, schedule: Schedule): SimNetwork {
  const durable = schedule.churn.map((c) => c.node)
  const init = { size: o.nodes, seeds: schedule.seeds, durable, recipients: schedule.recipients, seed: o.seed, retryInitialMs: o.retryInitialMs, retryMaxMs: o.retryMaxMs, workers: o.workers }
  return o.processes ? new ProcessNetwork(init) : new InProcessNetwork(init)
}

/** Runs one scenario and writes summary.json and the plots into `o.out`. */
export async function runSim (o: SimOptions, options: RunOptions = {}): Promise<Summary> {
  const progress = options.progress ?? new Progress()
  const schedule = buildSchedule(o)
  const network = createNetwork(o, schedule)
  const wallStart = performance.now()
  const record: RunRecord = {
    options: o, schedule, sends: [], arrivals: new Map(), firstContacts: [], probes: [], publishMs: [], startMs: 0,
    offline: [], timeline: { start: 0, end: 0 }, unsent: 0, sendErrors: [], stopErrors: [], resources: undefined, idleBytesPerSecond: null, messagingBytes: null, wallSeconds: 0, phases: {}, phaseCpu: {}
  }
  network.onArrival((a) => {
    const seen = record.arrivals.get(a.id)
    if (seen === undefined) record.arrivals.set(a.id, { to: a.to, at: a.at, count: 1 })
    else seen.count++
  })
  try {
    let mark = performance.now()
    let cpuMark = process.cpuUsage()
    const phase = (name: string): void => {
      const now = performance.now()
      const cpu = process.cpuUsage(cpuMark)
      record.phases[name] = Math.round(now - mark) / 1000
      // In processes mode the nodes' CPU is the daemons' (cpuSeconds), not this process's.
      if (!o.processes) record.phaseCpu[name] = Math.round((cpu.user + cpu.system) / 1e4) / 100
      mark = now
      cpuMark = process.cpuUsage()
    }
    const started = await network.start(progress)
    record.startMs = started.startMs
    record.publishMs = started.publishMs
    phase('startAndPublish')
    await measureLookups(network, o, record, progress)
    phase('lookupProbes')
    const idleStart = (await network.resources()).wireBytes
    await sleep(IDLE_WINDOW_MS)
    const idleEnd = (await network.resources()).wireBytes
    if (idleStart !== null && idleEnd !== null) record.idleBytesPerSecond = (idleEnd - idleStart) / (IDLE_WINDOW_MS / 1000)
    phase('idle')
    await play(network, o, schedule, record, progress)
    phase('messagingAndDrain')
    record.messagingBytes = (await network.resources()).wireBytes
    if (record.messagingBytes !== null && idleEnd !== null) record.messagingBytes -= idleEnd
    record.resources = await network.resources()
  } finally {
    progress.update('stopping nodes', 0, 1)
    record.stopErrors = await network.stop()
    progress.done()
  }
  record.wallSeconds = (performance.now() - wallStart) / 1000
  const summary = summarize(record)
  await mkdir(o.out, { recursive: true })
  await writeRunReport(o.out, record, summary)
  return summary
}

async function measureLookups (network: SimNetwork, o: SimOptions, record: RunRecord, progress: Progress): Promise<void> {
  const prng = new Prng(o.seed ^ 0x100c)
  const count = o.probes
  progress.update('probing DHT lookups', 0, count)
  for (let k = 0; k < count; k++) {
    const target = prng.int(o.nodes)
    let from = prng.int(o.nodes - 1)
    if (from >= target) from++
    record.probes.push(await network.probe(from, target, LOOKUP_TIMEOUT_MS))
    progress.update('probing DHT lookups', k + 1, count)
  }
}

/** Plays the schedule: sends at their times (deferred while the sender is offline), churn at theirs, then drains. */
async function play (network: SimNetwork, o: SimOptions, schedule: Schedule, record: RunRecord, progress: Progress): Promise<void> {
  const start = Date.now()
  record.timeline.start = start
  const queues = Array.from({ length: o.nodes }, () => [] as ScheduledSend[])
  const workers = new Map<number, Promise<void>>()
  const leaving = new Set<number>()
  const contacted = new Set<string>()
  let offlineNow = 0
  const noteOffline = (): void => { record.offline.push([Date.now() - start, offlineNow]) }
  noteOffline()

  const sendOne = async (s: ScheduledSend, n: number): Promise<void> => {
    const pair = `${s.from}>${s.to}`
    const first = !contacted.has(pair)
    contacted.add(pair)
    const before = Date.now()
    for (let attempt = 1; attempt <= SEND_ATTEMPTS; attempt++) {
      try {
        const m = await network.send(s.from, s.to, `sim message ${n} from ${s.from} to ${s.to}`)
        record.sends.push({ id: m.id, from: s.from, to: s.to, sentAt: m.sentAt, at: m.sentAt - start })
        if (first) record.firstContacts.push({ id: m.id, from: s.from, to: s.to, startedAt: before, business: schedule.roles[s.to] === 'business' })
        return
      } catch (err) {
        if (attempt === SEND_ATTEMPTS || leaving.has(s.from) || !network.online(s.from)) {
          record.sendErrors.push(err instanceof Error ? err.message : String(err))
          record.unsent++
          return
        }
        await sleep(SEND_RETRY_MS)
      }
    }
  }
  let counter = 0
  // One worker per sender keeps its sends in order, and lets churn wait for a send in progress.
  const kick = (node: number): void => {
    if (workers.has(node) || leaving.has(node) || !network.online(node)) return
    const work = (async () => {
      for (let s = queues[node]?.shift(); s !== undefined; s = leaving.has(node) ? undefined : queues[node]?.shift()) await sendOne(s, ++counter)
    })().finally(() => {
      workers.delete(node)
      // A send queued between the loop's last look and now would otherwise wait for the next kick.
      if ((queues[node]?.length ?? 0) > 0) kick(node)
    })
    workers.set(node, work)
  }
  const events: Array<{ at: number, run: () => Promise<void> | void }> = []
  for (const s of schedule.sends) events.push({ at: s.at, run: () => { queues[s.from]?.push(s); kick(s.from) } })
  const churnOps: Array<Promise<void>> = []
  for (const c of schedule.churn) {
    events.push({
      at: c.offAt,
      run: () => {
        churnOps.push((async () => {
          leaving.add(c.node)
          await workers.get(c.node)
          await network.goOffline(c.node)
          offlineNow++
          noteOffline()
          leaving.delete(c.node)
          await sleep(Math.max(0, start + c.onAt - Date.now()))
          await network.comeBack(c.node)
          offlineNow--
          noteOffline()
          kick(c.node)
        })())
      }
    })
  }
  events.sort((a, b) => a.at - b.at)
  const total = schedule.sends.length
  const delivered = (): number => record.sends.reduce((n, s) => n + (record.arrivals.has(s.id) ? 1 : 0), 0)
  for (const e of events) {
    const wait = start + e.at - Date.now()
    if (wait > 0) await sleep(wait)
    await e.run()
    progress.update('messaging', record.sends.length, total, `${delivered()} delivered, ${offlineNow} offline`)
  }
  await Promise.all(churnOps)
  // Every node is back: let the queues empty, then wait (bounded) for the last deliveries.
  const drainUntil = Date.now() + o.drain * 1000
  for (;;) {
    await network.poll()
    const queued = queues.reduce((n, q) => n + q.length, 0) + workers.size
    const done = delivered()
    progress.update('draining', done, record.sends.length + queued, `${offlineNow} offline`)
    if ((queued === 0 && done === record.sends.length) || Date.now() > drainUntil) break
    await sleep(200)
  }
  await Promise.allSettled([...workers.values()])
  record.unsent += queues.reduce((n, q) => n + q.length, 0)
  await network.poll()
  record.timeline.end = Date.now()
}

/** The same scenario at several sizes, one after the other; each run writes into `out/n<N>/`. */
export async function runSweep (o: SimOptions, options: RunOptions = {}): Promise<SweepSummary> {
  const progress = options.progress ?? new Progress()
  const runs: Summary[] = []
  for (const nodes of o.sweep) {
    progress.note(`sweep: ${nodes} nodes`)
    const scaled = scaleScenario(o, nodes)
    runs.push(await runSim({ ...scaled, out: join(o.out, `n${nodes}`), sweep: [] }, { progress }))
  }
  const sweep = { sizes: o.sweep, runs }
  await writeSweepReport(o.out, sweep)
  return sweep
}
