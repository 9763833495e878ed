/**
 * The per-peer budget's arithmetic, on a fake clock: a bucket that refills,
 * a denial once it runs dry (told once, with the reason), a longer one for a
 * repeat, a larger bucket for trusted peers, and bounded tracking.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { COST_FAULT, COST_STREAM, PEER_BUDGET_BURST, PEER_BUDGET_PER_S, PEER_DENY_MS, TRUSTED_BUDGET_FACTOR } from '../../src/net/constants.ts'
import { PeerBudget } from '../../src/net/peer-budget.ts'

function budget (init: ConstructorParameters<typeof PeerBudget>[0] = {}): { b: PeerBudget, clock: { now: number }, denials: Array<{ peer: string, reason: string, ms: number }> } {
  const clock = { now: 0 }
  const denials: Array<{ peer: string, reason: string, ms: number }> = []
  const b = new PeerBudget({ clock: () => clock.now, onDeny: (peer, reason, ms) => { denials.push({ peer, reason, ms }) }, ...init })
  return { b, clock, denials }
}

describe('net/peer-budget', () => {
  it('denies a peer once its faults spend the bucket, tells once with the reason, and refuses it until the sentence is served', () => {
    const { b, clock, denials } = budget()
    const faults = Math.floor(PEER_BUDGET_BURST / COST_FAULT)
    for (let i = 0; i < faults; i++) assert.equal(b.charge('mallory', 'fault'), true, `fault ${i} is within the burst`)
    assert.equal(b.charge('mallory', 'fault'), false)
    assert.equal(b.charge('mallory', 'stream'), false, 'everything is refused while denied')
    assert.equal(denials.length, 1, 'told once')
    assert.equal(denials[0]?.peer, 'mallory')
    assert.match(denials[0]?.reason ?? '', /^over budget: \d+ faults/)
    assert.equal(denials[0]?.ms, PEER_DENY_MS)
    assert.equal(b.isDenied('mallory'), true)
    assert.equal(b.isDenied('alice'), false, 'others are not affected')
    assert.deepEqual({ denied: b.stats().denied, denials: b.stats().denials }, { denied: 1, denials: 1 })

    clock.now += PEER_DENY_MS
    assert.equal(b.isDenied('mallory'), false)
    assert.equal(b.charge('mallory', 'stream'), true, 'a fresh bucket after the sentence')
    for (let i = 0; i <= faults; i++) b.charge('mallory', 'fault')
    assert.equal(denials.length, 2)
    assert.equal(denials[1]?.ms, 2 * PEER_DENY_MS, 'a repeat is refused twice as long')
  })

  it('refills at its rate, so an honest peer\'s steady streams never run it dry', () => {
    const { b, clock, denials } = budget()
    // Five times the refill rate for a while: the burst absorbs it, then the bucket runs dry.
    let refusedAt = -1
    for (let s = 0; s < 600 && refusedAt < 0; s++) {
      clock.now = s * 1000
      for (let i = 0; i < 5 * PEER_BUDGET_PER_S / COST_STREAM; i++) if (!b.charge('busy', 'stream')) refusedAt = s
    }
    assert.ok(refusedAt > 0 && refusedAt < 600, `a flood at five times the rate is refused (after ${refusedAt} s)`)
    // At the rate itself: never.
    for (let s = 0; s < 600; s++) {
      clock.now = 10_000_000 + s * 1000
      for (let i = 0; i < PEER_BUDGET_PER_S / COST_STREAM; i++) assert.equal(b.charge('steady', 'stream'), true)
    }
    assert.deepEqual(denials.map((d) => d.peer), ['busy'])
  })

  it('gives trusted peers TRUSTED_BUDGET_FACTOR times the bucket, and charges bytes by the MiB', () => {
    const { b } = budget({ trusted: (peer) => peer === 'contact' })
    const faults = Math.floor(PEER_BUDGET_BURST / COST_FAULT) + 1
    for (let i = 0; i < faults; i++) b.charge('stranger', 'fault')
    for (let i = 0; i < faults; i++) assert.equal(b.charge('contact', 'fault'), true)
    assert.equal(b.isDenied('stranger'), true)
    assert.equal(b.isDenied('contact'), false)
    for (let i = 0; i < faults * (TRUSTED_BUDGET_FACTOR - 1); i++) b.charge('contact', 'fault')
    assert.equal(b.isDenied('contact'), true, 'a contact has a budget too')
    assert.equal(b.charge('bulk', 'bytes', 1024 * 1024), true)
    assert.equal(b.stats().charged.bytes, 1024 * 1024)
  })

  it('tracks at most maxTracked peers, forgetting idle ones first and never a denied one while others can go', () => {
    const { b } = budget({ maxTracked: 10 })
    for (let i = 0; i <= Math.floor(PEER_BUDGET_BURST / COST_FAULT); i++) b.charge('denied', 'fault')
    for (let i = 0; i < 50; i++) b.charge(`idle-${i}`, 'stream', 0)
    assert.ok(b.stats().tracked <= 10)
    assert.equal(b.isDenied('denied'), true)
  })
})
