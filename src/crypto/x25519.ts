/**
 * X25519 (RFC 7748) on raw 32-byte keys, through node:crypto (OpenSSL).
 *
 * NOTE on key import, measured on Node 20 (see docs/DECISIONS.md, "Keys enter node:crypto as JWK"):
 * - Importing a raw key through JWK is ~10x faster than through DER
 *   (PKCS#8 private ~1.5k/s, SPKI public ~6k/s; JWK ~15k/s and ~64k/s), because
 *   OpenSSL 3's DER decoders are slow. So keys cross into node:crypto as JWK.
 * - A JWK private key needs `x`, but OpenSSL derives the public point from `d`
 *   and ignores `x`; a fresh key is therefore imported with a placeholder `x`
 *   and its public key derived afterwards. If a future Node validates `x`, the
 *   import throws and we fall back to PKCS#8 (slower, same result).
 * - `generateKeyPairSync('x25519')` followed by `export({ format: 'jwk' })`
 *   deadlocked inside a GC on Node 20 here (reproduced within a few thousand
 *   calls), so keys are made from 32 random bytes instead.
 * - The public key of an imported private key is read from the private
 *   KeyObject's own JWK export (`x`, which OpenSSL derived at import) rather
 *   than through `createPublicKey(private).export()`: one KeyObject fewer per
 *   key pair, ~8 µs less per DH ratchet step here.
 */
import { createPrivateKey, createPublicKey, diffieHellman } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { assertBytes, copyBytes } from './bytes.ts'
import { InvalidKeyError } from './errors.ts'
import type { RandomSource } from './random.ts'

export const X25519_KEY_LENGTH = 32

const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex')
const PLACEHOLDER_X = Buffer.alloc(32).toString('base64url')

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url')

function importPrivate (privateKey: Uint8Array, publicKey?: Uint8Array): KeyObject {
  const d = b64url(privateKey)
  try {
    return createPrivateKey({
      key: { kty: 'OKP', crv: 'X25519', d, x: publicKey === undefined ? PLACEHOLDER_X : b64url(publicKey) },
      format: 'jwk'
    })
  } catch {
    return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, privateKey]), format: 'der', type: 'pkcs8' })
  }
}

/** The raw public key of a private (or public) KeyObject, from its JWK `x`. */
function exportPublic (key: KeyObject): Uint8Array {
  const { x } = key.export({ format: 'jwk' })
  if (typeof x !== 'string') throw new InvalidKeyError('X25519 public key export failed')
  return new Uint8Array(Buffer.from(x, 'base64url'))
}

// Public keys are often used twice in a row (a ratchet step does two DHs with
// the peer's new key; PQXDH uses SPKb twice), so the last few imports are kept.
const PUBLIC_CACHE_SIZE = 64
const publicCache = new Map<string, KeyObject>()

function importPublic (publicKey: Uint8Array): KeyObject {
  const x = b64url(publicKey)
  let key = publicCache.get(x)
  if (key === undefined) {
    try {
      key = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' })
    } catch (err) {
      throw new InvalidKeyError('invalid X25519 public key', { cause: err })
    }
    if (publicCache.size >= PUBLIC_CACHE_SIZE) {
      const oldest = publicCache.keys().next().value
      if (oldest !== undefined) publicCache.delete(oldest)
    }
    publicCache.set(x, key)
  }
  return key
}

function isAllZero (bytes: Uint8Array): boolean {
  let acc = 0
  for (let i = 0; i < bytes.length; i++) acc |= bytes[i] ?? 0
  return acc === 0
}

/**
 * An X25519 key pair: raw bytes for storage, a KeyObject for speed. Immutable.
 * A pair restored from storage imports its key only when first used, so
 * loading a session that only receives costs no scalar multiplication.
 */
export class X25519KeyPair {
  readonly privateKey: Uint8Array
  readonly publicKey: Uint8Array
  #key: KeyObject | undefined

  private constructor (privateKey: Uint8Array, publicKey: Uint8Array, key: KeyObject | undefined) {
    this.privateKey = privateKey
    this.publicKey = publicKey
    this.#key = key
  }

  /** A new key pair from 32 bytes of `random`. */
  static generate (random: RandomSource): X25519KeyPair {
    return X25519KeyPair.fromPrivateKey(random(X25519_KEY_LENGTH))
  }

  /** The key pair whose private scalar is `privateKey` (RFC 7748 clamping is applied by X25519 itself). */
  static fromPrivateKey (privateKey: Uint8Array): X25519KeyPair {
    assertBytes(privateKey, X25519_KEY_LENGTH, 'privateKey')
    const priv = copyBytes(privateKey)
    const key = importPrivate(priv)
    return new X25519KeyPair(priv, exportPublic(key), key)
  }

  /**
   * Restores a stored pair. The public key is checked against the private
   * key when the pair is first used (`agree` throws InvalidKeyError then).
   */
  static fromBytes (privateKey: Uint8Array, publicKey: Uint8Array): X25519KeyPair {
    assertBytes(privateKey, X25519_KEY_LENGTH, 'privateKey')
    assertBytes(publicKey, X25519_KEY_LENGTH, 'publicKey')
    return new X25519KeyPair(copyBytes(privateKey), copyBytes(publicKey), undefined)
  }

  #keyObject (): KeyObject {
    if (this.#key === undefined) {
      const key = importPrivate(this.privateKey, this.publicKey)
      if (Buffer.compare(exportPublic(key), this.publicKey) !== 0) {
        throw new InvalidKeyError('X25519 public key does not match private key')
      }
      this.#key = key
    }
    return this.#key
  }

  /** X25519(our private, their public); rejects the all-zero output of a low-order point. */
  agree (theirPublicKey: Uint8Array): Uint8Array {
    assertBytes(theirPublicKey, X25519_KEY_LENGTH, 'theirPublicKey')
    const privateKey = this.#keyObject()
    const publicKey = importPublic(theirPublicKey)
    let shared: Uint8Array
    try {
      // The result owns its memory (not a slice of node's Buffer pool): view it rather than copy.
      const out = diffieHellman({ privateKey, publicKey })
      shared = new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
    } catch (err) {
      // OpenSSL 3 itself refuses an all-zero output (ERR_OSSL_FAILED_DURING_DERIVATION).
      throw new InvalidKeyError('X25519 shared secret is all zero (low-order public key)', { cause: err })
    }
    // RFC 7748 §6.1: check for the all-zero value and abort if so.
    if (isAllZero(shared)) throw new InvalidKeyError('X25519 shared secret is all zero (low-order public key)')
    return shared
  }
}

/** X25519 of raw keys (RFC 7748 §5), for one-off use and known-answer tests. */
export function x25519 (privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  return X25519KeyPair.fromPrivateKey(privateKey).agree(publicKey)
}

/** The public key of a raw private key. */
export function x25519PublicKey (privateKey: Uint8Array): Uint8Array {
  return X25519KeyPair.fromPrivateKey(privateKey).publicKey
}
