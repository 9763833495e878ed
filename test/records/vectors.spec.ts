/**
 * Frozen record vectors (STYLE habit 9): fixed keys and times give fixed
 * bytes, because Ed25519 signatures are deterministic. Any change to the
 * record labels, the signed encodings or records.proto breaks these on
 * purpose; docs/PROTOCOL.md §9 prints the same values.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { Ed25519KeyPair, RECORD_LABELS, X25519KeyPair, fromHex, mlKem768KeygenFromSeed, sha256, toHex } from '../../src/crypto/index.ts'
import { accountKey, buildAccountRecord, buildPrekeyRecord, peerIdStringFromEd25519, prekeyKey, signDeviceCertificate, validateAccountRecord, validatePrekeyRecord } from '../../src/records/index.ts'
import { IdentityKeyPair } from '../../src/session/index.ts'

/** `counting(k)`: the bytes k, k+1, …, k+n-1 (as in docs/PROTOCOL.md §8). */
const counting = (k: number, n = 32): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (k + i) & 0xff)

const CREATED = 1735689600000 // 2025-01-01T00:00:00Z
const DAY = 86400000

/** The vector device: Ed25519 seed counting(0xa0), X25519 IK counting(0xc0), SPK counting(0xe0), ML-KEM seed counting(0x10, 64). */
function vectorRecords (): { peerId: string, certificateSignature: string, accountRecord: Uint8Array, prekeyRecord: Uint8Array, identity: IdentityKeyPair } {
  const signing = Ed25519KeyPair.fromSeed(counting(0xa0))
  const identity = new IdentityKeyPair(signing, X25519KeyPair.fromPrivateKey(counting(0xc0)))
  const cert = signDeviceCertificate({
    devicePeerKey: signing.publicKey,
    identityKey: identity.public.identityKey,
    role: 'primary',
    label: 'laptop',
    added: CREATED,
    expires: CREATED + 365 * DAY
  }, signing)
  const accountRecord = buildAccountRecord({ seq: 1, created: CREATED, expires: CREATED + 30 * DAY, devices: [cert] }, signing)
  const prekeyRecord = buildPrekeyRecord({
    signedPrekey: { id: 7, publicKey: X25519KeyPair.fromPrivateKey(counting(0xe0)).publicKey, created: CREATED },
    pqPrekey: { id: 8, publicKey: mlKem768KeygenFromSeed(counting(0x10, 64)).publicKey },
    seq: 1,
    created: CREATED,
    expires: CREATED + 7 * DAY
  }, identity)
  return { peerId: peerIdStringFromEd25519(signing.publicKey), certificateSignature: toHex(cert.signature), accountRecord, prekeyRecord, identity }
}

const FROZEN = {
  labels: {
    accountRecord: 'kabar/v1/record/account',
    prekeyRecord: 'kabar/v1/record/prekey',
    deviceCertificate: 'kabar/v1/sig/device-certificate',
    accountPayload: 'kabar/v1/payload/account-record',
    prekeyPayload: 'kabar/v1/payload/prekey-record'
  },
  peerId: '12D3KooWFBvs6WLJTomf12a6JgqMaDDoMWFZjK5UKQEFdNEZELHH',
  certificateSignature: '4a6d264515abe490c1281b72ffb336ba9b61a6257c823a825d1523b66a6511b6a0ef3afd9e3271055e74d32f660a16ac02973d5845313447884261d5aee73407',
  accountRecordLength: 347,
  /** The whole account record, hex (printed in docs/PROTOCOL.md §9). */
  accountRecordHex: [
    '0a204fd099ccd47d7893dfe9ec24414ecb0d9b5420232aad30d91c465be33cbe65c4121f6b616261722f76312f706179',
    '6c6f61642f6163636f756e742d7265636f72641ad3010a204fd099ccd47d7893dfe9ec24414ecb0d9b5420232aad30d9',
    '1c465be33cbe65c410011880f8a5f9c132208088a1cdcb322a9e010a204fd099ccd47d7893dfe9ec24414ecb0d9b5420',
    '232aad30d91c465be33cbe65c41220dc2cca31e8e43bbd91dff7e475cca3347eb478107d5bd765aba4ae4a30c35d4418',
    '0122066c6170746f702880f8a5f9c1323080d0eab6b7333a404a6d264515abe490c1281b72ffb336ba9b61a6257c823a',
    '825d1523b66a6511b6a0ef3afd9e3271055e74d32f660a16ac02973d5845313447884261d5aee734072240bc0d6a3b3e',
    'abe9ff650a00a8e3b8b564a6cdb395ed25b00eb98f349f15d173896a9e35b1de17f49c881442e5d7e2a05e31bd8349f1',
    '382e577f930667ec46570f'
  ].join(''),
  accountRecordSha256: '4dc959cbe9e32a948e4e86af4e0221d382597d28cd6425ed30d35c513f4b7d47',
  prekeyRecordLength: 1654,
  prekeyRecordSha256: '5cfbeffabd5dee34b1be1da6e78c2506fe55153b93511b489427b48d25004b3a'
}

describe('records: frozen vectors', () => {
  const v = vectorRecords()

  it('record labels are unchanged', () => {
    assert.deepEqual({ ...RECORD_LABELS }, FROZEN.labels)
  })

  it('the vector device has a fixed PeerId and device certificate signature', () => {
    assert.equal(v.peerId, FROZEN.peerId)
    assert.equal(v.certificateSignature, FROZEN.certificateSignature)
  })

  it('the account and prekey records encode to fixed bytes', () => {
    assert.equal(v.accountRecord.length, FROZEN.accountRecordLength)
    assert.equal(toHex(v.accountRecord), FROZEN.accountRecordHex)
    assert.equal(toHex(sha256(v.accountRecord)), FROZEN.accountRecordSha256)
    assert.equal(v.prekeyRecord.length, FROZEN.prekeyRecordLength)
    assert.equal(toHex(sha256(v.prekeyRecord)), FROZEN.prekeyRecordSha256)
  })

  it('the vector records validate', () => {
    const key = v.identity.public.signingKey
    validateAccountRecord(accountKey(key), v.accountRecord, CREATED)
    validatePrekeyRecord(prekeyKey(key), v.prekeyRecord, CREATED)
    assert.equal(fromHex(FROZEN.certificateSignature).length, 64)
  })
})

describe('records: docs/PROTOCOL.md §9', () => {
  it('prints every frozen record value', () => {
    const doc = readFileSync('docs/PROTOCOL.md', 'utf8')
    const values = [
      ...Object.values(FROZEN.labels),
      FROZEN.peerId,
      FROZEN.certificateSignature,
      FROZEN.accountRecordSha256,
      FROZEN.prekeyRecordSha256,
      ...(FROZEN.accountRecordHex.match(/.{1,96}/g) ?? [])
    ]
    assert.deepEqual(values.filter((value) => !doc.includes(value)), [], 'copy the missing values from test/records/vectors.spec.ts')
  })
})
