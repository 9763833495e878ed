/** HKDF-SHA256 (RFC 5869) and HMAC-SHA256 (RFC 2104) through node:crypto. */
import { createHmac, hkdfSync } from 'node:crypto'
import { assertBytes } from './bytes.ts'

/** RFC 5869 §2.3: L <= 255 * HashLen. */
export const HKDF_SHA256_MAX_LENGTH = 255 * 32

/**
 * HKDF-SHA256(ikm, salt, info) → `length` bytes.
 * NOTE: an empty salt means "not provided" and is replaced by HashLen zeros
 * (RFC 5869 §2.2), which node:crypto does as well.
 */
export function hkdfSha256 (ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  assertBytes(ikm, undefined, 'ikm')
  assertBytes(salt, undefined, 'salt')
  assertBytes(info, undefined, 'info')
  if (!Number.isInteger(length) || length < 1 || length > HKDF_SHA256_MAX_LENGTH) {
    throw new RangeError(`length must be an integer from 1 to ${HKDF_SHA256_MAX_LENGTH}, got ${length}`)
  }
  return new Uint8Array(hkdfSync('sha256', ikm, salt, info, length))
}

/** HMAC-SHA256(key, data) → 32 bytes. */
export function hmacSha256 (key: Uint8Array, data: Uint8Array): Uint8Array {
  assertBytes(key, undefined, 'key')
  assertBytes(data, undefined, 'data')
  // The digest Buffer owns its 32-byte memory (it is not a slice of node's
  // Buffer pool), so a plain Uint8Array view of it saves a copy.
  const digest = createHmac('sha256', key).update(data).digest()
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength)
}
