/**
 * A device's session identity: an Ed25519 signing key (the device's libp2p
 * key) that certifies an X25519 identity key used in PQXDH, and signs the
 * device's prekeys. Signatures are domain-separated:
 * `sign(u32(len(label)) || label || u32(len(f1)) || f1 || …)`.
 */
import { Ed25519KeyPair, X25519KeyPair, assertBytes, ed25519Verify, label, lengthPrefixed, u32be } from '../crypto/index.ts'
import type { RandomSource } from '../crypto/index.ts'
import { UntrustedIdentityError } from './errors.ts'

/** The public half of an identity, as peers see it. */
export interface PublicIdentity {
  /** Ed25519 device key (32 bytes); the device's PeerId wraps it. */
  signingKey: Uint8Array
  /** X25519 identity key IK (32 bytes). */
  identityKey: Uint8Array
  /** Ed25519 signature by `signingKey` binding `identityKey` (64 bytes). */
  signature: Uint8Array
}

export type PrekeyKind = 'signedPrekey' | 'pqPrekey'

function identityBindingMessage (identityKey: Uint8Array): Uint8Array {
  return lengthPrefixed(label('identityBinding'), identityKey)
}

function prekeyMessage (kind: PrekeyKind, id: number, publicKey: Uint8Array): Uint8Array {
  return lengthPrefixed(label(kind), u32be(id), publicKey)
}

export class IdentityKeyPair {
  readonly signing: Ed25519KeyPair
  readonly dh: X25519KeyPair
  readonly public: PublicIdentity

  constructor (signing: Ed25519KeyPair, dh: X25519KeyPair) {
    this.signing = signing
    this.dh = dh
    this.public = {
      signingKey: signing.publicKey,
      identityKey: dh.publicKey,
      signature: signing.sign(identityBindingMessage(dh.publicKey))
    }
  }

  static generate (random: RandomSource): IdentityKeyPair {
    return new IdentityKeyPair(Ed25519KeyPair.generate(random), X25519KeyPair.generate(random))
  }

  /** Restores an identity from its two 32-byte secrets. */
  static fromSecrets (signingSeed: Uint8Array, dhPrivateKey: Uint8Array): IdentityKeyPair {
    return new IdentityKeyPair(Ed25519KeyPair.fromSeed(signingSeed), X25519KeyPair.fromPrivateKey(dhPrivateKey))
  }

  /** Signs a prekey for publication (Signal PQXDH §3.2: Sig(IPK_B, Encode(SPK_B))). */
  signPrekey (kind: PrekeyKind, id: number, publicKey: Uint8Array): Uint8Array {
    return this.signing.sign(prekeyMessage(kind, id, publicKey))
  }
}

/** Throws UntrustedIdentityError unless the identity's binding signature verifies. */
export function verifyIdentity (identity: PublicIdentity): void {
  assertBytes(identity.signingKey, 32, 'signingKey')
  assertBytes(identity.identityKey, 32, 'identityKey')
  if (!ed25519Verify(identity.signingKey, identityBindingMessage(identity.identityKey), identity.signature)) {
    throw new UntrustedIdentityError('identity key signature does not verify')
  }
}

/** True when `signature` is `signingKey`'s signature of the prekey. */
export function verifyPrekeySignature (signingKey: Uint8Array, kind: PrekeyKind, id: number, publicKey: Uint8Array, signature: Uint8Array): boolean {
  return ed25519Verify(signingKey, prekeyMessage(kind, id, publicKey), signature)
}
