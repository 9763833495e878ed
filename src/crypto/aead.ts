/** AES-256-GCM (NIST SP 800-38D) with a 96-bit nonce and a 128-bit tag, through node:crypto. */
import { createCipheriv, createDecipheriv } from 'node:crypto'
import { assertBytes } from './bytes.ts'
import { DecryptError } from './errors.ts'

export const AES_KEY_LENGTH = 32
export const GCM_NONCE_LENGTH = 12
export const GCM_TAG_LENGTH = 16

/** Encrypts `plaintext`; returns ciphertext || tag. The caller guarantees the (key, nonce) pair is never reused. */
export function aes256gcmSeal (key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, associatedData: Uint8Array = new Uint8Array(0)): Uint8Array {
  assertBytes(key, AES_KEY_LENGTH, 'key')
  assertBytes(nonce, GCM_NONCE_LENGTH, 'nonce')
  assertBytes(plaintext, undefined, 'plaintext')
  assertBytes(associatedData, undefined, 'associatedData')
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_LENGTH })
  cipher.setAAD(associatedData)
  const head = cipher.update(plaintext)
  const tail = cipher.final()
  const tag = cipher.getAuthTag()
  const out = new Uint8Array(head.length + tail.length + GCM_TAG_LENGTH)
  out.set(head, 0)
  out.set(tail, head.length)
  out.set(tag, head.length + tail.length)
  return out
}

/**
 * Opens ciphertext || tag. Every failure — wrong key, nonce, tag, associated
 * data or a truncated box — throws the same {@link DecryptError}. Argument
 * type and key/nonce length errors are programming errors and stay TypeError/RangeError.
 */
export function aes256gcmOpen (key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, associatedData: Uint8Array = new Uint8Array(0)): Uint8Array {
  assertBytes(key, AES_KEY_LENGTH, 'key')
  assertBytes(nonce, GCM_NONCE_LENGTH, 'nonce')
  assertBytes(sealed, undefined, 'sealed')
  assertBytes(associatedData, undefined, 'associatedData')
  if (sealed.length < GCM_TAG_LENGTH) throw new DecryptError()
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_LENGTH })
    decipher.setAAD(associatedData)
    decipher.setAuthTag(sealed.subarray(sealed.length - GCM_TAG_LENGTH))
    const head = decipher.update(sealed.subarray(0, sealed.length - GCM_TAG_LENGTH))
    const tail = decipher.final()
    if (tail.length === 0) return new Uint8Array(head.buffer, head.byteOffset, head.byteLength)
    return new Uint8Array(Buffer.concat([head, tail]))
  } catch (err) {
    throw new DecryptError({ cause: err })
  }
}
