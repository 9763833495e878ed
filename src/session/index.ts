/**
 * @packageDocumentation
 * End-to-end sessions between two devices: PQXDH to agree on a secret from a
 * prekey bundle, then the Double Ratchet. Pure code: it takes bytes, keys, a
 * RandomSource and returns bytes and new immutable state; storing state
 * atomically with the message it produced is the caller's job.
 *
 * @example
 * ```ts
 * const alice = IdentityKeyPair.generate(defaultRandom)
 * let record = SessionRecord.empty().initiate({ identity: alice, bundle, random: defaultRandom })
 * const { record: next, message } = record.encrypt(utf8('hi'))
 * // persist `next` with `message` in one write, then send `message`
 * ```
 */
export * from './constants.ts'
export * from './errors.ts'
export * from './fingerprint.ts'
export * from './identity.ts'
export * from './pqxdh.ts'
export * from './record.ts'
export { ratchetDecrypt, ratchetEncrypt, initInitiator, initResponder } from './ratchet/ratchet.ts'
export { encodeState, stateFromWire, stateToWire } from './ratchet/state.ts'
export type { RatchetState, SkippedKey, PreviousChain } from './ratchet/state.ts'
export * from './sender-keys.ts'
