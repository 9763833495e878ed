/**
 * A deterministic RandomSource for tests and frozen vectors: the AES-256-CTR
 * keystream of SHA-256(seed). Not for production; reproducible by design.
 */
import { createCipheriv, createHash } from 'node:crypto'
import type { RandomSource } from '../../src/crypto/index.ts'

export function seededRandom (seed: string | number): RandomSource {
  const key = createHash('sha256').update(`kabar-test-rng:${seed}`).digest()
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16))
  return (length: number) => new Uint8Array(cipher.update(Buffer.alloc(length)))
}
