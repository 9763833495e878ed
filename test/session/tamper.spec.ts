/**
 * Decryption is all-or-nothing and says nothing (STYLE habit 4): every
 * tampered or malformed message fails with the same InvalidMessageError
 * ('decryption failed'), and the record serialises to the same bytes after
 * the failed call as before it, and still decrypts the next genuine message.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SessionRecord } from '../../src/session/index.ts'
import { MAX_SESSION_MESSAGE, kabar } from '../../src/wire/index.ts'
import { seededRandom } from '../utils/random.ts'
import { DECRYPTION_FAILED, INVALID_SESSION, UNTRUSTED, assertRejectedUnchanged, decryptOptions, establishedPair, flipBit, pairOf, rewrite } from '../utils/session.ts'
import type { Party } from '../utils/session.ts'

/** Delivers every single-bit variant of `field` (as `rewrite` sees it) and expects DECRYPTION_FAILED each time. */
function flipEveryBit (to: Party, message: Uint8Array, field: 'header' | 'ciphertext'): number {
  const original = kabar.SessionMessage.decode(message)[field]
  for (let bit = 0; bit < original.length * 8; bit++) {
    const tampered = rewrite(message, (m) => { m[field] = flipBit(original, bit) as Uint8Array<ArrayBuffer> })
    assertRejectedUnchanged(to.record, () => to.receive(tampered), DECRYPTION_FAILED)
  }
  return original.length * 8
}

function decodesTo (bytes: Uint8Array, expected: kabar.SessionMessage): boolean {
  try {
    assert.deepEqual(kabar.SessionMessage.decode(bytes), expected)
    return true
  } catch {
    return false
  }
}

/** A regular message from Bob to Alice that opens a new chain (counter 0, PN 1). */
function regularMessage (seed: string): { alice: Party, bob: Party, message: Uint8Array } {
  const { alice, bob } = establishedPair(seed)
  bob.receive(alice.send('turn'))
  return { alice, bob, message: bob.send('genuine') }
}

describe('tampered regular messages', () => {
  it('rejects every single-bit flip of the header', () => {
    const { alice, message } = regularMessage('flip-header')
    assert.ok(flipEveryBit(alice, message, 'header') >= 34 * 8)
    assert.equal(alice.receive(message), 'genuine')
  })

  it('rejects every single-bit flip of the ciphertext (body and GCM tag)', () => {
    const { alice, message } = regularMessage('flip-ciphertext')
    assert.equal(flipEveryBit(alice, message, 'ciphertext'), ('genuine'.length + 16) * 8)
    assert.equal(alice.receive(message), 'genuine')
  })

  it('rejects every single-bit flip anywhere in the encoded message that changes what it decodes to', () => {
    const { alice, message } = regularMessage('flip-anywhere')
    const original = kabar.SessionMessage.decode(message)
    const sameContent: number[] = []
    for (let bit = 0; bit < message.length * 8; bit++) {
      const tampered = flipBit(message, bit)
      if (decodesTo(tampered, original)) {
        sameContent.push(bit)
        continue
      }
      assertRejectedUnchanged(alice.record, () => alice.receive(tampered), DECRYPTION_FAILED)
    }
    // The protobuf decoder reads a known field whatever its tag's wire type, so
    // flips of a tag's low three bits can leave the decoded message identical.
    // Such bytes are the same message (same header, same authenticated ciphertext).
    const tagBytes = [0, 2, 2 + 2 + original.header.length]
    assert.ok(sameContent.every((bit) => tagBytes.includes(Math.floor(bit / 8)) && bit % 8 < 3), `unexpected same-content flips ${sameContent.join(', ')}`)
    assert.equal(alice.receive(message), 'genuine')
  })

  it('rejects a message whose session has different associated data', () => {
    const { alice, bob, message } = regularMessage('other-ad')
    // Alice's stored session with one bit of its AD changed: same keys, different binding.
    const stored = kabar.SessionRecordState.decode(alice.record.serialize())
    const current = stored.current ?? assert.fail()
    current.associatedData = flipBit(current.associatedData, 3) as Uint8Array<ArrayBuffer>
    const skewed = SessionRecord.deserialize(kabar.SessionRecordState.encode(stored))
    assertRejectedUnchanged(skewed, () => skewed.decrypt(message, decryptOptions(alice.device)), DECRYPTION_FAILED)
    assert.equal(alice.receive(message), 'genuine')
    assert.equal(bob.receive(alice.send('fine')), 'fine')
  })

  it('rejects a header naming a low-order ratchet key', () => {
    const { alice, message } = regularMessage('low-order')
    const header = kabar.RatchetHeader.decode(kabar.SessionMessage.decode(message).header)
    for (const point of [new Uint8Array(32), Uint8Array.of(1, ...new Uint8Array(31))]) {
      const forged = rewrite(message, (m) => { m.header = kabar.RatchetHeader.encode({ ...header, ratchetKey: point }) })
      assertRejectedUnchanged(alice.record, () => alice.receive(forged), DECRYPTION_FAILED)
    }
    assert.equal(alice.receive(message), 'genuine')
  })
})

