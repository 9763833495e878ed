/**
 * What the runner needs from a simulated network, whichever way its nodes run
 * (one process over the memory transport, or `kabar start` processes).
 */
import type { LookupProbe } from './dht-probe.ts'
import type { Progress } from './progress.ts'

/** A message the application of node `to` saw; `at` is ms since epoch on this machine's clock. */
export interface Arrival { id: string, to: number, at: number }

export interface Resources {
  /** Resident memory per node once the network is up (MiB). */
  rssPerNodeMiB: number | null
  /** V8 heap per node once the network is up (MiB), in-process only. */
  heapPerNodeMiB: number | null
  /** CPU seconds (user + system) of the nodes since the start of the run. */
  cpuSeconds: number
  /** Mean open connections and DHT routing-table entries per node once the network is up; null when not measured. */
  connectionsPerNode?: number | null
  dhtPeersPerNode?: number | null
  /** Bytes on the wire so far, or null when the network cannot count them. */
  wireBytes: number | null
}

export interface SimNetwork {
  readonly size: number
  readonly mode: 'memory' | 'processes'
  /** Starts every node and waits until each recipient's records are confirmed in the DHT. */
  start: (progress: Progress) => Promise<{ startMs: number, publishMs: number[] }>
  address: (node: number) => string
  online: (node: number) => boolean
  /** Sends; resolves once the message is stored in the sender's outbox. */
  send: (from: number, to: number, text: string) => Promise<{ id: string, sentAt: number }>
  goOffline: (node: number) => Promise<void>
  comeBack: (node: number) => Promise<void>
  onArrival: (listener: (arrival: Arrival) => void) => void
  /** Polls for arrivals where the network cannot push them (processes); a no-op in memory. */
  poll: () => Promise<void>
  probe: (from: number, target: number, timeoutMs: number) => Promise<LookupProbe>
  resources: () => Promise<Resources>
  /** Stops every node, each within a bound; resolves with one line per node that did not stop cleanly (never rejects). */
  stop: () => Promise<string[]>
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function mapLimit<T, R> (items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i], i)
    }
  })
  await Promise.all(workers)
  return out
}

export const sleep = async (ms: number): Promise<void> => { await new Promise((resolve) => setTimeout(resolve, ms)) }

/**
 * How `work` ended within `ms`: 'done', 'timeout', or the error it threw. The
 * timer keeps the event loop alive meanwhile: a run over the memory transport
 * holds no other handle, so a promise that never settles would otherwise end
 * the process silently (exit code 13, an unsettled top-level await) before the
 * report is written.
 */
export async function settleWithin (work: Promise<unknown>, ms: number): Promise<'done' | 'timeout' | Error> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => { resolve('timeout') }, ms) })
  try {
    return await Promise.race([work.then(() => 'done' as const, (err: unknown) => err instanceof Error ? err : new Error(String(err))), timeout])
  } finally {
    clearTimeout(timer)
  }
}
