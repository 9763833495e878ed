/**
 * records/account: the account record round trip, and every reason a DHT node
 * refuses one: wrong signer, bad signature, expiry, size, too many devices,
 * malformed bytes, and device certificates the account did not sign.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { recordLabel, utf8 } from '../../src/crypto/index.ts'
import {
  DEFAULT_DEVICE_CERTIFICATE_LIFETIME, MAX_ACCOUNT_RECORD, MAX_ACCOUNT_RECORD_LIFETIME, MAX_BUSINESS_PROFILE, MAX_CLOCK_SKEW, MAX_DEVICES, MAX_LABEL,
  accountKey, activeDevices, buildAccountRecord, signDeviceCertificate, validateAccountRecord, verifyDeviceCertificate
} from '../../src/records/index.ts'
import type { DeviceCertificate } from '../../src/records/index.ts'
import { records } from '../../src/wire/index.ts'
import { flipBit } from '../utils/session.ts'
import { DAY, EXPIRED, MISMATCH, NOW, accountKeyPair, businessProfile, certify, device, invalid, prekeyRecordOf, resealAccount, seal, soloAccount } from './helpers.ts'

const alice = device('alice')
const aliceAccount = alice.identity.signing
const key = accountKey(aliceAccount.publicKey)
const business = accountKeyPair('business')
const businessKey = accountKey(business.publicKey)

describe('records/account: round trip', () => {
  it('a one-device user: the account key is the device key, certified as primary', () => {
    const record = validateAccountRecord(key, soloAccount(alice), NOW)
    assert.deepEqual(record.accountKey, aliceAccount.publicKey)
    assert.equal(record.seq, 1)
    assert.equal(record.created, NOW)
    assert.equal(record.expires, NOW + 30 * DAY)
    assert.equal(record.devices.length, 1)
    const [cert] = record.devices
    assert.ok(cert !== undefined)
    assert.deepEqual(cert.devicePeerKey, aliceAccount.publicKey)
    assert.deepEqual(cert.identityKey, alice.identity.public.identityKey)
    assert.equal(cert.role, 'primary')
    assert.equal(cert.label, 'my laptop')
    assert.equal(record.business, undefined)
    verifyDeviceCertificate(cert, aliceAccount.publicKey)
  })

  it('a business: agents and a processor, and a business profile listing exactly them', () => {
    const devices = [
      certify(business, device('front-desk'), 'primary', 'Front desk'),
      certify(business, device('dewi'), 'agent', 'Dewi (support) — Jakarta 🇮🇩'),
      certify(business, device('crm'), 'processor', 'Helpdesk CRM, Acme Ltd.')
    ]
    const profile = businessProfile(devices)
    const value = buildAccountRecord({ seq: 7, created: NOW, expires: NOW + 2 * DAY, devices, business: profile }, business)
    const record = validateAccountRecord(businessKey, value, NOW)
    assert.equal(record.seq, 7)
    assert.deepEqual(record.devices, devices)
    assert.deepEqual(record.business, profile)
    assert.deepEqual(record.devices.map((d) => d.role), ['primary', 'agent', 'processor'])
    assert.equal(record.profile?.displayName, 'Acme')
  })

  it('refuses a business profile that hides a device, shows one that cannot read, or mislabels one', () => {
    const devices = [
      certify(business, device('front-desk'), 'primary', 'Front desk'),
      certify(business, device('dewi'), 'agent', 'Dewi')
    ]
    const hidden = businessProfile(devices.slice(0, 1))
    assert.throws(() => buildAccountRecord({ seq: 1, created: NOW, devices, business: hidden }, business), /1 readers for 2 certified devices/)
    const extra = businessProfile([...devices, certify(business, device('ghost'), 'agent', 'Ghost')])
    assert.throws(() => buildAccountRecord({ seq: 1, created: NOW, devices, business: extra }, business), /3 readers for 2/)
    const mislabelled = businessProfile([devices[0], { ...(devices[1]), label: 'Someone else' }])
    assert.throws(() => buildAccountRecord({ seq: 1, created: NOW, devices, business: mislabelled }, business), /does not match its device certificate/)
    assert.throws(() => buildAccountRecord({ seq: 1, created: NOW, devices, business: utf8('not a profile') }, business), /business profile/)
  })

  it('carries the ids of attestations the account revoked', () => {
    const revoked = [new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)]
    const record = validateAccountRecord(businessKey, buildAccountRecord({ seq: 1, created: NOW, devices: [], revoked }, business), NOW)
    assert.deepEqual(record.revoked, revoked)
  })

  it('accepts a large seq and times up to 2^53 - 1, and an account with no devices', () => {
    const value = buildAccountRecord({ seq: Number.MAX_SAFE_INTEGER, created: NOW, devices: [] }, business)
    const record = validateAccountRecord(businessKey, value, NOW)
    assert.equal(record.seq, Number.MAX_SAFE_INTEGER)
    assert.deepEqual(record.devices, [])
  })

  it('activeDevices leaves out expired certificates, with the clock-skew allowance', () => {
    const devices = [
      certify(business, device('a'), 'agent', 'a', { expires: NOW + DAY }),
      certify(business, device('b'), 'agent', 'b', { expires: NOW + 10 * DAY })
    ]
    const record = validateAccountRecord(businessKey, buildAccountRecord({ seq: 1, created: NOW, devices }, business), NOW)
    assert.equal(activeDevices(record, NOW + DAY + MAX_CLOCK_SKEW - 1).length, 2)
    assert.deepEqual(activeDevices(record, NOW + DAY + MAX_CLOCK_SKEW).map((d) => d.label), ['b'])
    assert.deepEqual(activeDevices(record, NOW - DAY - MAX_CLOCK_SKEW - 1), [], 'not yet added')
  })
})

describe('records/account: rejections', () => {
  it('wrong signer: a record signed by X placed under Y', () => {
    const value = soloAccount(alice)
    assert.throws(() => validateAccountRecord(businessKey, value, NOW), { ...MISMATCH, message: /signed by 12D3KooW\w+, but its key names 12D3KooW/ })
  })

  it('wrong signer: the payload names another account than the one that signed', () => {
    const forged = resealAccount(soloAccount(alice), business, (p) => { p.accountKey = aliceAccount.publicKey as Uint8Array<ArrayBuffer> })
    assert.throws(() => validateAccountRecord(businessKey, forged, NOW), { ...MISMATCH, message: /names an account other than its signer/ })
  })

  it('bad signature: a flipped bit in the signature or the payload', () => {
    const value = soloAccount(alice)
    assert.throws(() => validateAccountRecord(key, flipBit(value, value.length * 8 - 1), NOW), invalid(/signature does not verify/))
    const wire = records.SignedRecord.decode(value)
    const tampered = records.SignedRecord.encode({ ...wire, payload: flipBit(wire.payload, wire.payload.length * 8 - 20) as Uint8Array<ArrayBuffer> })
    assert.throws(() => validateAccountRecord(key, tampered, NOW), invalid(/signature does not verify/))
  })

  it('expired: refused once now - MAX_CLOCK_SKEW reaches expires', () => {
    const value = soloAccount(alice, { expires: NOW + DAY })
    validateAccountRecord(key, value, NOW + DAY + MAX_CLOCK_SKEW - 1)
    assert.throws(() => validateAccountRecord(key, value, NOW + DAY + MAX_CLOCK_SKEW), { ...EXPIRED, message: /account record expired/ })
  })

  it('created in the future, beyond the clock-skew allowance', () => {
    const value = soloAccount(alice)
    validateAccountRecord(key, value, NOW - MAX_CLOCK_SKEW)
    assert.throws(() => validateAccountRecord(key, value, NOW - MAX_CLOCK_SKEW - 1), invalid(/created in the future/))
  })

  it('a lifetime over the limit, or expiring before it is created', () => {
    assert.throws(() => soloAccount(alice, { expires: NOW + MAX_ACCOUNT_RECORD_LIFETIME + 1 }), invalid(/lifetime over the limit/))
    soloAccount(alice, { expires: NOW + MAX_ACCOUNT_RECORD_LIFETIME })
    const backwards = resealAccount(soloAccount(alice), aliceAccount, (p) => { p.expires = p.created })
    assert.throws(() => validateAccountRecord(key, backwards, NOW), invalid(/expires before it is created/))
  })

  it('oversized: over MAX_ACCOUNT_RECORD as bytes, or a business profile over its own limit', () => {
    assert.throws(() => validateAccountRecord(key, new Uint8Array(MAX_ACCOUNT_RECORD + 1), NOW), invalid(/over the limit of 16384/))
    const bigProfile = resealAccount(soloAccount(alice), aliceAccount, (p) => { p.business = new Uint8Array(MAX_BUSINESS_PROFILE + 1) })
    assert.throws(() => validateAccountRecord(key, bigProfile, NOW), invalid(/business profile is 8193 bytes/))
    const longLabel = '𝕜'.repeat(MAX_LABEL)
    const devices = Array.from({ length: MAX_DEVICES }, (_, i) => certify(business, device(`big${i}`), 'agent', longLabel))
    assert.throws(() => buildAccountRecord({ seq: 1, created: NOW, devices, business: new Uint8Array(MAX_BUSINESS_PROFILE) }, business), invalid(/over the limit of 16384/))
  })

  it('too many devices, and a device listed twice', () => {
    const devices = Array.from({ length: MAX_DEVICES + 1 }, (_, i) => certify(business, device(`many${i}`), 'agent', `${i}`))
    assert.throws(() => buildAccountRecord({ seq: 1, created: NOW, devices }, business), invalid(/more than 32 devices/))
    buildAccountRecord({ seq: 1, created: NOW, devices: devices.slice(0, MAX_DEVICES) }, business)
    const twice = certify(business, device('twice'))
    assert.throws(() => buildAccountRecord({ seq: 1, created: NOW, devices: [twice, { ...twice, label: 'again' }] }, business), invalid(/lists a device twice/))
  })

  it('malformed: garbage bytes, a truncated record, a garbage payload, a wrong payload type or domain', () => {
    const value = soloAccount(alice)
    assert.throws(() => validateAccountRecord(key, Uint8Array.of(0x0a, 0x40, 1, 2), NOW), invalid(/malformed SignedRecord/))
    assert.throws(() => validateAccountRecord(key, value.subarray(0, value.length - 10), NOW), { name: 'InvalidRecordError' })
    assert.throws(() => validateAccountRecord(key, seal(aliceAccount, Uint8Array.of(0x2a, 0xff)), NOW), invalid(/malformed AccountRecord payload/))
    const payload = records.SignedRecord.decode(value).payload
    assert.throws(() => validateAccountRecord(key, seal(aliceAccount, payload, 'accountRecord', 'prekeyPayload'), NOW), invalid(/not an account record payload/))
    assert.throws(() => validateAccountRecord(key, seal(aliceAccount, payload, 'prekeyRecord', 'accountPayload'), NOW), invalid(/signature does not verify/))
    assert.throws(() => validateAccountRecord(key, prekeyRecordOf(alice), NOW), invalid(/signature does not verify/))
    assert.throws(() => validateAccountRecord(accountKey(aliceAccount.publicKey).subarray(1), value, NOW), invalid(/is not/))
  })

  it('a uint64 above 2^53 - 1', () => {
    const huge = resealAccount(soloAccount(alice), aliceAccount, (p) => { p.seq = 1n << 60n })
    assert.throws(() => validateAccountRecord(key, huge, NOW), invalid(/seq exceeds 2\^53 - 1/))
  })

  it('a device certificate signed by another account', () => {
    const stranger = accountKeyPair('stranger')
    const foreign = certify(stranger, device('bob'), 'linked', 'not yours')
    assert.throws(() => buildAccountRecord({ seq: 1, created: NOW, devices: [foreign] }, business), invalid(/not signed by the account/))
    assert.throws(() => verifyDeviceCertificate(foreign, business.publicKey), invalid(/not signed by the account/))
    verifyDeviceCertificate(foreign, stranger.publicKey)
  })

  it('a certificate without an explicit expiry lasts DEFAULT_DEVICE_CERTIFICATE_LIFETIME', () => {
    const dev = device('default-expiry')
    const cert = signDeviceCertificate({ devicePeerKey: dev.identity.public.signingKey, identityKey: dev.identity.public.identityKey, role: 'mailbox', label: 'home server', added: NOW }, business)
    assert.equal(cert.expires, NOW + DEFAULT_DEVICE_CERTIFICATE_LIFETIME)
    verifyDeviceCertificate(cert, business.publicKey)
  })

  it('a certificate whose signed fields were changed after signing', () => {
    const value = buildAccountRecord({ seq: 1, created: NOW, devices: [certify(business, device('c'), 'agent', 'Dewi')] }, business)
    const edits: Array<(c: records.DeviceCertificate) => void> = [
      (c) => { c.role = 5 },
      (c) => { c.label = 'Dewi ' },
      (c) => { c.expires += 1n },
      (c) => { c.added -= 1n },
      (c) => { c.identityKey = device('d').identity.public.identityKey as Uint8Array<ArrayBuffer> }
    ]
    for (const edit of edits) {
      const forged = resealAccount(value, business, (p) => { const [c] = p.devices; if (c !== undefined) edit(c) })
      assert.throws(() => validateAccountRecord(businessKey, forged, NOW), invalid(/not signed by the account/))
    }
  })

  it('a malformed certificate: key lengths, unknown role, label, times', () => {
    const value = buildAccountRecord({ seq: 1, created: NOW, devices: [certify(business, device('m'))] }, business)
    const cases: Array<[(c: records.DeviceCertificate) => void, RegExp]> = [
      [(c) => { c.deviceKey = c.deviceKey.subarray(1) }, /device key must be 32 bytes, got 31/],
      [(c) => { c.identityKey = new Uint8Array(33) }, /identity key must be 32 bytes, got 33/],
      [(c) => { c.signature = new Uint8Array(0) }, /signature must be 64 bytes, got 0/],
      [(c) => { c.role = 0 }, /unknown role 0/],
      [(c) => { c.role = 6 }, /unknown role 6/],
      [(c) => { c.label = 'x'.repeat(MAX_LABEL + 1) }, /label is longer than 64/],
      [(c) => { c.label = 'evil\u202Egnp.exe' }, /bidi-override/],
      [(c) => { c.label = 'line\nbreak' }, /control/],
      [(c) => { c.expires = c.added }, /expires before it is added/],
      [(c) => { c.added = 1n << 54n }, /added exceeds 2\^53 - 1/]
    ]
    for (const [edit, message] of cases) {
      const forged = resealAccount(value, business, (p) => { const [c] = p.devices; if (c !== undefined) edit(c) })
      assert.throws(() => validateAccountRecord(businessKey, forged, NOW), invalid(message), message.source)
    }
  })

  it('a record signed under the device-certificate domain does not pass as an account record', () => {
    const payload = records.SignedRecord.decode(soloAccount(alice)).payload
    assert.throws(() => validateAccountRecord(key, seal(aliceAccount, payload, 'deviceCertificate'), NOW), invalid(/signature does not verify/))
    assert.notDeepEqual(recordLabel('deviceCertificate'), recordLabel('accountRecord'))
  })
})