describe('tampered handshake messages', () => {
  /** Alice's first message; Bob has no session yet. */
  const first = (seed: string): { alice: Party, bob: Party, message: Uint8Array } => {
    const { alice, bob } = pairOf(seed)
    return { alice, bob, message: alice.send('genuine') }
  }
  type Handshake = kabar.PreKeyHandshake
  type BytesField = 'baseKey' | 'pqCiphertext' | 'context' | 'identitySignature' | 'identityKey' | 'signingKey'
  const flipHandshake = (message: Uint8Array, field: BytesField, bit: number): Uint8Array =>
    rewrite(message, (m) => {
      const hs: Handshake = m.handshake ?? assert.fail('no handshake')
      hs[field] = flipBit(hs[field].length === 0 ? new Uint8Array(1) : hs[field], bit) as Uint8Array<ArrayBuffer>
    })

  for (const field of ['baseKey', 'pqCiphertext', 'context'] as const) {
    it(`rejects a flipped bit in the handshake ${field} as 'decryption failed'`, () => {
      const { bob, message } = first(`hs-${field}`)
      for (const bit of field === 'context' ? [0, 3, 7] : [0, 7, 100, 255]) {
        assertRejectedUnchanged(bob.record, () => bob.receive(flipHandshake(message, field, bit)), DECRYPTION_FAILED)
      }
      assert.equal(bob.receive(message), 'genuine')
    })
  }

  for (const field of ['identitySignature', 'identityKey', 'signingKey'] as const) {
    it(`rejects a flipped bit in the handshake ${field} as an untrusted identity`, () => {
      const { bob, message } = first(`hs-${field}`)
      for (const bit of [0, 9, 200]) {
        assertRejectedUnchanged(bob.record, () => bob.receive(flipHandshake(message, field, bit)), UNTRUSTED)
      }
      assert.equal(bob.receive(message), 'genuine')
    })
  }

  it('rejects every single-bit flip of the header and of the ciphertext of a first message', () => {
    const { bob, message } = first('hs-header')
    flipEveryBit(bob, message, 'header')
    flipEveryBit(bob, message, 'ciphertext')
    assert.equal(bob.receive(message), 'genuine')
  })

  it('rejects a tampered repeat of the handshake once the session exists', () => {
    const { alice, bob } = pairOf('hs-repeat')
    bob.receive(alice.send('one'))
    const second = alice.send('two') // still carries the handshake
    assert.notEqual(kabar.SessionMessage.decode(second).handshake, undefined)
    for (const bit of [0, 77]) {
      assertRejectedUnchanged(bob.record, () => bob.receive(rewrite(second, (m) => { m.ciphertext = flipBit(m.ciphertext, bit) as Uint8Array<ArrayBuffer> })), DECRYPTION_FAILED)
      assertRejectedUnchanged(bob.record, () => bob.receive(flipHandshake(second, 'baseKey', bit)), DECRYPTION_FAILED)
    }
    assert.equal(bob.receive(second), 'two')
  })
})

