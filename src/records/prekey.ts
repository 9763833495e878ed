/**
 * The prekey record, stored under /kabar-prekey/<devicePeerId> and signed by
 * the device key (DESIGN.md "Records in the DHT"): what an initiator needs to
 * run PQXDH with that device while it is offline. Devices rotate their own
 * prekeys without the account key.
 *
 * Contents: the identity binding (X25519 IK signed by the device key, as in
 * session/identity.ts), the signed prekey (id, key, created, signature) and
 * the ML-KEM-768 last-resort prekey (id, key, signature). The prekey
 * signatures are session/identity.ts's, so `bundleFromPrekeyRecord` yields a
 * PrekeyBundle that session's `verifyBundle` accepts as is; `created` of the
 * signed prekey is covered by the envelope signature (same device key).
 *
 * NOTE: the record carries only the current signed prekey, never the previous
 * one. The grace period after a rotation is kept on the holder's side (it
 * keeps the old private key for PREKEY_GRACE_PERIOD): an initiator needs one
 * prekey, and offering an older one would only invite weaker forward secrecy.
 * One-time prekeys are never in the DHT (it cannot consume them); an online
 * device hands one out, and `bundleFromPrekeyRecord` takes it as an argument.
 */
import { ED25519_PUBLIC_KEY_LENGTH, ED25519_SIGNATURE_LENGTH, MLKEM768_PUBLIC_KEY_LENGTH, X25519_KEY_LENGTH, assertBytes, bytesEqual, recordLabel } from '../crypto/index.ts'
import type { IdentityKeyPair, PublicIdentity } from '../session/identity.ts'
import { verifyIdentity, verifyPrekeySignature } from '../session/identity.ts'
import type { PrekeyBundle, SignedPublicPrekey } from '../session/pqxdh.ts'
import { records } from '../wire/index.ts'
import { assertNow, assertSafeUint, assertUint32, checkLifetime, exactBytes, safeNumber, selectHighestSeq } from './checks.ts'
import { openRecord, sealRecord } from './envelope.ts'
import { InvalidRecordError, SignerMismatchError } from './errors.ts'
import { PREKEY_NAMESPACE, parseRecordKey, peerIdStringFromEd25519, prekeyKey } from './keys.ts'
import { DEFAULT_PREKEY_RECORD_LIFETIME, MAX_PREKEY_RECORD, MAX_PREKEY_RECORD_LIFETIME } from './limits.ts'

export interface RecordSignedPrekey extends SignedPublicPrekey {
  /** When the device made this prekey, ms since the epoch. */
  created: number
}

export interface PrekeyRecord {
  /** The device's Ed25519 key (32): its PeerId key, the record's signer. */
  deviceKey: Uint8Array
  /** Device key, X25519 identity key and their binding signature. */
  identity: PublicIdentity
  signedPrekey: RecordSignedPrekey
  pqPrekey: SignedPublicPrekey
  seq: number
  created: number
  expires: number
}

export interface PrekeyRecordParams {
  signedPrekey: { id: number, publicKey: Uint8Array, created: number }
  pqPrekey: { id: number, publicKey: Uint8Array }
  seq: number
  created: number
  /** Defaults to created + DEFAULT_PREKEY_RECORD_LIFETIME. */
  expires?: number
}

/**
 * Signs the prekeys and the record with the device's identity. The result is
 * run through validatePrekeyRecord (now = created) before it is returned, so
 * a record the network would refuse throws here instead of being published.
 */
export function buildPrekeyRecord (params: PrekeyRecordParams, identity: IdentityKeyPair): Uint8Array {
  const { signedPrekey: spk, pqPrekey: pq } = params
  assertUint32(spk.id, 'signedPrekey.id')
  assertBytes(spk.publicKey, X25519_KEY_LENGTH, 'signedPrekey.publicKey')
  assertSafeUint(spk.created, 'signedPrekey.created')
  assertUint32(pq.id, 'pqPrekey.id')
  assertBytes(pq.publicKey, MLKEM768_PUBLIC_KEY_LENGTH, 'pqPrekey.publicKey')
  assertSafeUint(params.seq, 'seq')
  assertSafeUint(params.created, 'created')
  const expires = params.expires === undefined ? params.created + DEFAULT_PREKEY_RECORD_LIFETIME : params.expires
  assertSafeUint(expires, 'expires')
  const own = identity.public
  const payload = records.PrekeyRecord.encode({
    deviceKey: own.signingKey as Uint8Array<ArrayBuffer>,
    identityKey: own.identityKey as Uint8Array<ArrayBuffer>,
    identitySignature: own.signature as Uint8Array<ArrayBuffer>,
    signedPrekey: {
      id: spk.id,
      publicKey: spk.publicKey as Uint8Array<ArrayBuffer>,
      created: BigInt(spk.created),
      signature: identity.signPrekey('signedPrekey', spk.id, spk.publicKey) as Uint8Array<ArrayBuffer>
    },
    pqPrekey: {
      id: pq.id,
      publicKey: pq.publicKey as Uint8Array<ArrayBuffer>,
      signature: identity.signPrekey('pqPrekey', pq.id, pq.publicKey) as Uint8Array<ArrayBuffer>
    },
    seq: BigInt(params.seq),
    created: BigInt(params.created),
    expires: BigInt(expires)
  })
  const sealed = sealRecord({ domain: recordLabel('prekeyRecord'), payloadType: recordLabel('prekeyPayload'), payload, signer: identity.signing })
  validatePrekeyRecord(prekeyKey(own.signingKey), sealed, params.created)
  return sealed
}

