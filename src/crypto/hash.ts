import { createHash } from 'node:crypto'
import { assertBytes } from './bytes.ts'

/** SHA-256 (FIPS 180-4). */
export function sha256 (data: Uint8Array): Uint8Array {
  assertBytes(data, undefined, 'data')
  return new Uint8Array(createHash('sha256').update(data).digest())
}

/** SHA-512 (FIPS 180-4); the safety number iterates it, as Signal's does. */
export function sha512 (data: Uint8Array): Uint8Array {
  assertBytes(data, undefined, 'data')
  return new Uint8Array(createHash('sha512').update(data).digest())
}
