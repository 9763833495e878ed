/**
 * /kabar/msg/1.0.0: envelopes from sender to receiver over one direct Noise
 * stream, each answered by an ack (DESIGN.md "Delivery", docs/PROTOCOL.md
 * "Delivery protocol").
 *
 * Receiver ({@link handleMsgProtocol}): frames on one stream are handled
 * strictly in order, one at a time: decode, validate, await the delivery
 * layer's callback (which stores the message atomically), then ack with the
 * same id. Anything a correct sender never sends (a malformed, oversized or
 * truncated frame, a frame that is not one valid envelope) resets that stream
 * only; the node keeps serving every other stream. A failing or slow callback
 * also resets the stream, without an ack, so the sender retries the same
 * ciphertext later. Every wait is bounded (constants.ts).
 *
 * Sender ({@link openMsgStream}): a {@link MsgSession} that pipelines
 * envelopes on one stream and matches the in-order acks (msg-session.ts).
 */
import { StreamStateError } from '@libp2p/interface'
import type { AbortOptions, Connection, Logger, PeerId, Stream } from '@libp2p/interface'
import { KabarError } from '../../errors.ts'
import { MAX_FRAME_SIZE } from '../../wire/index.ts'
import { KABAR_MSG_PROTOCOL, MSG_ACK_BATCH, MSG_ACK_DELAY_MS, MSG_HANDLER_TIMEOUT_MS, MSG_IDLE_TIMEOUT_MS, MSG_MAX_BUFFERED_BYTES, MSG_MAX_INBOUND_STREAMS, MSG_MAX_OUTBOUND_STREAMS, STREAM_TIMEOUT_MS } from '../constants.ts'
import { AckStatus, decodeEnvelopeFrame, encodeAckFrame, isAckStatus } from './envelope.ts'
import type { Envelope } from './envelope.ts'
import { encodeFrames, FrameStream } from './frames.ts'
import { asError, Deadline, raceAbort } from './helpers.ts'
import type { ProtocolNode } from './helpers.ts'
import { MsgSession } from './msg-session.ts'
import type { MsgSessionOptions } from './msg-session.ts'

export { AckStatus, newEnvelopeId } from './envelope.ts'
export type { Envelope } from './envelope.ts'
export { MsgSession } from './msg-session.ts'
export type { MsgSessionOptions, SendManyOptions } from './msg-session.ts'

/**
 * Called once per valid envelope, in stream order. Resolve with the ack to
 * send only once the outcome is durable; throw (or let `signal` expire) to
 * send no ack, so the sender retries. The same id may arrive again (on
 * another stream too): the callback must ack a duplicate and not deliver it.
 */
export type EnvelopeHandler = (from: PeerId, envelope: Envelope, options: AbortOptions) => Promise<AckStatus>

export interface MsgHandlerOptions {
  /** Concurrent inbound streams per connection. Default MSG_MAX_INBOUND_STREAMS. */
  maxInboundStreams?: number
  /** Concurrent outbound streams per connection (applies to this node's own sends). Default MSG_MAX_OUTBOUND_STREAMS. */
  maxOutboundStreams?: number
  /** How long a stream may wait for its next frame before it is reset. Default MSG_IDLE_TIMEOUT_MS. */
  idleTimeoutMs?: number
  /** How long the callback may take per envelope before the stream is reset. Default MSG_HANDLER_TIMEOUT_MS. */
  handlerTimeoutMs?: number
  /** Unread bytes one stream may buffer while the callback runs. Default MSG_MAX_BUFFERED_BYTES. */
  maxBufferedBytes?: number
  /** Told of each envelope acked "rejected", so the sender's budget can be charged (peer-guard.ts). */
  onRejected?: (from: PeerId) => void
}

/** Registers the /kabar/msg/1.0.0 handler on `node`; remove it with `node.unhandle(KABAR_MSG_PROTOCOL)`. */
export async function handleMsgProtocol (node: ProtocolNode, onEnvelope: EnvelopeHandler, options: MsgHandlerOptions = {}): Promise<void> {
  const log = node.logger.forComponent('kabar:net:msg')
  const limits = {
    idleTimeoutMs: options.idleTimeoutMs ?? MSG_IDLE_TIMEOUT_MS,
    handlerTimeoutMs: options.handlerTimeoutMs ?? MSG_HANDLER_TIMEOUT_MS,
    maxBufferedBytes: options.maxBufferedBytes ?? MSG_MAX_BUFFERED_BYTES,
    onRejected: options.onRejected ?? (() => {})
  }
  await node.handle(KABAR_MSG_PROTOCOL, async (stream, connection) => {
    await serveStream(stream, connection, onEnvelope, limits, log)
  }, {
    maxInboundStreams: options.maxInboundStreams ?? MSG_MAX_INBOUND_STREAMS,
    maxOutboundStreams: options.maxOutboundStreams ?? MSG_MAX_OUTBOUND_STREAMS
  })
}

