/**
 * The one place the store calls node:crypto directly: scrypt (RFC 7914), which
 * crypto/ does not wrap because only the keyring needs a password KDF. Async,
 * so a 1 s unlock runs on libuv's thread pool instead of blocking the event loop.
 */
import { scrypt as nodeScrypt } from 'node:crypto'
import { assertBytes } from '../crypto/bytes.ts'
import { SCRYPT_MAX_MEMORY, SCRYPT_MAX_P, SCRYPT_MIN_N } from './constants.ts'

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number
  /** Block size. */
  r: number
  /** Parallelism. */
  p: number
}

/** Memory scrypt needs for these parameters (RFC 7914 §2: 128 * N * r bytes, plus 128 * r * p). */
export function scryptMemory ({ N, r, p }: ScryptParams): number {
  return 128 * N * r + 128 * r * p
}

/**
 * True when the parameters are sane and within the bounds of constants.ts.
 * Keyrings come from disk, so this guards against a file that would make the
 * unlock take minutes or gigabytes.
 */
export function scryptParamsAcceptable (params: ScryptParams): boolean {
  const { N, r, p } = params
  if (![N, r, p].every((x) => Number.isSafeInteger(x) && x > 0)) return false
  if (N < SCRYPT_MIN_N || (N & (N - 1)) !== 0) return false
  if (p > SCRYPT_MAX_P) return false
  return scryptMemory(params) <= SCRYPT_MAX_MEMORY
}

/** scrypt(password, salt) → `length` bytes. Throws RangeError on parameters outside the bounds. */
export async function scrypt (password: Uint8Array, salt: Uint8Array, params: ScryptParams, length: number): Promise<Uint8Array> {
  assertBytes(password, undefined, 'password')
  assertBytes(salt, undefined, 'salt')
  if (!scryptParamsAcceptable(params)) {
    throw new RangeError(`scrypt parameters out of bounds: N=${params.N} r=${params.r} p=${params.p}`)
  }
  // node's default maxmem is 32 MiB, below the default cost; allow exactly what we need plus slack.
  const maxmem = scryptMemory(params) + 1024 * 1024
  return new Promise((resolve, reject) => {
    nodeScrypt(password, salt, length, { ...params, maxmem }, (err, key) => {
      if (err !== null) reject(err)
      else resolve(new Uint8Array(key.buffer, key.byteOffset, key.byteLength))
    })
  })
}
