/**
 * From what a run recorded to summary.json and the plots: latency CDF,
 * delivery over time with the nodes offline, lookup hops; and for a sweep,
 * sweep.json with lookup time, hops and memory against network size.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LookupProbe } from './dht-probe.ts'
import type { Resources } from './network.ts'
import type { SimOptions } from './options.ts'
import type { Schedule } from './schedule.ts'
import { cdf, mean, quantiles, round } from './stats.ts'
import type { Quantiles } from './stats.ts'
import { svgDocument } from './svg.ts'
import type { ChartSpec } from './svg.ts'

export interface RunRecord {
  options: SimOptions
  schedule: Schedule
  /** Messages the senders' nodes accepted; `at` is ms into the messaging phase. */
  sends: Array<{ id: string, from: number, to: number, sentAt: number, at: number }>
  /** First arrival per message id at a receiver, and how many times the application saw it. */
  arrivals: Map<string, { to: number, at: number, count: number }>
  /** The first message of each sender to each recipient; `startedAt` is before the send call (lookup included). */
  firstContacts: Array<{ id: string, from: number, to: number, startedAt: number, business: boolean }>
  probes: LookupProbe[]
  publishMs: number[]
  startMs: number
  /** [ms into the messaging phase, nodes offline] at every change. */
  offline: Array<[number, number]>
  timeline: { start: number, end: number }
  unsent: number
  sendErrors: string[]
  /** Nodes that did not stop cleanly at the end of the run (a stop that hangs is a bug, so the run fails). */
  stopErrors: string[]
  resources: Resources | undefined
  idleBytesPerSecond: number | null
  messagingBytes: number | null
  wallSeconds: number
  /** Seconds each phase of the run took. */
  phases: Record<string, number>
  /** CPU seconds (user + system, every thread) each phase used. */
  phaseCpu: Record<string, number>
}

export interface Summary {
  mode: 'memory' | 'processes'
  nodes: number
  seeds: number
  businesses: number
  customers: number
  pairs: number
  churn: number
  churnedNodes: number
  durationSeconds: number
  seed: number
  /** Messages the senders' nodes accepted (stored in their outbox). */
  sent: number
  /** Of those, messages that reached the recipient's application. */
  delivered: number
  /** Sent but not delivered when the drain period ended. */
  lost: number
  /** Extra times the recipient's application saw a message it had already seen. */
  duplicates: number
  /** Scheduled messages the sender's node never accepted (e.g. recipient records not found). */
  unsent: number
  /** Sent (sender's sentAt) to arrival in the recipient's application, ms. */
  latency: Quantiles & { max: number | null }
  /** First message to a business never contacted before: from the send call (DHT lookup, prekey fetch, dial, handshake) to arrival, ms. */
  firstMessageToBusiness: (Quantiles & { count: number }) | null
  /** The same for every first contact (businesses and people). */
  firstMessage: Quantiles & { count: number }
  dhtLookup: {
    probes: number
    found: number
    /** Values the prober already held (0 hops). */
    localHits: number
    /** Call to first value, ms. */
    ms: Quantiles
    /** Call to the end of the whole query, ms. */
    queryMs: Quantiles
    hops: { mean: number | null, p50: number | null, max: number | null, histogram: Record<string, number> } | null
    /** Hops and ms of the first value from another peer (what routing costs when the prober holds no copy). */
    remoteHops: { mean: number | null, p50: number | null, max: number | null, histogram: Record<string, number> } | null
    remoteMs: Quantiles
    /** Distinct peers queried per lookup. */
    peersQueried: number | null
  }
  /** In memory: a recipient's publish (2 DHT puts) that a peer confirmed; in processes: start-up until another daemon found its records. ms. */
  publishMs: Quantiles
  bytesOnWire: {
    method: string
    total: number | null
    messagingPhase: number | null
    idleBytesPerSecond: number | null
    /** (messaging-phase bytes − idle rate × phase length) / delivered. */
    perMessage: number | null
  }
  memoryPerNodeMiB: { rss: number | null, heap: number | null }
  /** In memory: mean open connections and DHT routing-table entries per node after start-up; null in processes mode. */
  connectionsPerNode: number | null
  dhtPeersPerNode: number | null
  cpuSeconds: number | null
  startupSeconds: number
  wallSeconds: number
  phases: Record<string, number>
  /** CPU seconds per phase: above the phase's seconds, more than one core was busy. */
  phaseCpu: Record<string, number>
  sendErrors: string[]
  /** Up to 5 nodes that did not stop cleanly at the end (the run fails then). */
  stopErrors: string[]
}