function decodePayload (payload: Uint8Array): records.PrekeyRecord {
  try {
    return records.PrekeyRecord.decode(payload)
  } catch (err) {
    throw new InvalidRecordError('malformed PrekeyRecord payload', { cause: err })
  }
}

function parsePrekeyRecord (key: Uint8Array, value: Uint8Array, now: number | undefined): PrekeyRecord {
  const parsed = parseRecordKey(key)
  if (parsed.namespace !== PREKEY_NAMESPACE) throw new InvalidRecordError(`not a prekey record key: /${parsed.namespace}/`)
  assertBytes(value, undefined, 'value')
  const opened = openRecord(value, recordLabel('prekeyRecord'), MAX_PREKEY_RECORD)
  if (!bytesEqual(opened.signerKey, parsed.signerKey)) {
    throw new SignerMismatchError(`prekey record signed by ${peerIdStringFromEd25519(opened.signerKey)}, but its key names ${peerIdStringFromEd25519(parsed.signerKey)}`)
  }
  if (!bytesEqual(opened.payloadType, recordLabel('prekeyPayload'))) throw new InvalidRecordError('not a prekey record payload')
  const wire = decodePayload(opened.payload)
  const deviceKey = exactBytes(wire.deviceKey, ED25519_PUBLIC_KEY_LENGTH, 'device key')
  if (!bytesEqual(deviceKey, opened.signerKey)) throw new SignerMismatchError('prekey record names a device other than its signer')
  if (wire.signedPrekey === undefined || wire.pqPrekey === undefined) throw new InvalidRecordError('prekey record lacks a prekey')
  const record: PrekeyRecord = {
    deviceKey,
    identity: {
      signingKey: deviceKey,
      identityKey: exactBytes(wire.identityKey, X25519_KEY_LENGTH, 'identity key'),
      signature: exactBytes(wire.identitySignature, ED25519_SIGNATURE_LENGTH, 'identity signature')
    },
    signedPrekey: {
      id: wire.signedPrekey.id,
      publicKey: exactBytes(wire.signedPrekey.publicKey, X25519_KEY_LENGTH, 'signed prekey'),
      created: safeNumber(wire.signedPrekey.created, 'signed prekey created'),
      signature: exactBytes(wire.signedPrekey.signature, ED25519_SIGNATURE_LENGTH, 'signed prekey signature')
    },
    pqPrekey: {
      id: wire.pqPrekey.id,
      publicKey: exactBytes(wire.pqPrekey.publicKey, MLKEM768_PUBLIC_KEY_LENGTH, 'PQ prekey'),
      signature: exactBytes(wire.pqPrekey.signature, ED25519_SIGNATURE_LENGTH, 'PQ prekey signature')
    },
    seq: safeNumber(wire.seq, 'seq'),
    created: safeNumber(wire.created, 'created'),
    expires: safeNumber(wire.expires, 'expires')
  }
  checkLifetime(record, MAX_PREKEY_RECORD_LIFETIME, now, 'prekey record')
  if (record.signedPrekey.created > record.created) throw new InvalidRecordError('signed prekey is newer than its record')
  checkSignatures(record)
  return record
}

function checkSignatures (record: PrekeyRecord): void {
  try {
    verifyIdentity(record.identity)
  } catch (err) {
    throw new InvalidRecordError('identity key binding does not verify', { cause: err })
  }
  const { signedPrekey: spk, pqPrekey: pq } = record
  if (!verifyPrekeySignature(record.deviceKey, 'signedPrekey', spk.id, spk.publicKey, spk.signature)) {
    throw new InvalidRecordError('signed prekey signature does not verify')
  }
  if (!verifyPrekeySignature(record.deviceKey, 'pqPrekey', pq.id, pq.publicKey, pq.signature)) {
    throw new InvalidRecordError('PQ prekey signature does not verify')
  }
}

/**
 * The DHT validator's core for /kabar-prekey/ keys: returns the record, or
 * throws SignerMismatchError, ExpiredRecordError or InvalidRecordError.
 */
export function validatePrekeyRecord (key: Uint8Array, value: Uint8Array, now: number): PrekeyRecord {
  assertNow(now)
  return parsePrekeyRecord(key, value, now)
}

/** Index of the valid record with the highest seq (ties: the first); without `now`, expiry is not judged. */
export function selectPrekeyRecord (key: Uint8Array, values: Uint8Array[], now?: number): number {
  if (now !== undefined) assertNow(now)
  return selectHighestSeq(values, (value) => parsePrekeyRecord(key, value, now))
}

/**
 * The PrekeyBundle for session's `initiate`, from a validated record and,
 * when the device handed one out, a one-time prekey.
 */
export function bundleFromPrekeyRecord (record: PrekeyRecord, oneTimePrekey?: { id: number, publicKey: Uint8Array }): PrekeyBundle {
  const { signedPrekey: spk, pqPrekey: pq } = record
  const bundle: PrekeyBundle = {
    identity: { ...record.identity },
    signedPrekey: { id: spk.id, publicKey: spk.publicKey, signature: spk.signature },
    pqPrekey: { id: pq.id, publicKey: pq.publicKey, signature: pq.signature }
  }
  if (oneTimePrekey !== undefined) {
    assertUint32(oneTimePrekey.id, 'oneTimePrekey.id')
    assertBytes(oneTimePrekey.publicKey, X25519_KEY_LENGTH, 'oneTimePrekey.publicKey')
    bundle.oneTimePrekey = { id: oneTimePrekey.id, publicKey: new Uint8Array(oneTimePrekey.publicKey) }
  }
  return bundle
}
