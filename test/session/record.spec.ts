/**
 * SessionRecord: storage round trips, one-time prekeys, simultaneous
 * initiation, re-keying with previous sessions, handshake context, and the
 * refusals that need no peer (sending too early, oversized plaintext).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MAX_PREVIOUS_SESSIONS, SessionRecord, accept, initResponder, initiate, ratchetEncrypt } from '../../src/session/index.ts'
import { MAX_HANDSHAKE_CONTEXT, MAX_PLAINTEXT } from '../../src/wire/index.ts'
import { seededRandom } from '../utils/random.ts'
import { DECRYPTION_FAILED, INVALID_SESSION, Party, assertRejectedUnchanged, bundleOf, createDevice, decryptOptions, initiateTo, lookupOf, pairOf, text, utf8 } from '../utils/session.ts'

interface InFlight { to: 'alice' | 'bob', message: Uint8Array, plaintext: string, seq: number }

/**
 * A scripted conversation of `total` messages with out-of-order delivery.
 * With `restart`, both parties are restored from their serialized records
 * before every operation. Returns every message on the wire and both final records.
 */
function converse (total: number, restart: boolean): { wire: Uint8Array[], alice: Uint8Array, bob: Uint8Array, inversions: number } {
  const { alice, bob } = pairOf('every-step')
  const script = seededRandom('every-step:script')
  const roll = (n: number): number => (script(1)[0] ?? 0) % n
  const wire: Uint8Array[] = []
  const inFlight: InFlight[] = []
  const lastSeq = { alice: -1, bob: -1 }
  let sent = 0
  let inversions = 0
  let bobHasReceived = false
  const restartBoth = (): void => {
    if (!restart) return
    for (const party of [alice, bob]) {
      const stored = party.record.serialize()
      party.restart()
      assert.deepEqual(party.record.serialize(), stored, 'a restored record must serialize to the same bytes')
    }
  }
  for (let step = 0; step < 4 * total && (sent < total || inFlight.length > 0); step++) {
    restartBoth()
    if (sent < total && (inFlight.length === 0 || roll(2) === 0)) {
      const fromBob = bobHasReceived && roll(2) === 0
      const plaintext = `${fromBob ? 'b' : 'a'}${sent}`
      const message = (fromBob ? bob : alice).send(plaintext)
      wire.push(message)
      inFlight.push({ to: fromBob ? 'alice' : 'bob', message, plaintext, seq: sent++ })
      continue
    }
    const [next] = inFlight.splice(roll(inFlight.length), 1)
    assert.ok(next !== undefined)
    assert.equal((next.to === 'bob' ? bob : alice).receive(next.message), next.plaintext)
    if (next.seq < lastSeq[next.to]) inversions++
    lastSeq[next.to] = Math.max(lastSeq[next.to], next.seq)
    if (next.to === 'bob') bobHasReceived = true
  }
  assert.equal(sent, total)
  assert.equal(inFlight.length, 0)
  return { wire, alice: alice.record.serialize(), bob: bob.record.serialize(), inversions }
}

describe('serialization', () => {
  it('restores both parties before every operation of a 50-message conversation, losing nothing', () => {
    const restarted = converse(50, true)
    assert.ok(restarted.inversions >= 5, `only ${restarted.inversions} out-of-order deliveries`)
    // Restoring consumes no randomness, so the same script without restarts must
    // produce byte-identical messages and final records.
    const continuous = converse(50, false)
    assert.equal(restarted.wire.length, continuous.wire.length)
    restarted.wire.forEach((m, i) => assert.deepEqual(m, continuous.wire[i], `message ${i} differs`))
    assert.deepEqual(restarted.alice, continuous.alice)
    assert.deepEqual(restarted.bob, continuous.bob)
  })
})

describe('one-time prekeys', () => {
  it('reports the one-time prekey consumed by a new session', () => {
    const { alice, bob } = pairOf('otp', 101)
    const result = bob.record.decrypt(alice.send('hi'), decryptOptions(bob.device))
    assert.equal(result.usedOneTimePrekeyId, 101)
    assert.equal(result.newSession, true)
    const again = result.record.decrypt(alice.send('again'), decryptOptions(bob.device))
    assert.equal(again.usedOneTimePrekeyId, undefined)
    assert.equal(again.newSession, false)
  })

  it('works without a one-time prekey', () => {
    const { alice, bob } = pairOf('no-otp', null)
    const result = bob.record.decrypt(alice.send('hi'), decryptOptions(bob.device))
    assert.equal(text(result.plaintext), 'hi')
    assert.equal(result.usedOneTimePrekeyId, undefined)
    bob.record = result.record
    assert.equal(alice.receive(bob.send('hello')), 'hello')
  })

  it('refuses a second handshake naming a consumed one-time prekey', () => {
    const { alice, bob } = pairOf('otp-reuse', 100)
    const staleBundle = bundleOf(bob.device, 100) // fetched before it was used
    assert.equal(bob.receive(alice.send('first')), 'first')
    bob.device.oneTimePrekeys.delete(100) // deleted with the session, as the caller must
    const carol = createDevice(seededRandom('otp-reuse:carol'))
    const fromCarol = SessionRecord.empty().initiate({ identity: carol.identity, bundle: staleBundle, random: carol.random }).encrypt(utf8('me too')).message
    assertRejectedUnchanged(bob.record, () => bob.receive(fromCarol), DECRYPTION_FAILED)
    assert.equal(bob.record.previous.length, 0)
    assert.equal(alice.receive(bob.send('still fine')), 'still fine')
  })
})

