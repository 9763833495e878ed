import { KabarError } from '../errors.ts'
import type { KabarErrorOptions } from '../errors.ts'

/** A key was malformed, or a DH produced the all-zero (low-order) output. */
export class InvalidKeyError extends KabarError {
  constructor (message = 'invalid key', options?: KabarErrorOptions) {
    super('INVALID_KEY', message, options)
    this.name = 'InvalidKeyError'
  }
}

/**
 * Any failure to open an AEAD box. Deliberately one message for every cause
 * (bad tag, truncated input, wrong key): libsignal's `BadCiphertext` doc —
 * "These cases should not be distinguished".
 */
export class DecryptError extends KabarError {
  constructor (options?: KabarErrorOptions) {
    super('DECRYPT_FAILED', 'decryption failed', options)
    this.name = 'DecryptError'
  }
}
