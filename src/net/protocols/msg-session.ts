/**
 * The sending end of one /kabar/msg/1.0.0 stream: envelopes go out
 * pipelined, acks come back in the same order, and each ack settles the
 * oldest envelope in flight.
 *
 * - Frames are written in batches, each batch one contiguous buffer (one
 *   `send()`), as many as the in-flight window allows (MSG_MAX_IN_FLIGHT
 *   envelopes, MSG_MAX_IN_FLIGHT_BYTES); further frames wait for acks, so the
 *   receiver never buffers more than the window.
 * - While anything is in flight an ack must arrive every ackTimeoutMs, else
 *   the stream is given up: a live receiver that keeps acking is never cut
 *   off, a silent one is dropped within the bound.
 * - Any failure (reset, timeout, an ack that is malformed, out of order or for
 *   nothing, a caller's abort) ends the session: every unacked envelope fails
 *   with `DELIVERY_FAILED` and must be sent again, with the same id, on a new
 *   session. Acks are delivered as they arrive (`onAck`), so what was already
 *   delivered is known even when a batch fails half-way.
 */
import type { AbortOptions, Logger, PeerId, Stream } from '@libp2p/interface'
import { KabarError } from '../../errors.ts'
import { MAX_ACK_FRAME_SIZE } from '../../wire/index.ts'
import { KABAR_MSG_PROTOCOL, MSG_ACK_TIMEOUT_MS, MSG_MAX_IN_FLIGHT, MSG_MAX_IN_FLIGHT_BYTES, STREAM_TIMEOUT_MS } from '../constants.ts'
import { ackMatches, decodeAckFrame, encodeEnvelopeFrame } from './envelope.ts'
import type { AckStatus, Envelope } from './envelope.ts'
import { encodeFrames, FrameStream } from './frames.ts'
import { asError, raceAbort } from './helpers.ts'

export interface MsgSessionOptions {
  /** Longest wait for the next ack while envelopes are in flight. Default MSG_ACK_TIMEOUT_MS. */
  ackTimeoutMs?: number
  /** Envelopes written but not yet acked. Default MSG_MAX_IN_FLIGHT. */
  maxInFlight?: number
  /** Bytes written but not yet acked (one larger envelope may always go alone). Default MSG_MAX_IN_FLIGHT_BYTES. */
  maxInFlightBytes?: number
}

export interface SendManyOptions extends AbortOptions {
  /** Called as each ack arrives, in order: `index` into the envelopes passed. */
  onAck?: (index: number, status: AckStatus) => void
}

interface InFlight {
  readonly id: Uint8Array
  readonly size: number
  readonly resolve: (status: AckStatus) => void
  readonly reject: (err: Error) => void
}

export class MsgSession {
  /** The peer at the other end. */
  readonly peer: PeerId
  readonly #stream: Stream
  readonly #frames: FrameStream
  readonly #log: Logger
  readonly #ackTimeoutMs: number
  readonly #maxInFlight: number
  readonly #maxInFlightBytes: number
  readonly #inFlight: InFlight[] = []
  #inFlightBytes = 0
  /** Serialises writers, so frames go out in the order their acks are expected. */
  #writing: Promise<void> = Promise.resolve()
  /** Woken whenever an ack frees room or the session ends. */
  #wake: Wakeup = wakeup()
  #ackTimer: ReturnType<typeof setTimeout> | undefined
  #failure: KabarError | undefined
  #closing = false
  readonly #reading: Promise<void>

  constructor (stream: Stream, peer: PeerId, log: Logger, options: MsgSessionOptions = {}) {
    this.peer = peer
    this.#stream = stream
    this.#log = log
    this.#ackTimeoutMs = options.ackTimeoutMs ?? MSG_ACK_TIMEOUT_MS
    this.#maxInFlight = options.maxInFlight ?? MSG_MAX_IN_FLIGHT
    this.#maxInFlightBytes = options.maxInFlightBytes ?? MSG_MAX_IN_FLIGHT_BYTES
    // Acks may arrive faster than they are read: room for a full window of them.
    this.#frames = new FrameStream(stream, MAX_ACK_FRAME_SIZE, (this.#maxInFlight + 1) * (MAX_ACK_FRAME_SIZE + 1))
    this.#reading = this.#readAcks()
  }

