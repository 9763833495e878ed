import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ED25519_PUBLIC_KEY_LENGTH, ED25519_SEED_LENGTH, Ed25519KeyPair, ed25519Verify, fromHex, sha512, toHex, utf8 } from '../../src/crypto/index.ts'
import { seededRandom } from '../utils/random.ts'
import { assertRejectsGarbage } from './garbage.ts'

// RFC 8032 §7.1, Test Vectors for Ed25519. TEST 1024 (a 1023-byte message)
// is left out; TEST SHA(abc) covers a long-ish message instead.
const RFC8032_SECTION_7_1 = [
  {
    name: 'TEST 1',
    secretKey: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155' +
      '5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'
  },
  {
    name: 'TEST 2',
    secretKey: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da' +
      '085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00'
  },
  {
    name: 'TEST 3',
    secretKey: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    publicKey: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac' +
      '18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a'
  },
  {
    name: 'TEST SHA(abc)',
    secretKey: '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42',
    publicKey: 'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
    message: 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a' +
      '2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    signature: 'dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589' +
      '09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704'
  }
] as const

function flipBit (bytes: Uint8Array, bit: number): Uint8Array {
  const out = new Uint8Array(bytes)
  out[bit >> 3] ^= 1 << (bit & 7)
  return out
}

describe('Ed25519', () => {
  describe('RFC 8032 §7.1 test vectors', () => {
    for (const v of RFC8032_SECTION_7_1) {
      it(`${v.name}: seed -> public key, signature; verify`, () => {
        const pair = Ed25519KeyPair.fromSeed(fromHex(v.secretKey))
        assert.equal(toHex(pair.publicKey), v.publicKey)
        assert.equal(toHex(pair.seed), v.secretKey)
        const message = fromHex(v.message)
        assert.equal(toHex(pair.sign(message)), v.signature)
        assert.equal(ed25519Verify(fromHex(v.publicKey), message, fromHex(v.signature)), true)
      })
    }

    it('TEST SHA(abc) signs SHA-512("abc")', () => {
      assert.equal(toHex(sha512(utf8('abc'))), RFC8032_SECTION_7_1[3].message)
    })
  })

  describe('verify returns false for anything altered', () => {
    const v = RFC8032_SECTION_7_1[2]
    const publicKey = fromHex(v.publicKey)
    const message = fromHex(v.message)
    const signature = fromHex(v.signature)

    it('a flipped bit in the message', () => {
      for (let bit = 0; bit < message.length * 8; bit++) {
        assert.equal(ed25519Verify(publicKey, flipBit(message, bit), signature), false, `message bit ${bit}`)
      }
      assert.equal(ed25519Verify(publicKey, new Uint8Array([...message, 0]), signature), false, 'extended message')
      assert.equal(ed25519Verify(publicKey, message.subarray(1), signature), false, 'shortened message')
    })

    it('a flipped bit in the signature (every one of 512)', () => {
      for (let bit = 0; bit < 512; bit++) {
        assert.equal(ed25519Verify(publicKey, message, flipBit(signature, bit)), false, `signature bit ${bit}`)
      }
    })

    it('a flipped bit in the public key (every one of 256), including encodings that are not points', () => {
      for (let bit = 0; bit < 256; bit++) {
        assert.equal(ed25519Verify(flipBit(publicKey, bit), message, signature), false, `public key bit ${bit}`)
      }
      assert.equal(ed25519Verify(new Uint8Array(32).fill(0xff), message, signature), false, 'all-0xff key')
      assert.equal(ed25519Verify(new Uint8Array(32), message, signature), false, 'all-zero key')
    })

    it('another vector\'s key or signature', () => {
      const other = RFC8032_SECTION_7_1[1]
      assert.equal(ed25519Verify(fromHex(other.publicKey), message, signature), false)
      assert.equal(ed25519Verify(publicKey, message, fromHex(other.signature)), false)
    })

    it('a signature of the wrong length (false, not an exception)', () => {
      for (const length of [0, 1, 32, 63, 65, 128]) {
        const wrong = new Uint8Array(length)
        wrong.set(signature.subarray(0, Math.min(length, 64)))
        assert.equal(ed25519Verify(publicKey, message, wrong), false, `${length}-byte signature`)
      }
    })

    it('an all-zero signature', () => {
      assert.equal(ed25519Verify(publicKey, message, new Uint8Array(64)), false)
    })
  })

  describe('generated keys', () => {
    it('sign and verify with a seeded RandomSource, deterministically', () => {
      const a = Ed25519KeyPair.generate(seededRandom('ed25519'))
      const b = Ed25519KeyPair.generate(seededRandom('ed25519'))
      assert.deepEqual(a.publicKey, b.publicKey)
      const message = utf8('kabar')
      const signature = a.sign(message)
      // RFC 8032 §5.1.6: Ed25519 signing is deterministic.
      assert.deepEqual(signature, b.sign(message))
      assert.equal(signature.length, 64)
      assert.equal(ed25519Verify(a.publicKey, message, signature), true)
    })

    it('copies the seed: mutating the caller\'s buffer changes nothing', () => {
      const v = RFC8032_SECTION_7_1[0]
      const seed = fromHex(v.secretKey)
      const pair = Ed25519KeyPair.fromSeed(seed)
      seed.fill(0)
      assert.equal(toHex(pair.seed), v.secretKey)
      assert.equal(toHex(pair.sign(new Uint8Array(0))), v.signature)
    })
  })

  describe('garbage inputs', () => {
    const v = RFC8032_SECTION_7_1[1]
    const pair = Ed25519KeyPair.fromSeed(fromHex(v.secretKey))
    const publicKey = fromHex(v.publicKey)
    const message = fromHex(v.message)
    const signature = fromHex(v.signature)

    it('fromSeed(seed)', () => {
      assertRejectsGarbage((x) => Ed25519KeyPair.fromSeed(x as Uint8Array), 'seed', ED25519_SEED_LENGTH)
    })

    it('generate(random) rejects a RandomSource that returns the wrong length', () => {
      assert.throws(() => Ed25519KeyPair.generate(() => new Uint8Array(33)), { name: 'RangeError', message: 'seed must be 32 bytes, got 33' })
    })

    it('sign(message)', () => {
      assertRejectsGarbage((x) => pair.sign(x as Uint8Array), 'message')
    })

    it('ed25519Verify(publicKey, message, signature): wrong types throw, a wrong key length throws', () => {
      assertRejectsGarbage((x) => ed25519Verify(x as Uint8Array, message, signature), 'publicKey', ED25519_PUBLIC_KEY_LENGTH)
      assertRejectsGarbage((x) => ed25519Verify(publicKey, x as Uint8Array, signature), 'message')
      assertRejectsGarbage((x) => ed25519Verify(publicKey, message, x as Uint8Array), 'signature')
    })
  })
})
