/**
 * Puts every remote peer on a budget (peer-budget.ts) and acts on it: what a
 * peer's input costs is counted where libp2p lets a node see it, and a peer
 * over budget is disconnected and refused for a while.
 *
 * - Connections, through the connection gater: each inbound connection is
 *   charged after its Noise handshake (the first moment the peer's id is
 *   known); a denied peer, or one already holding MAX_CONNECTIONS_PER_PEER
 *   connections, is refused there, and we never dial a denied peer.
 * - Bytes: the gater also hands us the raw connection, whose received chunks
 *   are counted (Noise's own reader is attached by then, so listening changes
 *   nothing for it).
 * - Streams, through stream middleware on every protocol the node handles
 *   (libp2p's `use()`): each inbound stream is charged once negotiated; one
 *   that our own handler aborts while the connection stays open — a decode
 *   failure, a refused DHT message or record, a frame over its limit, a silent
 *   or trickled stream reset at its bound — is charged as a fault. Faults
 *   protocols find without aborting (an envelope acked "rejected") are charged
 *   through {@link PeerGuard.charge}.
 *
 * NOTE: libp2p 3.3.11 appends each inbound stream's handler to the very array
 * `registrar.getMiddleware()` returns — the registered one — so once any
 * middleware is registered for a protocol, every inbound stream runs the
 * handlers of all earlier streams again. {@link copyMiddlewareOnRead} makes the
 * registrar hand out a copy; test/net/peer-guard.spec.ts checks that a handler
 * runs exactly once per stream, and fails if a libp2p change undoes this.
 *
 * A denied peer's connections are closed and its peer-store entry (with what it
 * planted there) is deleted; the node is told once, with the reason, through
 * `onDeny`. Contacts and own devices get the larger budget through `trusted`.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import type { AbortOptions, ComponentLogger, Connection, ConnectionGater, Logger, MultiaddrConnection, PeerId, Startable, Stream, StreamCloseEvent, StreamMessageEvent, StreamMiddleware } from '@libp2p/interface'
import { MAX_CONNECTIONS_PER_PEER } from './constants.ts'
import { PeerBudget } from './peer-budget.ts'
import type { CostKind, PeerBudgetInit, PeerBudgetStats } from './peer-budget.ts'

export interface PeerGuardInit extends Omit<PeerBudgetInit, 'onDeny'> {
  /** Told once each time a peer is denied. */
  onDeny?: (peer: string, reason: string, denyMs: number) => void
  maxConnectionsPerPeer?: number
}

export interface PeerGuardComponents {
  logger: ComponentLogger
  registrar: {
    getProtocols: () => string[]
    use: (protocol: string, middleware: StreamMiddleware[]) => void
    unuse: (protocol: string) => void
    getMiddleware: (protocol: string) => StreamMiddleware[]
  }
  connectionManager: {
    getConnections: (peerId?: PeerId) => Connection[]
    closeConnections: (peer: PeerId, options?: AbortOptions) => Promise<void>
  }
  peerStore: { delete: (peerId: PeerId, options?: AbortOptions) => Promise<void> }
}

/**
 * Errors a stream is aborted with that say nothing against the peer. kad-dht 16 reads on after
 * every answer and aborts with UnexpectedEOFError when an honest client closes its end, so an
 * end of stream is never a fault (a truncated frame is cheap, and kabar's own protocols report
 * truncation as DECODE_FAILED); nor is a stream or connection that went away under the handler.
 */
const BENIGN_ENDS = new Set(['UnexpectedEOFError', 'StreamResetError', 'StreamStateError', 'StreamClosedError', 'ConnectionClosedError', 'MuxerClosedError', 'AbortError'])

export class PeerGuard implements Startable {
  readonly budget: PeerBudget
  #components: PeerGuardComponents | undefined
  #log: Logger | undefined
  readonly #maxConnections: number
  readonly #onDeny: (peer: string, reason: string, denyMs: number) => void
  #protocols: string[] = []

