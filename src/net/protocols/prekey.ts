/**
 * /kabar/prekey/1.0.0: an online device hands out one of its one-time
 * prekeys. One-time prekeys cannot live in the DHT (a DHT cannot consume a
 * value once), so the initiator of a session asks the device itself, over a
 * Noise stream that authenticates both ends (DESIGN.md "Records in the DHT").
 *
 * One stream carries exactly one exchange: the dialer sends one
 * PrekeyRequest frame and closes its side; the listener answers with one
 * PrekeyResponse frame (a key, or none left) and closes. A response whose key
 * is not exactly 32 bytes, or that has an id without a key or a key without an
 * id, is refused by both ends. The whole exchange is bounded by
 * STREAM_TIMEOUT_MS on each side.
 */
import type { AbortOptions, Connection, Logger, PeerId, Stream } from '@libp2p/interface'
import { copyBytes } from '../../crypto/bytes.ts'
import { KabarError } from '../../errors.ts'
import { decodeBounded, delivery, KEY_LENGTH, MAX_PREKEY_FRAME_SIZE } from '../../wire/index.ts'
import { KABAR_PREKEY_PROTOCOL, PREKEY_MAX_INBOUND_STREAMS, PREKEY_MAX_OUTBOUND_STREAMS, STREAM_TIMEOUT_MS } from '../constants.ts'
import { encodeFrame, FrameStream } from './frames.ts'
import { asError, raceAbort, wireBytes } from './helpers.ts'
import type { ProtocolNode } from './helpers.ts'

/** A one-time prekey as handed out: its id and X25519 public key (32 bytes). */
export interface OneTimePrekey {
  id: number
  publicKey: Uint8Array
}

/**
 * Hands out (and consumes) one one-time prekey for `from`, or undefined when
 * none is left; the signal expires with the exchange's bound.
 */
export type PrekeyProvider = (from: PeerId, options: AbortOptions) => Promise<OneTimePrekey | undefined>

export interface PrekeyHandlerOptions {
  /** Concurrent inbound streams per connection. Default PREKEY_MAX_INBOUND_STREAMS. */
  maxInboundStreams?: number
  /** Concurrent outbound streams per connection (this node's own fetches). Default PREKEY_MAX_OUTBOUND_STREAMS. */
  maxOutboundStreams?: number
  /** Upper bound of one exchange in ms. Default STREAM_TIMEOUT_MS. */
  timeoutMs?: number
}

export interface FetchPrekeyOptions extends AbortOptions {
  /** Upper bound of the whole fetch (dial included) in ms. Default STREAM_TIMEOUT_MS. */
  timeoutMs?: number
}

/** Registers the /kabar/prekey/1.0.0 handler on `node`; remove it with `node.unhandle(KABAR_PREKEY_PROTOCOL)`. */
export async function handlePrekeyProtocol (node: ProtocolNode, provide: PrekeyProvider, options: PrekeyHandlerOptions = {}): Promise<void> {
  const log = node.logger.forComponent('kabar:net:prekey')
  const timeoutMs = options.timeoutMs ?? STREAM_TIMEOUT_MS
  await node.handle(KABAR_PREKEY_PROTOCOL, async (stream, connection) => {
    await answer(stream, connection, provide, timeoutMs, log)
  }, {
    maxInboundStreams: options.maxInboundStreams ?? PREKEY_MAX_INBOUND_STREAMS,
    maxOutboundStreams: options.maxOutboundStreams ?? PREKEY_MAX_OUTBOUND_STREAMS
  })
}

