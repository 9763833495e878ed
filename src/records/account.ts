/**
 * The account record, stored under /kabar-account/<accountId> and signed by
 * the account key (DESIGN.md "Records in the DHT"): the account's device
 * certificates and, for a business, its BusinessProfile (opaque bytes at
 * this layer, bounded by MAX_BUSINESS_PROFILE).
 *
 * Validation is what every DHT node runs before storing or returning the
 * record, so it trusts nothing: the DHT key names the only key that may sign,
 * the envelope signature, the payload type, every bound and every device
 * certificate are checked, and the record must not have expired by `now`.
 *
 * `seq` is a number (a safe integer, uint64 on the wire). NOTE: the owner
 * must make it grow across restarts and clock jumps; `max(lastSeq + 1, now)`
 * keeps it both monotonic and roughly a timestamp.
 */
import { ED25519_PUBLIC_KEY_LENGTH, assertBytes, bytesEqual, recordLabel, toHex } from '../crypto/index.ts'
import type { Ed25519KeyPair } from '../crypto/index.ts'
import { records } from '../wire/index.ts'
import { assertNow, assertSafeUint, checkLifetime, exactBytes, safeNumber, selectHighestSeq } from './checks.ts'
import { deviceCertificateFromWire, deviceCertificateToWire, isCertificateActive, verifyDeviceCertificate } from './device.ts'
import type { DeviceCertificate } from './device.ts'
import { openRecord, sealRecord } from './envelope.ts'
import { InvalidRecordError, SignerMismatchError } from './errors.ts'
import { ACCOUNT_NAMESPACE, accountKey as accountDhtKey, parseRecordKey, peerIdStringFromEd25519 } from './keys.ts'
import { DEFAULT_ACCOUNT_RECORD_LIFETIME, MAX_ACCOUNT_RECORD, MAX_ACCOUNT_RECORD_LIFETIME, MAX_BUSINESS_PROFILE, MAX_DEVICES, MAX_REVOKED } from './limits.ts'
import { checkReadersMatchDevices, decodeBusinessProfile } from './profile.ts'
import { checkRevokedList } from './attestation.ts'
import type { BusinessProfile } from './profile.ts'

export interface AccountRecord {
  /** The account's Ed25519 key (32); the record's signer and the id in its DHT key. */
  accountKey: Uint8Array
  seq: number
  /** ms since the epoch. */
  created: number
  /** ms since the epoch. */
  expires: number
  /** Every certified device, each signature checked; expired ones included (see activeDevices). */
  devices: DeviceCertificate[]
  /** An encoded BusinessProfile, at most MAX_BUSINESS_PROFILE bytes, whose readers match `devices`. */
  business?: Uint8Array
  /** The decoded `business`. */
  profile?: BusinessProfile
  /** Ids (SHA-256) of attestations this account, as a verifier, has revoked. */
  revoked: Uint8Array[]
}

export interface AccountRecordParams {
  seq: number
  created: number
  /** Defaults to created + DEFAULT_ACCOUNT_RECORD_LIFETIME. */
  expires?: number
  /** Certificates made with signDeviceCertificate by the same account key. */
  devices: DeviceCertificate[]
  business?: Uint8Array
  revoked?: Uint8Array[]
}

/**
 * Signs an account record. The result is run through validateAccountRecord
 * (with now = created) before it is returned, so a record the network would
 * refuse is never built: that throws the same InvalidRecordError instead.
 */
export function buildAccountRecord (params: AccountRecordParams, account: Ed25519KeyPair): Uint8Array {
  assertSafeUint(params.seq, 'seq')
  assertSafeUint(params.created, 'created')
  const expires = params.expires === undefined ? params.created + DEFAULT_ACCOUNT_RECORD_LIFETIME : params.expires
  assertSafeUint(expires, 'expires')
  if (!Array.isArray(params.devices)) throw new TypeError('devices must be an array')
  if (params.business !== undefined) assertBytes(params.business, undefined, 'business')
  const payload: records.AccountRecord = {
    accountKey: account.publicKey as Uint8Array<ArrayBuffer>,
    seq: BigInt(params.seq),
    created: BigInt(params.created),
    expires: BigInt(expires),
    devices: params.devices.map(deviceCertificateToWire),
    revoked: (params.revoked ?? []) as Array<Uint8Array<ArrayBuffer>>
  }
  if (params.business !== undefined) payload.business = params.business as Uint8Array<ArrayBuffer>
  const sealed = sealRecord({
    domain: recordLabel('accountRecord'),
    payloadType: recordLabel('accountPayload'),
    payload: records.AccountRecord.encode(payload),
    signer: account
  })
  validateAccountRecord(accountDhtKey(account.publicKey), sealed, params.created)
  return sealed
}

