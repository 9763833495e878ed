/** Small statistics helpers for the report: percentiles, means, CDFs. */

/** The p-quantile (0..1) of `values` by nearest rank, or null for no values. */
export function percentile (values: readonly number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))
  return sorted[rank] ?? null
}

export function mean (values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length
}

export function round (value: number | null, digits = 1): number | null {
  if (value === null) return null
  const f = 10 ** digits
  return Math.round(value * f) / f
}

export interface Quantiles { p50: number | null, p95: number | null, p99: number | null }

export function quantiles (values: readonly number[], digits = 1): Quantiles {
  return { p50: round(percentile(values, 0.5), digits), p95: round(percentile(values, 0.95), digits), p99: round(percentile(values, 0.99), digits) }
}

/** Points of the empirical CDF, at most `maxPoints` of them (evenly spaced ranks). */
export function cdf (values: readonly number[], maxPoints = 400): Array<[number, number]> {
  const sorted = [...values].sort((a, b) => a - b)
  const n = sorted.length
  if (n === 0) return []
  const step = Math.max(1, Math.floor(n / maxPoints))
  const out: Array<[number, number]> = []
  for (let i = 0; i < n; i += step) out.push([sorted[i] ?? 0, (i + 1) / n])
  out.push([sorted[n - 1] ?? 0, 1])
  return out
}
