/**
 * records/attestation: a verifier's signed statement about a business. The
 * round trip, its id and text form, and every reason one is refused: a
 * tampered field or signature, another signature domain, a non-canonical
 * encoding, expiry, a future issue date, and each bound on its fields.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { lengthPrefixed, sha256, toHex, utf8 } from '../../src/crypto/index.ts'
import {
  MAX_ATTESTATION, MAX_ATTESTATION_LIFETIME, MAX_CLOCK_SKEW, MAX_LEGAL_NAME, MAX_REVOKED, MAX_SCOPE,
  attestationId, attestationIdHex, checkRevokedList, decodeAttestation, decodeAttestationText, encodeAttestationText, signAttestation, verifyAttestation
} from '../../src/records/index.ts'
import type { UnsignedAttestation } from '../../src/records/index.ts'
import { records } from '../../src/wire/index.ts'
import { flipBit } from '../utils/session.ts'
import { DAY, EXPIRED, NOW, accountKeyPair, invalid } from './helpers.ts'

const chamber = accountKeyPair('chamber of commerce')
const acme = accountKeyPair('acme')

const FIELDS: UnsignedAttestation = {
  business: acme.publicKey,
  legalName: 'Acme Ltd',
  domain: 'acme.example',
  scope: 'legal-entity domain',
  issued: NOW,
  expires: NOW + 365 * DAY
}

const attest = (extra: Partial<UnsignedAttestation> = {}): Uint8Array => signAttestation({ ...FIELDS, ...extra }, chamber)

/** Re-encodes an attestation with `edit` applied and signs it with `signer` as a forger could (bypassing signAttestation's checks). */
function forge (bytes: Uint8Array, edit: (wire: records.Attestation) => void, label = 'kabar/v1/sig/attestation', signer = chamber): Uint8Array {
  const wire = records.Attestation.decode(bytes)
  edit(wire)
  wire.signature = new Uint8Array(0)
  wire.signature = signer.sign(lengthPrefixed(utf8(label), records.Attestation.encode(wire))) as Uint8Array<ArrayBuffer>
  return records.Attestation.encode(wire)
}

/** Re-encodes with `edit` applied, keeping the old signature (a tampered field). */
function tamper (bytes: Uint8Array, edit: (wire: records.Attestation) => void): Uint8Array {
  const wire = records.Attestation.decode(bytes)
  edit(wire)
  return records.Attestation.encode(wire)
}

describe('records/attestation: round trip', () => {
  it('decodes to the signed fields, with the verifier key, and verifies', () => {
    const bytes = attest()
    const att = decodeAttestation(bytes)
    assert.deepEqual(att.verifier, chamber.publicKey)
    assert.deepEqual(att.business, acme.publicKey)
    assert.equal(att.legalName, 'Acme Ltd')
    assert.equal(att.domain, 'acme.example')
    assert.equal(att.scope, 'legal-entity domain')
    assert.equal(att.issued, NOW)
    assert.equal(att.expires, NOW + 365 * DAY)
    assert.equal(att.signature.length, 64)
    verifyAttestation(att, NOW)
    verifyAttestation(att, NOW + 364 * DAY)
  })

  it('accepts international names and IDN domains in A-label form', () => {
    const att = decodeAttestation(attest({ legalName: 'Bäckerei Müller GmbH — Zürich', domain: 'xn--bckerei-mller-rmb.example.xn--p1ai', scope: 'Handelsregister' }))
    verifyAttestation(att, NOW)
    assert.equal(att.legalName, 'Bäckerei Müller GmbH — Zürich')
  })

  it('the id is SHA-256 of the exact bytes, and differs per attestation', () => {
    const bytes = attest()
    assert.deepEqual(attestationId(bytes), sha256(bytes))
    assert.equal(attestationIdHex(bytes), toHex(sha256(bytes)))
    assert.equal(attestationIdHex(bytes).length, 64)
    assert.notEqual(attestationIdHex(attest({ issued: NOW + 1 })), attestationIdHex(bytes))
    // Ed25519 is deterministic: the same fields give the same attestation and id.
    assert.equal(attestationIdHex(attest()), attestationIdHex(bytes))
  })

  it('the text form is standard padded base64 and round-trips, ignoring surrounding white space', () => {
    const bytes = attest()
    const text = encodeAttestationText(bytes)
    assert.equal(text, Buffer.from(bytes).toString('base64'))
    assert.deepEqual(decodeAttestationText(text), bytes)
    assert.deepEqual(decodeAttestationText(`  ${text}\n`), bytes)
  })
})

