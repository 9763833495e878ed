/**
 * Every KDF info string and signature domain kabar uses, in one place and
 * mirrored in docs/PROTOCOL.md. Changing any of these changes the protocol:
 * the frozen vectors in test/vectors/ fail on purpose when one moves.
 */
import { utf8 } from './bytes.ts'

export const LABELS = {
  /** PQXDH KDF info (Signal PQXDH §2.2 names the curve, hash and KEM in it). */
  pqxdh: 'kabar/v1/pqxdh X25519 SHA-256 ML-KEM-768',
  /** Prefix of the associated data both handshake sides bind. */
  associatedData: 'kabar/v1/session-ad',
  /** Double Ratchet root KDF info (Signal DR §5.2 KDF_RK). */
  rootKdf: 'kabar/v1/ratchet-root',
  /** Message key expansion into AES key + nonce (Signal DR §5.2 ENCRYPT). */
  messageKeys: 'kabar/v1/message-keys',
  /** Ed25519 signature domain: a device binds its X25519 identity key. */
  identityBinding: 'kabar/v1/sig/identity-key',
  /** Ed25519 signature domain: a signed X25519 prekey. */
  signedPrekey: 'kabar/v1/sig/signed-prekey',
  /** Ed25519 signature domain: a signed ML-KEM-768 prekey. */
  pqPrekey: 'kabar/v1/sig/pq-prekey',
  /** Safety number hashing prefix (per-party fingerprint). */
  safetyNumber: 'kabar/v1/safety-number'
} as const

export type Label = keyof typeof LABELS

const encoded = new Map<Label, Uint8Array>()

/** The UTF-8 bytes of a label (cached; never mutate the result). */
export function label (name: Label): Uint8Array {
  let bytes = encoded.get(name)
  if (bytes === undefined) {
    bytes = utf8(LABELS[name])
    encoded.set(name, bytes)
  }
  return bytes
}
