/**
 * records/limits: the bounds agree with each other and with real records, and
 * every public function refuses garbage with a TypeError, a RangeError or a
 * KabarError (STYLE habit 7), never with a raw exception from below.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { KabarError } from '../../src/errors.ts'
import {
  DEFAULT_ACCOUNT_RECORD_LIFETIME, DEFAULT_PREKEY_RECORD_LIFETIME, MAX_ACCOUNT_RECORD, MAX_ACCOUNT_RECORD_LIFETIME, MAX_BUSINESS_PROFILE, MAX_PROFILE_HISTORY,
  MAX_CLOCK_SKEW, MAX_DEVICES, MAX_PREKEY_RECORD, MAX_PREKEY_RECORD_LIFETIME, PREKEY_GRACE_PERIOD,
  accountKey, buildAccountRecord, buildPrekeyRecord, bundleFromPrekeyRecord, ed25519FromPeerIdString, openRecord, parseRecordKey,
  peerIdStringFromEd25519, prekeyKey, sealRecord, selectAccountRecord, selectPrekeyRecord, signDeviceCertificate,
  validateAccountRecord, validatePrekeyRecord
} from '../../src/records/index.ts'
import { recordLabel } from '../../src/crypto/index.ts'
import { NOW, accountKeyPair, businessProfile, certify, device, prekeyRecordOf, soloAccount } from './helpers.ts'

const GARBAGE: unknown[] = [undefined, null, 0, -1, 1.5, Number.NaN, 2 ** 64, 'text', {}, [], true, () => 1,
  new Uint8Array(0), new Uint8Array(31), new Uint8Array(33), new Uint8Array(5000).fill(0xff), new Uint16Array(16)]

function assertRefuses (title: string, call: () => unknown): void {
  assert.throws(call, (err: unknown) => {
    assert.ok(err instanceof TypeError || err instanceof RangeError || KabarError.is(err), `${title}: unexpected ${String(err)}`)
    return true
  }, title)
}

describe('records/limits', () => {
  it('the bounds agree with each other', () => {
    assert.ok(DEFAULT_PREKEY_RECORD_LIFETIME <= MAX_PREKEY_RECORD_LIFETIME)
    assert.ok(DEFAULT_ACCOUNT_RECORD_LIFETIME <= MAX_ACCOUNT_RECORD_LIFETIME)
    assert.ok(PREKEY_GRACE_PERIOD >= MAX_PREKEY_RECORD_LIFETIME + MAX_CLOCK_SKEW, 'an old record must not outlive its prekey')
    assert.ok(MAX_BUSINESS_PROFILE < MAX_ACCOUNT_RECORD)
    assert.ok(MAX_ACCOUNT_RECORD <= 65535 - 16, 'a record fits in one Noise message')
  })

  it('a full business account fits: MAX_DEVICES ordinary certificates and a full profile', () => {
    const business = accountKeyPair('full')
    const devices = Array.from({ length: MAX_DEVICES }, (_, i) => certify(business, device(`full${i}`), 'agent', `Support agent #${i} (Jakarta)`))
    const policy = { url: 'https://helpdesk-company.example/legal/privacy-policy-2026', sha256: new Uint8Array(32).fill(9) }
    const profile = businessProfile(devices, {
      version: 40,
      prev: new Uint8Array(32).fill(1),
      earlier: Array.from({ length: MAX_PROFILE_HISTORY }, (_, i) => new Uint8Array(32).fill(i)),
      apiReaders: Array.from({ length: 16 }, (_, i) => ({ name: `Agent ${i} of the night shift`, role: 'agent' as const, organisation: 'Acme Support Ltd' })),
      processors: Array.from({ length: 8 }, (_, i) => ({ name: `Processor ${i} GmbH`, purposes: ['store' as const, 'reply' as const], region: 'eu-central-1', retentionDays: 365, privacyPolicy: policy, endpoint: `hooks-${i}.processor.example` })),
      attestations: []
    })
    assert.ok(profile.length <= MAX_BUSINESS_PROFILE, `profile ${profile.length} bytes`)
    const value = buildAccountRecord({ seq: 1, created: NOW, devices, business: profile }, business)
    assert.ok(value.length <= MAX_ACCOUNT_RECORD, `${value.length} bytes`)
  })

  it('a prekey record is well under its limit', () => {
    const size = prekeyRecordOf(device('size')).length
    assert.ok(size > 1184 && size < MAX_PREKEY_RECORD / 2, `${size} bytes`)
  })
})

describe('records: garbage in, a clear error out', () => {
  const dev = device('garbage')
  const key = accountKey(dev.identity.public.signingKey)
  const pkey = prekeyKey(dev.identity.public.signingKey)
  const account = soloAccount(dev)
  const prekey = prekeyRecordOf(dev)
  const record = validatePrekeyRecord(pkey, prekey, NOW)
  const signer = dev.identity.signing

  it('keys and PeerIds', () => {
    for (const g of GARBAGE) {
      assertRefuses(`peerIdStringFromEd25519(${String(g)})`, () => peerIdStringFromEd25519(g as Uint8Array))
      assertRefuses(`accountKey(${String(g)})`, () => accountKey(g as Uint8Array))
      assertRefuses(`prekeyKey(${String(g)})`, () => prekeyKey(g as Uint8Array))
      assertRefuses(`ed25519FromPeerIdString(${String(g)})`, () => ed25519FromPeerIdString(g as string))
      assertRefuses(`parseRecordKey(${String(g)})`, () => parseRecordKey(g as Uint8Array))
    }
  })

  it('envelopes', () => {
    const domain = recordLabel('accountRecord')
    for (const g of GARBAGE) {
      assertRefuses('openRecord(g)', () => openRecord(g as Uint8Array, domain))
      if (!(g instanceof Uint8Array && g.length > 0)) assertRefuses('openRecord(domain g)', () => openRecord(account, g as Uint8Array))
      if (!(g instanceof Uint8Array && g.length > 0)) assertRefuses('sealRecord(type g)', () => sealRecord({ domain, payloadType: g as Uint8Array, payload: domain, signer }))
    }
  })

  it('validators and selectors, in every argument', () => {
    for (const g of GARBAGE) {
      assertRefuses('validateAccountRecord(key g)', () => validateAccountRecord(g as Uint8Array, account, NOW))
      assertRefuses('validateAccountRecord(value g)', () => validateAccountRecord(key, g as Uint8Array, NOW))
      assertRefuses('validatePrekeyRecord(key g)', () => validatePrekeyRecord(g as Uint8Array, prekey, NOW))
      assertRefuses('validatePrekeyRecord(value g)', () => validatePrekeyRecord(pkey, g as Uint8Array, NOW))
      assertRefuses('selectAccountRecord(values g)', () => selectAccountRecord(key, [g as Uint8Array]))
      assertRefuses('selectPrekeyRecord(values g)', () => selectPrekeyRecord(pkey, g as Uint8Array[]))
    }
    for (const now of [undefined, null, -1, 1.5, Number.NaN, 2 ** 60, '1']) {
      assertRefuses(`validateAccountRecord(now ${String(now)})`, () => validateAccountRecord(key, account, now as number))
      assertRefuses(`validatePrekeyRecord(now ${String(now)})`, () => validatePrekeyRecord(pkey, prekey, now as number))
    }
  })

  it('builders and certificates, in every field', () => {
    const base = { devicePeerKey: dev.identity.public.signingKey, identityKey: dev.identity.public.identityKey, role: 'primary' as const, label: 'x', added: NOW, expires: NOW + 1 }
    for (const field of Object.keys(base) as Array<keyof typeof base>) {
      for (const g of GARBAGE) {
        if ((field === 'label' && g === 'text') || (field === 'added' && g === 0) || (field === 'expires' && g === undefined)) continue
        assertRefuses(`signDeviceCertificate(${field} ${String(g)})`, () => signDeviceCertificate({ ...base, [field]: g }, signer))
      }
    }
    const prekeyParams = { signedPrekey: { id: 1, publicKey: dev.signedPrekey.publicKey, created: NOW }, pqPrekey: { id: 2, publicKey: dev.pqPrekey.publicKey }, seq: 1, created: NOW }
    // 0 is a valid seq and prekey id, and [] a valid device list.
    for (const g of GARBAGE.filter((v) => v !== 0)) {
      assertRefuses('buildAccountRecord(seq g)', () => buildAccountRecord({ seq: g as number, created: NOW, devices: [] }, signer))
      if (!Array.isArray(g)) assertRefuses('buildAccountRecord(devices g)', () => buildAccountRecord({ seq: 1, created: NOW, devices: g as [] }, signer))
      assertRefuses('buildPrekeyRecord(spk g)', () => buildPrekeyRecord({ ...prekeyParams, signedPrekey: { id: 1, publicKey: g as Uint8Array, created: NOW } }, dev.identity))
      assertRefuses('buildPrekeyRecord(pq id g)', () => buildPrekeyRecord({ ...prekeyParams, pqPrekey: { id: g as number, publicKey: dev.pqPrekey.publicKey } }, dev.identity))
      assertRefuses('bundleFromPrekeyRecord(otk g)', () => bundleFromPrekeyRecord(record, { id: 1, publicKey: g as Uint8Array }))
      if (g !== undefined && !(g instanceof Uint8Array) && !Array.isArray(g)) {
        assertRefuses('buildAccountRecord(business g)', () => buildAccountRecord({ seq: 1, created: NOW, devices: [], business: g as Uint8Array }, signer))
      }
    }
  })
})