describe('unknown prekeys', () => {
  it('refuses a handshake naming a signed or PQ prekey Bob no longer has', () => {
    const { alice, bob } = pairOf('rotated')
    const message = alice.send('hi')
    const rotated = { signedPrekey: () => undefined, pqPrekey: (id: number) => id === 2 ? bob.device.pqPrekey : undefined, oneTimePrekey: (id: number) => bob.device.oneTimePrekeys.get(id) }
    assertRejectedUnchanged(bob.record, () => bob.receive(message, { prekeys: rotated }), DECRYPTION_FAILED)
    assertRejectedUnchanged(bob.record, () => bob.receive(message, { prekeys: { ...rotated, signedPrekey: () => bob.device.signedPrekey, pqPrekey: () => undefined } }), DECRYPTION_FAILED)
    assert.equal(bob.receive(message), 'hi')
  })
})

describe('simultaneous initiation', () => {
  it('converges when both sides initiate and their first messages cross', () => {
    const aliceDevice = createDevice(seededRandom('simultaneous:alice'))
    const bobDevice = createDevice(seededRandom('simultaneous:bob'))
    const alice = new Party(aliceDevice, initiateTo(aliceDevice, bobDevice, 100))
    const bob = new Party(bobDevice, initiateTo(bobDevice, aliceDevice, 101))
    // Three rounds in which every message crosses one from the other side.
    for (let round = 0; round < 3; round++) {
      const fromAlice = alice.send(`a${round}`)
      const fromBob = bob.send(`b${round}`)
      assert.equal(bob.receive(fromAlice), `a${round}`)
      assert.equal(alice.receive(fromBob), `b${round}`)
    }
    assert.equal(alice.record.previous.length, 1)
    assert.equal(bob.record.previous.length, 1)
    // Then ten rounds of turn-taking: both end up on one session and stay there.
    for (let round = 0; round < 10; round++) {
      assert.equal(bob.receive(alice.send(`ping${round}`)), `ping${round}`)
      assert.equal(alice.receive(bob.send(`pong${round}`)), `pong${round}`)
      const a = alice.record.current ?? assert.fail()
      const b = bob.record.current ?? assert.fail()
      assert.deepEqual(a.baseKey, b.baseKey, 'both sides must be on the same session')
      assert.deepEqual(a.receivingRatchetKey, b.sendingRatchet.publicKey)
    }
  })
})

describe('re-keying', () => {
  it('moves the old session to previous; messages in flight on it still decrypt both ways', () => {
    const { alice, bob } = pairOf('rekey')
    bob.receive(alice.send('hello'))
    alice.receive(bob.send('hello back'))
    const oldBaseKey = (alice.record.current ?? assert.fail()).baseKey
    const lateFromBob = bob.send('late from bob')
    const lateFromAlice = alice.send('late from alice')

    alice.record = alice.record.initiate({ identity: alice.device.identity, bundle: bundleOf(bob.device), random: alice.device.random })
    assert.equal(alice.record.previous.length, 1)
    assert.deepEqual(alice.record.previous[0]?.baseKey, oldBaseKey)
    assert.notDeepEqual(alice.record.current?.baseKey, oldBaseKey)

    const rekeyed = bob.record.decrypt(alice.send('new session'), decryptOptions(bob.device))
    assert.equal(rekeyed.newSession, true)
    bob.record = rekeyed.record
    assert.equal(bob.record.previous.length, 1)
    assert.equal(bob.receive(lateFromAlice), 'late from alice')
    assert.equal(alice.receive(lateFromBob), 'late from bob')
    for (let i = 0; i < 3; i++) {
      assert.equal(bob.receive(alice.send(`a${i}`)), `a${i}`)
      assert.equal(alice.receive(bob.send(`b${i}`)), `b${i}`)
    }
  })

  it(`keeps at most MAX_PREVIOUS_SESSIONS (${MAX_PREVIOUS_SESSIONS}) previous sessions, dropping the oldest`, () => {
    const { alice, bob } = pairOf('rekey-bound')
    const replies: Uint8Array[] = []
    const sessions = MAX_PREVIOUS_SESSIONS + 2
    for (let i = 0; i < sessions; i++) {
      if (i > 0) alice.record = alice.record.initiate({ identity: alice.device.identity, bundle: bundleOf(bob.device), random: alice.device.random })
      assert.equal(bob.receive(alice.send(`session ${i}`)), `session ${i}`)
      replies.push(bob.send(`reply ${i}`)) // on Bob's side of session i, kept in flight
      assert.ok(alice.record.previous.length <= MAX_PREVIOUS_SESSIONS)
      assert.ok(bob.record.previous.length <= MAX_PREVIOUS_SESSIONS)
    }
    assert.equal(alice.record.previous.length, MAX_PREVIOUS_SESSIONS)
    assert.equal(bob.record.previous.length, MAX_PREVIOUS_SESSIONS)
    // Sessions 0 .. sessions - MAX_PREVIOUS_SESSIONS - 2 are gone; the rest still open.
    const dropped = sessions - MAX_PREVIOUS_SESSIONS - 1
    for (let i = 0; i < dropped; i++) {
      assertRejectedUnchanged(alice.record, () => alice.receive(replies[i] ?? assert.fail()), DECRYPTION_FAILED)
    }
    for (let i = dropped; i < sessions; i++) assert.equal(alice.receive(replies[i] ?? assert.fail()), `reply ${i}`)
    assert.equal(alice.record.previous.length, MAX_PREVIOUS_SESSIONS)
  })
})

