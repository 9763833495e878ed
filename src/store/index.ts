/**
 * @packageDocumentation
 * kabar's persistence: LevelDB in the data directory (memory-level in tests),
 * one sublevel per concern, every value sealed with AES-256-GCM under a data
 * key that rests wrapped by a passphrase (scrypt) or in a 0600 key file.
 * DESIGN.md "Storage" and "Delivery"; docs/STORAGE.md describes the files.
 *
 * @example
 * ```ts
 * import { openStore } from './store/index.ts'
 * const store = await openStore({ dir: '/home/me/.kabar', passphrase: process.env.KABAR_PASSPHRASE })
 * // one state transition, one atomic write across sublevels:
 * await store.batch()
 *   .put('sessions', peerId, newState)
 *   .put('messages', `${peerId}!${seq}`, messageBytes)
 *   .put('seen', envelopeIdHex, new Uint8Array(0))
 *   .write()
 * for await (const { key, value } of store.iterate('messages', { gte: `${peerId}!`, lt: `${peerId}~`, limit: 50 })) {
 *   console.log(key, value.length)
 * }
 * await store.close()
 * ```
 */
export { openStore } from './db.ts'
export type { OpenStoreOptions } from './db.ts'
export { KabarStore } from './kabar-store.ts'
export type { IterateOptions, StoreEntry, StoreInfo } from './kabar-store.ts'
export { StoreBatch } from './batch.ts'
export { SUBLEVELS, SCHEMA_VERSION, SCRYPT_DEFAULTS, KEYRING_FILE, KEY_FILE, DB_FOLDER } from './constants.ts'
export type { SublevelName } from './constants.ts'
export type { StoreWarning } from './files.ts'
export { loadDataKey, wrapDataKey, unwrapDataKey } from './keyring.ts'
export type { DataKey, KeyringFile, LoadDataKeyOptions } from './keyring.ts'
export type { ScryptParams } from './scrypt.ts'
export { SEALED_OVERHEAD } from './sealed-encoding.ts'
export {
  PassphraseRequiredError,
  StoreCorruptError,
  StoreFailedError,
  StoreLockedError,
  StoreVersionError,
  WrongPassphraseError
} from './errors.ts'
