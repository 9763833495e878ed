/**
 * libp2p ping (`/ipfs/ping/1.0.0`), a drop-in for `@libp2p/ping` 3.1 that
 * closes its streams when the peer is done.
 *
 * Why not `@libp2p/ping`: its handler reads with `for await (const buf of
 * stream)`. In @libp2p/utils 7.4 that iterator only ends on a `remoteCloseWrite`
 * or `close` event, so when the dialer's 32 bytes and FIN arrive before the
 * handler starts iterating (routine on the memory transport, and on TCP when
 * the process is busy) the loop never ends. The handler then holds the stream
 * open for its 10 s timeout, and because ping allows one outbound stream per
 * peer, every further ping to that peer fails with
 * TooManyOutboundProtocolStreamsError. kad-dht pings a peer before adding it to
 * its routing table, so such a failure silently leaves a live peer out of the
 * table. `byteStream().read()` checks the stream's state as well as its events,
 * so this handler sees the end every time.
 *
 * Registered as the `ping` service with the `@libp2p/ping` capability, so
 * kad-dht (which depends on it) uses this implementation.
 */
import { ProtocolError, serviceCapabilities } from '@libp2p/interface'
import { byteStream } from '@libp2p/utils'
import type { ComponentLogger, Connection, DialProtocolOptions, DialTarget, Logger, Startable, Stream, StreamHandler, StreamHandlerOptions } from '@libp2p/interface'
import type { Ping } from '@libp2p/ping'
import { bytesEqual } from '../crypto/bytes.ts'
import { PING_HANDLER_TIMEOUT_MS, PING_LENGTH, PING_MAX_INBOUND_STREAMS, PING_MAX_OUTBOUND_STREAMS, PING_PROTOCOL } from './constants.ts'

export interface KabarPingComponents {
  logger: ComponentLogger
  registrar: {
    handle: (protocol: string, handler: StreamHandler, options?: StreamHandlerOptions) => Promise<void>
    unhandle: (protocol: string) => Promise<void>
  }
  connectionManager: {
    openStream: (peer: DialTarget, protocol: string, options?: DialProtocolOptions) => Promise<Stream>
  }
}

export class KabarPing implements Ping, Startable {
  readonly [serviceCapabilities] = ['@libp2p/ping']
  readonly #components: KabarPingComponents
  readonly #log: Logger
  #started = false

  constructor (components: KabarPingComponents) {
    this.#components = components
    this.#log = components.logger.forComponent('kabar:net:ping')
  }

  async start (): Promise<void> {
    await this.#components.registrar.handle(PING_PROTOCOL, this.#handle, {
      maxInboundStreams: PING_MAX_INBOUND_STREAMS,
      maxOutboundStreams: PING_MAX_OUTBOUND_STREAMS,
      runOnLimitedConnection: true
    })
    this.#started = true
  }

  async stop (): Promise<void> {
    await this.#components.registrar.unhandle(PING_PROTOCOL)
    this.#started = false
  }

  isStarted (): boolean {
    return this.#started
  }

  /** Echoes everything the dialer sends until it closes its side, then closes ours. */
  readonly #handle = async (stream: Stream, connection: Connection): Promise<void> => {
    const signal = AbortSignal.timeout(PING_HANDLER_TIMEOUT_MS)
    const bytes = byteStream(stream)
    try {
      for (let chunk = await bytes.read({ signal }); chunk !== null; chunk = await bytes.read({ signal })) {
        await bytes.write(chunk, { signal })
      }
      await stream.close({ signal })
    } catch (err) {
      this.#log('ping from %p failed - %e', connection.remotePeer, err)
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    }
  }

  /** Round-trip time in ms of one 32-byte echo; bound it with `options.signal`. */
  async ping (peer: DialTarget, options: DialProtocolOptions = {}): Promise<number> {
    const stream = await this.#components.connectionManager.openStream(peer, PING_PROTOCOL, {
      runOnLimitedConnection: true,
      ...options
    })
    try {
      const bytes = byteStream(stream)
      const data = crypto.getRandomValues(new Uint8Array(PING_LENGTH))
      const start = performance.now()
      await bytes.write(data, options)
      const echo = await bytes.read({ bytes: PING_LENGTH, signal: options.signal })
      const rtt = performance.now() - start
      if (!bytesEqual(echo.subarray(), data)) throw new ProtocolError('wrong ping echo')
      await stream.close(options)
      return rtt
    } catch (err) {
      stream.abort(err instanceof Error ? err : new Error(String(err)))
      throw err
    }
  }
}

/** The service factory: `services: { ping: kabarPing() }`. */
export function kabarPing (): (components: KabarPingComponents) => KabarPing {
  return (components) => new KabarPing(components)
}
