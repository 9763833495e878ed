/**
 * Every error kabar throws on purpose is a `KabarError` with a stable `code`
 * from {@link ErrorCode}. Callers narrow with `KabarError.is(err, 'CODE')`
 * rather than `instanceof`, which breaks across duplicated module copies.
 */

export const ErrorCode = {
  INVALID_KEY: 'INVALID_KEY',
  DECRYPT_FAILED: 'DECRYPT_FAILED',
  INVALID_MESSAGE: 'INVALID_MESSAGE',
  DUPLICATE_MESSAGE: 'DUPLICATE_MESSAGE',
  UNTRUSTED_IDENTITY: 'UNTRUSTED_IDENTITY',
  INVALID_SESSION: 'INVALID_SESSION',
  INVALID_PREKEY_BUNDLE: 'INVALID_PREKEY_BUNDLE',
  DECODE_FAILED: 'DECODE_FAILED',
  /** The passphrase does not unwrap the data key (or keyring.json is damaged). */
  WRONG_PASSPHRASE: 'WRONG_PASSPHRASE',
  /** The data directory's key is passphrase-wrapped and no passphrase was given. */
  PASSPHRASE_REQUIRED: 'PASSPHRASE_REQUIRED',
  /** A stored value, the keyring or the key file fails to open or parse. */
  STORE_CORRUPT: 'STORE_CORRUPT',
  /** Another process holds the database open. */
  STORE_LOCKED: 'STORE_LOCKED',
  /** The database was written by a newer kabar (schema version too high). */
  STORE_VERSION_UNSUPPORTED: 'STORE_VERSION_UNSUPPORTED',
  /** Any other storage failure (I/O, closed database); `cause` holds the level error. */
  STORE_FAILED: 'STORE_FAILED',
  /** A DHT record that is malformed, oversized or badly signed. */
  INVALID_RECORD: 'INVALID_RECORD',
  /** A DHT record past its expiry (beyond the clock-skew allowance). */
  RECORD_EXPIRED: 'RECORD_EXPIRED',
  /** A DHT record signed by a key other than the one its DHT key names. */
  SIGNER_MISMATCH: 'SIGNER_MISMATCH'
} as const

export type ErrorCode = typeof ErrorCode[keyof typeof ErrorCode]

export interface KabarErrorOptions {
  cause?: unknown
}

export class KabarError extends Error {
  readonly code: ErrorCode

  constructor (code: ErrorCode, message: string, options: KabarErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'KabarError'
    this.code = code
  }

  /** True when `err` is a KabarError, optionally with the given code. */
  static is (err: unknown, code?: ErrorCode): err is KabarError {
    if (err === null || typeof err !== 'object') return false
    const e = err as { code?: unknown, name?: unknown }
    if (typeof e.code !== 'string' || typeof e.name !== 'string') return false
    if (!(err instanceof Error)) return false
    if (!Object.values(ErrorCode).includes(e.code as ErrorCode)) return false
    return code === undefined || e.code === code
  }
}
