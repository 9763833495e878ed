/**
 * A worker thread of a simulation with `--workers`: hosts some of the nodes
 * (a {@link LocalHost} over the thread transport) and runs what the main
 * thread's {@link WorkerPool} asks, one request at a time per call id:
 * `{ id, op, args }` in, `{ id, value }` or `{ id, error }` out; arrivals are
 * pushed as `{ arrival }`.
 */
import '../src/polyfill.ts'
import { parentPort, workerData } from 'node:worker_threads'
import type { MessagePort } from 'node:worker_threads'
import { LocalHost } from './node-host.ts'
import type { NodeHost } from './node-host.ts'
import { ThreadNetwork, threadTransport } from './thread-transport.ts'

export interface WorkerRequest { id: number, op: HostOp, args: unknown[] }
export type WorkerReply = { id: number, value: unknown } | { id: number, error: string } | { arrival: { id: string, to: number, at: number } }
export type HostOp = Exclude<keyof NodeHost, 'onArrival'>

// As in the main thread (sim/index.ts): a node must never die of an unhandled rejection, and in a
// worker one would end the thread with every node in it; say so instead.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`sim worker: unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}\n`)
})

const port = parentPort
if (port === null) throw new Error('sim/worker.ts runs as a worker thread')
const { router } = workerData as { router: MessagePort }
const host = new LocalHost({ memoryTransport: threadTransport(new ThreadNetwork(router)) })
host.onArrival((arrival) => { port.postMessage({ arrival } satisfies WorkerReply) })

port.on('message', (req: WorkerRequest) => {
  const call = (host[req.op] as (...args: unknown[]) => Promise<unknown>).bind(host)
  call(...req.args).then(
    (value) => { port.postMessage({ id: req.id, value } satisfies WorkerReply) },
    (err: unknown) => { port.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply) }
  )
})