/** Answers the one request on `stream`; never throws (a failure resets the stream and is logged). */
async function answer (stream: Stream, connection: Connection, provide: PrekeyProvider, timeoutMs: number, log: Logger): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs)
  const frames = new FrameStream(stream, MAX_PREKEY_FRAME_SIZE)
  try {
    const request = await frames.next({ signal })
    if (request === null) throw new KabarError('DECODE_FAILED', 'stream ended before the PrekeyRequest')
    decodeBounded(delivery.PrekeyRequest, request, MAX_PREKEY_FRAME_SIZE, 'PrekeyRequest')
    const key = await raceAbort(provide(connection.remotePeer, { signal }), signal)
    const response = encodeResponse(key)
    await frames.write(encodeFrame(response), { signal })
    await stream.close({ signal })
  } catch (err) {
    log('resetting prekey stream %s from %p - %e', stream.id, connection.remotePeer, err)
    stream.abort(asError(err))
  }
}

/**
 * Asks `peer` for one of its one-time prekeys: the key, or undefined when the
 * peer has none left. Throws `DELIVERY_FAILED` when the peer cannot be
 * reached, does not speak the protocol or does not answer in time,
 * `DECODE_FAILED` for an unreadable answer, and `INVALID_PREKEY_BUNDLE` for a
 * key that is not 32 bytes or an id without a key.
 */
export async function fetchOneTimePrekey (node: ProtocolNode, peer: PeerId, options: FetchPrekeyOptions = {}): Promise<OneTimePrekey | undefined> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? STREAM_TIMEOUT_MS)
  const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout])
  let stream: Stream
  try {
    stream = await node.dialProtocol(peer, KABAR_PREKEY_PROTOCOL, { signal })
  } catch (err) {
    throw new KabarError('DELIVERY_FAILED', `cannot open ${KABAR_PREKEY_PROTOCOL} to ${peer.toString()}`, { cause: err })
  }
  try {
    const frames = new FrameStream(stream, MAX_PREKEY_FRAME_SIZE)
    await frames.write(encodeFrame(delivery.PrekeyRequest.encode({})), { signal })
    await stream.close({ signal })
    const frame = await frames.next({ signal })
    if (frame === null) throw new KabarError('DELIVERY_FAILED', `${peer.toString()} closed ${KABAR_PREKEY_PROTOCOL} without answering`)
    return decodeResponse(frame)
  } catch (err) {
    stream.abort(asError(err))
    if (KabarError.is(err)) throw err
    throw new KabarError('DELIVERY_FAILED', `${KABAR_PREKEY_PROTOCOL} exchange with ${peer.toString()} failed`, { cause: err })
  }
}

/** An encoded PrekeyResponse; throws `INVALID_PREKEY_BUNDLE` for a key the protocol cannot carry. */
export function encodeResponse (key: OneTimePrekey | undefined): Uint8Array {
  if (key === undefined) return delivery.PrekeyResponse.encode({})
  assertPrekey(key.id, key.publicKey)
  return delivery.PrekeyResponse.encode({ oneTimePrekeyId: key.id, oneTimePrekey: wireBytes(key.publicKey) })
}

/** The key in an encoded PrekeyResponse (a copy), or undefined for "none left". */
export function decodeResponse (bytes: Uint8Array): OneTimePrekey | undefined {
  const response = decodeBounded(delivery.PrekeyResponse, bytes, MAX_PREKEY_FRAME_SIZE, 'PrekeyResponse')
  const { oneTimePrekeyId: id, oneTimePrekey: publicKey } = response
  if (id === undefined && publicKey === undefined) return undefined
  if (id === undefined || publicKey === undefined) {
    throw new KabarError('INVALID_PREKEY_BUNDLE', 'PrekeyResponse must carry both the id and the key, or neither')
  }
  assertPrekey(id, publicKey)
  return { id, publicKey: copyBytes(publicKey) }
}

function assertPrekey (id: number, publicKey: Uint8Array): void {
  if (!Number.isInteger(id) || id < 0 || id > 0xffffffff) {
    throw new KabarError('INVALID_PREKEY_BUNDLE', `one-time prekey id ${id} is not a uint32`)
  }
  if (!(publicKey instanceof Uint8Array) || publicKey.byteLength !== KEY_LENGTH) {
    throw new KabarError('INVALID_PREKEY_BUNDLE', `one-time prekey must be ${KEY_LENGTH} bytes`)
  }
}