function decodePayload (payload: Uint8Array): records.AccountRecord {
  try {
    return records.AccountRecord.decode(payload, { limits: { devices: MAX_DEVICES, revoked: MAX_REVOKED } })
  } catch (err) {
    if ((err as { name?: unknown }).name === 'MaxLengthError') {
      const what = /revoked/.test(String((err as { message?: unknown }).message)) ? `${MAX_REVOKED} revoked attestations` : `${MAX_DEVICES} devices`
      throw new InvalidRecordError(`account record lists more than ${what}`, { cause: err })
    }
    throw new InvalidRecordError('malformed AccountRecord payload', { cause: err })
  }
}

function parseAccountRecord (key: Uint8Array, value: Uint8Array, now: number | undefined): AccountRecord {
  const parsed = parseRecordKey(key)
  if (parsed.namespace !== ACCOUNT_NAMESPACE) throw new InvalidRecordError(`not an account record key: /${parsed.namespace}/`)
  assertBytes(value, undefined, 'value')
  const opened = openRecord(value, recordLabel('accountRecord'), MAX_ACCOUNT_RECORD)
  if (!bytesEqual(opened.signerKey, parsed.signerKey)) {
    throw new SignerMismatchError(`account record signed by ${peerIdStringFromEd25519(opened.signerKey)}, but its key names ${peerIdStringFromEd25519(parsed.signerKey)}`)
  }
  if (!bytesEqual(opened.payloadType, recordLabel('accountPayload'))) throw new InvalidRecordError('not an account record payload')
  const wire = decodePayload(opened.payload)
  const accountKey = exactBytes(wire.accountKey, ED25519_PUBLIC_KEY_LENGTH, 'account key')
  if (!bytesEqual(accountKey, opened.signerKey)) throw new SignerMismatchError('account record names an account other than its signer')
  const record: AccountRecord = {
    accountKey,
    seq: safeNumber(wire.seq, 'seq'),
    created: safeNumber(wire.created, 'created'),
    expires: safeNumber(wire.expires, 'expires'),
    devices: wire.devices.map(deviceCertificateFromWire),
    revoked: checkRevokedList(wire.revoked)
  }
  checkLifetime(record, MAX_ACCOUNT_RECORD_LIFETIME, now, 'account record')
  if (wire.business !== undefined) {
    if (wire.business.length > MAX_BUSINESS_PROFILE) {
      throw new InvalidRecordError(`business profile is ${wire.business.length} bytes, over the limit of ${MAX_BUSINESS_PROFILE}`)
    }
    record.business = new Uint8Array(wire.business)
    record.profile = decodeBusinessProfile(record.business)
  }
  const seen = new Set<string>()
  for (const cert of record.devices) {
    const id = toHex(cert.devicePeerKey)
    if (seen.has(id)) throw new InvalidRecordError('account record lists a device twice')
    seen.add(id)
    verifyDeviceCertificate(cert, accountKey)
  }
  if (record.profile !== undefined) checkReadersMatchDevices(record.profile, record.devices)
  return record
}

/**
 * The DHT validator's core for /kabar-account/ keys: returns the record, or
 * throws SignerMismatchError (signed by another key than the DHT key names),
 * ExpiredRecordError, or InvalidRecordError (anything else).
 */
export function validateAccountRecord (key: Uint8Array, value: Uint8Array, now: number): AccountRecord {
  assertNow(now)
  return parseAccountRecord(key, value, now)
}

/**
 * Index of the best record for `key`: the highest seq among the valid ones;
 * invalid records lose and ties go to the first. Without `now`, expiry is
 * not judged (kad-dht has validated every value before it selects).
 */
export function selectAccountRecord (key: Uint8Array, values: Uint8Array[], now?: number): number {
  if (now !== undefined) assertNow(now)
  return selectHighestSeq(values, (value) => parseAccountRecord(key, value, now))
}

/** The devices a sender encrypts to at `now`: every certificate not yet expired. */
export function activeDevices (record: AccountRecord, now: number): DeviceCertificate[] {
  assertNow(now)
  return record.devices.filter((cert) => isCertificateActive(cert, now))
}
