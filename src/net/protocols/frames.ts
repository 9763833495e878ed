/**
 * Unsigned-varint length-prefixed frames over a libp2p 3 stream, the framing
 * of /kabar/msg and /kabar/prekey (the same as `lpStream` and
 * it-length-prefixed put on the wire).
 *
 * Why not `lpStream` from @libp2p/utils 7.4.1:
 * - its `write` hands the stream a `Uint8ArrayList` of prefix + data, which
 *   STACK.md measured 5x slower than one contiguous `Uint8Array` per frame;
 *   {@link encodeFrame} / {@link encodeFrames} build exactly one buffer;
 * - its `read` throws the same `UnexpectedEOFError` for a clean end between
 *   frames and for a stream that ends inside a length prefix, and a receiver
 *   must tell "the sender is done" from "the sender sent a truncated frame".
 *
 * Reading goes through `byteStream().read()`, which checks the stream's state
 * as well as its events, so the end of the stream is never missed (see
 * ping.ts); `for await` over the raw stream can miss it.
 *
 * A length prefix over the frame limit is refused as soon as it is read,
 * without waiting for the frame's bytes, and so is a non-minimal varint (as
 * go-libp2p's varint reader does): a peer has exactly one way to say a length.
 */
import { StreamResetError } from '@libp2p/interface'
import { byteStream } from '@libp2p/utils'
import { Uint8ArrayList } from 'uint8arraylist'
import type { AbortOptions, Stream } from '@libp2p/interface'
import type { ByteStream } from '@libp2p/utils'
import { KabarError } from '../../errors.ts'

/** Bytes in the unsigned varint that encodes `n`. */
export function varintLength (n: number): number {
  let length = 1
  for (let v = n; v >= 0x80; v = Math.floor(v / 0x80)) length++
  return length
}

function writeVarint (n: number, out: Uint8Array, offset: number): number {
  let v = n
  let at = offset
  while (v >= 0x80) {
    out[at++] = (v % 0x80) | 0x80
    v = Math.floor(v / 0x80)
  }
  out[at++] = v
  return at
}

/** One frame, length prefix included, as one contiguous buffer. */
export function encodeFrame (message: Uint8Array): Uint8Array {
  return encodeFrames([message])
}

/** Several frames back to back in one contiguous buffer: one `send()` for a whole batch. */
export function encodeFrames (messages: readonly Uint8Array[]): Uint8Array {
  let total = 0
  for (const m of messages) total += varintLength(m.byteLength) + m.byteLength
  const out = new Uint8Array(total)
  let at = 0
  for (const m of messages) {
    at = writeVarint(m.byteLength, out, at)
    out.set(m, at)
    at += m.byteLength
  }
  return out
}

interface FrameHeader { prefixLength: number, frameLength: number }

/** Reads and writes frames of at most `maxFrameSize` bytes on one stream. */
export class FrameStream {
  readonly #stream: Stream
  readonly #bytes: ByteStream<Stream>
  readonly #pending = new Uint8ArrayList()
  readonly #maxFrameSize: number
  readonly #maxPrefixLength: number

  /** `maxBufferSize` bounds the bytes received but not yet read; over it the stream is aborted. */
  constructor (stream: Stream, maxFrameSize: number, maxBufferSize?: number) {
    this.#stream = stream
    this.#maxFrameSize = maxFrameSize
    this.#maxPrefixLength = varintLength(maxFrameSize)
    this.#bytes = byteStream(stream, { maxBufferSize: maxBufferSize ?? 2 * (maxFrameSize + this.#maxPrefixLength) })
  }

  /**
   * The next frame, or null when the remote closed its side cleanly between
   * frames. Throws `DECODE_FAILED` for a bad or oversized length prefix and for
   * a stream that ends inside a frame; throws the stream's own error on reset.
   */
  async next (options?: AbortOptions): Promise<Uint8Array | null> {
    for (;;) {
      const header = this.#header()
      if (header !== undefined && this.#pending.byteLength >= header.prefixLength + header.frameLength) {
        const end = header.prefixLength + header.frameLength
        const frame = this.#pending.subarray(header.prefixLength, end)
        this.#pending.consume(end)
        return frame
      }
      const chunk = await this.#bytes.read(options)
      if (chunk === null) {
        // A reset that lands before a read starts looks like a clean end to byteStream.
        if (this.#stream.status === 'reset' || this.#stream.status === 'aborted') throw new StreamResetError(`stream ${this.#stream.status} by ${this.#stream.status === 'reset' ? 'the remote' : 'us'}`)
        if (this.#pending.byteLength === 0) return null
        const expected = header === undefined ? 'a length prefix' : `${header.prefixLength + header.frameLength} bytes`
        throw new KabarError('DECODE_FAILED', `stream ended inside a frame: ${this.#pending.byteLength} bytes of ${expected}`)
      }
      this.#pending.append(chunk)
    }
  }

  /** True when {@link next} will return (or throw) without waiting: a whole frame, or a bad prefix, is already buffered. */
  hasFrame (): boolean {
    try {
      const header = this.#header()
      return header !== undefined && this.#pending.byteLength >= header.prefixLength + header.frameLength
    } catch {
      return true
    }
  }

  /** Writes bytes from {@link encodeFrame} / {@link encodeFrames}, waiting for the stream to drain when it asks to. */
  async write (frames: Uint8Array, options?: AbortOptions): Promise<void> {
    await this.#bytes.write(frames, options)
  }

  /** The length prefix at the head of the buffer, undefined while it is incomplete. */
  #header (): FrameHeader | undefined {
    const pending = this.#pending
    let value = 0
    let scale = 1
    for (let i = 0; i < pending.byteLength; i++) {
      if (i >= this.#maxPrefixLength) throw this.#oversized()
      const byte = pending.get(i)
      value += (byte & 0x7f) * scale
      scale *= 0x80
      if ((byte & 0x80) === 0) {
        if (byte === 0 && i > 0) throw new KabarError('DECODE_FAILED', 'frame length prefix is not a minimal varint')
        if (value > this.#maxFrameSize) throw this.#oversized(value)
        return { prefixLength: i + 1, frameLength: value }
      }
    }
    return undefined
  }

  #oversized (length?: number): KabarError {
    const size = length === undefined ? 'a longer prefix' : `${length} bytes`
    return new KabarError('DECODE_FAILED', `frame length ${size} exceeds the limit of ${this.#maxFrameSize}`)
  }
}
