/**
 * A tiny benchmark harness: warm up, then time several rounds and report the
 * median rate. Results are printed one JSON object per line with --json, or
 * as a table for people.
 */

export interface BenchResult {
  name: string
  /** Operations (or messages) per second, median of the rounds. */
  perSecond: number
  [figure: string]: unknown
}

export interface MeasureOptions {
  /** Untimed calls before measuring. */
  warmup?: number
  /** Calls per timed round. */
  iterations: number
  /** Timed rounds; the median is reported. */
  rounds?: number
}

/** Median ops/s of `fn` over several rounds of `iterations` calls. */
export function measure (fn: (i: number) => void, options: MeasureOptions): { perSecond: number, usPerOp: number } {
  const { warmup = Math.min(200, options.iterations), iterations, rounds = 5 } = options
  for (let i = 0; i < warmup; i++) fn(i)
  const rates: number[] = []
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < iterations; i++) fn(i)
    const ns = Number(process.hrtime.bigint() - start)
    rates.push(iterations / (ns / 1e9))
  }
  rates.sort((a, b) => a - b)
  const perSecond = rates[Math.floor(rates.length / 2)] ?? 0
  return { perSecond: Math.round(perSecond), usPerOp: Number((1e6 / perSecond).toFixed(2)) }
}

/** The middle value (the upper middle one of an even count). */
export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

/**
 * Median wall and CPU µs per call of an async `fn`, each call awaited before
 * the next: warm-up, then timed rounds, the medians reported (as `measure`,
 * with process CPU time, all threads, beside the wall clock).
 */
export async function measureAsync (fn: (i: number) => Promise<unknown>, options: MeasureOptions): Promise<{ perSecond: number, usPerOp: number, cpuUsPerOp: number }> {
  const { warmup = Math.min(200, options.iterations), iterations, rounds = 5 } = options
  for (let i = 0; i < warmup; i++) await fn(i)
  const wall: number[] = []
  const cpu: number[] = []
  for (let r = 0; r < rounds; r++) {
    const cpuStart = process.cpuUsage()
    const start = process.hrtime.bigint()
    for (let i = 0; i < iterations; i++) await fn(i)
    const ns = Number(process.hrtime.bigint() - start)
    const { user, system } = process.cpuUsage(cpuStart)
    wall.push(ns / iterations / 1000)
    cpu.push((user + system) / iterations)
  }
  const usPerOp = median(wall)
  return { perSecond: Math.round(1e6 / usPerOp), usPerOp: Number(usPerOp.toFixed(2)), cpuUsPerOp: Number(median(cpu).toFixed(2)) }
}

/**
 * A cost against a baseline measured in the same run: `ratio` = subject's
 * time per operation ÷ baseline's (so 1.0 = free, 2.0 = twice the floor).
 */
export interface RatioRow {
  name: string
  subject: string
  baseline: string
  ratio: number
  /** The same ratio in process CPU time, where both sides report it. */
  cpuRatio?: number
}

const num = (v: unknown): number | undefined => typeof v === 'number' && Number.isFinite(v) ? v : undefined

/**
 * The ratio rows of a run: session code against its primitive floor, kabar
 * delivery against a bare libp2p stream, a connection with kabar's Noise
 * crypto against the package's default, and (with --reference) libsignal's
 * time per operation against kabar's, so above 1.00 kabar is the faster.
 */