export function summarize (r: RunRecord): Summary {
  const o = r.options
  let delivered = 0
  let duplicates = 0
  const latencies: number[] = []
  const sentIds = new Set(r.sends.map((s) => s.id))
  for (const s of r.sends) {
    const a = r.arrivals.get(s.id)
    if (a === undefined || a.to !== s.to) continue
    delivered++
    latencies.push(a.at - s.sentAt)
  }
  for (const [id, a] of r.arrivals) if (sentIds.has(id)) duplicates += a.count - 1
  const firsts = (business: boolean | undefined): number[] => r.firstContacts
    .filter((f) => business === undefined || f.business === business)
    .map((f) => { const a = r.arrivals.get(f.id); return a === undefined ? -1 : a.at - f.startedAt })
    .filter((ms) => ms >= 0)
  const toBusiness = firsts(true)
  const probesFound = r.probes.filter((p) => p.firstValueMs !== null)
  const hops = probesFound.map((p) => p.hops).filter((h): h is number => h !== null)
  const remoteHops = r.probes.map((p) => p.remoteHops).filter((h): h is number => h !== null)
  const phaseSeconds = (r.timeline.end - r.timeline.start) / 1000
  const net = r.messagingBytes === null || r.idleBytesPerSecond === null ? null : Math.max(0, r.messagingBytes - r.idleBytesPerSecond * phaseSeconds)
  const res = r.resources
  return {
    mode: o.processes ? 'processes' : 'memory',
    nodes: o.nodes,
    seeds: r.schedule.seeds.length,
    businesses: o.businesses,
    customers: o.customers,
    pairs: o.pairs,
    churn: o.churn,
    churnedNodes: r.schedule.churn.length,
    durationSeconds: o.duration,
    seed: o.seed,
    sent: r.sends.length,
    delivered,
    lost: r.sends.length - delivered,
    duplicates,
    unsent: r.unsent,
    latency: { ...quantiles(latencies), max: round(latencies.length === 0 ? null : Math.max(...latencies)) },
    firstMessageToBusiness: o.businesses > 0 ? { ...quantiles(toBusiness), count: toBusiness.length } : null,
    firstMessage: { ...quantiles(firsts(undefined)), count: firsts(undefined).length },
    dhtLookup: {
      probes: r.probes.length,
      found: probesFound.length,
      localHits: r.probes.filter((p) => p.local).length,
      ms: quantiles(probesFound.map((p) => p.firstValueMs ?? 0)),
      queryMs: quantiles(r.probes.map((p) => p.totalMs)),
      hops: hopStats(hops),
      remoteHops: hopStats(remoteHops),
      remoteMs: quantiles(r.probes.flatMap((p) => p.firstRemoteMs === null ? [] : [p.firstRemoteMs])),
      peersQueried: round(mean(r.probes.map((p) => p.queried)), 1)
    },
    publishMs: quantiles(r.publishMs),
    bytesOnWire: {
      method: o.processes ? 'not counted in processes mode' : 'bytes written into @libp2p/memory connections (Noise ciphertext + yamux + handshakes), all protocols',
      total: res?.wireBytes ?? null,
      messagingPhase: r.messagingBytes,
      idleBytesPerSecond: round(r.idleBytesPerSecond, 0),
      perMessage: net === null || delivered === 0 ? null : Math.round(net / delivered)
    },
    memoryPerNodeMiB: { rss: round(res?.rssPerNodeMiB ?? null, 2), heap: round(res?.heapPerNodeMiB ?? null, 2) },
    connectionsPerNode: round(res?.connectionsPerNode ?? null, 1),
    dhtPeersPerNode: round(res?.dhtPeersPerNode ?? null, 1),
    cpuSeconds: round(res?.cpuSeconds ?? null, 1),
    startupSeconds: round(r.startMs / 1000, 1) ?? 0,
    wallSeconds: round(r.wallSeconds, 1) ?? 0,
    phases: r.phases,
    phaseCpu: r.phaseCpu,
    sendErrors: [...new Set(r.sendErrors)].slice(0, 5),
    stopErrors: r.stopErrors.slice(0, 5)
  }
}

function hopStats (hops: number[]): Summary['dhtLookup']['hops'] {
  if (hops.length === 0) return null
  const histogram: Record<string, number> = {}
  for (const h of hops) histogram[String(h)] = (histogram[String(h)] ?? 0) + 1
  return { mean: round(mean(hops), 2), p50: quantiles(hops, 0).p50, max: Math.max(...hops), histogram }
}

