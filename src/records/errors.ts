/**
 * The three ways a DHT record is refused. A validator on any DHT node throws
 * one of these, and kad-dht then drops the record; callers narrow with
 * `KabarError.is(err, 'RECORD_EXPIRED')` to tell "stale" from "forged".
 */
import { KabarError } from '../errors.ts'
import type { KabarErrorOptions } from '../errors.ts'

/** Malformed, oversized, over a bound, of the wrong type, or a signature that does not verify. */
export class InvalidRecordError extends KabarError {
  constructor (message = 'invalid record', options?: KabarErrorOptions) {
    super('INVALID_RECORD', message, options)
    this.name = 'InvalidRecordError'
  }
}

/** Well-formed and signed, but past its expiry (beyond the clock-skew allowance). */
export class ExpiredRecordError extends KabarError {
  constructor (message = 'record expired', options?: KabarErrorOptions) {
    super('RECORD_EXPIRED', message, options)
    this.name = 'ExpiredRecordError'
  }
}

/** Signed by a key other than the one the DHT key names (or the payload names). */
export class SignerMismatchError extends KabarError {
  constructor (message = 'record signer does not match its key', options?: KabarErrorOptions) {
    super('SIGNER_MISMATCH', message, options)
    this.name = 'SignerMismatchError'
  }
}