export function ratioRows (results: BenchResult[]): RatioRow[] {
  const byName = new Map(results.map((r) => [r.name, r]))
  const rows: RatioRow[] = []
  const floor = (name: string, subject: string): void => {
    const ratio = num(byName.get(name)?.ratio)
    if (ratio !== undefined) rows.push({ name: `${name}-vs-primitives`, subject, baseline: 'the bare primitive calls it needs (timed between its rounds)', ratio })
  }
  floor('session-setup', 'PQXDH setup + first 1 KiB message, both sides')
  floor('ratchet-1k-oneway', '1 KiB ratchet message, encrypt + decrypt')
  floor('ratchet-1k-alternating', '1 KiB message with a DH ratchet step')
  const perSecond = (name: string): number | undefined => num(byName.get(name)?.perSecond)
  const stream = (subjectName: string, baselineName: string, name: string, subject: string, baseline: string): void => {
    const s = perSecond(subjectName)
    const b = perSecond(baselineName)
    if (s !== undefined && b !== undefined && s > 0) rows.push({ name, subject, baseline, ratio: Number((b / s).toFixed(2)) })
  }
  stream('kabar-1k-burst-delivered', 'bare-acked-1k-w64', 'kabar-burst-vs-bare-acked', 'kabar 1 KiB burst, sent → delivered (stored, acked)', 'stock lpStream, 1 KiB frames each acked, 64 in flight')
  const p50 = (name: string): number | undefined => num((byName.get(name)?.latencyMs as { p50?: unknown } | undefined)?.p50)
  const single = p50('kabar-1k-one-at-a-time')
  const rtt = p50('bare-rtt-1k')
  if (single !== undefined && rtt !== undefined && rtt > 0) rows.push({ name: 'kabar-single-vs-bare-rtt', subject: 'kabar 1 KiB one at a time, sent → delivered, p50', baseline: 'stock lpStream, one 1 KiB frame echoed, p50', ratio: Number((single / rtt).toFixed(2)) })
  const fanIn = results.find((r) => r.name.startsWith('kabar-1k-fan-in-'))
  if (fanIn !== undefined) stream(fanIn.name, 'kabar-1k-burst-delivered', 'kabar-fan-in-vs-burst', `a business node receiving from ${typeof fanIn.customers === 'number' ? fanIn.customers : 'many'} customers at once`, 'kabar 1 KiB burst between two nodes')
  stream('connection-open-close', 'connection-open-close-stock-noise', 'noise-kabar-x25519-vs-stock', "a connection opened and closed, Noise on kabar's X25519", 'the same on the Noise package\'s default crypto')
  // Same workload, same units: wall and CPU time per operation of each side.
  const reference = (kabarName: string, wallField: string, cpuField: string, name: string, workload: string): void => {
    const k = byName.get(kabarName)
    const ref = byName.get(`reference-${kabarName}`)
    const kw = num(k?.[wallField])
    const rw = num(ref?.[wallField])
    if (kw === undefined || rw === undefined || kw <= 0) return
    const row: RatioRow = { name, subject: `libsignal (Rust, through its Node binding): ${workload}`, baseline: 'kabar, the same workload', ratio: Number((rw / kw).toFixed(2)) }
    const kc = num(k?.[cpuField])
    const rc = num(ref?.[cpuField])
    if (kc !== undefined && rc !== undefined && kc > 0) row.cpuRatio = Number((rc / kc).toFixed(2))
    rows.push(row)
  }
  reference('session-setup', 'msPerSetup', 'cpuMsPerSetup', 'reference-vs-kabar-setup', 'PQXDH setup + first 1 KiB message, both sides')
  reference('ratchet-1k-oneway', 'usPerMessage', 'cpuUsPerMessage', 'reference-vs-kabar-oneway', '1 KiB message one way, encrypt + decrypt')
  reference('ratchet-1k-alternating', 'usPerMessage', 'cpuUsPerMessage', 'reference-vs-kabar-alternating', '1 KiB message with a DH ratchet step')
  return rows
}

export function report (results: BenchResult[], json: boolean): void {
  const ratios = ratioRows(results)
  if (json) {
    for (const r of results) console.log(JSON.stringify(r))
    for (const r of ratios) console.log(JSON.stringify({ name: r.name, kind: 'ratio', perSecond: 0, ratio: r.ratio, ...(r.cpuRatio === undefined ? {} : { cpuRatio: r.cpuRatio }), subject: r.subject, baseline: r.baseline }))
    return
  }
  for (const r of results) {
    const extras = Object.entries(r).filter(([k]) => k !== 'name' && k !== 'perSecond').map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')
    console.log(`${r.name.padEnd(28)} ${String(r.perSecond).padStart(10)} /s  ${extras}`)
  }
  if (ratios.length === 0) return
  console.log('')
  console.log('Ratios against baselines measured in this run (time per operation; 1.00 = no overhead):')
  console.log(`${'ratio'.padStart(7)}  ${'name'.padEnd(32)} subject  /  baseline`)
  for (const r of ratios) {
    const cpu = r.cpuRatio === undefined ? '' : `  (CPU time: ${r.cpuRatio.toFixed(2)})`
    console.log(`${r.ratio.toFixed(2).padStart(7)}  ${r.name.padEnd(32)} ${r.subject}  /  ${r.baseline}${cpu}`)
  }
}
