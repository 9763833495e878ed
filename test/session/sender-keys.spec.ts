/**
 * Sender keys: one encryption per sender, read by every holder of its chain;
 * signed, ordered or not, each message read once; a tampered message, a
 * message of another group and a message of a chain one does not hold (a
 * rotation after one's removal) are all refused without changing the chain.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { sha256, toHex, utf8 } from '../../src/crypto/index.ts'
import { GROUP_LABELS } from '../../src/crypto/labels.ts'
import { KabarError } from '../../src/errors.ts'
import { MAX_SENDER_SKIP, createSenderChain, loadSenderChain, parseSenderKeyMessage, receivingChain, senderDecrypt, senderEncrypt, senderPosition, storeSenderChain, verifySenderKeyMessage } from '../../src/session/index.ts'
import type { SenderChain, StoredSenderChain } from '../../src/session/index.ts'
import { group } from '../../src/wire/group.ts'
import { seededRandom } from '../utils/random.ts'

const GROUP = new Uint8Array(32).fill(9)
const OTHER_GROUP = new Uint8Array(32).fill(8)
const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8')
const code = (c: string) => (err: unknown): boolean => KabarError.is(err, c as never)

function pair (seed: string): { own: SenderChain, peer: SenderChain } {
  const own = createSenderChain(seededRandom(seed), 1000)
  return { own, peer: receivingChain(senderPosition(own), 2000) }
}

function sendAll (own: SenderChain, texts: string[]): { own: SenderChain, messages: Uint8Array[] } {
  const messages: Uint8Array[] = []
  for (const t of texts) {
    const out = senderEncrypt(own, GROUP, utf8(t))
    own = out.chain
    messages.push(out.message)
  }
  return { own, messages }
}

describe('sender keys', () => {
  it('encrypts once and decrypts in order, advancing both chains', () => {
    const { own, peer } = pair('in-order')
    const { own: after, messages } = sendAll(own, ['a', 'b', 'c'])
    assert.equal(after.iteration, 3)
    let chain = peer
    for (const [i, m] of messages.entries()) {
      const out = senderDecrypt(chain, GROUP, m)
      assert.equal(text(out.plaintext), ['a', 'b', 'c'][i])
      chain = out.chain
    }
    assert.equal(chain.iteration, 3)
    assert.equal(chain.skipped.length, 0)
  })

  it('property: any delivery order decrypts every message exactly once', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 15 }), fc.infiniteStream(fc.nat()), (texts, picks) => {
      const { own, peer } = pair('orders')
      const { messages } = sendAll(own, texts)
      const pending = messages.map((m, i) => ({ m, i }))
      const it = picks[Symbol.iterator]()
      let chain = peer
      const read: string[] = texts.map(() => '')
      while (pending.length > 0) {
        const [{ m, i }] = pending.splice((it.next().value as number) % pending.length, 1) as [{ m: Uint8Array, i: number }]
        const out = senderDecrypt(chain, GROUP, m)
        chain = out.chain
        read[i] = text(out.plaintext)
        assert.throws(() => senderDecrypt(chain, GROUP, m), code('DUPLICATE_MESSAGE'))
      }
      assert.deepEqual(read, texts.map((t) => text(utf8(t))))
      assert.equal(chain.skipped.length, 0)
    }), { numRuns: 40 })
  })

  it('rejects every single-bit flip of a message that changes what it says, leaving the chain as it was', () => {
    const { own, peer } = pair('tamper')
    const { messages } = sendAll(own, ['genuine'])
    const message = messages[0]
    const original = JSON.stringify(group.SenderKeyMessage.decode(message), (_, v: unknown) => v instanceof Uint8Array ? toHex(v) : v)
    let refused = 0
    for (let bit = 0; bit < message.length * 8; bit++) {
      const tampered = new Uint8Array(message)
      tampered[bit >> 3] = (tampered[bit >> 3]) ^ (1 << (bit & 7))
      try {
        // A flip in protobuf framing that decodes to the same fields (e.g. a field's tag turned into
        // an unknown one that is skipped) is not a change to the message: the decoded fields decide.
        if (JSON.stringify(group.SenderKeyMessage.decode(tampered), (_, v: unknown) => v instanceof Uint8Array ? toHex(v) : v) === original) continue
      } catch {
        // does not decode: a change
      }
      assert.throws(() => senderDecrypt(peer, GROUP, tampered), (err: unknown) => KabarError.is(err, 'INVALID_MESSAGE') || KabarError.is(err, 'DECODE_FAILED'))
      refused++
    }
    assert.ok(refused >= (message.length - 4) * 8, `${refused} of ${message.length * 8} flips change the message`)
    assert.equal(text(senderDecrypt(peer, GROUP, message).plaintext), 'genuine')
  })

  it('refuses a message of another group, or verified against another chain', () => {
    const { own, peer } = pair('other-group')
    const out = senderEncrypt(own, OTHER_GROUP, utf8('x'))
    assert.throws(() => senderDecrypt(peer, GROUP, out.message), code('INVALID_MESSAGE'))
    const parsed = parseSenderKeyMessage(out.message)
    assert.equal(verifySenderKeyMessage(own.signingKey, OTHER_GROUP, parsed), true)
    assert.equal(verifySenderKeyMessage(own.signingKey, GROUP, parsed), false)
    assert.equal(verifySenderKeyMessage(createSenderChain(seededRandom('x'), 0).signingKey, OTHER_GROUP, parsed), false)
  })

  it('a member without the rotated chain (removed) reads nothing sent on it; a late joiner reads nothing before its position', () => {
    const { own, peer: removed } = pair('rotation')
    const before = sendAll(own, ['before'])
    assert.equal(text(senderDecrypt(removed, GROUP, before.messages[0]).plaintext), 'before')
    const rotated = createSenderChain(seededRandom('rotation-2'), 3000)
    const after = sendAll(rotated, ['after'])
    assert.throws(() => senderDecrypt(removed, GROUP, after.messages[0]), code('INVALID_MESSAGE'))
    const late = receivingChain(senderPosition(before.own), 4000)
    assert.throws(() => senderDecrypt(late, GROUP, before.messages[0]), code('DUPLICATE_MESSAGE'))
  })

  it('bounds the keys one message can make us derive', () => {
    const { own, peer } = pair('skip')
    const far = { ...own, iteration: MAX_SENDER_SKIP + 1, chainKey: own.chainKey }
    const out = senderEncrypt(far, GROUP, utf8('far'))
    assert.throws(() => senderDecrypt(peer, GROUP, out.message), /too far ahead/)
  })

  it('a chain survives the store form unchanged', () => {
    const { own, peer } = pair('store')
    const { own: after, messages } = sendAll(own, ['1', '2', '3'])
    const partly = senderDecrypt(peer, GROUP, messages[2]).chain
    for (const chain of [after, partly]) assert.deepEqual(loadSenderChain(JSON.parse(JSON.stringify(storeSenderChain(chain))) as StoredSenderChain), chain)
    const reloaded = loadSenderChain(storeSenderChain(partly))
    assert.equal(text(senderDecrypt(reloaded, GROUP, messages[0]).plaintext), '1')
  })

  it('frozen vector: a seeded chain gives the same message bytes', () => {
    assert.equal(GROUP_LABELS.groupMessageKeys, 'kabar/v1/group-message-keys')
    assert.equal(GROUP_LABELS.groupMessage, 'kabar/v1/sig/group-message')
    const own = createSenderChain(seededRandom('vector'), 0)
    const { messages } = sendAll(own, ['hello group'])
    assert.equal(toHex(sha256(messages[0])), VECTOR)
  })
})

const VECTOR = '3dd902fd9b0b1c2ece95db0247288fd45f71d3674047381d9d37a45f92ec8fa8'
