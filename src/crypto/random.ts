import { randomBytes } from 'node:crypto'

/**
 * Where randomness comes from. The protocol core never calls a global RNG:
 * callers pass one in, so tests and frozen vectors can use a seeded source.
 */
export type RandomSource = (length: number) => Uint8Array

/** The operating system's CSPRNG through node:crypto. */
export const defaultRandom: RandomSource = (length) => new Uint8Array(randomBytes(length))
