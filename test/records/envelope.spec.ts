/**
 * records/envelope: the SignedRecord round trip, and that the signature binds
 * the domain, the payload type and the payload (each one, separately).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ed25519Verify, lengthPrefixed, recordLabel, utf8 } from '../../src/crypto/index.ts'
import { openRecord, sealRecord } from '../../src/records/index.ts'
import { records } from '../../src/wire/index.ts'
import { flipBit } from '../utils/session.ts'
import { accountKeyPair, invalid } from './helpers.ts'

const signer = accountKeyPair('envelope')
const domain = recordLabel('accountRecord')
const payloadType = utf8('test/payload')
const payload = utf8('hello records')

describe('records/envelope', () => {
  it('round-trips and signs lp(domain) || lp(payloadType) || lp(payload)', () => {
    const sealed = sealRecord({ domain, payloadType, payload, signer })
    const opened = openRecord(sealed, domain)
    assert.deepEqual(opened, { signerKey: signer.publicKey, payloadType, payload })
    const wire = records.SignedRecord.decode(sealed)
    assert.equal(wire.signature.length, 64)
    assert.ok(ed25519Verify(signer.publicKey, lengthPrefixed(domain, payloadType, payload), wire.signature))
  })

  it('accepts an empty payload', () => {
    const sealed = sealRecord({ domain, payloadType, payload: new Uint8Array(0), signer })
    assert.equal(openRecord(sealed, domain).payload.length, 0)
  })

  it('does not verify under another domain', () => {
    const sealed = sealRecord({ domain, payloadType, payload, signer })
    assert.throws(() => openRecord(sealed, recordLabel('prekeyRecord')), invalid(/signature does not verify/))
  })

  it('refuses a flipped bit anywhere in the signed fields or the signature', () => {
    const sealed = sealRecord({ domain, payloadType, payload, signer })
    for (let bit = 0; bit < sealed.length * 8; bit += 5) {
      const bad = flipBit(sealed, bit)
      assert.throws(() => openRecord(bad, domain), { name: 'InvalidRecordError' }, `bit ${bit}`)
    }
  })

  it('refuses a payload moved between the type and payload fields (length prefixes)', () => {
    const sealed = sealRecord({ domain, payloadType: utf8('ab'), payload: utf8('c'), signer })
    const wire = records.SignedRecord.decode(sealed)
    const moved = records.SignedRecord.encode({ ...wire, payloadType: Uint8Array.from([0x61]), payload: Uint8Array.from([0x62, 0x63]) })
    assert.throws(() => openRecord(moved, domain), invalid(/signature does not verify/))
  })

  it('refuses a non-canonical encoding of a validly signed record', () => {
    const sealed = sealRecord({ domain, payloadType, payload, signer })
    const wire = records.SignedRecord.decode(sealed)
    const groupTag = Uint8Array.of(sealed[0] === 0x0a ? 0x0b : 0, ...sealed.subarray(1))
    const unknownField = Uint8Array.of(...sealed, 0x28, 0x01)
    const repeated = Uint8Array.of(...records.SignedRecord.encode({ ...wire, signature: new Uint8Array(64) }), ...sealed.subarray(sealed.length - 66))
    const reordered = Uint8Array.of(...sealed.subarray(sealed.length - 66), ...sealed.subarray(0, sealed.length - 66))
    for (const bytes of [groupTag, unknownField, repeated, reordered]) {
      assert.deepEqual(records.SignedRecord.decode(bytes), wire, 'decodes to the same fields')
      assert.throws(() => openRecord(bytes, domain), invalid(/not canonically encoded/))
    }
  })

  it('refuses oversized, malformed and incomplete records', () => {
    const sealed = sealRecord({ domain, payloadType, payload, signer })
    assert.throws(() => openRecord(sealed, domain, sealed.length - 1), invalid(/over the limit/))
    assert.throws(() => openRecord(Uint8Array.of(0x0a, 0xff), domain), invalid(/malformed SignedRecord/))
    const wire = records.SignedRecord.decode(sealed)
    const cases: Array<[Partial<records.SignedRecord>, RegExp]> = [
      [{ publicKey: wire.publicKey.subarray(1) }, /public key must be 32 bytes, got 31/],
      [{ signature: wire.signature.subarray(0, 63) }, /signature must be 64 bytes, got 63/],
      [{ payloadType: new Uint8Array(0) }, /no payload type/],
      [{ publicKey: accountKeyPair('other').publicKey as Uint8Array<ArrayBuffer> }, /signature does not verify/]
    ]
    for (const [edit, message] of cases) {
      assert.throws(() => openRecord(records.SignedRecord.encode({ ...wire, ...edit }), domain), invalid(message))
    }
    assert.throws(() => openRecord(new Uint8Array(0), domain), invalid(/must be 32 bytes, got 0/))
  })

  it('checks its arguments', () => {
    assert.throws(() => sealRecord({ domain: new Uint8Array(0), payloadType, payload, signer }), RangeError)
    assert.throws(() => sealRecord({ domain, payloadType: new Uint8Array(0), payload, signer }), RangeError)
    assert.throws(() => sealRecord({ domain, payloadType, payload: 'x' as unknown as Uint8Array, signer }), TypeError)
    assert.throws(() => openRecord('x' as unknown as Uint8Array, domain), TypeError)
    assert.throws(() => openRecord(new Uint8Array(8), 'd' as unknown as Uint8Array), TypeError)
  })
})