  /** True while the session accepts envelopes. */
  get open (): boolean {
    return this.#failure === undefined && !this.#closing
  }

  /** Envelopes written and not yet acked. */
  get inFlight (): number {
    return this.#inFlight.length
  }

  /** Sends one envelope and resolves with its ack; see {@link sendMany}. */
  async send (envelope: Envelope, options: AbortOptions = {}): Promise<AckStatus> {
    const statuses = await this.sendMany([envelope], options)
    return statuses[0]
  }

  /**
   * Writes every envelope, pipelined, and resolves with their ack statuses in
   * order. Throws `INVALID_MESSAGE` (before sending anything) for an envelope
   * out of bounds, and `DELIVERY_FAILED` when the session fails or is
   * closing; aborting `signal` ends the whole session. Envelopes acked before
   * a failure were reported through `onAck`.
   */
  async sendMany (envelopes: readonly Envelope[], options: SendManyOptions = {}): Promise<AckStatus[]> {
    const frames = envelopes.map((envelope) => encodeEnvelopeFrame(envelope))
    const { signal, onAck } = options
    const onAbort = (): void => { this.#fail(new KabarError('DELIVERY_FAILED', 'send aborted', { cause: signal?.reason })) }
    if (signal?.aborted === true) onAbort()
    this.#assertOpen()
    signal?.addEventListener('abort', onAbort, { once: true })
    const acks: Array<Promise<AckStatus>> = []
    try {
      await this.#serialise(async () => {
        for (let next = 0; next < frames.length;) {
          await this.#waitForRoom(frames[next].byteLength)
          const batch: Uint8Array[] = []
          while (next < frames.length && this.#fits(frames[next].byteLength)) {
            acks.push(this.#track(envelopes[next].id, frames[next].byteLength, next, onAck))
            batch.push(frames[next])
            next++
          }
          await this.#frames.write(encodeFrames(batch))
        }
      })
      return await Promise.all(acks)
    } catch (err) {
      this.#fail(err)
      throw this.#failure ?? err
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }

  /**
   * Waits for every envelope in flight to be acked (bounded by the ack
   * timeout), then ends the stream cleanly. Never throws; a session that
   * already failed is just released.
   */
  async close (): Promise<void> {
    if (this.#closing) return
    this.#closing = true
    try {
      await this.#writing
      while (this.#inFlight.length > 0 && this.#failure === undefined) await this.#wake.promise
      if (this.#failure !== undefined) return
      const signal = AbortSignal.timeout(STREAM_TIMEOUT_MS)
      await this.#stream.close({ signal })
      await raceAbort(this.#reading, signal)
    } catch (err) {
      this.#fail(err)
    }
  }

  /** Ends the session at once: the stream is reset and every unacked envelope fails. */
  abort (reason?: Error): void {
    this.#fail(reason ?? new KabarError('DELIVERY_FAILED', 'session aborted'))
  }

  #assertOpen (): void {
    if (this.#failure !== undefined) throw this.#failure
    if (this.#closing) throw new KabarError('DELIVERY_FAILED', `${KABAR_MSG_PROTOCOL} session to ${this.peer.toString()} is closing`)
  }

  async #serialise (task: () => Promise<void>): Promise<void> {
    const run = this.#writing.then(task)
    this.#writing = run.catch(() => {})
    await run
  }

  #fits (size: number): boolean {
    if (this.#inFlight.length === 0) return true
    return this.#inFlight.length < this.#maxInFlight && this.#inFlightBytes + size <= this.#maxInFlightBytes
  }

  /** Waits until a frame of `size` bytes fits the window; sends queued before close() still go out. */
  async #waitForRoom (size: number): Promise<void> {
    for (;;) {
      if (this.#failure !== undefined) throw this.#failure
      if (this.#fits(size)) return
      await this.#wake.promise
    }
  }

  /** Records one envelope as in flight; its promise settles on its ack or on failure. */
  #track (id: Uint8Array, size: number, index: number, onAck: SendManyOptions['onAck']): Promise<AckStatus> {
    let resolve: (status: AckStatus) => void = () => {}
    let reject: (err: Error) => void = () => {}
    const promise = new Promise<AckStatus>((res, rej) => { resolve = res; reject = rej })
    this.#inFlight.push({
      id,
      size,
      resolve: (status) => {
        try {
          onAck?.(index, status)
        } catch (err) {
          this.#log.error('onAck threw - %e', err)
        }
        resolve(status)
      },
      reject
    })
    this.#inFlightBytes += size
    // Settled through Promise.all, or never awaited when a write fails first.
    promise.catch(() => {})
    if (this.#ackTimer === undefined) this.#armAckTimer()
    return promise
  }

  #armAckTimer (): void {
    clearTimeout(this.#ackTimer)
    this.#ackTimer = setTimeout(() => {
      this.#fail(new KabarError('DELIVERY_FAILED', `no ack from ${this.peer.toString()} within ${this.#ackTimeoutMs} ms`))
    }, this.#ackTimeoutMs)
  }

  #notify (): void {
    this.#wake.resolve()
    this.#wake = wakeup()
  }

  /** Matches acks to envelopes until the stream ends; any violation fails the session. */
  async #readAcks (): Promise<void> {
    try {
      for (;;) {
        const frame = await this.#frames.next()
        if (frame === null) break
        const ack = decodeAckFrame(frame)
        const head = this.#inFlight[0]
        if (head === undefined) throw new KabarError('INVALID_MESSAGE', 'ack with no envelope in flight')
        if (!ackMatches(ack, head.id)) throw new KabarError('INVALID_MESSAGE', 'ack out of order')
        this.#inFlight.shift()
        this.#inFlightBytes -= head.size
        if (this.#inFlight.length > 0) this.#armAckTimer()
        else this.#clearAckTimer()
        head.resolve(ack.status)
        this.#notify()
      }
      if (this.#inFlight.length > 0) throw new KabarError('DELIVERY_FAILED', `stream ended with ${this.#inFlight.length} envelopes unacked`)
      if (!this.#closing) {
        // The receiver ended the stream with nothing in flight: not an error, but this session is done.
        this.#failure = new KabarError('DELIVERY_FAILED', `${this.peer.toString()} closed the ${KABAR_MSG_PROTOCOL} stream`)
        this.#notify()
        await this.#stream.close({ signal: AbortSignal.timeout(STREAM_TIMEOUT_MS) }).catch((err: unknown) => { this.#stream.abort(asError(err)) })
      }
    } catch (err) {
      this.#fail(err)
    }
  }

  #clearAckTimer (): void {
    clearTimeout(this.#ackTimer)
    this.#ackTimer = undefined
  }

  /** Ends the session once: resets the stream and fails everything in flight. */
  #fail (err: unknown): void {
    if (this.#failure !== undefined) return
    const failure = KabarError.is(err, 'DELIVERY_FAILED')
      ? err
      : new KabarError('DELIVERY_FAILED', `${KABAR_MSG_PROTOCOL} to ${this.peer.toString()} failed`, { cause: err })
    this.#failure = failure
    this.#clearAckTimer()
    this.#log('session to %p failed with %d envelopes in flight - %e', this.peer, this.#inFlight.length, err)
    this.#stream.abort(asError(err))
    for (const entry of this.#inFlight.splice(0)) entry.reject(failure)
    this.#inFlightBytes = 0
    this.#notify()
  }
}

interface Wakeup { readonly promise: Promise<void>, readonly resolve: () => void }

/** A promise to wait on and its resolver (Promise.withResolvers without needing the polyfill). */
function wakeup (): Wakeup {
  let resolve: () => void = () => {}
  const promise = new Promise<void>((res) => { resolve = res })
  return { promise, resolve }
}
