/**
 * A libp2p transport for `/memory/<name>` addresses whose nodes live in
 * different worker threads of one process, so a simulation can spread its
 * nodes over the machine's cores (`--workers`). It plays the part of
 * @libp2p/memory, which only connects nodes of one thread: each connection is
 * a `MessageChannel`, one port per end, carrying the bytes libp2p writes
 * (Noise ciphertext and yamux frames, as over TCP) in order.
 *
 * Who listens where is known only to the main thread: a dial posts
 * `{ dial: address }` with one port of a fresh channel to the thread's router
 * port; the main thread's {@link ThreadRouter} hands the port to the thread
 * that listens on that address, which answers on it with 'accept' (then the
 * bytes flow) or `{ refuse }`. Dialling a node of the same thread takes the
 * same path, so every connection behaves alike.
 *
 * On the wire of a channel: a Uint8Array is data; 'end' closes the connection
 * (as a TCP FIN from both sides: the memory transport's semantics); 'reset'
 * aborts it. There is no back-pressure, as in @libp2p/memory.
 */
import { ConnectionFailedError, StreamResetError, TypedEventEmitter, serviceCapabilities, transportSymbol } from '@libp2p/interface'
import type { ComponentLogger, Connection, CreateListenerOptions, DialTransportOptions, Listener, ListenerEvents, Logger, PeerId, Transport, Upgrader } from '@libp2p/interface'
import { AbstractMultiaddrConnection } from '@libp2p/utils'
import type { SendResult } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import type { Multiaddr } from '@multiformats/multiaddr'
import { MessageChannel } from 'node:worker_threads'
import type { MessagePort } from 'node:worker_threads'
import type { Uint8ArrayList } from 'uint8arraylist'

/** What a thread's router port carries: to the main thread, dials; from it, incoming connections. */
export type RouterMessage =
  | { dial: string, from: string, port: MessagePort }
  | { incoming: string, from: string, port: MessagePort }

type ChannelMessage = Uint8Array | 'accept' | 'end' | 'reset' | { refuse: string }

const ACCEPT_TIMEOUT_MS = 10_000

let bytesSent = 0

/** Bytes this thread has written into thread-transport connections (what TCP would carry as payload). */
export function threadWireBytes (): number {
  return bytesSent
}

class PortConnection extends AbstractMultiaddrConnection {
  readonly #port: MessagePort
  #ended = false

  constructor (port: MessagePort, remoteAddr: Multiaddr, direction: 'inbound' | 'outbound', log: Logger) {
    super({ remoteAddr, direction, log })
    this.#port = port
    port.on('message', (m: ChannelMessage) => {
      if (m instanceof Uint8Array) {
        this.onData(m)
      } else if (m === 'end') {
        this.#finish()
        this.onTransportClosed()
      } else if (m === 'reset') {
        this.#finish()
        this.abort(new StreamResetError('the remote end reset the connection'))
      }
    })
    // The other end's thread went away (a worker terminated) without saying 'end'.
    port.on('close', () => {
      if (this.#ended) return
      this.#ended = true
      this.onTransportClosed(new ConnectionFailedError('the other end of the channel closed'))
    })
  }

  #finish (): void {
    if (this.#ended) return
    this.#ended = true
    this.#port.close()
  }

  #post (m: ChannelMessage): void {
    if (!this.#ended) this.#port.postMessage(m)
  }

  sendData (data: Uint8ArrayList): SendResult {
    const bytes = data.subarray()
    bytesSent += bytes.byteLength
    this.#post(bytes)
    return { sentBytes: bytes.byteLength, canSendMore: true }
  }

  sendReset (): void {
    this.#post('reset')
    this.#finish()
  }

  sendClose (): Promise<void> {
    this.#post('end')
    this.#finish()
    return Promise.resolve()
  }

  sendPause (): void {
    // read back-pressure is not supported, as in @libp2p/memory
  }

  sendResume (): void {
    // read back-pressure is not supported, as in @libp2p/memory
  }
}

interface ThreadComponents {
  peerId: PeerId
  logger: ComponentLogger
}

/** The per-thread side: the router port, and the listeners of this thread's nodes by address. */
export class ThreadNetwork {
  readonly #router: MessagePort
  readonly #listeners = new Map<string, ThreadListener>()