interface ServeLimits { idleTimeoutMs: number, handlerTimeoutMs: number, maxBufferedBytes: number, onRejected: (from: PeerId) => void }

/**
 * Serves one inbound stream until the sender closes it; never throws (a
 * failure resets the stream and is logged). Acks for frames that arrived
 * together go out together: while the next frame is already buffered the ack
 * waits (at most MSG_ACK_BATCH acks or MSG_ACK_DELAY_MS), so a pipelining
 * sender gets one write of acks per batch instead of one per envelope.
 */
async function serveStream (stream: Stream, connection: Connection, onEnvelope: EnvelopeHandler, limits: ServeLimits, log: Logger): Promise<void> {
  const from = connection.remotePeer
  const frames = new FrameStream(stream, MAX_FRAME_SIZE, limits.maxBufferedBytes)
  const acks = new AckBatch(frames)
  const deadline = new Deadline()
  const { signal } = deadline
  // A sender that resets the stream also ends a wait on the callback, which sees its signal abort.
  const onClose = (): void => { deadline.abort(new StreamStateError(`stream ${stream.id} closed`)) }
  stream.addEventListener('close', onClose, { once: true })
  try {
    for (;;) {
      if (acks.due(frames.hasFrame())) {
        deadline.start(STREAM_TIMEOUT_MS, 'writing acks')
        await acks.flush(signal)
      }
      deadline.start(limits.idleTimeoutMs, 'waiting for the next frame')
      const frame = await frames.next({ signal })
      if (frame === null) break
      const envelope = decodeEnvelopeFrame(frame)
      deadline.start(limits.handlerTimeoutMs, 'the envelope handler')
      const status: unknown = await raceAbort(onEnvelope(from, envelope, { signal }), signal)
      if (!isAckStatus(status)) throw new KabarError('INVALID_MESSAGE', `envelope handler returned ${String(status)}, not an ack status`)
      if (status === AckStatus.REJECTED) limits.onRejected(from)
      acks.add(encodeAckFrame({ id: envelope.id, status }))
    }
    deadline.start(STREAM_TIMEOUT_MS, 'closing the stream')
    await acks.flush(signal)
    await stream.close({ signal })
    log.trace('stream %s from %p closed after %d envelopes', stream.id, from, acks.sent)
  } catch (err) {
    // What was stored is still acked (best effort), so the sender need not resend it.
    await acks.flush(AbortSignal.timeout(STREAM_TIMEOUT_MS)).catch(() => {})
    log('resetting stream %s from %p after %d envelopes - %e', stream.id, from, acks.sent, err)
    stream.abort(asError(err))
  } finally {
    stream.removeEventListener('close', onClose)
    deadline.stop()
  }
}

/** Acks waiting to be written together. */
class AckBatch {
  readonly #frames: FrameStream
  readonly #pending: Uint8Array[] = []
  #since = 0
  /** Acks written so far. */
  sent = 0

  constructor (frames: FrameStream) {
    this.#frames = frames
  }

  add (ack: Uint8Array): void {
    if (this.#pending.length === 0) this.#since = Date.now()
    this.#pending.push(ack)
  }

  /** True when the pending acks must go now: nothing more to handle at once, or the batch is full or old. */
  due (moreBuffered: boolean): boolean {
    if (this.#pending.length === 0) return false
    return !moreBuffered || this.#pending.length >= MSG_ACK_BATCH || Date.now() - this.#since >= MSG_ACK_DELAY_MS
  }

  async flush (signal: AbortSignal): Promise<void> {
    if (this.#pending.length === 0) return
    const batch = this.#pending.splice(0)
    await this.#frames.write(encodeFrames(batch), { signal })
    this.sent += batch.length
  }
}

export interface OpenMsgStreamOptions extends MsgSessionOptions {
  /** Bounds opening the stream (dial and protocol negotiation), with `timeoutMs`. */
  signal?: AbortSignal
  /** Upper bound of opening the stream in ms. Default STREAM_TIMEOUT_MS. */
  timeoutMs?: number
}

/**
 * Opens a /kabar/msg/1.0.0 stream to `peer` (dialling it if needed). Throws
 * `DELIVERY_FAILED` when the peer cannot be reached or does not speak the
 * protocol in time.
 */
export async function openMsgStream (node: ProtocolNode, peer: PeerId, options: OpenMsgStreamOptions = {}): Promise<MsgSession> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? STREAM_TIMEOUT_MS)
  const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout])
  let stream: Stream
  try {
    stream = await node.dialProtocol(peer, KABAR_MSG_PROTOCOL, { signal })
  } catch (err) {
    throw new KabarError('DELIVERY_FAILED', `cannot open ${KABAR_MSG_PROTOCOL} to ${peer.toString()}`, { cause: err })
  }
  return new MsgSession(stream, peer, node.logger.forComponent('kabar:net:msg'), options)
}
