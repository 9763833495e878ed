/**
 * The only bridge between libp2p's key objects and kabar's raw key bytes.
 *
 * An account or device identity is an Ed25519 key (DESIGN.md "Accounts and
 * devices"); `crypto/` signs and verifies with its raw 32-byte seed and public
 * key and never imports libp2p, while libp2p wants `PrivateKey` / `PeerId`
 * objects. These functions convert between the two, so the same key is both
 * the libp2p identity (`12D3KooW…`) and the signer of kabar records.
 *
 * NOTE: libp2p stores an Ed25519 private key as 64 bytes (seed ‖ public key)
 * and `privateKeyFromRaw` does not check that the halves belong together, so
 * the public half is always derived here from the seed, never taken on trust.
 */
import { privateKeyFromRaw, publicKeyFromRaw } from '@libp2p/crypto/keys'
import { peerIdFromPublicKey, peerIdFromString } from '@libp2p/peer-id'
import type { Ed25519PeerId, Ed25519PrivateKey, PeerId, PrivateKey } from '@libp2p/interface'
import { assertBytes, concat } from '../crypto/bytes.ts'
import { ED25519_PUBLIC_KEY_LENGTH, ED25519_SEED_LENGTH, Ed25519KeyPair } from '../crypto/ed25519.ts'
import { InvalidKeyError } from '../crypto/errors.ts'

/** The Ed25519 PeerId (`12D3KooW…`) that wraps a raw 32-byte Ed25519 public key. */
export function peerIdFromEd25519PublicKey (publicKey: Uint8Array): Ed25519PeerId {
  assertBytes(publicKey, ED25519_PUBLIC_KEY_LENGTH, 'publicKey')
  const key = publicKeyFromRaw(publicKey)
  if (key.type !== 'Ed25519') throw new InvalidKeyError('not an Ed25519 public key')
  return peerIdFromPublicKey(key)
}

/**
 * The raw 32-byte Ed25519 public key inside a PeerId (object or string).
 * Throws `InvalidKeyError` for a string that is not a PeerId and for RSA,
 * secp256k1 or URL peer ids, which carry no Ed25519 key.
 */
export function ed25519PublicKeyFromPeerId (peerId: PeerId | string): Uint8Array {
  let id: PeerId
  if (typeof peerId === 'string') {
    try {
      id = peerIdFromString(peerId)
    } catch (err) {
      throw new InvalidKeyError(`malformed PeerId "${peerId.slice(0, 64)}"`, { cause: err })
    }
  } else {
    id = peerId
  }
  if (id.type !== 'Ed25519') {
    throw new InvalidKeyError(`PeerId ${id.toString()} is a ${id.type} id, not Ed25519`)
  }
  const raw = id.publicKey.raw
  if (raw.length !== ED25519_PUBLIC_KEY_LENGTH) {
    throw new InvalidKeyError(`PeerId ${id.toString()} holds a ${raw.length}-byte key, not 32`)
  }
  return Uint8Array.from(raw)
}

/** A libp2p Ed25519 private key from a 32-byte seed (RFC 8032 §5.1.5), for `createKabarLibp2p({ privateKey })`. */
export function privateKeyFromSeed (seed: Uint8Array): Ed25519PrivateKey {
  assertBytes(seed, ED25519_SEED_LENGTH, 'seed')
  const { publicKey } = Ed25519KeyPair.fromSeed(seed)
  const key = privateKeyFromRaw(concat(seed, publicKey))
  if (key.type !== 'Ed25519') throw new InvalidKeyError('libp2p did not build an Ed25519 key')
  return key
}

/** The 32-byte seed of a libp2p Ed25519 private key (a copy); the inverse of {@link privateKeyFromSeed}. */
export function seedFromPrivateKey (key: PrivateKey): Uint8Array {
  if (key.type !== 'Ed25519') throw new InvalidKeyError(`a ${key.type} key has no Ed25519 seed`)
  const raw = key.raw
  if (raw.length !== ED25519_SEED_LENGTH && raw.length !== ED25519_SEED_LENGTH + ED25519_PUBLIC_KEY_LENGTH) {
    throw new InvalidKeyError(`unexpected Ed25519 private key length ${raw.length}`)
  }
  return raw.slice(0, ED25519_SEED_LENGTH)
}
