/**
 * The simulation's flags: parsing, defaults and validation. A bad flag is a
 * {@link UsageError} (the entry point prints it on one line and exits 2).
 */
import { availableParallelism } from 'node:os'

export class UsageError extends Error {
  override name = 'UsageError'
}

export interface SimOptions {
  /** Nodes in the network, seeds included. */
  nodes: number
  /** Real `kabar start` processes on loopback instead of one process over the memory transport. */
  processes: boolean
  /** Always-on business nodes (they are also the seeds when there are any). */
  businesses: number
  /** Customers, each messaging one business (fan-in). */
  customers: number
  /** Person-to-person pairs, messaging both ways. */
  pairs: number
  /** Messages sent in total over the run. */
  messages: number
  /** Fraction of the people (not businesses, not seeds) that go offline once during the run and come back. */
  churn: number
  /** Seconds over which the messages are spread. */
  duration: number
  /** Longest wait, in seconds, for the last messages once every node is back online. */
  drain: number
  /** Seeds the schedule (who, to whom, when, who goes offline); crypto randomness stays real. */
  seed: number
  out: string
  /** DHT lookups probed after start-up for the lookup figures. */
  probes: number
  /** Network sizes for a sweep; empty = one run. */
  sweep: number[]
  /** Delivery retry timers of in-process nodes (ms). */
  retryInitialMs: number
  retryMaxMs: number
  /** Worker threads an in-process network's nodes are spread over; 1 = all in the main thread. */
  workers: number
}

export const USAGE = 'usage: npm run sim -- [--nodes N] [--processes] [--businesses B --customers C] [--pairs P] [--messages M] ' +
  '[--churn F] [--duration S] [--drain S] [--seed N] [--probes N] [--out DIR] [--sweep N1,N2,...] [--workers W]'

const DEFAULTS = { nodes: 50, messages: 500, churn: 0, duration: 30, drain: 60, seed: 1, probes: 20, out: 'sim-out', retryInitialMs: 250, retryMaxMs: 2_000 }

/** Worker threads by default: one per core (the main thread only schedules), at most 8. */
export function defaultWorkers (): number {
  return Math.min(8, availableParallelism())
}

/** Seeds every node bootstraps from: one for tiny networks, then one per 50 nodes, 2 to 4. */
export function seedCount (nodes: number): number {
  return nodes < 10 ? 1 : Math.min(4, Math.max(2, Math.ceil(nodes / 50)))
}

/** Nodes that are neither businesses nor seeds: customers, pair members, idle people; only they churn. */
export function peopleCount (o: Pick<SimOptions, 'nodes' | 'businesses'>): number {
  return o.nodes - Math.max(o.businesses, seedCount(o.nodes))
}

function integer (flag: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be an integer, got "${value}"`)
  const n = Number(value)
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${n}`)
  return n
}

function decimal (flag: string, value: string, min: number, max: number): number {
  if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`${flag} must be a number, got "${value}"`)
  const n = Number(value)
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${n}`)
  return n
}

/** Parses argv (without node and script); throws UsageError on anything it does not understand. */
export function parseSimArgs (argv: readonly string[]): SimOptions {
  const given = new Map<string, string>()
  let processes = false
  const withValue = new Set(['--nodes', '--businesses', '--customers', '--pairs', '--messages', '--churn', '--duration', '--drain', '--seed', '--probes', '--out', '--sweep', '--retry-initial-ms', '--retry-max-ms', '--workers'])
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    const eq = arg.indexOf('=')
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg
    if (flag === '--processes') {
      processes = true
      continue
    }
    if (!withValue.has(flag)) throw new UsageError(`unknown argument "${arg}"`)
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i]
    if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`)
    if (given.has(flag)) throw new UsageError(`${flag} given twice`)
    given.set(flag, value)
  }
  const get = (flag: string): string | undefined => given.get(flag)
  const num = (flag: string, fallback: number, min: number, max: number): number => {
    const v = get(flag)
    return v === undefined ? fallback : integer(flag, v, min, max)
  }
  const sweepText = get('--sweep')
  const sweep = sweepText === undefined ? [] : sweepText.split(',').map((s) => integer('--sweep', s.trim(), 3, 1000))
  const nodes = num('--nodes', DEFAULTS.nodes, 3, 1000)
  const businesses = num('--businesses', 0, 0, 1000)
  const customers = num('--customers', 0, 0, 1000)
  if ((businesses > 0) !== (customers > 0)) throw new UsageError('--businesses and --customers go together')
  const churnText = get('--churn')
  const o: SimOptions = {
    nodes,
    processes,
    businesses,
    customers,
    pairs: 0,
    messages: num('--messages', DEFAULTS.messages, 1, 1_000_000),
    churn: churnText === undefined ? DEFAULTS.churn : decimal('--churn', churnText, 0, 1),
    duration: num('--duration', DEFAULTS.duration, 1, 3600),
    drain: num('--drain', DEFAULTS.drain, 1, 3600),
    seed: num('--seed', DEFAULTS.seed, 0, 2 ** 32 - 1),
    probes: num('--probes', DEFAULTS.probes, 0, 1000),
    out: get('--out') ?? DEFAULTS.out,
    sweep,
    retryInitialMs: num('--retry-initial-ms', DEFAULTS.retryInitialMs, 10, 600_000),
    retryMaxMs: num('--retry-max-ms', DEFAULTS.retryMaxMs, 10, 3_600_000),
    workers: num('--workers', defaultWorkers(), 1, 64)
  }
  const pairsText = get('--pairs')
  o.pairs = pairsText === undefined ? (businesses > 0 ? 0 : Math.floor(peopleCount(o) / 2)) : integer('--pairs', pairsText, 0, 1000)
  if (sweep.length === 0) checkFits(o)
  for (const n of sweep) checkFits(scaleScenario(o, n))
  if (o.retryMaxMs < o.retryInitialMs) throw new UsageError('--retry-max-ms must be at least --retry-initial-ms')
  return o
}

/** The scenario must fit in the network: businesses, then customers and pair members among the people. */
export function checkFits (o: SimOptions): void {
  if (o.customers + o.pairs === 0) throw new UsageError('nothing to send: give --pairs P or --businesses B --customers C')
  if (o.businesses >= o.nodes) throw new UsageError(`--businesses ${o.businesses} leaves no room for customers in ${o.nodes} nodes`)
  const people = peopleCount(o)
  const needed = o.customers + 2 * o.pairs
  if (needed > people) throw new UsageError(`${o.customers} customers and ${o.pairs} pairs need ${needed} people, but ${o.nodes} nodes leave ${people} (seeds and businesses excluded)`)
}

/** The scenario at another size, in the same proportions (for a sweep): customers, pairs and messages scale with N. */
export function scaleScenario (o: SimOptions, nodes: number): SimOptions {
  const factor = nodes / o.nodes
  return {
    ...o,
    nodes,
    pairs: o.customers > 0 ? Math.floor(o.pairs * factor) : Math.max(1, Math.floor(peopleCount({ nodes, businesses: o.businesses }) / Math.max(1, peopleCount(o)) * o.pairs)),
    customers: Math.floor(o.customers * factor),
    messages: Math.max(1, Math.round(o.messages * factor))
  }
}
