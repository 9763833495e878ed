/**
 * Argument checks shared by the store's accessors and its batch builder, so a
 * typo'd sublevel or a non-string key fails at the call, synchronously, before
 * anything is queued or written. Also the JSON value codec of getJson/putJson.
 */
import { utf8 } from '../crypto/bytes.ts'
import { SCHEMA_KEY, SUBLEVELS } from './constants.ts'
import type { SublevelName } from './constants.ts'
import { describeEntry, StoreCorruptError } from './errors.ts'

const KNOWN = new Set<string>(SUBLEVELS)

/** Throws TypeError unless `name` is one of {@link SUBLEVELS}. */
export function assertSublevel (name: unknown): asserts name is SublevelName {
  if (typeof name !== 'string' || !KNOWN.has(name)) {
    throw new TypeError(`unknown sublevel ${JSON.stringify(name)}; expected one of ${SUBLEVELS.join(', ')}`)
  }
}

/**
 * Throws TypeError unless `key` is a string. Keys are stored in plaintext:
 * ids, peer ids, sequence numbers, never secrets or message text.
 */
export function assertKey (key: unknown): asserts key is string {
  if (typeof key !== 'string') throw new TypeError(`key must be a string, got ${key === null ? 'null' : typeof key}`)
}

/** Checks a key about to be written or deleted; the schema record is the store's own. */
export function assertWritable (sublevel: SublevelName, key: string): void {
  if (sublevel === 'meta' && key === SCHEMA_KEY) {
    throw new TypeError(`meta/${SCHEMA_KEY} is reserved for the store's schema version`)
  }
}

/** UTF-8 JSON of `value`; TypeError for values JSON cannot represent (undefined, functions). */
export function encodeJson (value: unknown): Uint8Array {
  const text = JSON.stringify(value)
  if (typeof text !== 'string') throw new TypeError('value is not representable as JSON')
  return utf8(text)
}

/** Parses what {@link encodeJson} wrote; StoreCorruptError naming the entry otherwise. */
export function decodeJson (sublevel: string, key: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch (err) {
    throw new StoreCorruptError(`stored value ${describeEntry(sublevel, key)} is not valid JSON`, { cause: err })
  }
}
