/**
 * The store's errors: named KabarError subclasses with stable codes, so the CLI
 * and the API can tell "wrong passphrase" from "database in use" from "damaged
 * files" without parsing messages. Level's own errors (which carry LEVEL_* codes)
 * are kept as `cause`, as abstract-level does with LEVEL_DECODE_ERROR.
 */
import { KabarError } from '../errors.ts'
import type { KabarErrorOptions } from '../errors.ts'

/** The passphrase does not unwrap the data key. Nothing on disk was changed. */
export class WrongPassphraseError extends KabarError {
  constructor (message = 'wrong passphrase: it does not unlock this data directory (or keyring.json is damaged)', options?: KabarErrorOptions) {
    super('WRONG_PASSPHRASE', message, options)
    this.name = 'WrongPassphraseError'
  }
}

/** The data key is passphrase-wrapped and the caller gave none. */
export class PassphraseRequiredError extends KabarError {
  constructor (message = 'this data directory is protected by a passphrase; none was given', options?: KabarErrorOptions) {
    super('PASSPHRASE_REQUIRED', message, options)
    this.name = 'PassphraseRequiredError'
  }
}

/** A stored value, the keyring or the key file cannot be opened or parsed. */
export class StoreCorruptError extends KabarError {
  constructor (message = 'the store is corrupt', options?: KabarErrorOptions) {
    super('STORE_CORRUPT', message, options)
    this.name = 'StoreCorruptError'
  }
}

/** Another process (or another open handle in this one) holds the database. */
export class StoreLockedError extends KabarError {
  constructor (message = 'the database is in use by another process', options?: KabarErrorOptions) {
    super('STORE_LOCKED', message, options)
    this.name = 'StoreLockedError'
  }
}

/** The database was written by a newer schema than this code knows. */
export class StoreVersionError extends KabarError {
  constructor (message = 'the database was written by a newer kabar', options?: KabarErrorOptions) {
    super('STORE_VERSION_UNSUPPORTED', message, options)
    this.name = 'StoreVersionError'
  }
}

/** Any other failure of the underlying database; `cause` is the level error. */
export class StoreFailedError extends KabarError {
  constructor (message = 'storage operation failed', options?: KabarErrorOptions) {
    super('STORE_FAILED', message, options)
    this.name = 'StoreFailedError'
  }
}

/** Names a value in messages: `sessions/"12D3KooW…"`, keys shortened to stay readable. */
export function describeEntry (sublevel: string, key: string): string {
  const shown = key.length > 80 ? `${key.slice(0, 77)}...` : key
  return `${sublevel}/${JSON.stringify(shown)}`
}

/**
 * Turns whatever level threw into a KabarError with the original as `cause`.
 * KabarErrors pass through unchanged; LEVEL_LOCKED (which classic-level nests
 * under LEVEL_DATABASE_NOT_OPEN) and LEVEL_CORRUPTION get their own codes.
 */
export function fromLevelError (err: unknown, doing: string): KabarError {
  if (KabarError.is(err)) return err
  const codes = levelCodes(err)
  if (codes.includes('LEVEL_LOCKED')) {
    return new StoreLockedError('the database is in use by another process (is a kabar node already running on this data directory?)', { cause: err })
  }
  if (codes.includes('LEVEL_CORRUPTION')) {
    return new StoreCorruptError(`the database files are corrupt (${doing})`, { cause: err })
  }
  const first = codes[0] ?? (err instanceof Error ? err.name : 'unknown error')
  return new StoreFailedError(`storage operation failed while ${doing} (${first})`, { cause: err })
}

/** The `code` of an error and of each of its causes, outermost first. */
function levelCodes (err: unknown): string[] {
  const codes: string[] = []
  let current: unknown = err
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const { code, cause } = current as { code?: unknown, cause?: unknown }
    if (typeof code === 'string') codes.push(code)
    current = cause
  }
  return codes
}