describe('malformed messages', () => {
  it('rejects random garbage, empty and oversized input', () => {
    const { alice, bob } = establishedPair('garbage')
    const random = seededRandom('garbage-bytes')
    const inputs: Uint8Array[] = [new Uint8Array(0), new Uint8Array(MAX_SESSION_MESSAGE + 1)]
    for (let length = 1; length <= 300; length += 7) inputs.push(random(length))
    for (const input of inputs) {
      assertRejectedUnchanged(alice.record, () => alice.receive(input), DECRYPTION_FAILED)
    }
    assertRejectedUnchanged(alice.record, () => alice.receive('not bytes' as unknown as Uint8Array), DECRYPTION_FAILED)
    assert.equal(alice.receive(bob.send('after garbage')), 'after garbage')
  })

  it('rejects every truncation of a regular and of a handshake message', () => {
    const { alice, bob } = pairOf('truncated')
    const handshake = alice.send('first')
    for (let length = 0; length < handshake.length; length++) {
      assertRejectedUnchanged(bob.record, () => bob.receive(handshake.subarray(0, length)), DECRYPTION_FAILED)
    }
    assert.equal(bob.receive(handshake), 'first')
    const regular = bob.send('reply')
    for (let length = 0; length < regular.length; length++) {
      assertRejectedUnchanged(alice.record, () => alice.receive(regular.subarray(0, length)), DECRYPTION_FAILED)
    }
    assert.equal(alice.receive(regular), 'reply')
  })

  it('rejects a message of another version', () => {
    const { alice, bob } = pairOf('version')
    const handshake = alice.send('first')
    for (const version of [0, 2, 255]) {
      assertRejectedUnchanged(bob.record, () => bob.receive(rewrite(handshake, (m) => { m.version = version })), DECRYPTION_FAILED)
    }
    bob.receive(handshake)
    const regular = bob.send('reply')
    assertRejectedUnchanged(alice.record, () => alice.receive(rewrite(regular, (m) => { m.version = 2 })), DECRYPTION_FAILED)
    assert.equal(alice.receive(regular), 'reply')
  })
})

describe('malformed stored records', () => {
  it('round-trips the empty record', () => {
    assert.equal(SessionRecord.deserialize(SessionRecord.empty().serialize()).current, undefined)
  })

  it('refuses garbage, truncated and inconsistent stored records with InvalidSessionError', () => {
    const { alice } = establishedPair('stored')
    const good = alice.record.serialize()
    const random = seededRandom('stored-garbage')
    const inputs: Uint8Array[] = [Uint8Array.of(0xff), Uint8Array.of(0x0a, 0x05, 0x01), random(64), random(1000), good.subarray(0, good.length - 1), good.subarray(0, 40)]
    const edit = (change: (s: kabar.SessionState) => void): Uint8Array => {
      const wire = kabar.SessionRecordState.decode(good)
      change(wire.current ?? assert.fail())
      return kabar.SessionRecordState.encode(wire)
    }
    inputs.push(
      edit((s) => { s.version = 2 }),
      edit((s) => { s.rootKey = s.rootKey.subarray(0, 31) }),
      edit((s) => { s.remoteSigningKey = new Uint8Array(0) }),
      edit((s) => { s.receivingChainKey = new Uint8Array(33) }),
      edit((s) => { s.sendingRatchetPrivate = new Uint8Array(16) })
    )
    for (const input of inputs) assert.throws(() => SessionRecord.deserialize(input), INVALID_SESSION)
    assert.throws(() => SessionRecord.deserialize('garbage' as unknown as Uint8Array), INVALID_SESSION)
    assert.ok(SessionRecord.deserialize(good).canSend)
  })
})
