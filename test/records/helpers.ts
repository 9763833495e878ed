/**
 * Fixtures for the record tests: seeded accounts and devices, records built
 * from them, and a way to seal any payload (bypassing the builders, which
 * refuse invalid records) so the validators can be fed every kind of forgery.
 */
import { Ed25519KeyPair, recordLabel } from '../../src/crypto/index.ts'
import type { RecordLabel } from '../../src/crypto/index.ts'
import { buildAccountRecord, buildPrekeyRecord, encodeBusinessProfile, sealRecord, signDeviceCertificate } from '../../src/records/index.ts'
import type { AccountRecordParams, BusinessProfile, DeviceCertificate, DeviceRole, PrekeyRecordParams } from '../../src/records/index.ts'
import { records } from '../../src/wire/index.ts'
import { seededRandom } from '../utils/random.ts'
import { createDevice } from '../utils/session.ts'
import type { TestDevice } from '../utils/session.ts'

/** A fixed "now": 2025-01-01T00:00:00Z. */
export const NOW = Date.UTC(2025, 0, 1)
export const DAY = 24 * 60 * 60 * 1000

/** An Ed25519 account key from a seed name. */
export function accountKeyPair (name: string): Ed25519KeyPair {
  return Ed25519KeyPair.generate(seededRandom(`account:${name}`))
}

/** A device (identity, signed prekey id 1, PQ prekey id 2, one-time prekeys 100 and 101). */
export function device (name: string): TestDevice {
  return createDevice(seededRandom(`device:${name}`))
}

export function certify (account: Ed25519KeyPair, dev: TestDevice, role: DeviceRole = 'linked', label = 'laptop', extra: Partial<DeviceCertificate> = {}): DeviceCertificate {
  return signDeviceCertificate({
    devicePeerKey: dev.identity.public.signingKey,
    identityKey: dev.identity.public.identityKey,
    role,
    label,
    added: NOW - DAY,
    expires: NOW + 365 * DAY,
    ...extra
  }, account)
}

/** A one-device user: the device's own key is the account key, certified as primary. */
export function soloAccount (dev: TestDevice, params: Partial<AccountRecordParams> = {}): Uint8Array {
  const account = dev.identity.signing
  return buildAccountRecord({ seq: 1, created: NOW, devices: [certify(account, dev, 'primary', 'my laptop')], ...params }, account)
}

/** The device's prekey record with ids 1 and 2, matching test/utils/session.ts's lookupOf. */
export function prekeyRecordOf (dev: TestDevice, params: Partial<PrekeyRecordParams> = {}): Uint8Array {
  return buildPrekeyRecord({
    signedPrekey: { id: 1, publicKey: dev.signedPrekey.publicKey, created: NOW - DAY },
    pqPrekey: { id: 2, publicKey: dev.pqPrekey.publicKey },
    seq: 1,
    created: NOW,
    ...params
  }, dev.identity)
}

/** Seals any payload bytes under a record domain, as a forger holding `signer` could. */
export function seal (signer: Ed25519KeyPair, payload: Uint8Array, domain: RecordLabel = 'accountRecord', type: RecordLabel = 'accountPayload'): Uint8Array {
  return sealRecord({ domain: recordLabel(domain), payloadType: recordLabel(type), payload, signer })
}

/** Decodes the payload of a sealed account record, lets `edit` change it, and re-seals it with `signer`. */
export function resealAccount (value: Uint8Array, signer: Ed25519KeyPair, edit: (payload: records.AccountRecord) => void): Uint8Array {
  const payload = records.AccountRecord.decode(records.SignedRecord.decode(value).payload)
  edit(payload)
  return seal(signer, records.AccountRecord.encode(payload))
}

/** Decodes the payload of a sealed prekey record, lets `edit` change it, and re-seals it with `signer`. */
export function resealPrekey (value: Uint8Array, signer: Ed25519KeyPair, edit: (payload: records.PrekeyRecord) => void): Uint8Array {
  const payload = records.PrekeyRecord.decode(records.SignedRecord.decode(value).payload)
  edit(payload)
  return seal(signer, records.PrekeyRecord.encode(payload), 'prekeyRecord', 'prekeyPayload')
}

export const INVALID = { name: 'InvalidRecordError', code: 'INVALID_RECORD' } as const
export const EXPIRED = { name: 'ExpiredRecordError', code: 'RECORD_EXPIRED' } as const
export const MISMATCH = { name: 'SignerMismatchError', code: 'SIGNER_MISMATCH' } as const

/** An error matcher for InvalidRecordError whose message matches `pattern`. */
export function invalid (pattern: RegExp): Record<string, unknown> {
  return { ...INVALID, message: pattern }
}

/** A valid encoded BusinessProfile whose readers are exactly `devices` (version 1 unless `extra` says otherwise). */
export function businessProfile (devices: DeviceCertificate[], extra: Partial<BusinessProfile> = {}): Uint8Array {
  return encodeBusinessProfile({
    version: 1,
    prev: new Uint8Array(0),
    earlier: [],
    displayName: 'Acme',
    privacyPolicy: { url: 'https://acme.example/privacy', sha256: new Uint8Array(32).fill(7) },
    readers: devices.map((d) => ({ deviceKey: d.devicePeerKey, role: d.role, label: d.label, organisation: 'Acme' })),
    apiReaders: [],
    processors: [],
    attestations: [],
    published: NOW,
    ...extra
  })
}
