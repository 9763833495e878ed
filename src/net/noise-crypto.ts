/**
 * The X25519 that Noise handshakes use, through kabar's own node:crypto
 * wrapper (`crypto/x25519.ts`) instead of @chainsafe/libp2p-noise's default.
 *
 * Why: the default imports both keys of every Diffie-Hellman through DER
 * (PKCS#8 and SPKI), which OpenSSL 3 decodes slowly (STACK.md: JWK is ~10–20×
 * faster), and an XX handshake does three DHs per side, two of them with the
 * same ephemeral key and one with the node's static key. Measured here on the
 * memory transport: Noise was 43% of a connection's CPU (10.6 ms of 24.7 ms per
 * open and close, both ends), 5.6 ms of it in those imports (docs/DECISIONS.md,
 * "Noise gets kabar's X25519").
 *
 * Each private key Noise holds is imported once: its KeyObject is remembered
 * in a WeakMap keyed by the very Uint8Array Noise keeps and passes back, so it
 * lives exactly as long as Noise's own copy of the key and no key material
 * outlives the handshake in a cache. Public keys go through the wrapper's small
 * cache. Hashing, HKDF and ChaCha20-Poly1305 stay the package's defaults.
 * Nothing is hand-rolled: the scalar multiplication is OpenSSL's.
 *
 * @example
 * ```ts
 * import { noise } from '@chainsafe/libp2p-noise'
 * connectionEncrypters: [noise({ crypto: kabarNoiseCrypto })]
 * ```
 */
import type { ICryptoInterface } from '@chainsafe/libp2p-noise'
import { defaultCrypto } from '@chainsafe/libp2p-noise/crypto'
import { X25519KeyPair, defaultRandom } from '../crypto/index.ts'

/** A key as Noise hands it over: bytes, or a list of chunks (its own uint8arraylist version). */
type NoiseKey = Parameters<ICryptoInterface['generateX25519SharedKey']>[0]

const imported = new WeakMap<Uint8Array, X25519KeyPair>()

function remember (pair: X25519KeyPair): { publicKey: Uint8Array, privateKey: Uint8Array } {
  imported.set(pair.privateKey, pair)
  return { publicKey: pair.publicKey, privateKey: pair.privateKey }
}

function keyPairOf (privateKey: NoiseKey): X25519KeyPair {
  if (privateKey instanceof Uint8Array) {
    const known = imported.get(privateKey)
    if (known !== undefined) return known
  }
  const pair = X25519KeyPair.fromPrivateKey(privateKey.subarray())
  if (privateKey instanceof Uint8Array) imported.set(privateKey, pair)
  return pair
}

/** @chainsafe/libp2p-noise's default crypto with kabar's X25519 (see the module doc). */
export const kabarNoiseCrypto: ICryptoInterface = {
  ...defaultCrypto,
  generateX25519KeyPair: () => remember(X25519KeyPair.generate(defaultRandom)),
  generateX25519KeyPairFromSeed: (seed) => remember(X25519KeyPair.fromPrivateKey(seed)),
  generateX25519SharedKey: (privateKey, publicKey) => keyPairOf(privateKey).agree(publicKey.subarray())
}
