/**
 * BusinessProfile encoding: every field checked with an error naming it,
 * only the canonical encoding accepted, the hash chain readable.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { accountKey, buildAccountRecord, chainDistance, decodeBusinessProfile, encodeBusinessProfile, isHostName, profileHash, validateAccountRecord } from '../../src/records/index.ts'
import type { BusinessProfile } from '../../src/records/index.ts'
import { records } from '../../src/wire/index.ts'
import { NOW, accountKeyPair, businessProfile, certify, device } from './helpers.ts'

const acme = accountKeyPair('profile-acme')
const devices = [certify(acme, device('p-front'), 'primary', 'Front desk'), certify(acme, device('p-dewi'), 'agent', 'Dewi')]
const POLICY = { url: 'https://helpdesk.example/privacy', sha256: new Uint8Array(32).fill(3) }
const processor = { name: 'HelpdeskCo', purposes: ['store' as const, 'reply' as const], region: 'EU', retentionDays: 30, privacyPolicy: POLICY, endpoint: 'hooks.helpdesk.example' }

function base (extra: Partial<BusinessProfile> = {}): BusinessProfile {
  return decodeBusinessProfile(businessProfile(devices, extra))
}

describe('records: business profile', () => {
  it('round-trips every field', () => {
    const bytes = businessProfile(devices, { processors: [processor], apiReaders: [{ name: 'Night shift', role: 'agent', organisation: 'Acme' }] })
    const profile = decodeBusinessProfile(bytes)
    assert.equal(profile.version, 1)
    assert.equal(profile.displayName, 'Acme')
    assert.deepEqual(profile.readers.map((r) => [r.role, r.label]), [['primary', 'Front desk'], ['agent', 'Dewi']])
    assert.deepEqual(profile.processors[0]?.purposes, ['store', 'reply'])
    assert.equal(profile.apiReaders[0]?.name, 'Night shift')
    assert.deepEqual(encodeBusinessProfile(profile), bytes)
    assert.equal(profileHash(bytes).length, 32)
  })

  const bad: Array<[string, Partial<BusinessProfile>, RegExp]> = [
    ['an empty display name', { displayName: ' ' }, /displayName must not be empty/],
    ['a bidi override in the name', { displayName: 'Acme\u202Eevil' }, /displayName contains control or bidi-override/],
    ['an http policy URL', { privacyPolicy: { url: 'http://acme.example/p', sha256: new Uint8Array(32) } }, /privacyPolicy.url must be an https URL/],
    ['a short policy hash', { privacyPolicy: { url: 'https://acme.example/p', sha256: new Uint8Array(31) } }, /privacyPolicy.sha256 must be 32 bytes/],
    ['a processor kept too long', { processors: [{ ...processor, retentionDays: 36_501 }] }, /processors\[0\].retentionDays must be an integer from 0 to 36500/],
    ['a processor without purpose', { processors: [{ ...processor, purposes: [] }] }, /processors\[0\].purposes/],
    ['a processor endpoint with a path', { processors: [{ ...processor, endpoint: 'hooks.example/x' }] }, /processors\[0\].endpoint/],
    ['a processor listed twice', { processors: [processor, processor] }, /processors\[1\].name "HelpdeskCo" is listed twice/],
    ['an API reader with a device role', { apiReaders: [{ name: 'x', role: 'primary' as 'agent', organisation: 'Acme' }] }, /apiReaders\[0\].role/],
    ['version 1 with a prev', { prev: new Uint8Array(32) }, /version 1 has no prev/],
    ['version 2 without prev', { version: 2 }, /prev must be 32 bytes/],
    ['more history than versions', { version: 2, prev: new Uint8Array(32), earlier: [new Uint8Array(32)] }, /earlier lists more versions than came before/]
  ]
  for (const [what, extra, message] of bad) {
    it(`refuses ${what}`, () => {
      assert.throws(() => businessProfile(devices, extra), message)
    })
  }

  it('refuses a non-canonical encoding of a valid profile', () => {
    const bytes = businessProfile(devices)
    // The display name field (4) written twice: protobuf keeps the last, so it decodes, but it is not canonical.
    const extra = records.BusinessProfile.encode({ ...records.BusinessProfile.decode(bytes) })
    const twice = new Uint8Array([...extra, 0x22, 4, ...new TextEncoder().encode('Acme')])
    assert.throws(() => decodeBusinessProfile(twice), /not canonically encoded/)
    assert.throws(() => decodeBusinessProfile(Uint8Array.of(0xff, 0xff)), /malformed encoding/)
  })

  it('reads the hash chain: prev is one back, earlier[i] is i + 2 back', () => {
    const v1 = businessProfile(devices)
    const h1 = profileHash(v1)
    const v2 = businessProfile(devices, { version: 2, prev: h1, published: NOW + 1 })
    const h2 = profileHash(v2)
    const v3bytes = businessProfile(devices, { version: 3, prev: h2, earlier: [h1], published: NOW + 2 })
    const v3 = decodeBusinessProfile(v3bytes)
    assert.equal(chainDistance(v3, v3bytes, profileHash(v3bytes)), 0)
    assert.equal(chainDistance(v3, v3bytes, h2), 1)
    assert.equal(chainDistance(v3, v3bytes, h1), 2)
    assert.equal(chainDistance(v3, v3bytes, new Uint8Array(32)), undefined)
    assert.equal(base().version, 1)
  })

  it('a tampered profile inside a signed account record is refused', () => {
    const profile = businessProfile(devices, { processors: [processor] })
    const value = buildAccountRecord({ seq: 1, created: NOW, devices, business: profile }, acme)
    const key = accountKey(acme.publicKey)
    assert.equal(validateAccountRecord(key, value, NOW).profile?.processors[0]?.retentionDays, 30)
    // Find the processor's retention (30 = 0x1e after field 4's tag 0x20) in the signed bytes and change it to 1 day.
    const at = value.findIndex((b, i) => b === 0x20 && value[i + 1] === 30)
    assert.ok(at > 0)
    const tampered = new Uint8Array(value)
    tampered[at + 1] = 1
    assert.throws(() => validateAccountRecord(key, tampered, NOW), /signature/)
  })

  it('host names for webhooks', () => {
    assert.ok(isHostName('hooks.helpdesk.example'))
    assert.ok(isHostName('localhost'))
    assert.ok(isHostName('[::1]'))
    for (const bad of ['', 'Hooks.example', 'a..b', '-a.example', 'a.example/', 'a b']) assert.ok(!isHostName(bad), bad)
  })
})
