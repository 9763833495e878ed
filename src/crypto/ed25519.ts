/**
 * Ed25519 (RFC 8032) signatures on raw keys through node:crypto. An account
 * or device identity is an Ed25519 key; its 32-byte public key is the same
 * key a libp2p Ed25519 PeerId wraps (the bridge lives in net/peer-id.ts).
 * Key import goes through JWK for speed; see the NOTE in x25519.ts.
 */
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { assertBytes, copyBytes } from './bytes.ts'
import { InvalidKeyError } from './errors.ts'
import type { RandomSource } from './random.ts'

export const ED25519_SEED_LENGTH = 32
export const ED25519_PUBLIC_KEY_LENGTH = 32
export const ED25519_SIGNATURE_LENGTH = 64

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const PLACEHOLDER_X = Buffer.alloc(32).toString('base64url')

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url')

function importPrivate (seed: Uint8Array): KeyObject {
  try {
    return createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64url(seed), x: PLACEHOLDER_X }, format: 'jwk' })
  } catch {
    return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
  }
}

const PUBLIC_CACHE_SIZE = 64
const publicCache = new Map<string, KeyObject>()

function importPublic (publicKey: Uint8Array): KeyObject {
  const x = b64url(publicKey)
  let key = publicCache.get(x)
  if (key === undefined) {
    try {
      key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' })
    } catch (err) {
      throw new InvalidKeyError('invalid Ed25519 public key', { cause: err })
    }
    if (publicCache.size >= PUBLIC_CACHE_SIZE) {
      const oldest = publicCache.keys().next().value
      if (oldest !== undefined) publicCache.delete(oldest)
    }
    publicCache.set(x, key)
  }
  return key
}

/** An Ed25519 key pair from a 32-byte seed (RFC 8032 §5.1.5). Immutable. */
export class Ed25519KeyPair {
  readonly seed: Uint8Array
  readonly publicKey: Uint8Array
  readonly #key: KeyObject

  private constructor (seed: Uint8Array, publicKey: Uint8Array, key: KeyObject) {
    this.seed = seed
    this.publicKey = publicKey
    this.#key = key
  }

  static generate (random: RandomSource): Ed25519KeyPair {
    return Ed25519KeyPair.fromSeed(random(ED25519_SEED_LENGTH))
  }

  static fromSeed (seed: Uint8Array): Ed25519KeyPair {
    assertBytes(seed, ED25519_SEED_LENGTH, 'seed')
    const own = copyBytes(seed)
    const key = importPrivate(own)
    const { x } = createPublicKey(key).export({ format: 'jwk' })
    if (typeof x !== 'string') throw new InvalidKeyError('Ed25519 public key export failed')
    return new Ed25519KeyPair(own, new Uint8Array(Buffer.from(x, 'base64url')), key)
  }

  sign (message: Uint8Array): Uint8Array {
    assertBytes(message, undefined, 'message')
    return new Uint8Array(nodeSign(null, message, this.#key))
  }
}

/** True when `signature` is a valid Ed25519 signature of `message` by `publicKey`. Never throws on a bad signature. */
export function ed25519Verify (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  assertBytes(publicKey, ED25519_PUBLIC_KEY_LENGTH, 'publicKey')
  assertBytes(message, undefined, 'message')
  assertBytes(signature, undefined, 'signature')
  if (signature.length !== ED25519_SIGNATURE_LENGTH) return false
  let key: KeyObject
  try {
    key = importPublic(publicKey)
  } catch {
    return false
  }
  return nodeVerify(null, message, key, signature)
}
