/**
 * ML-KEM-768 (FIPS 203) from @noble/post-quantum: Node 20 has no ML-KEM in
 * node:crypto or WebCrypto. Randomness is injected: keygen takes a 64-byte
 * seed (d || z) and encapsulation 32 bytes of message randomness.
 */
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js'
import { assertBytes } from './bytes.ts'
import { InvalidKeyError } from './errors.ts'
import type { RandomSource } from './random.ts'

export const MLKEM768_PUBLIC_KEY_LENGTH = 1184
export const MLKEM768_SECRET_KEY_LENGTH = 2400
export const MLKEM768_CIPHERTEXT_LENGTH = 1088
export const MLKEM768_SHARED_SECRET_LENGTH = 32
export const MLKEM768_SEED_LENGTH = 64

export interface MlKemKeyPair {
  publicKey: Uint8Array
  secretKey: Uint8Array
}

export function mlKem768Keygen (random: RandomSource): MlKemKeyPair {
  return mlKem768KeygenFromSeed(random(MLKEM768_SEED_LENGTH))
}

/** FIPS 203 ML-KEM.KeyGen_internal(d, z) with seed = d || z. */
export function mlKem768KeygenFromSeed (seed: Uint8Array): MlKemKeyPair {
  assertBytes(seed, MLKEM768_SEED_LENGTH, 'seed')
  const { publicKey, secretKey } = ml_kem768.keygen(seed)
  return { publicKey, secretKey }
}

export function mlKem768Encapsulate (publicKey: Uint8Array, random: RandomSource): { cipherText: Uint8Array, sharedSecret: Uint8Array } {
  assertBytes(publicKey, MLKEM768_PUBLIC_KEY_LENGTH, 'publicKey')
  // Checked here so a faulty RandomSource is not reported as an invalid key below.
  const message = random(32)
  assertBytes(message, 32, 'random(32)')
  try {
    // FIPS 203 §7.2: the encapsulation key check (modulus check) runs inside noble.
    const { cipherText, sharedSecret } = ml_kem768.encapsulate(publicKey, message)
    return { cipherText, sharedSecret }
  } catch (err) {
    throw new InvalidKeyError('invalid ML-KEM-768 public key', { cause: err })
  }
}

/**
 * FIPS 203 decapsulation with implicit rejection: a wrong ciphertext yields a
 * pseudo-random secret rather than an error (noble: "Decapsulation never
 * throws"), so a mismatch surfaces later as an AEAD failure.
 */
export function mlKem768Decapsulate (cipherText: Uint8Array, secretKey: Uint8Array): Uint8Array {
  assertBytes(cipherText, MLKEM768_CIPHERTEXT_LENGTH, 'cipherText')
  assertBytes(secretKey, MLKEM768_SECRET_KEY_LENGTH, 'secretKey')
  try {
    return ml_kem768.decapsulate(cipherText, secretKey)
  } catch (err) {
    throw new InvalidKeyError('invalid ML-KEM-768 secret key', { cause: err })
  }
}
