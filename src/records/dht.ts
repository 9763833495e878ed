/**
 * The validator and selector maps a kad-dht instance is configured with, one
 * entry per kabar namespace. They match kad-dht's shapes
 * (`ValidateFn = (key, value) => Promise<void>`,
 * `SelectFn = (key, records) => number`, @libp2p/kad-dht src/index.ts) without
 * importing kad-dht, so this layer stays free of libp2p; net/ passes them in.
 * The clock is a parameter, as everywhere in the protocol core.
 */
import { selectAccountRecord, validateAccountRecord } from './account.ts'
import { ACCOUNT_NAMESPACE, PREKEY_NAMESPACE } from './keys.ts'
import type { RecordNamespace } from './keys.ts'
import { selectPrekeyRecord, validatePrekeyRecord } from './prekey.ts'

/** Throws (rejects) when the record must not be stored or returned. */
export type RecordValidator = (key: Uint8Array, value: Uint8Array) => Promise<void>
/** The index of the best record among `records`. */
export type RecordSelector = (key: Uint8Array, records: Uint8Array[]) => number

/** Milliseconds since the Unix epoch, e.g. `Date.now`. */
export type Clock = () => number

function validator (validate: (key: Uint8Array, value: Uint8Array, now: number) => unknown, clock: Clock): RecordValidator {
  // A throw inside the callback becomes a rejection, as kad-dht expects.
  return async (key, value) => Promise.resolve().then(() => { validate(key, value, clock()) })
}

/** `{ 'kabar-account': …, 'kabar-prekey': … }` for kad-dht's `validators` option. */
export function dhtValidators (clock: Clock): Record<RecordNamespace, RecordValidator> {
  return {
    [ACCOUNT_NAMESPACE]: validator(validateAccountRecord, clock),
    [PREKEY_NAMESPACE]: validator(validatePrekeyRecord, clock)
  }
}

/**
 * `{ 'kabar-account': …, 'kabar-prekey': … }` for kad-dht's `selectors`
 * option: the highest seq among the records still valid by `clock`.
 */
export function dhtSelectors (clock: Clock): Record<RecordNamespace, RecordSelector> {
  return {
    [ACCOUNT_NAMESPACE]: (key, values) => selectAccountRecord(key, values, clock()),
    [PREKEY_NAMESPACE]: (key, values) => selectPrekeyRecord(key, values, clock())
  }
}
