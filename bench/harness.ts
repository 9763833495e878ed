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

export function report (results: BenchResult[], json: boolean): void {
  for (const r of results) {
    if (json) {
      console.log(JSON.stringify(r))
    } else {
      const extras = Object.entries(r).filter(([k]) => k !== 'name' && k !== 'perSecond').map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')
      console.log(`${r.name.padEnd(28)} ${String(r.perSecond).padStart(10)} /s  ${extras}`)
    }
  }
}