/** Writes summary.json, latency-cdf.svg, delivery-over-time.svg and lookup-hops.svg. */
export async function writeRunReport (dir: string, r: RunRecord, s: Summary): Promise<void> {
  await writeFile(join(dir, 'summary.json'), JSON.stringify(s, null, 2) + '\n')
  await writeFile(join(dir, 'schedule.json'), JSON.stringify({ roles: r.schedule.roles, seeds: r.schedule.seeds, churn: r.schedule.churn, messagingStartedAt: r.timeline.start }, null, 2) + '\n')
  // The raw figures behind the plots, one message per line, for anyone who wants to plot them differently.
  const first = new Set(r.firstContacts.map((f) => f.id))
  await writeFile(join(dir, 'messages.ndjson'), r.sends.map((m) => {
    const a = r.arrivals.get(m.id)
    return JSON.stringify({ id: m.id, from: m.from, to: m.to, sentAt: m.sentAt, deliveredAt: a?.at ?? null, latencyMs: a === undefined ? null : a.at - m.sentAt, seen: a?.count ?? 0, firstContact: first.has(m.id) })
  }).join('\n') + '\n')
  const latencies = r.sends.flatMap((m) => { const a = r.arrivals.get(m.id); return a === undefined ? [] : [a.at - m.sentAt] })
  const firstContact = r.firstContacts.flatMap((f) => { const a = r.arrivals.get(f.id); return a === undefined ? [] : [a.at - f.startedAt] })
  // Seconds, as on the delivery plot; the legend goes under the axis, where no curve runs.
  const seconds = (points: Array<readonly [number, number]>): Array<readonly [number, number]> => points.map(([ms, y]) => [ms / 1000, y] as const)
  await writeFile(join(dir, 'latency-cdf.svg'), svgDocument([{
    title: `Sent → delivered latency (${s.nodes} nodes, churn ${s.churn})`,
    xLabel: 'latency (s)',
    yLabel: 'fraction of messages delivered',
    xFromZero: true,
    legend: 'below',
    series: [
      { name: `all messages (p50 ${seconds1(s.latency.p50)} s, p99 ${seconds1(s.latency.p99)} s)`, points: seconds(cdf(latencies)) },
      { name: 'first message to a new contact (lookup + handshake)', points: seconds(cdf(firstContact)), dashed: true }
    ]
  }]))
  await writeFile(join(dir, 'delivery-over-time.svg'), svgDocument(deliveryCharts(r, s)))
  const bars = (hist: Record<string, number>): Array<readonly [number, number]> => Object.entries(hist).map(([h, n]) => [Number(h), n] as const).sort((a, b) => a[0] - b[0])
  await writeFile(join(dir, 'lookup-hops.svg'), svgDocument([{
    title: `DHT lookup hops at ${s.nodes} nodes (${s.dhtLookup.found}/${s.dhtLookup.probes} found)`,
    xLabel: 'hops to the first peer that returned the record',
    yLabel: 'lookups',
    xFromZero: true,
    series: [
      { name: 'first value (0 = the prober held a copy)', points: bars(s.dhtLookup.hops?.histogram ?? {}), bars: true },
      { name: 'first value from another peer', points: bars(s.dhtLookup.remoteHops?.histogram ?? {}), bars: true, dashed: true }
    ]
  }]))
}

/** Milliseconds as seconds with one decimal, or '–'. */
function seconds1 (ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '–' : (ms / 1000).toFixed(1)
}

export function deliveryCharts (r: RunRecord, s: Summary): ChartSpec[] {
  const t = (ms: number): number => Math.round(ms / 100) / 10
  const scheduledTimes = r.schedule.sends.map((m) => m.at).sort((a, b) => a - b)
  const sentTimes = r.sends.map((m) => m.at).sort((a, b) => a - b)
  const deliveredTimes = r.sends.flatMap((m) => { const a = r.arrivals.get(m.id); return a === undefined ? [] : [a.at - r.timeline.start] }).sort((a, b) => a - b)
  const cumulative = (times: number[]): Array<[number, number]> => [[0, 0], ...times.map((at, i): [number, number] => [t(at), i + 1])]
  const end = t(r.timeline.end - r.timeline.start)
  // Both panels on one x range, so a moment lines up across them.
  const xDomain = [0, Math.max(end, t(sentTimes.at(-1) ?? 0), t(deliveredTimes.at(-1) ?? 0))] as const
  const offline: Array<[number, number]> = [...r.offline.map(([at, n]): [number, number] => [t(at), n]), [end, r.offline[r.offline.length - 1]?.[1] ?? 0]]
  return [
    {
      title: `Messages over time (${s.nodes} nodes, ${s.churnedNodes} churned)`,
      xLabel: 'seconds into the messaging phase',
      yLabel: 'messages (cumulative)',
      xFromZero: true,
      xDomain,
      series: [
        { name: `scheduled (${scheduledTimes.length})`, points: cumulative(scheduledTimes), step: true, dashed: true },
        { name: `sent (${s.sent})`, points: cumulative(sentTimes), step: true },
        { name: `delivered (${s.delivered})`, points: cumulative(deliveredTimes), step: true }
      ]
    },
    { title: 'Nodes offline', xLabel: 'seconds into the messaging phase', yLabel: 'nodes', xFromZero: true, xDomain, height: 240, series: [{ name: 'offline', points: offline, step: true }] }
  ]
}