  constructor (init: PeerGuardInit = {}) {
    this.#maxConnections = init.maxConnectionsPerPeer ?? MAX_CONNECTIONS_PER_PEER
    this.#onDeny = init.onDeny ?? (() => {})
    this.budget = new PeerBudget({ ...init, onDeny: (peer, reason, denyMs) => { this.#denied(peer, reason, denyMs) } })
  }

  /** The connection gater for `createLibp2p({ connectionGater })`; it works once the service is built. */
  readonly gater: ConnectionGater = {
    denyDialPeer: (peerId) => this.budget.isDenied(peerId.toString()),
    denyInboundEncryptedConnection: (peerId, maConn) => !this.#admit(peerId, maConn, true),
    denyOutboundEncryptedConnection: (peerId, maConn) => !this.#admit(peerId, maConn, false)
  }

  /** The service factory for `createLibp2p({ services: { guard: guard.service } })`. */
  readonly service = (components: PeerGuardComponents): PeerGuard => {
    this.#components = components
    copyMiddlewareOnRead(components.registrar)
    this.#log = components.logger.forComponent('kabar:net:guard')
    return this
  }

  /** Charges `peer` for a fault its stream's protocol found (e.g. a rejected envelope). */
  charge (peer: PeerId, kind: CostKind, amount = 1): void {
    this.budget.charge(peer.toString(), kind, amount)
  }

  stats (): PeerBudgetStats {
    return this.budget.stats()
  }

  start (): void {}

  /** Every handler is registered by now (kabar's before start, libp2p's services during it). */
  afterStart (): void {
    const registrar = this.#components?.registrar
    if (registrar === undefined) return
    this.#protocols = registrar.getProtocols()
    for (const protocol of this.#protocols) registrar.use(protocol, [this.#middleware])
  }

  stop (): void {
    for (const protocol of this.#protocols) this.#components?.registrar.unuse(protocol)
    this.#protocols = []
  }

  /** Whether a connection to or from `peerId` may proceed; counts its bytes when it may. */
  #admit (peerId: PeerId, maConn: MultiaddrConnection, inbound: boolean): boolean {
    const peer = peerId.toString()
    if (this.budget.isDenied(peer)) {
      this.budget.refused()
      return false
    }
    if (inbound) {
      const open = this.#components?.connectionManager.getConnections(peerId).length ?? 0
      if (open >= this.#maxConnections) {
        this.budget.refused()
        this.budget.charge(peer, 'fault')
        return false
      }
      if (!this.budget.charge(peer, 'connection')) return false
    }
    maConn.addEventListener('message', (evt: StreamMessageEvent) => { this.budget.charge(peer, 'bytes', evt.data.byteLength) })
    return true
  }

  readonly #middleware: StreamMiddleware = (stream, connection, next) => {
    if (stream.direction === 'inbound') {
      const peer = connection.remotePeer.toString()
      if (!this.budget.charge(peer, 'stream')) {
        stream.abort(new Error('peer over budget'))
        return
      }
      stream.addEventListener('close', (evt: StreamCloseEvent) => { this.#onClose(peer, stream, connection, evt) }, { once: true })
    }
    next(stream, connection)
  }

  #onClose (peer: string, stream: Stream, connection: Connection, evt: StreamCloseEvent): void {
    if (evt.error === undefined || !evt.local || BENIGN_ENDS.has(evt.error.name)) return
    // A connection going down aborts its streams too: only an abort while it stays up is the peer's doing.
    queueMicrotask(() => {
      if (connection.status !== 'open') return
      this.#log?.('fault on %s stream %s from %p - %e', stream.protocol ?? '?', stream.id, connection.remotePeer, evt.error)
      this.budget.charge(peer, 'fault')
    })
  }

  #denied (peer: string, reason: string, denyMs: number): void {
    this.#onDeny(peer, reason, denyMs)
    const components = this.#components
    if (components === undefined) return
    this.#log?.('denying %s for %d s - %s', peer, Math.round(denyMs / 1000), reason)
    let peerId: PeerId
    try {
      peerId = peerIdFromString(peer)
    } catch {
      return
    }
    void components.connectionManager.closeConnections(peerId)
      .then(async () => { await components.peerStore.delete(peerId) })
      .catch((err: unknown) => { this.#log?.('closing %s failed - %e', peer, err) })
  }
}

/**
 * Makes `registrar.getMiddleware()` return a copy of the registered list, so
 * libp2p's push of the handler onto it (see the module doc) cannot grow it.
 */
export function copyMiddlewareOnRead (registrar: PeerGuardComponents['registrar']): void {
  const marked = registrar as PeerGuardComponents['registrar'] & { kabarCopies?: boolean }
  if (marked.kabarCopies === true) return
  const get = registrar.getMiddleware.bind(registrar)
  registrar.getMiddleware = (protocol) => [...get(protocol)]
  Object.defineProperty(registrar, 'kabarCopies', { value: true })
}
