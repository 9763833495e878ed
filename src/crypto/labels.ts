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

/**
 * Signature domains and payload types of the signed DHT records
 * (docs/PROTOCOL.md §9, src/records/). Each is signed as `lp(x)`.
 *
 * NOTE: kept apart from LABELS on purpose: test/vectors freezes LABELS as a
 * whole table (deep equality), so a new entry there would fail that frozen
 * vector. test/records/vectors.spec.ts freezes these strings instead,
 * through fixed record signatures.
 */
export const RECORD_LABELS = {
  /** Ed25519 signature domain of a SignedRecord under /kabar-account/. */
  accountRecord: 'kabar/v1/record/account',
  /** Ed25519 signature domain of a SignedRecord under /kabar-prekey/. */
  prekeyRecord: 'kabar/v1/record/prekey',
  /** Ed25519 signature domain: an account key certifies a device. */
  deviceCertificate: 'kabar/v1/sig/device-certificate',
  /** Ed25519 signature domain: a verifier vouches for a business (records/attestation.ts). */
  attestation: 'kabar/v1/sig/attestation',
  /** Payload type of an AccountRecord inside a SignedRecord. */
  accountPayload: 'kabar/v1/payload/account-record',
  /** Payload type of a PrekeyRecord inside a SignedRecord. */
  prekeyPayload: 'kabar/v1/payload/prekey-record'
} as const

export type RecordLabel = keyof typeof RECORD_LABELS

const encodedRecordLabels = new Map<RecordLabel, Uint8Array>()

/** The UTF-8 bytes of a record label (cached; never mutate the result). */
export function recordLabel (name: RecordLabel): Uint8Array {
  let bytes = encodedRecordLabels.get(name)
  if (bytes === undefined) {
    bytes = utf8(RECORD_LABELS[name])
    encodedRecordLabels.set(name, bytes)
  }
  return bytes
}

/**
 * KDF infos and signature domains of groups (docs/PROTOCOL.md §15): the
 * membership log (records/group-log.ts) and sender keys
 * (session/sender-keys.ts). Kept apart from LABELS for the same reason as
 * RECORD_LABELS; test/session/sender-keys.spec.ts freezes them by vectors.
 */
export const GROUP_LABELS = {
  /** Ed25519 signature domain of a membership log entry. */
  groupEntry: 'kabar/v1/sig/group-entry',
  /** Ed25519 signature domain of a sender-key message. */
  groupMessage: 'kabar/v1/sig/group-message',
  /** HKDF info: a sender chain's message key seed → AES-256-GCM key and nonce. */
  groupMessageKeys: 'kabar/v1/group-message-keys',
  /** HMAC label: the group secret → the gossipsub topic name. */
  groupTopic: 'kabar/v1/group-topic',
  /** Prefix of a group message's id (SHA-256 over it and the published bytes). */
  groupMessageId: 'kabar/v1/group-message-id'
} as const

export type GroupLabel = keyof typeof GROUP_LABELS

const encodedGroupLabels = new Map<GroupLabel, Uint8Array>()

/** The UTF-8 bytes of a group label (cached; never mutate the result). */
export function groupLabel (name: GroupLabel): Uint8Array {
  let bytes = encodedGroupLabels.get(name)
  if (bytes === undefined) {
    bytes = utf8(GROUP_LABELS[name])
    encodedGroupLabels.set(name, bytes)
  }
  return bytes
}
