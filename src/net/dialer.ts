/**
 * A tiny libp2p service that dials kabar's known peers once the node runs:
 * the bootstrap multiaddrs after start, and (when enabled) every peer that a
 * discovery mechanism such as mDNS reports. libp2p 3 has no auto-dialer, so
 * without this a discovered peer is only remembered, never connected.
 *
 * Being a service, it follows the node's own lifecycle (`afterStart`/`stop`)
 * whether `createKabarLibp2p` starts the node or the caller does later.
 * Every dial is bounded and its failure is logged, never thrown: a dead
 * bootstrap address must not crash the node with an unhandled rejection.
 */
import { multiaddr } from '@multiformats/multiaddr'
import type { AbortOptions, ComponentLogger, Libp2pEvents, Logger, PeerId, PeerInfo, Startable, TypedEventTarget } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import { BOOTSTRAP_DIAL_TIMEOUT_MS, DISCOVERY_DIAL_TIMEOUT_MS } from './constants.ts'

export interface DialerInit {
  /** Multiaddrs (with `/p2p/<id>` where known) dialled once after start. */
  bootstrap?: string[]
  /** Dial every peer reported by `peer:discovery` (mDNS). */
  dialOnDiscovery?: boolean
}

export interface DialerComponents {
  peerId: PeerId
  logger: ComponentLogger
  events: TypedEventTarget<Libp2pEvents>
  connectionManager: {
    openConnection: (peer: PeerId | Multiaddr | Multiaddr[], options?: AbortOptions) => Promise<unknown>
    getConnections: (peerId?: PeerId) => unknown[]
  }
}

export class KabarDialer implements Startable {
  readonly #components: DialerComponents
  readonly #bootstrap: Multiaddr[]
  readonly #dialOnDiscovery: boolean
  readonly #log: Logger
  #controller = new AbortController()

  constructor (components: DialerComponents, init: DialerInit = {}) {
    this.#components = components
    // Parse eagerly so a malformed address fails createKabarLibp2p, not a background dial.
    this.#bootstrap = (init.bootstrap ?? []).map((a) => multiaddr(a))
    this.#dialOnDiscovery = init.dialOnDiscovery ?? false
    this.#log = components.logger.forComponent('kabar:net:dialer')
  }

  readonly #onDiscovery = (evt: CustomEvent<PeerInfo>): void => {
    const { id, multiaddrs } = evt.detail
    if (id.equals(this.#components.peerId)) return
    if (this.#components.connectionManager.getConnections(id).length > 0) return
    this.#dial(multiaddrs.length > 0 ? multiaddrs : id, DISCOVERY_DIAL_TIMEOUT_MS)
  }

  start (): void {
    this.#controller = new AbortController()
    if (this.#dialOnDiscovery) this.#components.events.addEventListener('peer:discovery', this.#onDiscovery)
  }

  afterStart (): void {
    for (const addr of this.#bootstrap) this.#dial(addr, BOOTSTRAP_DIAL_TIMEOUT_MS)
  }

  stop (): void {
    this.#components.events.removeEventListener('peer:discovery', this.#onDiscovery)
    this.#controller.abort()
  }

  #dial (target: PeerId | Multiaddr | Multiaddr[], timeoutMs: number): void {
    const signal = AbortSignal.any([this.#controller.signal, AbortSignal.timeout(timeoutMs)])
    this.#components.connectionManager.openConnection(target, { signal })
      .then(() => { this.#log('dialled %s', target.toString()) })
      .catch((err: unknown) => { this.#log('dial %s failed - %e', target.toString(), err) })
  }
}

/** The service factory for `createLibp2p({ services: { dialer: kabarDialer(init) } })`. */
export function kabarDialer (init: DialerInit = {}): (components: DialerComponents) => KabarDialer {
  return (components) => new KabarDialer(components, init)
}
