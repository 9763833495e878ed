/**
 * node/trust and node/verifier: the user's rule (k of the verifiers they
 * trust) applied to a business's attestations, the trust list kept in the
 * store, and a verifier's own issue/revoke side.
 * Verifier cases: valid, expired, untrusted verifier, below the k rule, two
 * from one verifier, revoked, wrong business, tampered, labels shown.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { Ed25519KeyPair, sha256, toHex } from '../../../src/crypto/index.ts'
import { DEFAULT_ATTESTATION_SCOPE, MAX_ATTESTATION_DAYS, Verifier } from '../../../src/node/trust/verifier.ts'
import { MAX_TRUSTED_VERIFIERS, Trust, evaluateAttestations, trustWarnings, verificationSummary } from '../../../src/node/trust/trust.ts'
import type { TrustSettings } from '../../../src/node/types.ts'
import {
  MAX_CLOCK_SKEW, MAX_REVOKED, attestationIdHex, checkRevokedList, decodeAttestation, decodeAttestationText, peerIdStringFromEd25519, signAttestation
} from '../../../src/records/index.ts'
import type { UnsignedAttestation } from '../../../src/records/index.ts'
import { openStore } from '../../../src/store/index.ts'
import { seededRandom } from '../../utils/random.ts'
import { flipBit } from '../../utils/session.ts'

const NOW = Date.UTC(2026, 5, 1)
const DAY = 24 * 60 * 60 * 1000

const key = (name: string): Ed25519KeyPair => Ed25519KeyPair.generate(seededRandom(`trust:${name}`))
const addressOf = (pair: Ed25519KeyPair): string => peerIdStringFromEd25519(pair.publicKey)

const chamber = key('chamber')
const registrar = key('registrar')
const stranger = key('stranger')
const acme = key('acme')
const other = key('other business')

function attest (verifier: Ed25519KeyPair, extra: Partial<UnsignedAttestation> = {}): Uint8Array {
  return signAttestation({
    business: acme.publicKey,
    legalName: 'Acme Ltd',
    domain: 'acme.example',
    scope: 'legal-entity domain',
    issued: NOW - DAY,
    expires: NOW + 365 * DAY,
    ...extra
  }, verifier)
}

const settings = (threshold: number, ...verifiers: Array<[Ed25519KeyPair, string?]>): TrustSettings => ({
  threshold,
  verifiers: verifiers.map(([pair, label], i) => ({ address: addressOf(pair), addedAt: NOW - i, ...(label === undefined ? {} : { label }) }))
})

const evaluate = (attestations: Uint8Array[], trusted: TrustSettings, revoked: Record<string, string[]> = {}, now = NOW): ReturnType<typeof evaluateAttestations> =>
  evaluateAttestations({ business: acme.publicKey, attestations, trusted, now, revoked: (address) => (address in revoked ? new Set(revoked[address]) : undefined) })

describe('node/trust: evaluateAttestations (the k-of-n rule)', () => {
  it('valid: one attestation from a trusted verifier verifies with the default k = 1, and names the verifier', () => {
    const bytes = attest(chamber)
    const view = evaluate([bytes], settings(1, [chamber, 'Chamber of Commerce']))
    assert.equal(view.verified, true)
    assert.equal(view.required, 1)
    assert.equal(view.attestations.length, 1)
    const [att] = view.attestations
    assert.ok(att !== undefined)
    assert.equal(att.counts, true)
    assert.equal(att.reason, undefined)
    assert.equal(att.id, attestationIdHex(bytes))
    assert.equal(att.verifier, addressOf(chamber))
    assert.equal(att.verifierLabel, 'Chamber of Commerce')
    assert.equal(att.business, addressOf(acme))
    assert.equal(att.legalName, 'Acme Ltd')
    assert.equal(att.domain, 'acme.example')
    assert.equal(att.expires, NOW + 365 * DAY)
    const short = `${addressOf(chamber).slice(0, 8)}…${addressOf(chamber).slice(-5)}`
    assert.deepEqual(verificationSummary(view), [`Verified by Chamber of Commerce (${short}): Acme Ltd, acme.example, until 2027-06-01`])
  })

  it('expired: does not count once expiry plus the clock skew has passed', () => {
    const bytes = attest(chamber, { expires: NOW + DAY })
    const trusted = settings(1, [chamber])
    assert.equal(evaluate([bytes], trusted, {}, NOW + DAY + MAX_CLOCK_SKEW - 1).verified, true)
    const view = evaluate([bytes], trusted, {}, NOW + DAY + MAX_CLOCK_SKEW)
    assert.equal(view.verified, false)
    assert.equal(view.attestations[0]?.counts, false)
    assert.equal(view.attestations[0]?.reason, 'expired')
    const summary = verificationSummary(view)
    assert.equal(summary[0], 'Not verified: 0 of 1 trusted verifiers needed')
    assert.match(summary[1] ?? '', /^Not counted: .* vouched for Acme Ltd, acme\.example, until 2026-06-02; that has expired$/)
  })

  it('untrusted verifier: a valid attestation from someone the user does not trust does not count, and its claims are not repeated', () => {
    const view = evaluate([attest(stranger, { legalName: 'Acme Bank' })], settings(1, [chamber]))
    assert.equal(view.verified, false)
    assert.equal(view.attestations[0]?.reason, 'untrusted')
    assert.equal(view.attestations[0]?.verifierLabel, undefined)
    const summary = verificationSummary(view)
    assert.match(summary[1] ?? '', /a verifier you do not trust$/)
    assert.ok(!summary.join('\n').includes('Acme Bank'))
  })

  it('below the k rule: k = 2 with one trusted verifier vouching is not verified; a second one makes it', () => {
    const trusted = settings(2, [chamber, 'Chamber'], [registrar, 'Registrar'])
    const one = evaluate([attest(chamber)], trusted)
    assert.equal(one.verified, false)
    assert.equal(one.required, 2)
    assert.equal(one.attestations[0]?.counts, true)
    const summary = verificationSummary(one)
    assert.equal(summary[0], 'Not verified: 1 of 2 trusted verifiers needed')
    assert.match(summary[1] ?? '', /^Vouched for by Chamber \(12D3KooW….{5}\): Acme Ltd, acme\.example, until 2027-06-01$/)
    const two = evaluate([attest(chamber), attest(registrar, { expires: NOW + 30 * DAY })], trusted)
    assert.equal(two.verified, true)
    assert.deepEqual(verificationSummary(two).map((line) => line.split(' (')[0]), ['Verified by Chamber', 'Verified by Registrar'])
  })

  it('two attestations from the same verifier count once toward k; the summary shows the longer-lived one', () => {
    const trusted = settings(2, [chamber, 'Chamber'], [registrar])
    const view = evaluate([attest(chamber, { expires: NOW + 10 * DAY }), attest(chamber, { scope: 'domain' })], trusted)
    assert.deepEqual(view.attestations.map((a) => a.counts), [true, true])
    assert.equal(view.verified, false)
    const summary = verificationSummary(view)
    assert.equal(summary[0], 'Not verified: 1 of 2 trusted verifiers needed')
    assert.equal(summary.length, 2)
    assert.match(summary[1] ?? '', /until 2027-06-01$/)
  })

  it('revoked: an id in the verifier\'s revoked list does not count; revocations by another verifier do not matter', () => {
    const bytes = attest(chamber)
    const id = attestationIdHex(bytes)
    const trusted = settings(1, [chamber, 'Chamber'], [registrar])
    const view = evaluate([bytes], trusted, { [addressOf(chamber)]: [id] })
    assert.equal(view.verified, false)
    assert.equal(view.attestations[0]?.reason, 'revoked')
    assert.match(verificationSummary(view)[1] ?? '', /^Not counted: Chamber \(.*\) revoked its attestation of Acme Ltd, acme\.example$/)
    // Revoked and expired: revoked is the stronger statement.
    assert.equal(evaluate([bytes], trusted, { [addressOf(chamber)]: [id] }, NOW + 400 * DAY).attestations[0]?.reason, 'revoked')
    assert.equal(evaluate([bytes], trusted, { [addressOf(registrar)]: [id] }).verified, true)
    // An unreachable verifier record (undefined) is a soft fail: nothing known revoked.
    assert.equal(evaluate([bytes], trusted, {}).verified, true)
  })

  it('wrong business: an attestation copied from another business does not count', () => {
    const view = evaluate([attest(chamber, { business: other.publicKey })], settings(1, [chamber]))
    assert.equal(view.verified, false)
    assert.equal(view.attestations[0]?.reason, 'wrong-business')
    assert.equal(view.attestations[0]?.business, addressOf(other))
    assert.match(verificationSummary(view)[1] ?? '', /about another account$/)
  })

  it('tampered: a flipped signature bit, an edited field, or garbage is invalid and never counts', () => {
    const bytes = attest(chamber)
    const badSignature = flipBit(bytes, (bytes.length - 1) * 8)
    const edited = new Uint8Array(bytes)
    const at = Buffer.from(edited).indexOf(Buffer.from('Acme Ltd'))
    edited[at] = 'X'.charCodeAt(0)
    const garbage = Uint8Array.of(1, 2, 3)
    const future = attest(chamber, { issued: NOW + MAX_CLOCK_SKEW + 1 })
    const view = evaluate([badSignature, edited, garbage, future], settings(1, [chamber]))
    assert.equal(view.verified, false)
    assert.deepEqual(view.attestations.map((a) => a.reason), ['invalid', 'invalid', 'invalid', 'invalid'])
    assert.equal(view.attestations[1]?.legalName, 'Xcme Ltd')
    assert.equal(view.attestations[2]?.verifier, '')
    assert.equal(view.attestations[2]?.id, toHex(sha256(garbage)), 'even garbage is listed, by the hash of its bytes')
    const summary = verificationSummary(view)
    assert.equal(summary.filter((line) => line === 'Not counted: an attestation that is malformed or not validly signed').length, 4)
    assert.ok(!summary.join('\n').includes('Xcme'))
  })

  it('labels come from the user\'s trust list, not from the attestation; no attestations at all is not verified', () => {
    const view = evaluate([attest(chamber), attest(registrar)], settings(1, [chamber, 'My bank\'s pick'], [registrar]))
    assert.equal(view.attestations[0]?.verifierLabel, 'My bank\'s pick')
    assert.equal(view.attestations[1]?.verifierLabel, undefined)
    assert.match(verificationSummary(view)[1] ?? '', /^Verified by 12D3KooW….{5}: Acme Ltd/)
    const none = evaluate([], settings(1, [chamber]))
    assert.equal(none.verified, false)
    assert.deepEqual(verificationSummary(none), ['Not verified: 0 of 1 trusted verifiers needed'])
  })

  it('refuses a rule outside 1..MAX_TRUSTED_VERIFIERS', () => {
    for (const k of [0, -1, 1.5, MAX_TRUSTED_VERIFIERS + 1, Number.NaN]) {
      assert.throws(() => evaluate([], settings(k, [chamber])), { code: 'BAD_REQUEST' }, String(k))
    }
  })
})

describe('node/trust: the trust list in the store', () => {
  it('starts empty with k = 1, and warns that nothing can verify', async () => {
    const store = await openStore({ memory: true })
    try {
      const trust = new Trust({ store, now: () => NOW })
      const initial = await trust.settings()
      assert.deepEqual(initial, { verifiers: [], threshold: 1 })
      assert.match(trustWarnings(initial)[0] ?? '', /You trust no verifiers yet/)
    } finally {
      await store.close()
    }
  })

  it('adds, relabels, removes; k may exceed the number trusted and is reported', async () => {
    const store = await openStore({ memory: true })
    let clock = NOW
    try {
      const trust = new Trust({ store, now: () => clock })
      await trust.addVerifier(addressOf(chamber), '  Chamber of Commerce ')
      clock += 1000
      let s = await trust.addVerifier(addressOf(registrar))
      assert.deepEqual(s.verifiers, [
        { address: addressOf(chamber), label: 'Chamber of Commerce', addedAt: NOW },
        { address: addressOf(registrar), addedAt: NOW + 1000 }
      ])
      clock += 1000
      s = await trust.addVerifier(addressOf(chamber), 'KvK')
      assert.deepEqual(s.verifiers[0], { address: addressOf(chamber), label: 'KvK', addedAt: NOW })
      s = await trust.addVerifier(addressOf(chamber))
      assert.equal(s.verifiers[0]?.label, 'KvK', 'no label given keeps the old one')
      s = await trust.addVerifier(addressOf(chamber), '')
      assert.equal(s.verifiers[0]?.label, undefined, "'' clears the label")
      s = await trust.setThreshold(3)
      assert.equal(s.threshold, 3)
      assert.match(trustWarnings(s)[0] ?? '', /needs 3 trusted verifiers but you trust 2/)
      s = await trust.removeVerifier(addressOf(registrar))
      assert.deepEqual(s.verifiers.map((v) => v.address), [addressOf(chamber)])
      assert.equal(s.threshold, 3, 'removing a verifier does not lower k')
      s = await trust.setThreshold(1)
      assert.deepEqual(trustWarnings(s), [])
    } finally {
      await store.close()
    }
  })

  it('refuses bad input with stable codes', async () => {
    const store = await openStore({ memory: true })
    try {
      const trust = new Trust({ store, now: () => NOW })
      await assert.rejects(trust.addVerifier('12D3KooWnotapeerid'), { code: 'INVALID_ADDRESS', message: /^address: / })
      await assert.rejects(trust.addVerifier(addressOf(chamber), 'x'.repeat(65)), { code: 'BAD_REQUEST', message: /label is longer than 64/ })
      await assert.rejects(trust.addVerifier(addressOf(chamber), 'evil\u202Etxt'), { code: 'BAD_REQUEST', message: /bidi/ })
      await assert.rejects(trust.removeVerifier(addressOf(chamber)), { code: 'NOT_FOUND' })
      for (const k of [0, 33, 2.5, '2' as unknown as number]) await assert.rejects(trust.setThreshold(k), { code: 'BAD_REQUEST', message: /threshold must be a whole number from 1 to 32/ })
      assert.deepEqual(await trust.settings(), { verifiers: [], threshold: 1 })
    } finally {
      await store.close()
    }
  })

  it('trusts at most MAX_TRUSTED_VERIFIERS, also when adds race', async () => {
    const store = await openStore({ memory: true })
    try {
      const trust = new Trust({ store, now: () => NOW })
      const many = Array.from({ length: MAX_TRUSTED_VERIFIERS + 3 }, (_, i) => addressOf(key(`many ${i}`)))
      const results = await Promise.allSettled(many.map(async (address) => trust.addVerifier(address)))
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, MAX_TRUSTED_VERIFIERS)
      const refused = results.filter((r) => r.status === 'rejected')
      assert.equal(refused.length, 3)
      assert.match(String(refused[0]?.reason), /already trust 32 verifiers/)
      assert.equal((await trust.settings()).verifiers.length, MAX_TRUSTED_VERIFIERS)
      // Re-adding one already trusted is still allowed at the limit (it only relabels).
      await trust.addVerifier(many[0] ?? '', 'relabelled')
    } finally {
      await store.close()
    }
  })

  it('settings persist across reopening the data directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kabar-trust-'))
    try {
      const first = await openStore({ dir })
      await new Trust({ store: first, now: () => NOW }).addVerifier(addressOf(chamber), 'Chamber')
      await new Trust({ store: first }).setThreshold(2)
      await first.close()
      const again = await openStore({ dir })
      try {
        assert.deepEqual(await new Trust({ store: again }).settings(), {
          verifiers: [{ address: addressOf(chamber), label: 'Chamber', addedAt: NOW }],
          threshold: 2
        })
      } finally {
        await again.close()
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('node/verifier: issuing and revoking', () => {
  it('attests: normalises the input, returns the text form and its view, and the result verifies for the business', async () => {
    const store = await openStore({ memory: true })
    try {
      const verifier = new Verifier({ store, now: () => NOW })
      const { attestation, view } = await verifier.attest({ business: addressOf(acme), legalName: ' Acme Ltd ', domain: 'Acme.Example.', days: 30 }, chamber)
      const bytes = decodeAttestationText(attestation)
      assert.deepEqual(view, {
        id: attestationIdHex(bytes),
        verifier: addressOf(chamber),
        business: addressOf(acme),
        legalName: 'Acme Ltd',
        domain: 'acme.example',
        scope: DEFAULT_ATTESTATION_SCOPE,
        issued: NOW,
        expires: NOW + 30 * DAY
      })
      assert.deepEqual(await verifier.issued(), [view])
      assert.equal(evaluate([bytes], settings(1, [chamber])).verified, true)
      const idn = await verifier.attest({ business: addressOf(acme), legalName: 'Bäckerei Müller', domain: 'bäckerei.example', scope: 'Handelsregister', days: 1 }, chamber, NOW + 1)
      assert.equal(idn.view.domain, 'xn--bckerei-5wa.example') // Python: 'bäckerei'.encode('idna')
      assert.equal(decodeAttestation(decodeAttestationText(idn.attestation)).scope, 'Handelsregister')
    } finally {
      await store.close()
    }
  })

  it('refuses bad input, naming the field', async () => {
    const store = await openStore({ memory: true })
    try {
      const verifier = new Verifier({ store, now: () => NOW })
      const base = { business: addressOf(acme), legalName: 'Acme Ltd', domain: 'acme.example', days: 30 }
      const cases: Array<[Record<string, unknown>, Record<string, unknown>]> = [
        [{ business: 'acme' }, { code: 'INVALID_ADDRESS', message: /^business: / }],
        [{ legalName: '' }, { code: 'BAD_REQUEST', message: /legal name is empty/ }],
        [{ legalName: 42 }, { code: 'BAD_REQUEST', message: /legalName must be a string/ }],
        [{ domain: 'localhost' }, { code: 'BAD_REQUEST', message: /domain must have at least two labels/ }],
        [{ domain: '10.0.0.1' }, { code: 'BAD_REQUEST', message: /domain must end in an alphabetic top-level domain/ }],
        [{ domain: 'exa mple.com' }, { code: 'BAD_REQUEST', message: /domain/ }],
        [{ domain: '' }, { code: 'BAD_REQUEST', message: /domain: "" is not a domain name/ }],
        [{ scope: 'x'.repeat(65) }, { code: 'BAD_REQUEST', message: /scope is longer than 64/ }],
        [{ days: 0 }, { code: 'BAD_REQUEST', message: /days must be a whole number from 1 to 398/ }],
        [{ days: MAX_ATTESTATION_DAYS + 1 }, { code: 'BAD_REQUEST', message: /days/ }],
        [{ days: 1.5 }, { code: 'BAD_REQUEST', message: /days/ }]
      ]
      for (const [change, expected] of cases) {
        await assert.rejects(verifier.attest({ ...base, ...change }, chamber), expected, JSON.stringify(change))
      }
      await verifier.attest({ ...base, days: MAX_ATTESTATION_DAYS }, chamber)
      assert.equal((await verifier.issued()).length, 1)
    } finally {
      await store.close()
    }
  })

  it('revokes only its own ids, idempotently; revoked ids are listed until the attestation expires', async () => {
    const store = await openStore({ memory: true })
    let clock = NOW
    try {
      const verifier = new Verifier({ store, now: () => clock })
      const short = await verifier.attest({ business: addressOf(acme), legalName: 'Acme Ltd', domain: 'acme.example', days: 1 }, chamber)
      const long = await verifier.attest({ business: addressOf(acme), legalName: 'Acme Ltd', domain: 'acme.example', days: 90 }, chamber, NOW + 1)
      assert.deepEqual(await verifier.revokedIds(), [])
      await verifier.revoke(short.view.id.toUpperCase())
      await verifier.revoke(short.view.id)
      await verifier.revoke(long.view.id)
      const expected = [short.view.id, long.view.id].sort()
      assert.deepEqual((await verifier.revokedIds()).map(toHex), expected)
      // The lead publishes these in AccountRecord.revoked: they pass the account record's check.
      checkRevokedList(await verifier.revokedIds())
      // The evaluator sees them as revoked.
      const view = evaluate([decodeAttestationText(long.attestation)], settings(1, [chamber]), { [addressOf(chamber)]: (await verifier.revokedIds()).map(toHex) })
      assert.equal(view.attestations[0]?.reason, 'revoked')
      // After the short one has expired (plus skew) it is no longer listed.
      clock = NOW + DAY + MAX_CLOCK_SKEW
      assert.deepEqual((await verifier.revokedIds()).map(toHex), [long.view.id])
      const foreign = attestationIdHex(attest(registrar))
      await assert.rejects(verifier.revoke(foreign), { code: 'NOT_FOUND' })
      await assert.rejects(verifier.revoke('abc'), { code: 'BAD_REQUEST', message: /64 hex characters/ })
    } finally {
      await store.close()
    }
  })

  it(`refuses a revocation beyond MAX_REVOKED (${MAX_REVOKED}) in force`, async () => {
    const store = await openStore({ memory: true })
    try {
      const verifier = new Verifier({ store, now: () => NOW })
      const ids: string[] = []
      for (let i = 0; i <= MAX_REVOKED; i++) {
        const { view } = await verifier.attest({ business: addressOf(acme), legalName: 'Acme Ltd', domain: 'acme.example', days: 30 }, chamber, NOW + i)
        ids.push(view.id)
      }
      for (const id of ids.slice(0, MAX_REVOKED)) await verifier.revoke(id)
      await assert.rejects(verifier.revoke(ids[MAX_REVOKED] ?? ''), { code: 'CONFLICT' })
      assert.equal((await verifier.revokedIds()).length, MAX_REVOKED)
    } finally {
      await store.close()
    }
  })
})
