/**
 * records/prekey: the prekey record round trip, the bundle it yields driving a
 * real PQXDH + Double Ratchet session, and every reason it is refused.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MAX_CLOCK_SKEW, MAX_PREKEY_RECORD, MAX_PREKEY_RECORD_LIFETIME, accountKey, bundleFromPrekeyRecord, prekeyKey, validatePrekeyRecord } from '../../src/records/index.ts'
import { SessionRecord, verifyBundle } from '../../src/session/index.ts'
import type { records } from '../../src/wire/index.ts'
import { decryptOptions, flipBit, text, utf8 } from '../utils/session.ts'
import { DAY, EXPIRED, MISMATCH, NOW, device, invalid, prekeyRecordOf, resealPrekey, seal, soloAccount } from './helpers.ts'

const bob = device('bob')
const bobKey = prekeyKey(bob.identity.public.signingKey)
const carol = device('carol')

describe('records/prekey: round trip', () => {
  it('carries the identity binding, the signed prekey and the ML-KEM prekey', () => {
    const value = prekeyRecordOf(bob)
    assert.ok(value.length < MAX_PREKEY_RECORD, `${value.length} bytes`)
    const record = validatePrekeyRecord(bobKey, value, NOW)
    assert.deepEqual(record.deviceKey, bob.identity.public.signingKey)
    assert.deepEqual(record.identity, bob.identity.public)
    assert.equal(record.signedPrekey.id, 1)
    assert.deepEqual(record.signedPrekey.publicKey, bob.signedPrekey.publicKey)
    assert.equal(record.signedPrekey.created, NOW - DAY)
    assert.equal(record.pqPrekey.id, 2)
    assert.deepEqual(record.pqPrekey.publicKey, bob.pqPrekey.publicKey)
    assert.equal(record.seq, 1)
    assert.equal(record.expires, NOW + 7 * DAY)
  })

  it('yields a bundle that session/verifyBundle accepts, with or without a one-time prekey', () => {
    const record = validatePrekeyRecord(bobKey, prekeyRecordOf(bob), NOW)
    verifyBundle(bundleFromPrekeyRecord(record))
    const oneTime = bob.oneTimePrekeys.get(100)
    assert.ok(oneTime !== undefined)
    const bundle = bundleFromPrekeyRecord(record, { id: 100, publicKey: oneTime.publicKey })
    verifyBundle(bundle)
    assert.deepEqual(bundle.oneTimePrekey, { id: 100, publicKey: oneTime.publicKey })
    assert.throws(() => bundleFromPrekeyRecord(record, { id: 100, publicKey: new Uint8Array(31) }), RangeError)
    assert.throws(() => bundleFromPrekeyRecord(record, { id: -1, publicKey: oneTime.publicKey }), RangeError)
  })

  for (const oneTimeId of [undefined, 101]) {
    it(`drives a real session from the DHT bytes (one-time prekey: ${oneTimeId ?? 'none'})`, () => {
      const alice = device('alice')
      const record = validatePrekeyRecord(bobKey, prekeyRecordOf(bob), NOW)
      const oneTime = oneTimeId === undefined ? undefined : { id: oneTimeId, publicKey: bob.oneTimePrekeys.get(oneTimeId)?.publicKey ?? new Uint8Array(0) }
      let a = SessionRecord.empty().initiate({ identity: alice.identity, bundle: bundleFromPrekeyRecord(record, oneTime), random: alice.random })
      const first = a.encrypt(utf8('hello from the DHT'))
      a = first.record
      const opened = SessionRecord.empty().decrypt(first.message, decryptOptions(bob))
      assert.equal(text(opened.plaintext), 'hello from the DHT')
      assert.deepEqual(opened.remoteSigningKey, alice.identity.public.signingKey)
      assert.equal(opened.usedOneTimePrekeyId, oneTimeId)
      const reply = opened.record.encrypt(utf8('hello back'))
      assert.equal(text(a.decrypt(reply.message, decryptOptions(alice)).plaintext), 'hello back')
    })
  }
})

describe('records/prekey: rejections', () => {
  it('wrong signer: a record signed by X placed under Y, or naming another device', () => {
    assert.throws(() => validatePrekeyRecord(prekeyKey(carol.identity.public.signingKey), prekeyRecordOf(bob), NOW), { ...MISMATCH, message: /prekey record signed by 12D3KooW/ })
    const forged = resealPrekey(prekeyRecordOf(bob), carol.identity.signing, () => {})
    assert.throws(() => validatePrekeyRecord(prekeyKey(carol.identity.public.signingKey), forged, NOW), { ...MISMATCH, message: /names a device other than its signer/ })
  })

  it('bad signature: a flipped bit in the envelope signature', () => {
    const value = prekeyRecordOf(bob)
    assert.throws(() => validatePrekeyRecord(bobKey, flipBit(value, value.length * 8 - 3), NOW), invalid(/record signature does not verify/))
  })

  it('a signed prekey whose signature is bad, even inside a validly sealed record', () => {
    const cases: Array<[(p: records.PrekeyRecord) => void, RegExp]> = [
      [(p) => { if (p.signedPrekey !== undefined) p.signedPrekey.signature = flipBit(p.signedPrekey.signature, 9) as Uint8Array<ArrayBuffer> }, /signed prekey signature does not verify/],
      [(p) => { if (p.signedPrekey !== undefined) p.signedPrekey.id = 3 }, /signed prekey signature does not verify/],
      [(p) => { if (p.signedPrekey !== undefined) p.signedPrekey.publicKey = carol.signedPrekey.publicKey as Uint8Array<ArrayBuffer> }, /signed prekey signature does not verify/],
      [(p) => { if (p.pqPrekey !== undefined) p.pqPrekey.signature = flipBit(p.pqPrekey.signature, 0) as Uint8Array<ArrayBuffer> }, /PQ prekey signature does not verify/],
      [(p) => { if (p.pqPrekey !== undefined) p.pqPrekey.publicKey = carol.pqPrekey.publicKey as Uint8Array<ArrayBuffer> }, /PQ prekey signature does not verify/],
      [(p) => { p.identitySignature = flipBit(p.identitySignature, 100) as Uint8Array<ArrayBuffer> }, /identity key binding does not verify/],
      [(p) => { p.identityKey = carol.identity.public.identityKey as Uint8Array<ArrayBuffer> }, /identity key binding does not verify/]
    ]
    for (const [edit, message] of cases) {
      const forged = resealPrekey(prekeyRecordOf(bob), bob.identity.signing, edit)
      assert.throws(() => validatePrekeyRecord(bobKey, forged, NOW), invalid(message), message.source)
    }
  })

  it('expired, created in the future, or claiming too long a life', () => {
    const value = prekeyRecordOf(bob, { expires: NOW + DAY })
    validatePrekeyRecord(bobKey, value, NOW + DAY + MAX_CLOCK_SKEW - 1)
    assert.throws(() => validatePrekeyRecord(bobKey, value, NOW + DAY + MAX_CLOCK_SKEW), { ...EXPIRED, message: /prekey record expired/ })
    assert.throws(() => validatePrekeyRecord(bobKey, value, NOW - MAX_CLOCK_SKEW - 1), invalid(/created in the future/))
    assert.throws(() => prekeyRecordOf(bob, { expires: NOW + MAX_PREKEY_RECORD_LIFETIME + 1 }), invalid(/lifetime over the limit/))
    assert.throws(() => prekeyRecordOf(bob, { signedPrekey: { id: 1, publicKey: bob.signedPrekey.publicKey, created: NOW + 1 } }), invalid(/signed prekey is newer than its record/))
  })

  it('oversized, malformed, incomplete, or of the wrong kind', () => {
    assert.throws(() => validatePrekeyRecord(bobKey, new Uint8Array(MAX_PREKEY_RECORD + 1), NOW), invalid(/over the limit of 4096/))
    assert.throws(() => validatePrekeyRecord(bobKey, Uint8Array.of(1, 2, 3), NOW), invalid(/malformed SignedRecord/))
    assert.throws(() => validatePrekeyRecord(bobKey, seal(bob.identity.signing, Uint8Array.of(0x22, 0x05), 'prekeyRecord', 'prekeyPayload'), NOW), invalid(/malformed PrekeyRecord payload/))
    const cases: Array<[(p: records.PrekeyRecord) => void, RegExp]> = [
      [(p) => { delete p.signedPrekey }, /lacks a prekey/],
      [(p) => { delete p.pqPrekey }, /lacks a prekey/],
      [(p) => { if (p.pqPrekey !== undefined) p.pqPrekey.publicKey = p.pqPrekey.publicKey.subarray(1) }, /PQ prekey must be 1184 bytes, got 1183/],
      [(p) => { if (p.signedPrekey !== undefined) p.signedPrekey.publicKey = new Uint8Array(0) }, /signed prekey must be 32 bytes, got 0/],
      [(p) => { p.identityKey = new Uint8Array(31) }, /identity key must be 32 bytes/],
      [(p) => { p.expires = 1n << 53n }, /expires exceeds 2\^53 - 1/]
    ]
    for (const [edit, message] of cases) {
      assert.throws(() => validatePrekeyRecord(bobKey, resealPrekey(prekeyRecordOf(bob), bob.identity.signing, edit), NOW), invalid(message), message.source)
    }
    assert.throws(() => validatePrekeyRecord(accountKey(bob.identity.public.signingKey), prekeyRecordOf(bob), NOW), invalid(/not a prekey record key: \/kabar-account\//))
    assert.throws(() => validatePrekeyRecord(bobKey, soloAccount(bob), NOW), invalid(/signature does not verify/))
  })
})
