/**
 * The Double Ratchet through SessionRecord: ordering, loss, duplicates and
 * replays, and the skipped-key bounds (Signal DR §3.2 MAX_SKIP, libsignal
 * MAX_MESSAGE_KEYS).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MAX_SKIP, MAX_SKIPPED_TOTAL } from '../../src/session/index.ts'
import { DECRYPTION_FAILED, DUPLICATE, assertRejectedUnchanged, establishedPair, flipBit, headerOf, pairOf, rewrite, skippedCounts } from '../utils/session.ts'
import type { Party } from '../utils/session.ts'

/** `count` messages from `from`, texts `${tag}${i}`. */
function burst (from: Party, tag: string, count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => from.send(`${tag}${i}`))
}

describe('ratchet: ordering and loss', () => {
  it('delivers in order both ways, across many DH ratchet steps', () => {
    const { alice, bob } = pairOf('in-order')
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 3; i++) assert.equal(bob.receive(alice.send(`a${round}.${i}`)), `a${round}.${i}`)
      for (let i = 0; i < 3; i++) assert.equal(alice.receive(bob.send(`b${round}.${i}`)), `b${round}.${i}`)
    }
    assert.deepEqual(skippedCounts(alice.record), [0])
    assert.deepEqual(skippedCounts(bob.record), [0])
  })

  it('keeps no view into a message buffer: the caller may reuse it after decrypting', () => {
    const { alice, bob } = establishedPair('buffer-reuse')
    alice.receive(bob.send('turn'))
    const [first, second] = burst(alice, 'r', 2) as [Uint8Array, Uint8Array]
    assert.equal(bob.receive(first), 'r0')
    first.fill(0)
    assert.equal(bob.receive(second), 'r1')
  })

  it('delivers out of order within one chain', () => {
    const { alice, bob } = establishedPair('ooo-chain')
    const sent = burst(alice, 'm', 6)
    for (const i of [3, 0, 5, 1, 4, 2]) assert.equal(bob.receive(sent[i] ?? assert.fail()), `m${i}`)
    assert.deepEqual(skippedCounts(bob.record), [0])
  })

  it('delivers out of order across DH ratchet steps', () => {
    const { alice, bob } = establishedPair('ooo-steps')
    const chain1 = burst(alice, 'x', 3)
    bob.receive(chain1[2] ?? assert.fail()) // skips x0, x1
    alice.receive(bob.send('reply')) // Alice ratchets: her next chain is new
    const chain2 = burst(alice, 'y', 3)
    assert.notDeepEqual(headerOf(chain2[0] ?? assert.fail()).ratchetKey, headerOf(chain1[0] ?? assert.fail()).ratchetKey)
    // The newest chain first, then the older chain's stragglers, in reverse.
    assert.equal(bob.receive(chain2[1] ?? assert.fail()), 'y1')
    assert.equal(bob.receive(chain1[1] ?? assert.fail()), 'x1')
    assert.equal(bob.receive(chain2[0] ?? assert.fail()), 'y0')
    assert.equal(bob.receive(chain1[0] ?? assert.fail()), 'x0')
    assert.equal(bob.receive(chain2[2] ?? assert.fail()), 'y2')
    assert.deepEqual(skippedCounts(bob.record), [0])
    assert.equal(alice.receive(bob.send('all read')), 'all read')
  })

  it('keeps going when messages are lost for good', () => {
    const { alice, bob } = establishedPair('lost')
    const sent = burst(alice, 'm', 5)
    assert.equal(bob.receive(sent[1] ?? assert.fail()), 'm1')
    assert.equal(bob.receive(sent[4] ?? assert.fail()), 'm4')
    alice.receive(bob.send('r')) // m0, m2, m3 never arrive
    const next = burst(alice, 'n', 2)
    bob.send('unanswered') // lost as well
    assert.equal(bob.receive(next[1] ?? assert.fail()), 'n1')
    assert.equal(alice.receive(bob.send('still here')), 'still here')
    assert.deepEqual(skippedCounts(bob.record), [4]) // m0, m2, m3 and n0
  })
})