export interface SweepSummary {
  sizes: number[]
  runs: Summary[]
}

/** Least-squares c for y ≈ c·log2(N) (through the origin): the shape Kademlia predicts. */
function log2Fit (points: Array<[number, number]>): Array<[number, number]> {
  const num = points.reduce((a, [n, y]) => a + y * Math.log2(n), 0)
  const den = points.reduce((a, [n]) => a + Math.log2(n) ** 2, 0)
  const c = den === 0 ? 0 : num / den
  const lo = Math.min(...points.map((p) => p[0]))
  const hi = Math.max(...points.map((p) => p[0]))
  return Array.from({ length: 21 }, (_, i): [number, number] => { const n = lo + (hi - lo) * i / 20; return [n, c * Math.log2(n)] })
}

export async function writeSweepReport (dir: string, sweep: SweepSummary): Promise<void> {
  const rows = sweep.runs.map((s) => ({
    nodes: s.nodes,
    lookupMs: s.dhtLookup.ms,
    hopsMean: s.dhtLookup.hops?.mean ?? null,
    remoteHopsMean: s.dhtLookup.remoteHops?.mean ?? null,
    remoteLookupMs: s.dhtLookup.remoteMs,
    localHits: s.dhtLookup.localHits,
    peersQueried: s.dhtLookup.peersQueried,
    memoryPerNodeMiB: s.memoryPerNodeMiB,
    connectionsPerNode: s.connectionsPerNode,
    startupSeconds: s.startupSeconds,
    cpuSeconds: s.cpuSeconds,
    sent: s.sent,
    delivered: s.delivered,
    lost: s.lost,
    duplicates: s.duplicates,
    latency: s.latency,
    firstMessage: s.firstMessage
  }))
  await writeFile(join(dir, 'sweep.json'), JSON.stringify({ sizes: sweep.sizes, rows }, null, 2) + '\n')
  const series = (f: (s: Summary) => number | null): Array<[number, number]> => sweep.runs.flatMap((s) => { const v = f(s); return v === null ? [] : [[s.nodes, v] as [number, number]] })
  const hops = series((s) => s.dhtLookup.remoteHops?.mean ?? null)
  const lookup = series((s) => s.dhtLookup.remoteMs.p50)
  await writeFile(join(dir, 'sweep-lookup.svg'), svgDocument([{
    title: 'DHT lookup time against network size', xLabel: 'nodes', yLabel: 'ms', xFromZero: true,
    series: [
      { name: 'first remote value, p50', points: lookup, markers: true },
      { name: 'first remote value, p95', points: series((s) => s.dhtLookup.remoteMs.p95), markers: true },
      { name: 'whole query, p50', points: series((s) => s.dhtLookup.queryMs.p50), markers: true },
      { name: 'c·log2 N fit to the first p50', points: log2Fit(lookup), dashed: true }
    ]
  }]))
  await writeFile(join(dir, 'sweep-hops.svg'), svgDocument([{
    title: 'DHT lookup hops against network size', xLabel: 'nodes', yLabel: 'hops / peers', xFromZero: true,
    series: [{ name: 'mean hops to the first remote value', points: hops, markers: true }, { name: 'c·log2 N fit', points: log2Fit(hops), dashed: true }, { name: 'peers queried ÷ 10', points: series((s) => s.dhtLookup.peersQueried === null ? null : s.dhtLookup.peersQueried / 10), markers: true }]
  }]))
  await writeFile(join(dir, 'sweep-memory.svg'), svgDocument([{
    title: 'Memory per node against network size', xLabel: 'nodes', yLabel: 'MiB per node', xFromZero: true,
    series: [{ name: 'RSS per node', points: series((s) => s.memoryPerNodeMiB.rss), markers: true }, { name: 'V8 heap per node', points: series((s) => s.memoryPerNodeMiB.heap), markers: true }]
  }]))
}
