/** Byte helpers shared by every layer. No dependencies beyond node:crypto. */
import { timingSafeEqual } from 'node:crypto'

/**
 * Throws `TypeError` unless `value` is a Uint8Array, and `RangeError` unless
 * its length is `length` (when given). `title` names the argument in the
 * message, e.g. `assertBytes(key, 32, 'theirRatchetKey')`.
 */
export function assertBytes (value: unknown, length: number | undefined, title: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`${title} must be a Uint8Array, got ${value === null ? 'null' : typeof value}`)
  }
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`${title} must be ${length} bytes, got ${value.length}`)
  }
}

/** Concatenates byte arrays into one new array. */
export function concat (...parts: Uint8Array[]): Uint8Array {
  let total = 0
  for (const p of parts) total += p.length
  const out = new Uint8Array(total)
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}

/** Constant-time equality; arrays of different lengths compare unequal. */
export function constantTimeEqual (a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  return timingSafeEqual(a, b)
}

/** Plain equality for public values (ids, public keys). */
export function bytesEqual (a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false
  }
  return true
}

/** 4-byte big-endian encoding of an unsigned 32-bit integer. */
export function u32be (n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`u32 out of range: ${n}`)
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, n, false)
  return out
}

/**
 * `u32be(len(part)) || part` for each part: the unambiguous framing used for
 * signature domains and KDF inputs, so no two different tuples encode alike.
 */
export function lengthPrefixed (...parts: Uint8Array[]): Uint8Array {
  const framed: Uint8Array[] = []
  for (const p of parts) framed.push(u32be(p.length), p)
  return concat(...framed)
}

export function toHex (bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

export function fromHex (hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new TypeError('invalid hex string')
  return new Uint8Array(Buffer.from(hex, 'hex'))
}

export function utf8 (text: string): Uint8Array {
  return new TextEncoder().encode(text)
}

/** A copy that owns its memory (never a view into a larger buffer). */
export function copyBytes (bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes)
}

/**
 * Overwrites a secret we own once it is consumed. JavaScript cannot promise
 * erasure (the GC may have copied it), but this shortens its life in memory.
 */
export function wipe (...arrays: Uint8Array[]): void {
  for (const a of arrays) a.fill(0)
}