describe('ratchet: duplicates and replays', () => {
  it('rejects a duplicate within the current chain, state unchanged', () => {
    const { alice, bob } = establishedPair('dup')
    const [m0, m1] = burst(alice, 'm', 2)
    bob.receive(m0 ?? assert.fail())
    assertRejectedUnchanged(bob.record, () => bob.receive(m0 ?? assert.fail()), DUPLICATE)
    assert.equal(bob.receive(m1 ?? assert.fail()), 'm1')
  })

  it('rejects a replayed skipped message once its key was used', () => {
    const { alice, bob } = establishedPair('dup-skipped')
    const [m0, m1] = burst(alice, 'm', 2)
    bob.receive(m1 ?? assert.fail())
    assert.equal(bob.receive(m0 ?? assert.fail()), 'm0')
    assertRejectedUnchanged(bob.record, () => bob.receive(m0 ?? assert.fail()), DUPLICATE)
    assertRejectedUnchanged(bob.record, () => bob.receive(m1 ?? assert.fail()), DUPLICATE)
    assert.equal(alice.receive(bob.send('ok')), 'ok')
  })

  it('rejects a replay of the initial handshake message after the session was established', () => {
    const { alice, bob } = pairOf('replay-handshake')
    const first = alice.send('first')
    assert.equal(bob.receive(first), 'first')
    alice.receive(bob.send('reply'))
    assert.equal(bob.receive(alice.send('second')), 'second')
    assertRejectedUnchanged(bob.record, () => bob.receive(first), DUPLICATE)
    assert.equal(bob.receive(alice.send('third')), 'third')
    assert.equal(bob.record.previous.length, 0, 'the replay must not have created a session')
  })

  it('rejects a replay of the initial handshake whose base key has the ignored top bit flipped', () => {
    // X25519 ignores bit 255 of a public key (RFC 7748 §5), so this base key
    // agrees to the same secret: unless refused, the replay is a new session.
    const { alice, bob } = pairOf('replay-handshake-bit255', null)
    const first = alice.send('first')
    bob.receive(first)
    alice.receive(bob.send('reply'))
    const variant = rewrite(first, (m) => {
      const hs = m.handshake ?? assert.fail()
      hs.baseKey = flipBit(hs.baseKey, 255) as Uint8Array<ArrayBuffer>
    })
    assertRejectedUnchanged(bob.record, () => bob.receive(variant), DECRYPTION_FAILED)
    assert.equal(alice.receive(bob.send('still on the first session')), 'still on the first session')
  })

  it('rejects a replay from an old chain (a previous DH step)', () => {
    const { alice, bob } = establishedPair('replay-old-chain')
    const old = alice.send('old')
    bob.receive(old)
    for (let i = 0; i < 3; i++) {
      alice.receive(bob.send(`b${i}`))
      bob.receive(alice.send(`a${i}`))
    }
    assertRejectedUnchanged(bob.record, () => bob.receive(old), DUPLICATE)
    assert.equal(bob.receive(alice.send('new')), 'new')
  })
})

