/** AES-256-GCM (NIST SP 800-38D) with a 96-bit nonce and a 128-bit tag, through node:crypto. */
import { createCipheriv, createDecipheriv } from 'node:crypto'
import { assertBytes } from './bytes.ts'
import { DecryptError } from './errors.ts'

export const AES_KEY_LENGTH = 32
export const GCM_NONCE_LENGTH = 12
export const GCM_TAG_LENGTH = 16

const EMPTY = new Uint8Array(0)

/**
 * Associated data: one byte array, or several authenticated as their
 * concatenation (GCM absorbs AAD incrementally, so `[a, b]` and `a || b`
 * give the same tag) without building the concatenation.
 */
export type AssociatedData = Uint8Array | readonly Uint8Array[]

function checkAssociatedData (associatedData: AssociatedData): void {
  if (Array.isArray(associatedData)) {
    for (const part of associatedData) assertBytes(part, undefined, 'associatedData')
  } else {
    assertBytes(associatedData, undefined, 'associatedData')
  }
}

function setAssociatedData (cipher: { setAAD: (data: Uint8Array) => unknown }, associatedData: AssociatedData): void {
  if (associatedData instanceof Uint8Array) {
    if (associatedData.length > 0) cipher.setAAD(associatedData)
  } else {
    for (const part of associatedData) if (part.length > 0) cipher.setAAD(part)
  }
}

const asUint8Array = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)

/**
 * Encrypts `plaintext`; returns ciphertext || tag. The caller guarantees the (key, nonce) pair is never reused.
 * NOTE: a small result may be a view into node's shared Buffer pool (as
 * `Buffer.concat` gives): copy it (`copyBytes`) before keeping it for long.
 */
export function aes256gcmSeal (key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, associatedData: AssociatedData = EMPTY): Uint8Array {
  assertBytes(key, AES_KEY_LENGTH, 'key')
  assertBytes(nonce, GCM_NONCE_LENGTH, 'nonce')
  assertBytes(plaintext, undefined, 'plaintext')
  checkAssociatedData(associatedData)
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_LENGTH })
  setAssociatedData(cipher, associatedData)
  const head = cipher.update(plaintext)
  const tail = cipher.final()
  const tag = cipher.getAuthTag()
  return asUint8Array(tail.length === 0 ? Buffer.concat([head, tag]) : Buffer.concat([head, tail, tag]))
}

/**
 * Opens ciphertext || tag. Every failure — wrong key, nonce, tag, associated
 * data or a truncated box — throws the same {@link DecryptError}. Argument
 * type and key/nonce length errors are programming errors and stay TypeError/RangeError.
 */
export function aes256gcmOpen (key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, associatedData: AssociatedData = EMPTY): Uint8Array {
  assertBytes(key, AES_KEY_LENGTH, 'key')
  assertBytes(nonce, GCM_NONCE_LENGTH, 'nonce')
  assertBytes(sealed, undefined, 'sealed')
  checkAssociatedData(associatedData)
  if (sealed.length < GCM_TAG_LENGTH) throw new DecryptError()
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_LENGTH })
    setAssociatedData(decipher, associatedData)
    decipher.setAuthTag(sealed.subarray(sealed.length - GCM_TAG_LENGTH))
    const head = decipher.update(sealed.subarray(0, sealed.length - GCM_TAG_LENGTH))
    const tail = decipher.final()
    if (tail.length === 0) return asUint8Array(head)
    return new Uint8Array(Buffer.concat([head, tail]))
  } catch (err) {
    throw new DecryptError({ cause: err })
  }
}
