/**
 * Where an in-process simulation's nodes run: {@link LocalHost} keeps them in
 * this thread; in a worker thread, `sim/worker.ts` serves a LocalHost to the
 * main thread, and {@link WorkerPool} (sim/worker-pool.ts) spreads nodes over
 * several workers behind the same interface. Everything crosses as plain data,
 * so InProcessNetwork drives both alike.
 */
import { multiaddr } from '@multiformats/multiaddr'
import { routingTableSize } from '../src/net/dht.ts'
import type { MemoryTransportFactory } from '../src/net/libp2p.ts'
import { KabarNode } from '../src/node/kabar-node.ts'
import { probeLookup } from './dht-probe.ts'
import type { LookupProbe } from './dht-probe.ts'
import type { Arrival } from './network.ts'
import { threadWireBytes } from './thread-transport.ts'
import { countWireBytes, wireBytes } from './wire-bytes.ts'

export interface HostedNodeInit {
  listen: string
  bootstrap: string[]
  /** A data directory, for nodes that go offline and come back; else an in-memory store. */
  dataDir?: string
  dhtTimeoutMs: number
  retryInitialMs: number
  retryMaxMs: number
}

/** What a host's nodes amount to right now. */
export interface Census {
  nodes: number
  /** Open connections and routing-table entries, summed over the host's running nodes. */
  connections: number
  dhtPeers: number
  /** Bytes the host's connections have carried so far. */
  wireBytes: number
  /** V8 heap in use in the host's thread(s), after a GC when asked and available. */
  heapUsed: number
}

export interface NodeHost {
  /** Creates and starts node `i`; resolves with its address. */
  create: (i: number, init: HostedNodeInit) => Promise<string>
  /** True once node `i` has finished its first publication round, confirmed or not. */
  publicationRan: (i: number) => Promise<boolean>
  /** When (ms since epoch) a peer first confirmed node `i`'s records, if one has. */
  publishedAt: (i: number) => Promise<number | undefined>
  publish: (i: number) => Promise<{ account: number, prekey: number, connections: number, dhtPeers: number }>
  dial: (i: number, address: string, timeoutMs: number) => Promise<void>
  send: (i: number, to: string, text: string) => Promise<{ id: string, sentAt: number }>
  stop: (i: number) => Promise<void>
  probe: (i: number, target: string, timeoutMs: number) => Promise<LookupProbe>
  census: (gc: boolean) => Promise<Census>
  onArrival: (listener: (a: Arrival) => void) => void
  close: () => Promise<void>
}

export interface LocalHostInit {
  /** The transport for `/memory/…` addresses; default @libp2p/memory (nodes of this thread only). */
  memoryTransport?: MemoryTransportFactory
}

/** Nodes in this thread. */
export class LocalHost implements NodeHost {
  readonly #nodes = new Map<number, KabarNode>()
  readonly #listeners: Array<(a: Arrival) => void> = []
  readonly #memoryTransport: MemoryTransportFactory | undefined

  constructor (init: LocalHostInit = {}) {
    this.#memoryTransport = init.memoryTransport
  }

  #node (i: number): KabarNode {
    const node = this.#nodes.get(i)
    if (node === undefined) throw new Error(`node ${i} is offline`)
    return node
  }

  async create (i: number, init: HostedNodeInit): Promise<string> {
    const node = await KabarNode.create({
      transport: 'memory',
      // Hundreds of nodes dial each other at once: libp2p's per-host inbound limits are not for them.
      allowLoopback: true,
      listen: [init.listen],
      bootstrap: init.bootstrap,
      dhtTimeoutMs: init.dhtTimeoutMs,
      retryInitialMs: init.retryInitialMs,
      retryMaxMs: init.retryMaxMs,
      ...(this.#memoryTransport === undefined ? {} : { memoryTransport: this.#memoryTransport }),
      ...(init.dataDir === undefined ? {} : { dataDir: init.dataDir })
    })
    // @libp2p/memory's bytes are counted by wrapping its connections; the thread transport counts its own.
    if (this.#memoryTransport === undefined) countWireBytes(node.libp2p)
    node.on('message', (m) => {
      if (m.direction !== 'in') return
      const arrival = { id: m.id, to: i, at: Date.now() }
      for (const listener of this.#listeners) listener(arrival)
    })
    await node.start()
    this.#nodes.set(i, node)
    return node.address
  }

  async publicationRan (i: number): Promise<boolean> {
    return await this.#node(i).store.get('records', 'own:account') !== undefined
  }

  async publishedAt (i: number): Promise<number | undefined> {
    return (await this.#node(i).status()).recordsPublishedAt
  }

  async publish (i: number): Promise<{ account: number, prekey: number, connections: number, dhtPeers: number }> {
    const node = this.#node(i)
    const r = await node.publish()
    const status = await node.status()
    return { ...r, connections: status.connections, dhtPeers: status.dhtPeers }
  }

  async dial (i: number, address: string, timeoutMs: number): Promise<void> {
    await this.#node(i).libp2p.dial(multiaddr(address), { signal: AbortSignal.timeout(timeoutMs) })
  }

  async send (i: number, to: string, text: string): Promise<{ id: string, sentAt: number }> {
    const m = await this.#node(i).send(to, text)
    return { id: m.id, sentAt: m.sentAt }
  }

  async stop (i: number): Promise<void> {
    const node = this.#nodes.get(i)
    this.#nodes.delete(i)
    await node?.stop()
  }

  async probe (i: number, target: string, timeoutMs: number): Promise<LookupProbe> {
    const node = this.#node(i)
    return probeLookup(node.libp2p.services.dht, node.peerId, target, timeoutMs)
  }

  census (gc: boolean): Promise<Census> {
    if (gc) global.gc?.()
    const up = [...this.#nodes.values()]
    return Promise.resolve({
      nodes: up.length,
      connections: up.reduce((sum, n) => sum + n.libp2p.getConnections().length, 0),
      dhtPeers: up.reduce((sum, n) => sum + routingTableSize(n.libp2p), 0),
      wireBytes: wireBytes() + threadWireBytes(),
      heapUsed: process.memoryUsage().heapUsed
    })
  }

  onArrival (listener: (a: Arrival) => void): void {
    this.#listeners.push(listener)
  }

  async close (): Promise<void> {
    await Promise.allSettled([...this.#nodes.keys()].map(async (i) => { await this.stop(i) }))
  }
}