describe('ratchet: skipped-key bounds', () => {
  it(`refuses a counter jump over MAX_SKIP (${MAX_SKIP}) and accepts exactly MAX_SKIP`, () => {
    const { alice, bob } = establishedPair('max-skip')
    bob.receive(alice.send('go')) // Bob's next chain starts at counter 0
    const sent = burst(bob, 'b', MAX_SKIP + 2) // counters 0 .. MAX_SKIP + 1
    const tooFar = sent[MAX_SKIP + 1] ?? assert.fail()
    assert.equal(headerOf(tooFar).counter, MAX_SKIP + 1)
    assertRejectedUnchanged(alice.record, () => alice.receive(tooFar), DECRYPTION_FAILED)
    assert.equal(alice.receive(sent[MAX_SKIP] ?? assert.fail()), `b${MAX_SKIP}`)
    assert.deepEqual(skippedCounts(alice.record), [MAX_SKIP])
    assert.equal(alice.receive(tooFar), `b${MAX_SKIP + 1}`)
    assert.equal(alice.receive(sent[0] ?? assert.fail()), 'b0')
  })

  it('refuses a counter jump over MAX_SKIP on a first (handshake) message', () => {
    const { alice, bob } = pairOf('max-skip-first')
    const sent = burst(alice, 'a', MAX_SKIP + 2) // all carry the handshake
    assertRejectedUnchanged(bob.record, () => bob.receive(sent[MAX_SKIP + 1] ?? assert.fail()), DECRYPTION_FAILED)
    assert.equal(bob.record.current, undefined)
    assert.equal(bob.receive(sent[MAX_SKIP] ?? assert.fail()), `a${MAX_SKIP}`)
    assert.equal(bob.receive(sent[MAX_SKIP + 1] ?? assert.fail()), `a${MAX_SKIP + 1}`)
    assert.deepEqual(skippedCounts(bob.record), [MAX_SKIP])
  })

  it('refuses a previous_counter jump over MAX_SKIP', () => {
    const { alice, bob } = establishedPair('max-skip-pn')
    bob.receive(alice.send('go'))
    const chain1 = burst(bob, 'c', MAX_SKIP + 2)
    alice.receive(chain1[0] ?? assert.fail())
    bob.receive(alice.send('ratchet please'))
    const chain2 = bob.send('next chain')
    assert.equal(headerOf(chain2).previousCounter, MAX_SKIP + 2)
    assert.equal(headerOf(chain2).counter, 0)
    // Alice has chain1 up to 1: reaching PN = MAX_SKIP + 2 would skip MAX_SKIP + 1.
    assertRejectedUnchanged(alice.record, () => alice.receive(chain2), DECRYPTION_FAILED)
    assert.equal(alice.receive(chain1[1] ?? assert.fail()), 'c1') // the state is intact
    assert.equal(alice.receive(chain2), 'next chain') // now exactly MAX_SKIP to skip
    assert.deepEqual(skippedCounts(alice.record), [MAX_SKIP])
  })

  it(`keeps at most MAX_SKIPPED_TOTAL (${MAX_SKIPPED_TOTAL}) skipped keys across chains, evicting the oldest`, () => {
    const { alice, bob } = establishedPair('max-total')
    const perChain = 900
    const chains: Uint8Array[][] = []
    for (let c = 0; c < 3; c++) {
      const chain = burst(bob, `c${c}.`, perChain)
      chains.push(chain)
      alice.receive(chain[perChain - 1] ?? assert.fail()) // skips perChain - 1 keys
      for (const count of skippedCounts(alice.record)) assert.ok(count <= MAX_SKIPPED_TOTAL)
      bob.receive(alice.send(`ack${c}`))
    }
    // 3 × 899 = 2697 skipped; the 697 oldest (chain 0, counters 0..696) are gone.
    assert.deepEqual(skippedCounts(alice.record), [MAX_SKIPPED_TOTAL])
    const evicted = 3 * (perChain - 1) - MAX_SKIPPED_TOTAL
    const [chain0, , chain2] = chains
    assert.ok(chain0 !== undefined && chain2 !== undefined)
    // An evicted message no longer decrypts; its chain is remembered, so it reads as a duplicate.
    for (const i of [0, evicted - 1]) {
      assertRejectedUnchanged(alice.record, () => alice.receive(chain0[i] ?? assert.fail()), DUPLICATE)
    }
    assert.equal(alice.receive(chain0[evicted] ?? assert.fail()), `c0.${evicted}`) // the oldest kept
    assert.equal(alice.receive(chain2[5] ?? assert.fail()), 'c2.5') // a recent skipped one
    assert.deepEqual(skippedCounts(alice.record), [MAX_SKIPPED_TOTAL - 2])
  })
})