  constructor (router: MessagePort) {
    this.#router = router
    router.on('message', (m: RouterMessage) => {
      if ('incoming' in m) this.#incoming(m)
    })
  }

  #incoming (m: { incoming: string, from: string, port: MessagePort }): void {
    const listener = this.#listeners.get(m.incoming)
    if (listener === undefined) {
      m.port.postMessage({ refuse: `no listener at ${m.incoming}` } satisfies ChannelMessage)
      m.port.close()
      return
    }
    listener.accept(m.port, m.from)
  }

  listen (address: string, listener: ThreadListener): void {
    if (this.#listeners.has(address)) throw new Error(`${address} is already in use in this thread`)
    this.#listeners.set(address, listener)
  }

  unlisten (address: string, listener: ThreadListener): void {
    if (this.#listeners.get(address) === listener) this.#listeners.delete(address)
  }

  /** Opens a channel to whichever thread listens on `address`; resolves once it accepted. */
  async dial (address: string, from: PeerId, signal: AbortSignal): Promise<MessagePort> {
    const { port1, port2 } = new MessageChannel()
    const answer = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { fail(new ConnectionFailedError(`${address} did not answer within ${ACCEPT_TIMEOUT_MS} ms`)) }, ACCEPT_TIMEOUT_MS)
      const onAbort = (): void => { fail(signal.reason instanceof Error ? signal.reason : new Error('dial aborted')) }
      const done = (): void => {
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
        port1.off('message', onMessage)
      }
      const fail = (err: Error): void => {
        done()
        port1.close()
        reject(err)
      }
      const onMessage = (m: ChannelMessage): void => {
        if (m === 'accept') {
          done()
          resolve()
        } else if (typeof m === 'object' && 'refuse' in m) {
          fail(new ConnectionFailedError(m.refuse))
        }
      }
      port1.on('message', onMessage)
      signal.addEventListener('abort', onAbort, { once: true })
    })
    this.#router.postMessage({ dial: address, from: from.toString(), port: port2 } satisfies RouterMessage, [port2])
    await answer
    return port1
  }
}

class ThreadListener extends TypedEventEmitter<ListenerEvents> implements Listener {
  readonly #network: ThreadNetwork
  readonly #upgrader: Upgrader
  readonly #log: Logger
  readonly #connections = new Set<PortConnection>()
  /**
   * One controller per inbound upgrade in flight, aborted by close(). Not one shared shutdown signal:
   * the upgrader adds an abort listener to the signal it is given for as long as the upgrade runs, so a
   * seed that 11 joining nodes dial at once had 11 listeners on one signal (MaxListenersExceededWarning).
   */
  readonly #upgrades = new Set<AbortController>()
  #address: string | undefined

  constructor (network: ThreadNetwork, upgrader: Upgrader, log: Logger) {
    super()
    this.#network = network
    this.#upgrader = upgrader
    this.#log = log
  }

  listen (ma: Multiaddr): Promise<void> {
    const address = ma.toString()
    this.#network.listen(address, this)
    this.#address = address
    queueMicrotask(() => { this.safeDispatchEvent('listening') })
    return Promise.resolve()
  }