describe('handshake context', () => {
  const CONTEXT = utf8('disclosure sha-256: 0123456789abcdef0123456789abcdef')

  it('binds the context on both sides', () => {
    const { alice, bob } = pairOf('context')
    alice.record = initiateTo(alice.device, bob.device, 100, CONTEXT)
    const seen: Uint8Array[] = []
    const result = bob.record.decrypt(alice.send('hi'), decryptOptions(bob.device, { acceptContext: (c) => { seen.push(c); return true } }))
    assert.deepEqual(seen, [CONTEXT])
    assert.deepEqual(result.context, CONTEXT)
    assert.deepEqual(result.record.current?.context, CONTEXT)
    assert.deepEqual(alice.record.current?.context, CONTEXT)
    bob.record = result.record
    const reply = alice.record.decrypt(bob.send('hello'), decryptOptions(alice.device))
    assert.deepEqual(reply.context, CONTEXT)
  })

  it("refuses a session whose context Bob's acceptContext refuses, state unchanged", () => {
    const { alice, bob } = pairOf('context-refused')
    alice.record = initiateTo(alice.device, bob.device, 100, CONTEXT)
    const message = alice.send('hi')
    assertRejectedUnchanged(bob.record, () => bob.receive(message, { acceptContext: () => false }), DECRYPTION_FAILED)
    assertRejectedUnchanged(bob.record, () => bob.receive(message, { acceptContext: (c) => c.length === 0 }), DECRYPTION_FAILED)
    assert.equal(bob.receive(message, { acceptContext: (c) => text(c) === text(CONTEXT) }), 'hi')
  })

  it('refuses a context over MAX_HANDSHAKE_CONTEXT when initiating', () => {
    const alice = createDevice(seededRandom('context-long:alice'))
    const bob = createDevice(seededRandom('context-long:bob'))
    assert.throws(() => initiateTo(alice, bob, 100, new Uint8Array(MAX_HANDSHAKE_CONTEXT + 1)), RangeError)
    assert.ok(initiateTo(alice, bob, 100, new Uint8Array(MAX_HANDSHAKE_CONTEXT)).canSend)
  })
})

describe('refusals without a peer', () => {
  it('Bob cannot encrypt before he has received', () => {
    assert.equal(SessionRecord.empty().canSend, false)
    assert.throws(() => SessionRecord.empty().encrypt(utf8('too early')), INVALID_SESSION)
    // The ratchet on its own: a responder state has no sending chain yet.
    const random = seededRandom('responder')
    const alice = createDevice(random)
    const bob = createDevice(random)
    const hs = initiate({ identity: alice.identity, bundle: bundleOf(bob), random })
    const accepted = accept({ identity: bob.identity, message: hs.message, prekeys: lookupOf(bob) })
    const ids = { localSigningKey: bob.identity.public.signingKey, localIdentityKey: bob.identity.public.identityKey, remoteSigningKey: alice.identity.public.signingKey, remoteIdentityKey: alice.identity.public.identityKey, associatedData: accepted.associatedData, context: accepted.context, baseKey: hs.message.baseKey }
    const responder = initResponder(ids, accepted.secret, accepted.signedPrekey)
    assert.throws(() => ratchetEncrypt(responder, utf8('too early')), INVALID_SESSION)
  })

  it('refuses a plaintext over MAX_PLAINTEXT and accepts exactly MAX_PLAINTEXT', () => {
    const { alice, bob } = pairOf('max-plaintext')
    assertRejectedUnchanged(alice.record, () => alice.record.encrypt(new Uint8Array(MAX_PLAINTEXT + 1)), { name: 'RangeError' })
    assertRejectedUnchanged(alice.record, () => alice.record.encrypt('text' as unknown as Uint8Array), { name: 'TypeError' })
    const largest = new Uint8Array(MAX_PLAINTEXT).fill(0x5a)
    const { record, message } = alice.record.encrypt(largest)
    alice.record = record
    assert.deepEqual(bob.record.decrypt(message, decryptOptions(bob.device)).plaintext, largest)
  })
})
