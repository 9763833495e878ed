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
  SIGNER_MISMATCH: 'SIGNER_MISMATCH',
  /** No account or prekey record for the address could be found in the DHT. */
  RECIPIENT_UNKNOWN: 'RECIPIENT_UNKNOWN',
  /** Our node has no peers (an empty routing table), so the DHT cannot be asked: the message says how to join. */
  NO_PEERS: 'NO_PEERS',
  /** A contact name that matches no contact, or more than one (the message lists them). */
  UNKNOWN_CONTACT: 'UNKNOWN_CONTACT',
  /** An invite link that is malformed or of an unknown version. */
  INVALID_INVITE: 'INVALID_INVITE',
  /** A peer could not be reached or did not acknowledge in time. */
  DELIVERY_FAILED: 'DELIVERY_FAILED',
  /** The node is stopped or not started yet. */
  NODE_STOPPED: 'NODE_STOPPED',
  /** A node option is invalid (named in the message). */
  INVALID_CONFIG: 'INVALID_CONFIG',
  /** A request or command-line value is malformed or out of range (named in the message). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** A request body is not valid JSON. */
  BAD_JSON: 'BAD_JSON',
  /** The API bearer token is missing or wrong. */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** No such route, message or record. */
  NOT_FOUND: 'NOT_FOUND',
  /** The route exists but not for this HTTP method. */
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  /** A string that should be an account address (Ed25519 PeerId) is not one. */
  INVALID_ADDRESS: 'INVALID_ADDRESS',
  /** A request body is over the API's size limit. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** No daemon is running for a data directory (node.json missing or its API unreachable). */
  NOT_RUNNING: 'NOT_RUNNING',
  /** Waiting for something (e.g. `kabar send --wait`) took longer than allowed. */
  TIMEOUT: 'TIMEOUT',
  /** A business profile that is swapped, rolled back or equivocating: nothing is sent to it until resolved. */
  DISCLOSURE_REJECTED: 'DISCLOSURE_REJECTED',
  /** Nothing to accept, publish or serve in this state (e.g. no pending disclosure, not a business). */
  CONFLICT: 'CONFLICT',
  /** The caller is known but not allowed to do this (an agent or processor token on an owner-only route). */
  FORBIDDEN: 'FORBIDDEN',
  /** A link code that is unknown, used or expired, or a link the account's node refused. */
  LINK_REFUSED: 'LINK_REFUSED',
  /** A webhook or token for a processor or reader the published profile does not name. */
  UNDISCLOSED: 'UNDISCLOSED',
  /** An unexpected failure; the API reports it without internals. */
  INTERNAL: 'INTERNAL'
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
