import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SessionRecord } from '../../src/session/index.ts'
import { seededRandom } from '../utils/random.ts'
import { createDevice, decryptOptions, initiateTo } from '../utils/session.ts'

describe('smoke', () => {
  it('alice and bob talk', () => {
    const alice = createDevice(seededRandom('a'))
    const bob = createDevice(seededRandom('b'))
    let a = initiateTo(alice, bob, 100)
    let b = SessionRecord.empty()
    const enc = new TextEncoder()
    const dec = new TextDecoder()
    const m1 = a.encrypt(enc.encode('hello'))
    a = m1.record
    const r1 = b.decrypt(m1.message, decryptOptions(bob))
    b = r1.record
    assert.equal(dec.decode(r1.plaintext), 'hello')
    assert.equal(r1.usedOneTimePrekeyId, 100)
    const m2 = b.encrypt(enc.encode('hi back'))
    b = m2.record
    const r2 = a.decrypt(m2.message, decryptOptions(alice))
    assert.equal(dec.decode(r2.plaintext), 'hi back')
    a = r2.record
    const restored = SessionRecord.deserialize(a.serialize())
    const m3 = restored.encrypt(enc.encode('again'))
    assert.equal(dec.decode(b.decrypt(m3.message, decryptOptions(bob)).plaintext), 'again')
  })
})
