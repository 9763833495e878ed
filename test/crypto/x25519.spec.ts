import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { InvalidKeyError, X25519KeyPair, X25519_KEY_LENGTH, defaultRandom, fromHex, toHex, x25519, x25519PublicKey } from '../../src/crypto/index.ts'
import { seededRandom } from '../utils/random.ts'
import { assertRejectsGarbage } from './garbage.ts'

// RFC 7748 §5.2, the two single-step test vectors: scalar (not clamped: X25519
// clamps it), input u-coordinate (the second has its top bit set, which
// X25519 must mask), output u-coordinate.
const RFC7748_SECTION_5_2 = [
  {
    scalar: 'a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4',
    u: 'e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c',
    output: 'c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552'
  },
  {
    scalar: '4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d',
    u: 'e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493',
    output: '95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957'
  }
] as const

// RFC 7748 §6.1, Curve25519 Diffie-Hellman between Alice and Bob.
const RFC7748_SECTION_6_1 = {
  alicePrivate: '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a',
  alicePublic: '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
  bobPrivate: '5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb',
  bobPublic: 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f',
  shared: '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742'
} as const

// Points of small order on Curve25519 (and their non-canonical encodings):
// X25519 of any scalar with these is all zero, which RFC 7748 §6.1 says to reject.
const LOW_ORDER_POINTS = [
  ['0 (the all-zero point)', '0000000000000000000000000000000000000000000000000000000000000000'],
  ['1', '0100000000000000000000000000000000000000000000000000000000000000'],
  ['order-8 point', 'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800'],
  ['order-8 point', '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157'],
  ['p - 1', 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'],
  ['p (non-canonical 0)', 'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'],
  ['p + 1 (non-canonical 1)', 'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f']
] as const

function isInvalidKey (err: unknown): boolean {
  assert.ok(err instanceof InvalidKeyError, `expected InvalidKeyError, got ${String(err)}`)
  assert.equal(err.code, 'INVALID_KEY')
  assert.equal(err.name, 'InvalidKeyError')
  return true
}

describe('X25519', () => {
  describe('RFC 7748 §5.2 test vectors', () => {
    for (const [i, v] of RFC7748_SECTION_5_2.entries()) {
      it(`vector ${i + 1}: X25519(scalar, u)`, () => {
        assert.equal(toHex(x25519(fromHex(v.scalar), fromHex(v.u))), v.output)
      })
    }
  })

  describe('RFC 7748 §6.1 Diffie-Hellman', () => {
    const v = RFC7748_SECTION_6_1

    it('fromPrivateKey derives the RFC public keys', () => {
      assert.equal(toHex(X25519KeyPair.fromPrivateKey(fromHex(v.alicePrivate)).publicKey), v.alicePublic)
      assert.equal(toHex(X25519KeyPair.fromPrivateKey(fromHex(v.bobPrivate)).publicKey), v.bobPublic)
      assert.equal(toHex(x25519PublicKey(fromHex(v.alicePrivate))), v.alicePublic)
    })

    it('both sides compute the RFC shared secret', () => {
      const alice = X25519KeyPair.fromPrivateKey(fromHex(v.alicePrivate))
      const bob = X25519KeyPair.fromPrivateKey(fromHex(v.bobPrivate))
      assert.equal(toHex(alice.agree(fromHex(v.bobPublic))), v.shared)
      assert.equal(toHex(bob.agree(fromHex(v.alicePublic))), v.shared)
    })

    it('fromBytes restores a matching pair', () => {
      const alice = X25519KeyPair.fromBytes(fromHex(v.alicePrivate), fromHex(v.alicePublic))
      assert.equal(toHex(alice.publicKey), v.alicePublic)
      assert.equal(toHex(alice.agree(fromHex(v.bobPublic))), v.shared)
    })

    it('fromBytes rejects a public key that does not belong to the private key (by first use at the latest)', () => {
      assert.throws(() => {
        const pair = X25519KeyPair.fromBytes(fromHex(v.alicePrivate), fromHex(v.bobPublic))
        pair.agree(fromHex(v.bobPublic))
      }, isInvalidKey)
      const flipped = fromHex(v.alicePublic)
      flipped[0] ^= 1
      assert.throws(() => {
        X25519KeyPair.fromBytes(fromHex(v.alicePrivate), flipped).agree(fromHex(v.bobPublic))
      }, isInvalidKey)
    })

    it('copies its inputs: mutating the caller\'s buffer changes nothing', () => {
      const priv = fromHex(v.alicePrivate)
      const pair = X25519KeyPair.fromPrivateKey(priv)
      priv.fill(0)
      assert.equal(toHex(pair.privateKey), v.alicePrivate)
      assert.equal(toHex(pair.agree(fromHex(v.bobPublic))), v.shared)
    })
  })

  describe('low-order public keys', () => {
    const alice = X25519KeyPair.fromPrivateKey(fromHex(RFC7748_SECTION_6_1.alicePrivate))
    for (const [name, hex] of LOW_ORDER_POINTS) {
      it(`agree rejects u = ${name} with InvalidKeyError`, () => {
        assert.throws(() => alice.agree(fromHex(hex)), isInvalidKey)
        assert.throws(() => x25519(fromHex(RFC7748_SECTION_6_1.bobPrivate), fromHex(hex)), isInvalidKey)
      })
    }
  })

  describe('garbage inputs', () => {
    const alice = X25519KeyPair.fromPrivateKey(fromHex(RFC7748_SECTION_6_1.alicePrivate))
    const bobPublic = fromHex(RFC7748_SECTION_6_1.bobPublic)
    const alicePrivate = fromHex(RFC7748_SECTION_6_1.alicePrivate)

    it('fromPrivateKey(privateKey)', () => {
      assertRejectsGarbage((v) => X25519KeyPair.fromPrivateKey(v as Uint8Array), 'privateKey', X25519_KEY_LENGTH)
    })

    it('fromBytes(privateKey, publicKey)', () => {
      assertRejectsGarbage((v) => X25519KeyPair.fromBytes(v as Uint8Array, bobPublic), 'privateKey', X25519_KEY_LENGTH)
      assertRejectsGarbage((v) => X25519KeyPair.fromBytes(alicePrivate, v as Uint8Array), 'publicKey', X25519_KEY_LENGTH)
    })

    it('agree(theirPublicKey)', () => {
      assertRejectsGarbage((v) => alice.agree(v as Uint8Array), 'theirPublicKey', X25519_KEY_LENGTH)
    })

    it('x25519(privateKey, publicKey) and x25519PublicKey(privateKey)', () => {
      assertRejectsGarbage((v) => x25519(v as Uint8Array, bobPublic), 'privateKey', X25519_KEY_LENGTH)
      assertRejectsGarbage((v) => x25519(alicePrivate, v as Uint8Array), 'theirPublicKey', X25519_KEY_LENGTH)
      assertRejectsGarbage((v) => x25519PublicKey(v as Uint8Array), 'privateKey', X25519_KEY_LENGTH)
    })

    it('generate(random) rejects a RandomSource that returns the wrong length', () => {
      assert.throws(() => X25519KeyPair.generate(() => new Uint8Array(31)), {
        name: 'RangeError',
        message: 'privateKey must be 32 bytes, got 31'
      })
    })
  })

  describe('generate + agree', () => {
    it('is deterministic for a seeded RandomSource', () => {
      const a = X25519KeyPair.generate(seededRandom('x25519-determinism'))
      const b = X25519KeyPair.generate(seededRandom('x25519-determinism'))
      assert.equal(toHex(a.privateKey), toHex(b.privateKey))
      assert.equal(toHex(a.publicKey), toHex(b.publicKey))
    })

    // Bounded stress loop: src/crypto/x25519.ts notes that generateKeyPairSync +
    // JWK export deadlocked inside a GC on Node 20 within a few thousand calls.
    // Keys are now made from random bytes; this loop would hang again if that
    // path came back, and it checks DH symmetry on every pair along the way.
    const PAIRS = 2500
    it(`${PAIRS} fresh pairs agree symmetrically`, { timeout: 60_000 }, () => {
      const seen = new Set<string>()
      for (let i = 0; i < PAIRS; i++) {
        const a = X25519KeyPair.generate(defaultRandom)
        const b = X25519KeyPair.generate(defaultRandom)
        const ab = a.agree(b.publicKey)
        const ba = b.agree(a.publicKey)
        assert.equal(ab.length, 32)
        assert.deepEqual(ab, ba, `pair ${i}: shared secrets differ`)
        seen.add(toHex(ab))
      }
      assert.equal(seen.size, PAIRS, 'shared secrets repeat')
    })
  })
})
