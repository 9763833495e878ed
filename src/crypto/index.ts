/**
 * @packageDocumentation
 * kabar's primitives: thin, length-checked wrappers over node:crypto (X25519,
 * Ed25519, HKDF-SHA256, HMAC-SHA256, SHA-2, AES-256-GCM) and ML-KEM-768 from
 * @noble/post-quantum. Nothing here is hand-rolled.
 *
 * @example
 * ```ts
 * import { X25519KeyPair, defaultRandom, hkdfSha256 } from './crypto/index.ts'
 * const a = X25519KeyPair.generate(defaultRandom)
 * const b = X25519KeyPair.generate(defaultRandom)
 * const shared = a.agree(b.publicKey) // === b.agree(a.publicKey)
 * ```
 */
export * from './aead.ts'
export * from './bytes.ts'
export * from './ed25519.ts'
export * from './errors.ts'
export * from './hash.ts'
export * from './kdf.ts'
export * from './labels.ts'
export * from './mlkem.ts'
export * from './random.ts'
export * from './x25519.ts'
