/**
 * Small helpers every /kabar/* protocol end needs: the slice of a libp2p node
 * they use, waiting on a promise no longer than a signal allows (callbacks
 * and libp2p waits may ignore their signal), one reusable deadline per stream
 * (an `AbortSignal.timeout()` per frame cost about 5% of a pipelined
 * receiver's CPU), turning whatever was thrown into the `Error` that
 * `stream.abort()` requires, and handing bytes to protons' encoders, whose
 * types demand `Uint8Array<ArrayBuffer>`.
 */
import { TimeoutError } from '@libp2p/interface'
import type { Libp2p } from '@libp2p/interface'

/** What the delivery protocols need from a libp2p node; a `KabarLibp2p` is one. */
export type ProtocolNode = Pick<Libp2p, 'handle' | 'unhandle' | 'dialProtocol' | 'logger'>

/** An Error to pass to `stream.abort()`, whatever was thrown. */
export function asError (err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err))
}

/** `promise`, or a rejection with the signal's reason as soon as it aborts. */
export async function raceAbort<T> (promise: Promise<T>, signal: AbortSignal): Promise<T> {
  // A late rejection of `promise` after the abort must not go unhandled.
  promise.catch(() => {})
  signal.throwIfAborted()
  let onAbort = (): void => {}
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => { reject(asError(signal.reason)) }
    signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    return await Promise.race([promise, aborted])
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}

/** `bytes` as protons' encoders want them; copied only in the rare case they live in a SharedArrayBuffer. */
export function wireBytes (bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? bytes as Uint8Array<ArrayBuffer> : new Uint8Array(bytes)
}

/**
 * One AbortSignal for the whole life of a stream, aborted when the bound that
 * is currently running expires. Each phase (wait for a frame, run the
 * callback, write) starts its own bound; once aborted, the stream is over.
 */
export class Deadline {
  readonly #controller = new AbortController()
  #timer: ReturnType<typeof setTimeout> | undefined

  get signal (): AbortSignal {
    return this.#controller.signal
  }

  /**
   * (Re)starts the bound: the signal aborts with a TimeoutError naming `what`
   * unless stopped or restarted within `ms`. Like `AbortSignal.timeout()`, the
   * timer does not keep the process alive.
   */
  start (ms: number, what: string): void {
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => { this.#controller.abort(new TimeoutError(`${what} took over ${ms} ms`)) }, ms)
    this.#timer.unref()
  }

  /** Aborts now (e.g. the stream closed under us) and stops the timer. */
  abort (reason: Error): void {
    this.stop()
    this.#controller.abort(reason)
  }

  stop (): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
  }
}
