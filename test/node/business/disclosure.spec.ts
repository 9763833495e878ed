/**
 * The customer's decision about a business profile, without a network:
 * first contact, same, narrower, wider (held), rolled back, equivocating,
 * swapped and too far ahead; and the diff and sentences a person reads.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Ed25519KeyPair } from '../../../src/crypto/index.ts'
import { decodeBusinessProfile, encodeBusinessProfile, profileHash } from '../../../src/records/index.ts'
import type { BusinessProfile, DeviceCertificate } from '../../../src/records/index.ts'
import { decide, describeDiff, diffProfiles, profileView, summarize } from '../../../src/node/business/disclosure.ts'
import type { DisclosureState } from '../../../src/node/business/disclosure.ts'
import { NOW, businessProfile, certify, device } from '../../records/helpers.ts'
import { seededRandom } from '../../utils/random.ts'

const acme = Ed25519KeyPair.generate(seededRandom('disclosure-acme'))
const front = certify(acme, device('d-front'), 'primary', 'Front desk')
const dewi = certify(acme, device('d-dewi'), 'agent', 'Dewi')
const budi = certify(acme, device('d-budi'), 'agent', 'Budi')
const POLICY = { url: 'https://helpdesk.example/privacy', sha256: new Uint8Array(32).fill(3) }
const helpdesk = { name: 'HelpdeskCo', purposes: ['store' as const, 'reply' as const], region: 'EU', retentionDays: 30, privacyPolicy: POLICY, endpoint: 'hooks.helpdesk.example' }

/** A chain of versions, each built on the one before. */
function chain (steps: Array<{ devices: DeviceCertificate[], extra?: Partial<BusinessProfile> }>): Array<{ bytes: Uint8Array, profile: BusinessProfile }> {
  const out: Array<{ bytes: Uint8Array, profile: BusinessProfile }> = []
  const hashes: Uint8Array[] = []
  steps.forEach((step, i) => {
    const bytes = businessProfile(step.devices, { version: i + 1, prev: hashes.at(-1) ?? new Uint8Array(0), earlier: hashes.slice(0, -1).reverse(), published: NOW + i, ...step.extra })
    hashes.push(profileHash(bytes))
    out.push({ bytes, profile: decodeBusinessProfile(bytes) })
  })
  return out
}

const empty: DisclosureState = { seen: {}, held: [] }

describe('disclosure: what a send to a business decides', () => {
  const [v1, v2, v3, v4] = chain([
    { devices: [front, dewi] },
    { devices: [front, dewi, budi] },
    { devices: [front, dewi] },
    { devices: [front, dewi], extra: { processors: [helpdesk] } }
  ]) as Array<{ bytes: Uint8Array, profile: BusinessProfile }>

  it('first contact accepts the profile shown; the same profile sends', () => {
    const first = decide(empty, v1.bytes, v1.profile)
    assert.equal(first.decision.kind, 'send')
    assert.equal(first.state.accepted?.version, 1)
    const again = decide(first.state, v1.bytes, v1.profile)
    assert.deepEqual(again.decision, { kind: 'send', accepted: first.state.accepted, first: false })
  })

  it('a new reader holds until accepted; fewer readers go through', () => {
    const s1 = decide(empty, v1.bytes, v1.profile).state
    const wider = decide(s1, v2.bytes, v2.profile)
    assert.equal(wider.decision.kind, 'hold')
    assert.equal(wider.state.accepted?.version, 1)
    assert.equal(wider.state.pending?.version, 2)
    const accepted: DisclosureState = { ...wider.state, accepted: wider.state.pending }
    delete accepted.pending
    const narrower = decide(accepted, v3.bytes, v3.profile)
    assert.equal(narrower.decision.kind, 'send')
    assert.equal(narrower.state.accepted?.version, 3)
  })

  it('a processor added two versions later still holds; the chain is checked across the gap', () => {
    const s1 = decide(empty, v1.bytes, v1.profile).state
    const jump = decide(s1, v4.bytes, v4.profile)
    assert.equal(jump.decision.kind, 'hold')
    if (jump.decision.kind !== 'hold') return
    assert.deepEqual(jump.decision.diff.addedProcessors.map((p) => p.name), ['HelpdeskCo'])
    assert.match(describeDiff('Acme', jump.decision.diff), /shares messages with HelpdeskCo \(store, reply, kept 30 days\).*wait until you accept/)
  })

  it('rolled back, equivocating or swapped: rejected, the accepted version kept', () => {
    const s3 = decide(decide(empty, v3.bytes, v3.profile).state, v3.bytes, v3.profile).state
    const back = decide(s3, v1.bytes, v1.profile)
    assert.equal(back.decision.kind, 'reject')
    assert.match(back.decision.kind === 'reject' ? back.decision.reason : '', /rolled back/)
    assert.equal(back.state.accepted?.version, 3)

    const other = businessProfile([front, dewi], { version: 3, prev: v3.profile.prev, earlier: v3.profile.earlier, displayName: 'Acme!', published: NOW + 2 })
    const twin = decide(s3, other, decodeBusinessProfile(other))
    assert.match(twin.decision.kind === 'reject' ? twin.decision.reason : '', /equivocation/)

    const forked = businessProfile([front, dewi], { version: 4, prev: new Uint8Array(32).fill(9), earlier: v3.profile.earlier.slice(0, 2), published: NOW + 3 })
    const swap = decide(s3, forked, decodeBusinessProfile(forked))
    assert.match(swap.decision.kind === 'reject' ? swap.decision.reason : '', /does not descend/)
    assert.equal(swap.decision.kind === 'reject' && swap.decision.fresh, true)
    const repeat = decide(swap.state, forked, decodeBusinessProfile(forked)).decision
    assert.equal(repeat.kind === 'reject' ? repeat.fresh : undefined, false, 'the same refusal is reported once')
  })

  it('a version seen earlier with another hash is equivocation even when newer than accepted', () => {
    const s1 = decide(empty, v1.bytes, v1.profile).state
    const seenV2 = decide(s1, v2.bytes, v2.profile).state
    const otherV2 = encodeBusinessProfile({ ...v2.profile, displayName: 'Acme two' })
    const result = decide(seenV2, otherV2, decodeBusinessProfile(otherV2))
    assert.match(result.decision.kind === 'reject' ? result.decision.reason : '', /equivocation/)
  })

  it('diffs field by field and says it in words', () => {
    const diff = diffProfiles(v1.profile, v4.profile)
    assert.equal(diff.from, 1)
    assert.equal(diff.to, 4)
    assert.equal(diff.widens, true)
    const retention = diffProfiles(v4.profile, { ...v4.profile, processors: [{ ...helpdesk, retentionDays: 90 }] })
    assert.deepEqual(retention.changedProcessors, [{ name: 'HelpdeskCo', changes: [{ field: 'retentionDays', from: '30', to: '90' }] }])
    assert.equal(retention.widens, true, 'keeping messages longer needs consent')
    const shorter = diffProfiles(v4.profile, { ...v4.profile, processors: [{ ...helpdesk, retentionDays: 7 }] })
    assert.equal(shorter.widens, false)

    const view = profileView('12D3KooWacme', v4.bytes, v4.profile, [])
    const lines = summarize(view, ['Not verified: 0 of 1 trusted verifiers needed'])
    assert.equal(lines[0], '1 person at Acme and 1 device of Acme can read your messages.')
    assert.ok(lines.includes('Acme shares messages with HelpdeskCo to store and reply, in EU, kept 30 days (outside end-to-end encryption).'), lines.join(' | '))
    assert.ok(lines.includes('Not verified: 0 of 1 trusted verifiers needed.'))
  })
})
