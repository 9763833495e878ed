/**
 * Frozen record vectors (STYLE habit 9): fixed keys and times give fixed
 * bytes, because Ed25519 signatures are deterministic. Any change to the
 * record labels, the signed encodings or records.proto breaks these on
 * purpose; docs/PROTOCOL.md §9 prints the same values.
 */
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { Ed25519KeyPair, RECORD_LABELS, X25519KeyPair, fromHex, mlKem768KeygenFromSeed, sha256, toHex } from '../../src/crypto/index.ts'
import {
  accountKey, attestationIdHex, buildAccountRecord, buildPrekeyRecord, decodeAttestation, peerIdStringFromEd25519, prekeyKey, signAttestation, signDeviceCertificate,
  validateAccountRecord, validatePrekeyRecord, verifyAttestation
} from '../../src/records/index.ts'
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
    attestation: 'kabar/v1/sig/attestation',
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
  prekeyRecordSha256: '5cfbeffabd5dee34b1be1da6e78c2506fe55153b93511b489427b48d25004b3a',
  /** The vector business: Ed25519 seed counting(0x60). */
  businessPeerId: '12D3KooWBPCrmsYzhEALNAUVcxV4PAW6KRH2bmNqiJKLqk8PGyhE',
  attestationLength: 193,
  /** The vector device, as a verifier, vouches for the vector business (printed in docs/PROTOCOL.md §11). */
  attestationHex: [
    '0a204fd099ccd47d7893dfe9ec24414ecb0d9b5420232aad30d91c465be33cbe65c41220174553b456dddfc6908ecab1',
    'c101fe6ab21e2baa0617795b7d43a63482993fd51a0841636d65204c7464220c61636d652e6578616d706c652a136c65',
    '67616c2d656e7469747920646f6d61696e3080f8a5f9c1323880d0eab6b7334240962c351531d61fe18a3850f3c8b748',
    'a1997288ad9fc53a0b706a06dc1a71f1c1a9d7e18ae9c6048575654b314d8efdf56e449dcd50aec0464329b5f9fbe180',
    '01'
  ].join(''),
  /** SHA-256 of the attestation: its id, what the verifier would revoke. */
  attestationId: 'b205eabbae2fb6f1c93981c979781786049f0422986f8a52a1e3896353089297'
}

/** The vector attestation: verifier = the vector device's key, business = Ed25519 seed counting(0x60). */
function vectorAttestation (): { businessPeerId: string, bytes: Uint8Array } {
  const verifier = Ed25519KeyPair.fromSeed(counting(0xa0))
  const business = Ed25519KeyPair.fromSeed(counting(0x60))
  const bytes = signAttestation({
    business: business.publicKey,
    legalName: 'Acme Ltd',
    domain: 'acme.example',
    scope: 'legal-entity domain',
    issued: CREATED,
    expires: CREATED + 365 * DAY
  }, verifier)
  return { businessPeerId: peerIdStringFromEd25519(business.publicKey), bytes }
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

  it('the vector attestation encodes to fixed bytes and a fixed id, and verifies', () => {
    const a = vectorAttestation()
    assert.equal(a.businessPeerId, FROZEN.businessPeerId)
    assert.equal(a.bytes.length, FROZEN.attestationLength)
    assert.equal(toHex(a.bytes), FROZEN.attestationHex)
    assert.equal(attestationIdHex(a.bytes), FROZEN.attestationId)
    verifyAttestation(decodeAttestation(a.bytes), CREATED)
  })

  it('the vector records validate', () => {
    const key = v.identity.public.signingKey
    validateAccountRecord(accountKey(key), v.accountRecord, CREATED)
    validatePrekeyRecord(prekeyKey(key), v.prekeyRecord, CREATED)
    assert.equal(fromHex(FROZEN.certificateSignature).length, 64)
  })
})

/**
 * docs/PROTOCOL.md, plus the section fragments (docs/PROTOCOL-*.md) written
 * alongside a feature until they are folded into it.
 */
function protocolText (): string {
  const fragments = readdirSync('docs').filter((name) => /^PROTOCOL-[a-z-]+\.md$/.test(name)).sort()
  return ['PROTOCOL.md', ...fragments].map((name) => readFileSync(join('docs', name), 'utf8')).join('\n')
}

describe('records: docs/PROTOCOL.md §9 and §11', () => {
  it('prints every frozen record value', () => {
    const doc = protocolText()
    const values = [
      ...Object.values(FROZEN.labels),
      FROZEN.peerId,
      FROZEN.certificateSignature,
      FROZEN.accountRecordSha256,
      FROZEN.prekeyRecordSha256,
      ...(FROZEN.accountRecordHex.match(/.{1,96}/g) ?? []),
      FROZEN.businessPeerId,
      FROZEN.attestationId,
      ...(FROZEN.attestationHex.match(/.{1,96}/g) ?? [])
    ]
    assert.deepEqual(values.filter((value) => !doc.includes(value)), [], 'copy the missing values from test/records/vectors.spec.ts')
  })
})
