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
 * - Streams, through each connection's stream muxer, whose `stream` event
 *   announces every stream the remote opens: each is charged as it opens,
 *   before protocol negotiation, so streams refused by a protocol's
 *   `maxInboundStreams` cost their sender too. A stream that we abort while
 *   the connection stays up — a decode failure, a refused DHT message or
 *   record, a frame over its limit — is charged as a fault.
 *   Faults protocols find without aborting (an envelope acked "rejected") are
 *   charged through {@link PeerGuard.charge}.
 *
 * NOTE: a Connection's muxer is not part of libp2p's Connection interface,
 * though libp2p 3 keeps it as `connection.muxer` (a documented StreamMuxer,
 * whose `stream` event is "an incoming stream was created"). Stream middleware
 * (`libp2p.use`) would be the supported hook, but it runs only after the
 * per-protocol limits, and libp2p 3.3.11 appends each inbound stream's handler
 * to the registered middleware array itself, so every later stream would run
 * all earlier handlers again. If a connection has no such muxer, nothing is
 * counted for its streams, and test/net/peer-guard.spec.ts fails.
 *
 * A denied peer's connections are closed and its peer-store entry (with what it
 * planted there) is deleted; the node is told once, with the reason, through
 * `onDeny`. Contacts and own devices get the larger budget through `trusted`.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import type { AbortOptions, ComponentLogger, Connection, ConnectionGater, Libp2pEvents, Logger, MultiaddrConnection, PeerId, Startable, Stream, StreamCloseEvent, StreamMessageEvent, StreamMuxer, TypedEventTarget } from '@libp2p/interface'
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
  events: TypedEventTarget<Libp2pEvents>
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
 * truncation as DECODE_FAILED); nor is a stream or connection that went away under the handler;
 * nor a stream past its protocol's limit: an honest sender's flushes overlap (a 200-message
 * burst opened more than 8 msg streams at once), and such a stream costs only its negotiation,
 * already charged as a stream; nor a stream reset at a time bound (TimeoutError): kad-dht resets
 * every inbound stream whose client is slow to close it, kabar resets an idle sender's msg stream,
 * and a starved process times out its own handlers, so a bound says nothing about intent. A
 * silent or trickled stream still costs its sender a stream and holds only one of a few places.
 */
const BENIGN_ENDS = new Set(['TimeoutError', 'TooManyInboundProtocolStreamsError', 'UnexpectedEOFError', 'StreamResetError', 'StreamStateError', 'StreamClosedError', 'ConnectionClosedError', 'MuxerClosedError', 'AbortError'])

export class PeerGuard implements Startable {
  readonly budget: PeerBudget
  #components: PeerGuardComponents | undefined
  #log: Logger | undefined
  readonly #maxConnections: number
  readonly #onDeny: (peer: string, reason: string, denyMs: number) => void

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

  start (): void {
    this.#components?.events.addEventListener('connection:open', this.#onConnection)
  }

  stop (): void {
    this.#components?.events.removeEventListener('connection:open', this.#onConnection)
  }

  /** Whether libp2p's connections carry the muxer this guard counts streams on (see the module doc). */
  static countsStreams (connection: Connection): boolean {
    return typeof (connection as { muxer?: Partial<StreamMuxer> }).muxer?.addEventListener === 'function'
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

  readonly #onConnection = (evt: CustomEvent<Connection>): void => {
    const connection = evt.detail
    const muxer = (connection as { muxer?: StreamMuxer }).muxer
    if (!PeerGuard.countsStreams(connection) || muxer === undefined) return
    const peer = connection.remotePeer.toString()
    muxer.addEventListener('stream', (e: CustomEvent<Stream>) => {
      const stream = e.detail
      if (!this.budget.charge(peer, 'stream')) {
        stream.abort(new Error('peer over budget'))
        return
      }
      stream.addEventListener('close', (c: StreamCloseEvent) => { this.#onClose(peer, stream, connection, c) }, { once: true })
    })
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

