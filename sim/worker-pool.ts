/**
 * Nodes spread over worker threads (`npm run sim -- --workers W`): one
 * process still, but every core busy. Node i lives in worker i mod W; each
 * worker is a `sim/worker.ts` thread serving a LocalHost, and connections
 * between nodes of any two threads go through the thread transport, routed by
 * this thread's {@link ThreadRouter}. A call on node i is a request to its
 * worker; a census sums every worker's.
 */
import { Worker } from 'node:worker_threads'
import type { LookupProbe } from './dht-probe.ts'
import type { Arrival } from './network.ts'
import type { Census, HostedNodeInit, NodeHost } from './node-host.ts'
import { ThreadRouter } from './thread-transport.ts'
import type { HostOp, WorkerReply, WorkerRequest } from './worker.ts'

interface Pending { resolve: (value: unknown) => void, reject: (err: Error) => void }

class WorkerClient {
  readonly worker: Worker
  readonly #pending = new Map<number, Pending>()
  #next = 0
  #failure: Error | undefined

  constructor (worker: Worker, onArrival: (a: Arrival) => void) {
    this.worker = worker
    worker.on('message', (m: WorkerReply) => {
      if ('arrival' in m) {
        onArrival(m.arrival)
        return
      }
      const pending = this.#pending.get(m.id)
      this.#pending.delete(m.id)
      if ('error' in m) pending?.reject(new Error(m.error))
      else pending?.resolve(m.value)
    })
    const fail = (err: Error): void => {
      this.#failure = err
      for (const p of this.#pending.values()) p.reject(err)
      this.#pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => { fail(new Error(`a simulation worker exited (code ${code})`)) })
  }

  async call<T> (op: HostOp, ...args: unknown[]): Promise<T> {
    if (this.#failure !== undefined) throw this.#failure
    const id = this.#next++
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      this.worker.postMessage({ id, op, args } satisfies WorkerRequest)
    })
  }
}

export class WorkerPool implements NodeHost {
  readonly #router = new ThreadRouter()
  readonly #clients: WorkerClient[]
  readonly #listeners: Array<(a: Arrival) => void> = []

  constructor (workers: number) {
    this.#clients = Array.from({ length: workers }, () => {
      const router = this.#router.addThread()
      const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { router }, transferList: [router] })
      return new WorkerClient(worker, (a) => { for (const l of this.#listeners) l(a) })
    })
  }

  #of (i: number): WorkerClient {
    const client = this.#clients[i % this.#clients.length]
    if (client === undefined) throw new Error('no simulation workers')
    return client
  }

  async create (i: number, init: HostedNodeInit): Promise<string> {
    this.#router.assign(init.listen, i % this.#clients.length)
    return this.#of(i).call('create', i, init)
  }

  async publicationRan (i: number): Promise<boolean> { return this.#of(i).call('publicationRan', i) }
  async publishedAt (i: number): Promise<number | undefined> { return this.#of(i).call('publishedAt', i) }
  async publish (i: number): Promise<{ account: number, prekey: number, connections: number, dhtPeers: number }> { return this.#of(i).call('publish', i) }
  async dial (i: number, address: string, timeoutMs: number): Promise<void> { await this.#of(i).call('dial', i, address, timeoutMs) }
  async send (i: number, to: string, text: string): Promise<{ id: string, sentAt: number }> { return this.#of(i).call('send', i, to, text) }
  async stop (i: number): Promise<void> { await this.#of(i).call('stop', i) }
  async probe (i: number, target: string, timeoutMs: number): Promise<LookupProbe> { return this.#of(i).call('probe', i, target, timeoutMs) }

  async census (gc: boolean): Promise<Census> {
    const all = await Promise.all(this.#clients.map(async (c) => c.call<Census>('census', gc)))
    if (gc) global.gc?.()
    return all.reduce((sum, c) => ({
      nodes: sum.nodes + c.nodes,
      connections: sum.connections + c.connections,
      dhtPeers: sum.dhtPeers + c.dhtPeers,
      wireBytes: sum.wireBytes + c.wireBytes,
      heapUsed: sum.heapUsed + c.heapUsed
    }), { nodes: 0, connections: 0, dhtPeers: 0, wireBytes: 0, heapUsed: process.memoryUsage().heapUsed })
  }

  onArrival (listener: (a: Arrival) => void): void {
    this.#listeners.push(listener)
  }

  async close (): Promise<void> {
    await Promise.allSettled(this.#clients.map(async (c) => { await c.call('close') }))
    await Promise.allSettled(this.#clients.map(async (c) => { await c.worker.terminate() }))
    this.#router.close()
  }
}
