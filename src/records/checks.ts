/**
 * Field checks shared by every record kind: exact byte lengths, uint64 times
 * and sequence numbers as safe JavaScript integers, the expiry rule with its
 * clock-skew allowance, and the highest-sequence selection. Kept in one place
 * so the account and prekey validators cannot drift apart on these rules.
 */
import { assertBytes } from '../crypto/index.ts'
import { ExpiredRecordError, InvalidRecordError } from './errors.ts'
import { MAX_CLOCK_SKEW } from './limits.ts'

/**
 * A uint64 from the wire as a number. NOTE: sequence numbers and times are
 * numbers in the API (JSON-friendly, comparable with Date.now()); a value
 * above 2^53 - 1 would lose precision, so it makes the record invalid.
 */
export function safeNumber (value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new InvalidRecordError(`${what} exceeds 2^53 - 1`)
  return Number(value)
}

/** Throws TypeError/RangeError unless `value` is a safe non-negative integer (a builder's argument). */
export function assertSafeUint (value: unknown, title: string): asserts value is number {
  if (typeof value !== 'number') throw new TypeError(`${title} must be a number, got ${typeof value}`)
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${title} must be a safe non-negative integer, got ${value}`)
}

/** Throws TypeError/RangeError unless `value` is a uint32 (a prekey id). */
export function assertUint32 (value: unknown, title: string): asserts value is number {
  assertSafeUint(value, title)
  if (value > 0xffffffff) throw new RangeError(`${title} must fit in 32 bits, got ${value}`)
}

/** 8-byte big-endian encoding of a safe non-negative integer (for signed encodings). */
export function u64be (n: number): Uint8Array {
  assertSafeUint(n, 'u64')
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, BigInt(n), false)
  return out
}

/** A decoded bytes field of exactly `length` bytes, copied out of the record buffer. */
export function exactBytes (value: Uint8Array | undefined, length: number, what: string): Uint8Array {
  if (value === undefined || value.length !== length) {
    throw new InvalidRecordError(`${what} must be ${length} bytes, got ${value?.length ?? 0}`)
  }
  return new Uint8Array(value)
}

export interface Lifetime {
  created: number
  expires: number
}

/**
 * The time rules every record obeys: `created < expires`, a lifetime of at
 * most `maxLifetime`, not created in the future, not expired. With `now`
 * undefined (a selector, which has no clock) only the first two are checked.
 */
export function checkLifetime (times: Lifetime, maxLifetime: number, now: number | undefined, what: string): void {
  if (times.expires <= times.created) throw new InvalidRecordError(`${what} expires before it is created`)
  if (times.expires - times.created > maxLifetime) {
    throw new InvalidRecordError(`${what} claims a lifetime over the limit of ${maxLifetime} ms`)
  }
  if (now === undefined) return
  if (times.created > now + MAX_CLOCK_SKEW) throw new InvalidRecordError(`${what} is created in the future`)
  if (now - MAX_CLOCK_SKEW >= times.expires) throw new ExpiredRecordError(`${what} expired at ${times.expires}`)
}

/** Throws TypeError/RangeError unless `now` is a usable clock reading. */
export function assertNow (now: unknown): asserts now is number {
  assertSafeUint(now, 'now')
}

/**
 * Index of the value with the highest sequence number among those `parse`
 * accepts; invalid values lose, ties go to the first. Throws
 * InvalidRecordError when no value is valid (kad-dht validates every value
 * before selecting, so that only happens to a caller that skipped it).
 */
export function selectHighestSeq (values: Uint8Array[], parse: (value: Uint8Array) => { seq: number }): number {
  if (!Array.isArray(values)) throw new TypeError('values must be an array')
  let best = -1
  let bestSeq = -1
  values.forEach((value, index) => {
    assertBytes(value, undefined, `values[${index}]`)
    let seq: number
    try {
      seq = parse(value).seq
    } catch {
      return
    }
    if (seq > bestSeq) {
      best = index
      bestSeq = seq
    }
  })
  if (best < 0) throw new InvalidRecordError(`no valid record among ${values.length}`)
  return best
}

// C0/C1 controls, and the bidi embeddings, overrides and isolates that can
// make a text display as something else ("Trojan Source", CVE-2021-42574).
// device.ts refuses the same set in device labels.
export const FORBIDDEN_TEXT_CHARS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u

/**
 * Why a signed human-readable name (a legal name, a scope) is unacceptable,
 * or undefined when it is fine: it must be non-empty, at most `max` code
 * points, free of control and bidi-override characters, in Unicode NFC and
 * without surrounding white space. NOTE: the last two are stricter than a
 * device label, because these names are compared by people ("is this the
 * Acme Ltd I know?"), so one name has one spelling.
 */
export function nameProblem (text: string, max: number, what: string): string | undefined {
  if (text.length === 0) return `${what} is empty`
  if ([...text].length > max) return `${what} is longer than ${max} characters`
  if (FORBIDDEN_TEXT_CHARS.test(text)) return `${what} contains control or bidi-override characters`
  if (text.normalize('NFC') !== text) return `${what} is not in Unicode NFC`
  if (text.trim() !== text) return `${what} has leading or trailing white space`
  return undefined
}
