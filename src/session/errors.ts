import { KabarError } from '../errors.ts'
import type { KabarErrorOptions } from '../errors.ts'

/**
 * A message that cannot be decrypted or is malformed. One message for every
 * cause, so a peer learns nothing from which check failed.
 */
export class InvalidMessageError extends KabarError {
  constructor (message = 'decryption failed', options?: KabarErrorOptions) {
    super('INVALID_MESSAGE', message, options)
    this.name = 'InvalidMessageError'
  }
}

/** A message whose key was already used: a duplicate or a replay. The state is unchanged. */
export class DuplicateMessageError extends KabarError {
  constructor (message = 'duplicate message', options?: KabarErrorOptions) {
    super('DUPLICATE_MESSAGE', message, options)
    this.name = 'DuplicateMessageError'
  }
}

/** The remote identity is not the one expected, or its signatures do not verify. */
export class UntrustedIdentityError extends KabarError {
  constructor (message = 'untrusted identity', options?: KabarErrorOptions) {
    super('UNTRUSTED_IDENTITY', message, options)
    this.name = 'UntrustedIdentityError'
  }
}

/** A stored session that cannot be used (malformed, or cannot send yet). */
export class InvalidSessionError extends KabarError {
  constructor (message = 'invalid session', options?: KabarErrorOptions) {
    super('INVALID_SESSION', message, options)
    this.name = 'InvalidSessionError'
  }
}

/** A prekey bundle with a bad signature, wrong key lengths or missing keys. */
export class InvalidPrekeyBundleError extends KabarError {
  constructor (message = 'invalid prekey bundle', options?: KabarErrorOptions) {
    super('INVALID_PREKEY_BUNDLE', message, options)
    this.name = 'InvalidPrekeyBundleError'
  }
}