  accept (port: MessagePort, from: string): void {
    const maConn = new PortConnection(port, multiaddr(`${this.#address ?? ''}-incoming/p2p/${from}`), 'inbound', this.#log.newScope('inbound'))
    this.#connections.add(maConn)
    maConn.addEventListener('close', () => { this.#connections.delete(maConn) })
    port.postMessage('accept' satisfies ChannelMessage)
    const upgrade = new AbortController()
    this.#upgrades.add(upgrade)
    this.#upgrader.upgradeInbound(maConn, { signal: upgrade.signal })
      .catch((err: unknown) => { maConn.abort(err instanceof Error ? err : new Error(String(err))) })
      .finally(() => { this.#upgrades.delete(upgrade) })
  }

  getAddrs (): Multiaddr[] {
    return this.#address === undefined ? [] : [multiaddr(this.#address)]
  }

  updateAnnounceAddrs (): void {}

  close (): Promise<void> {
    if (this.#address !== undefined) this.#network.unlisten(this.#address, this)
    for (const upgrade of this.#upgrades) upgrade.abort()
    for (const c of this.#connections) c.abort(new ConnectionFailedError('listener closed'))
    queueMicrotask(() => { this.safeDispatchEvent('close') })
    return Promise.resolve()
  }
}

const isMemoryAddr = (ma: Multiaddr): boolean => ma.toString().startsWith('/memory/')

class ThreadTransport implements Transport {
  readonly [transportSymbol] = true
  readonly [Symbol.toStringTag] = 'kabar-sim:thread-transport'
  readonly [serviceCapabilities] = ['@libp2p/transport']
  readonly #components: ThreadComponents
  readonly #network: ThreadNetwork
  readonly #log: Logger

  constructor (components: ThreadComponents, network: ThreadNetwork) {
    this.#components = components
    this.#network = network
    this.#log = components.logger.forComponent('kabar:sim:thread-transport')
  }

  async dial (ma: Multiaddr, options: DialTransportOptions): Promise<Connection> {
    options.signal.throwIfAborted()
    const address = ma.toString().replace(/\/p2p\/[^/]+$/, '')
    const port = await this.#network.dial(address, this.#components.peerId, options.signal)
    const maConn = new PortConnection(port, ma, 'outbound', this.#log.newScope('outbound'))
    try {
      options.signal.throwIfAborted()
      return await options.upgrader.upgradeOutbound(maConn, options)
    } catch (err) {
      maConn.abort(err instanceof Error ? err : new Error(String(err)))
      throw err
    }
  }

  createListener (options: CreateListenerOptions): Listener {
    return new ThreadListener(this.#network, options.upgrader, this.#log)
  }

  listenFilter (multiaddrs: Multiaddr[]): Multiaddr[] {
    return multiaddrs.filter(isMemoryAddr)
  }

  dialFilter (multiaddrs: Multiaddr[]): Multiaddr[] {
    return multiaddrs.filter(isMemoryAddr)
  }
}

/** The transport factory for a node of this thread: `createLibp2p({ transports: [threadTransport(network)] })`. */
export function threadTransport (network: ThreadNetwork): (components: ThreadComponents) => Transport {
  return (components) => new ThreadTransport(components, network)
}

/**
 * The main thread's side: which thread listens on which address, and the
 * forwarding of dials. Addresses are registered by whoever creates the nodes
 * (the main thread decides which worker hosts which node).
 */
export class ThreadRouter {
  readonly #ports: MessagePort[] = []
  readonly #owner = new Map<string, number>()

  /** A new thread's router channel: keep one port here, give the other to the thread. */
  addThread (): MessagePort {
    const { port1, port2 } = new MessageChannel()
    this.#ports.push(port1)
    port1.on('message', (m: RouterMessage) => { if ('dial' in m) this.#route(m) })
    return port2
  }

  /** `address` is (to be) listened on by thread `thread`. */
  assign (address: string, thread: number): void {
    this.#owner.set(address, thread)
  }

  #route (m: { dial: string, from: string, port: MessagePort }): void {
    const owner = this.#owner.get(m.dial)
    const target = owner === undefined ? undefined : this.#ports[owner]
    if (target === undefined) {
      m.port.postMessage({ refuse: `no thread listens on ${m.dial}` } satisfies ChannelMessage)
      m.port.close()
      return
    }
    target.postMessage({ incoming: m.dial, from: m.from, port: m.port } satisfies RouterMessage, [m.port])
  }

  close (): void {
    for (const p of this.#ports) p.close()
  }
}
