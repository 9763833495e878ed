import { randomFillSync } from 'node:crypto'

/**
 * Where randomness comes from. The protocol core never calls a global RNG:
 * callers pass one in, so tests and frozen vectors can use a seeded source.
 */
export type RandomSource = (length: number) => Uint8Array

// Small requests (keys, nonces) are served from a pool refilled from the OS
// CSPRNG 4 KiB at a time: one randomFillSync call costs ~5 µs whatever its
// size, and a DH ratchet step asks for 32 bytes. Node's own randomUUID keeps
// a similar cache. Every byte is handed out once and zeroed in the pool.
const POOL_SIZE = 4096
const POOLED_MAX = 256
const pool = new Uint8Array(POOL_SIZE)
let offset = POOL_SIZE

/** The operating system's CSPRNG through node:crypto. Always returns a new array. */
export const defaultRandom: RandomSource = (length) => {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`length must be a non-negative integer, got ${length}`)
  if (length > POOLED_MAX) return randomFillSync(new Uint8Array(length))
  if (offset + length > POOL_SIZE) {
    randomFillSync(pool)
    offset = 0
  }
  const out = pool.slice(offset, offset + length)
  pool.fill(0, offset, offset + length)
  offset += length
  return out
}