describe('records/attestation: refused', () => {
  it('a tampered field or signature does not verify', () => {
    const bytes = attest()
    const edits: Array<(w: records.Attestation) => void> = [
      (w) => { w.legalName = 'Acme Holdings Ltd' },
      (w) => { w.domain = 'acme-login.example' },
      (w) => { w.scope = 'legal-entity domain bank' },
      (w) => { w.expires += BigInt(DAY) },
      (w) => { w.issued -= 1n },
      (w) => { w.businessKey = accountKeyPair('mallory').publicKey as Uint8Array<ArrayBuffer> },
      (w) => { w.verifierKey = accountKeyPair('mallory').publicKey as Uint8Array<ArrayBuffer> }
    ]
    for (const edit of edits) {
      const att = decodeAttestation(tamper(bytes, edit))
      assert.throws(() => { verifyAttestation(att, NOW) }, invalid(/signature does not verify/))
    }
    const sigByte = bytes.length - 1
    const att = decodeAttestation(flipBit(bytes, sigByte * 8))
    assert.throws(() => { verifyAttestation(att, NOW) }, invalid(/signature does not verify/))
  })

  it('a signature made under another domain (or none) does not verify', () => {
    for (const label of ['kabar/v1/sig/device-certificate', 'kabar/v1/record/account', '']) {
      const att = decodeAttestation(forge(attest(), () => {}, label))
      assert.throws(() => { verifyAttestation(att, NOW) }, invalid(/signature does not verify/))
    }
    // The forge helper itself is faithful: under the right label it verifies.
    verifyAttestation(decodeAttestation(forge(attest(), () => {})), NOW)
  })

  it('only the canonical encoding is accepted', () => {
    const bytes = attest()
    // The same fields with a duplicated field, an unknown field, and fields out of order.
    const duplicated = Uint8Array.from([...bytes, 0x2a, 0x01, 0x78])
    const unknown = Uint8Array.from([...bytes, 0x48, 0x01])
    const first = bytes.subarray(0, 34)
    const reordered = Uint8Array.from([...bytes.subarray(34), ...first])
    // An explicit default value (issued = 0 spelled out) is another spelling.
    const zero = forge(bytes, (w) => { w.issued = 0n })
    const explicitZero = Uint8Array.from([...zero.subarray(0, zero.length - 66), 0x30, 0x00, ...zero.subarray(zero.length - 66)])
    for (const spelling of [duplicated, unknown, reordered, explicitZero]) {
      assert.throws(() => decodeAttestation(spelling), invalid(/not canonically encoded|malformed/))
    }
    // Invalid UTF-8 in a string is replaced by the decoder, so it re-encodes differently.
    const badUtf8 = tamper(bytes, (w) => { w.legalName = 'X' })
    const at = Buffer.from(badUtf8).indexOf(Buffer.from([0x1a, 0x01, 0x58])) + 2 // legal_name: tag 3, length 1, "X"
    assert.ok(at > 2)
    const patched = new Uint8Array(badUtf8)
    patched[at] = 0xff
    assert.throws(() => decodeAttestation(patched), invalid(/not canonically encoded/))
  })

  it('malformed, truncated or oversized bytes', () => {
    const bytes = attest()
    assert.throws(() => decodeAttestation(bytes.subarray(0, bytes.length - 1)), invalid(/malformed|signature must be 64/))
    assert.throws(() => decodeAttestation(Uint8Array.of(0xff, 0xff, 0xff)), invalid(/malformed/))
    assert.throws(() => decodeAttestation(new Uint8Array(MAX_ATTESTATION + 1)), invalid(/over the limit/))
    assert.throws(() => decodeAttestation(new Uint8Array(0)), invalid(/verifier key must be 32/))
    assert.throws(() => decodeAttestation('abc' as unknown as Uint8Array), TypeError)
  })

  it('keys and signature of the wrong length', () => {
    const bytes = attest()
    assert.throws(() => decodeAttestation(forge(bytes, (w) => { w.verifierKey = new Uint8Array(33) })), invalid(/verifier key must be 32 bytes, got 33/))
    assert.throws(() => decodeAttestation(forge(bytes, (w) => { w.businessKey = new Uint8Array(31) })), invalid(/business key must be 32 bytes, got 31/))
    assert.throws(() => decodeAttestation(tamper(bytes, (w) => { w.signature = new Uint8Array(65) })), invalid(/signature must be 64 bytes, got 65/))
    assert.throws(() => decodeAttestation(tamper(bytes, (w) => { w.signature = new Uint8Array(0) })), invalid(/signature must be 64 bytes, got 0/))
  })

  it('expired (beyond the clock-skew allowance) and issued in the future', () => {
    const att = decodeAttestation(attest({ expires: NOW + DAY }))
    verifyAttestation(att, NOW + DAY + MAX_CLOCK_SKEW - 1)
    assert.throws(() => { verifyAttestation(att, NOW + DAY + MAX_CLOCK_SKEW) }, EXPIRED)
    verifyAttestation(att, NOW - MAX_CLOCK_SKEW)
    assert.throws(() => { verifyAttestation(att, NOW - MAX_CLOCK_SKEW - 1) }, invalid(/issued in the future/))
    assert.throws(() => { verifyAttestation(att, -1) }, RangeError)
  })

  it('times: expires after issued, within MAX_ATTESTATION_LIFETIME', () => {
    decodeAttestation(attest({ expires: NOW + MAX_ATTESTATION_LIFETIME }))
    assert.throws(() => attest({ expires: NOW + MAX_ATTESTATION_LIFETIME + 1 }), { name: 'RangeError', message: /lifetime is over the limit/ })
    assert.throws(() => attest({ expires: NOW }), { name: 'RangeError', message: /expires must be after issued/ })
    assert.throws(() => attest({ issued: 1.5 }), RangeError)
    const bytes = attest()
    assert.throws(() => decodeAttestation(forge(bytes, (w) => { w.expires = w.issued + BigInt(MAX_ATTESTATION_LIFETIME) + 1n })), invalid(/lifetime is over the limit/))
    assert.throws(() => decodeAttestation(forge(bytes, (w) => { w.expires = w.issued })), invalid(/expires must be after issued/))
    assert.throws(() => decodeAttestation(forge(bytes, (w) => { w.issued = 2n ** 60n; w.expires = 2n ** 60n + 1n })), invalid(/exceeds 2\^53 - 1/))
  })

  it('legal name and scope: non-empty, bounded, no control or bidi characters, NFC, trimmed', () => {
    decodeAttestation(attest({ legalName: 'x'.repeat(MAX_LEGAL_NAME), scope: '😀'.repeat(MAX_SCOPE) }))
    const bad: Array<[Partial<UnsignedAttestation>, RegExp]> = [
      [{ legalName: '' }, /legal name is empty/],
      [{ legalName: 'x'.repeat(MAX_LEGAL_NAME + 1) }, /legal name is longer than 128/],
      [{ legalName: 'Acme\u202EdtL' }, /legal name contains control or bidi/],
      [{ legalName: 'Acme\nLtd' }, /legal name contains control or bidi/],
      [{ legalName: 'Cafe\u0301 Ltd' }, /legal name is not in Unicode NFC/],
      [{ legalName: ' Acme Ltd' }, /legal name has leading or trailing white space/],
      [{ scope: '' }, /scope is empty/],
      [{ scope: 'x'.repeat(MAX_SCOPE + 1) }, /scope is longer than 64/],
      [{ scope: 'domain\u2066' }, /scope contains control or bidi/]
    ]
    const bytes = attest()
    for (const [fields, message] of bad) {
      assert.throws(() => attest(fields), { name: 'RangeError', message }, JSON.stringify(fields))
      const forged = forge(bytes, (w) => {
        if (fields.legalName !== undefined) w.legalName = fields.legalName
        if (fields.scope !== undefined) w.scope = fields.scope
      })
      assert.throws(() => decodeAttestation(forged), invalid(message), JSON.stringify(fields))
    }
  })

  it('domain: a lowercase DNS name with an alphabetic top-level domain', () => {
    for (const domain of ['a.io', 'shop.acme.example', 'x1-y2.co.uk', `${'a'.repeat(63)}.example`]) decodeAttestation(attest({ domain }))
    const bad: Array<[string, RegExp]> = [
      ['', /domain is empty/],
      ['Acme.example', /lowercase/],
      ['localhost', /at least two labels/],
      ['acme.example.', /DNS name/],
      ['-acme.example', /DNS name/],
      ['acme-.example', /DNS name/],
      ['ac_me.example', /DNS name/],
      ['acme..example', /DNS name/],
      ['bäckerei.example', /DNS name/],
      ['https://acme.example', /DNS name/],
      [`${'a'.repeat(64)}.example`, /DNS name/],
      ['10.0.0.1', /alphabetic top-level/],
      ['acme.e', /alphabetic top-level/],
      [`${'a.'.repeat(127)}example`, /longer than 253/]
    ]
    const bytes = attest()
    for (const [domain, message] of bad) {
      assert.throws(() => attest({ domain }), { name: 'RangeError', message }, domain)
      assert.throws(() => decodeAttestation(forge(bytes, (w) => { w.domain = domain })), invalid(message), domain)
    }
  })

  it('sign refuses bad arguments with TypeError/RangeError naming them', () => {
    assert.throws(() => attest({ business: new Uint8Array(31) }), { name: 'RangeError', message: /business/ })
    assert.throws(() => attest({ business: 'acme' as unknown as Uint8Array }), { name: 'TypeError', message: /business/ })
    assert.throws(() => attest({ legalName: 7 as unknown as string }), { name: 'TypeError', message: /legalName must be a string/ })
    assert.throws(() => attest({ expires: -1 }), { name: 'RangeError', message: /expires/ })
  })

  it('the text form is strict', () => {
    const text = encodeAttestationText(attest())
    const bad = [
      '',
      text.replace(/=+$/, ''), // padding required
      text.replaceAll('+', '-').replaceAll('/', '_'), // base64url is another spelling
      `${text.slice(0, 10)} ${text.slice(10)}`, // inner white space
      `${text}A===`,
      'A'.repeat(Math.ceil(MAX_ATTESTATION / 3) * 4 + 4)
    ]
    for (const t of bad) {
      if (t === text) continue
      assert.throws(() => decodeAttestationText(t), { code: 'INVALID_RECORD' }, t.slice(0, 20))
    }
    // Non-zero pad bits: "QQ==" is "A"; "QR==" decodes to "A" too in lax decoders.
    assert.deepEqual(decodeAttestationText('QQ=='), utf8('A'))
    assert.throws(() => decodeAttestationText('QR=='), invalid(/non-zero pad bits/))
    assert.throws(() => decodeAttestationText(7 as unknown as string), TypeError)
  })
})

describe('records/attestation: the revoked list of an account record', () => {
  const id = (n: number): Uint8Array => new Uint8Array(32).fill(n)

  it('accepts up to MAX_REVOKED distinct 32-byte ids and returns copies', () => {
    assert.deepEqual(checkRevokedList([]), [])
    const list = Array.from({ length: MAX_REVOKED }, (_, i) => id(i))
    const checked = checkRevokedList(list)
    assert.deepEqual(checked, list)
    assert.notEqual(checked[0], list[0])
  })

  it('refuses too many, a wrong length, or an id twice', () => {
    assert.throws(() => checkRevokedList(Array.from({ length: MAX_REVOKED + 1 }, (_, i) => id(i))), invalid(/over the limit of 64/))
    assert.throws(() => checkRevokedList([id(1), new Uint8Array(31)]), invalid(/revoked\[1\] must be 32 bytes, got 31/))
    assert.throws(() => checkRevokedList([id(1), id(2), id(1)]), invalid(/twice/))
    assert.throws(() => checkRevokedList('x' as unknown as Uint8Array[]), TypeError)
  })
})
