import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { KabarError } from '../../src/errors.ts'
import { AES_KEY_LENGTH, DecryptError, GCM_NONCE_LENGTH, GCM_TAG_LENGTH, aes256gcmOpen, aes256gcmSeal, concat, fromHex, toHex, utf8 } from '../../src/crypto/index.ts'
import { seededRandom } from '../utils/random.ts'
import { assertRejectsGarbage } from './garbage.ts'

// McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)" (the spec
// submitted to NIST for SP 800-38D), Appendix B, AES-256 test cases 13-16.
const GCM_SPEC_APPENDIX_B = [
  {
    name: 'Test Case 13 (zero key, empty plaintext)',
    key: '0000000000000000000000000000000000000000000000000000000000000000',
    nonce: '000000000000000000000000',
    plaintext: '',
    aad: '',
    ciphertext: '',
    tag: '530f8afbc74536b9a963b4f1c4cb738b'
  },
  {
    name: 'Test Case 14 (zero key, one zero block)',
    key: '0000000000000000000000000000000000000000000000000000000000000000',
    nonce: '000000000000000000000000',
    plaintext: '00000000000000000000000000000000',
    aad: '',
    ciphertext: 'cea7403d4d606b6e074ec5d3baf39d18',
    tag: 'd0d1c8a799996bf0265b98b5d48ab919'
  },
  {
    name: 'Test Case 15 (64-byte plaintext, no AAD)',
    key: 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308',
    nonce: 'cafebabefacedbaddecaf888',
    plaintext: 'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
      '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255',
    aad: '',
    ciphertext: '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
      '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad',
    tag: 'b094dac5d93471bdec1a502270e3cc6c'
  },
  {
    name: 'Test Case 16 (60-byte plaintext, 20-byte AAD)',
    key: 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308',
    nonce: 'cafebabefacedbaddecaf888',
    plaintext: 'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
      '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
    aad: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
    ciphertext: '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
      '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662',
    tag: '76fc6ece0f4e1768cddf8853bb2d551b'
  }
] as const

function flipBit (bytes: Uint8Array, bit: number): Uint8Array {
  const out = new Uint8Array(bytes)
  out[bit >> 3] ^= 1 << (bit & 7)
  return out
}

/** Every failure must look the same: one class, one code, one message. */
function isDecryptFailure (err: unknown): boolean {
  assert.ok(err instanceof DecryptError, `expected DecryptError, got ${String(err)}`)
  assert.ok(KabarError.is(err, 'DECRYPT_FAILED'))
  assert.equal(err.name, 'DecryptError')
  assert.equal(err.code, 'DECRYPT_FAILED')
  assert.equal(err.message, 'decryption failed')
  return true
}

describe('AES-256-GCM', () => {
  describe('GCM spec (McGrew & Viega) Appendix B vectors', () => {
    for (const v of GCM_SPEC_APPENDIX_B) {
      it(`${v.name}: seal and open`, () => {
        const key = fromHex(v.key)
        const nonce = fromHex(v.nonce)
        const aad = fromHex(v.aad)
        const sealed = aes256gcmSeal(key, nonce, fromHex(v.plaintext), aad)
        assert.equal(toHex(sealed), v.ciphertext + v.tag)
        assert.equal(toHex(aes256gcmOpen(key, nonce, fromHex(v.ciphertext + v.tag), aad)), v.plaintext)
      })
    }

    it('the associated data defaults to empty', () => {
      const v = GCM_SPEC_APPENDIX_B[2]
      assert.equal(toHex(aes256gcmSeal(fromHex(v.key), fromHex(v.nonce), fromHex(v.plaintext))), v.ciphertext + v.tag)
      assert.equal(toHex(aes256gcmOpen(fromHex(v.key), fromHex(v.nonce), fromHex(v.ciphertext + v.tag))), v.plaintext)
    })
  })

  describe('round trip', () => {
    const random = seededRandom('aead')
    for (const size of [0, 1, 15, 16, 17, 1000, 70_000]) {
      it(`${size}-byte plaintext`, () => {
        const key = random(AES_KEY_LENGTH)
        const nonce = random(GCM_NONCE_LENGTH)
        const plaintext = random(size)
        const aad = random(size % 50)
        const sealed = aes256gcmSeal(key, nonce, plaintext, aad)
        assert.equal(sealed.length, size + GCM_TAG_LENGTH)
        assert.deepEqual(aes256gcmOpen(key, nonce, sealed, aad), plaintext)
      })
    }

    it('associated data given in parts authenticates as their concatenation', () => {
      const random = seededRandom('aead-parts')
      const key = random(AES_KEY_LENGTH)
      const nonce = random(GCM_NONCE_LENGTH)
      const plaintext = random(100)
      const a = random(37)
      const b = random(5)
      const whole = aes256gcmSeal(key, nonce, plaintext, concat(a, b))
      assert.deepEqual(aes256gcmSeal(key, nonce, plaintext, [a, b]), whole)
      assert.deepEqual(aes256gcmSeal(key, nonce, plaintext, [a, new Uint8Array(0), b]), whole)
      assert.deepEqual(aes256gcmOpen(key, nonce, whole, [a, b]), plaintext)
      assert.deepEqual(aes256gcmOpen(key, nonce, whole, [concat(a, b)]), plaintext)
      assert.deepEqual(aes256gcmSeal(key, nonce, plaintext, []), aes256gcmSeal(key, nonce, plaintext))
      assert.throws(() => aes256gcmOpen(key, nonce, whole, [b, a]), isDecryptFailure)
      assert.throws(() => aes256gcmOpen(key, nonce, whole, [a]), isDecryptFailure)
      assert.throws(() => aes256gcmSeal(key, nonce, plaintext, [a, 'b' as unknown as Uint8Array]), /^TypeError: associatedData/)
    })

    it('accepts views into larger buffers (byteOffset != 0)', () => {
      const backing = seededRandom('aead-views')(200)
      const key = backing.subarray(3, 35)
      const nonce = backing.subarray(40, 52)
      const plaintext = backing.subarray(60, 110)
      const aad = backing.subarray(120, 130)
      const sealed = aes256gcmSeal(key, nonce, plaintext, aad)
      const boxed = new Uint8Array(sealed.length + 7)
      boxed.set(sealed, 7)
      assert.deepEqual(aes256gcmOpen(key, nonce, boxed.subarray(7), aad), new Uint8Array(plaintext))
    })
  })

  describe('every failure throws the same DecryptError', () => {
    const v = GCM_SPEC_APPENDIX_B[3]
    const key = fromHex(v.key)
    const nonce = fromHex(v.nonce)
    const aad = fromHex(v.aad)
    const ciphertext = fromHex(v.ciphertext)
    const tag = fromHex(v.tag)
    const sealed = concat(ciphertext, tag)

    it('a flipped bit anywhere in the ciphertext', () => {
      for (let bit = 0; bit < ciphertext.length * 8; bit++) {
        assert.throws(() => aes256gcmOpen(key, nonce, flipBit(sealed, bit), aad), isDecryptFailure, `ciphertext bit ${bit}`)
      }
    })

    it('a flipped bit anywhere in the tag', () => {
      for (let bit = 0; bit < GCM_TAG_LENGTH * 8; bit++) {
        assert.throws(() => aes256gcmOpen(key, nonce, flipBit(sealed, ciphertext.length * 8 + bit), aad), isDecryptFailure, `tag bit ${bit}`)
      }
    })

    it('a flipped bit anywhere in the associated data, or missing/extra associated data', () => {
      for (let bit = 0; bit < aad.length * 8; bit++) {
        assert.throws(() => aes256gcmOpen(key, nonce, sealed, flipBit(aad, bit)), isDecryptFailure, `aad bit ${bit}`)
      }
      assert.throws(() => aes256gcmOpen(key, nonce, sealed), isDecryptFailure, 'no aad')
      assert.throws(() => aes256gcmOpen(key, nonce, sealed, concat(aad, new Uint8Array(1))), isDecryptFailure, 'aad + 1 byte')
    })

    it('a flipped bit anywhere in the nonce', () => {
      for (let bit = 0; bit < GCM_NONCE_LENGTH * 8; bit++) {
        assert.throws(() => aes256gcmOpen(key, flipBit(nonce, bit), sealed, aad), isDecryptFailure, `nonce bit ${bit}`)
      }
    })

    it('a wrong key', () => {
      for (let bit = 0; bit < AES_KEY_LENGTH * 8; bit += 7) {
        assert.throws(() => aes256gcmOpen(flipBit(key, bit), nonce, sealed, aad), isDecryptFailure, `key bit ${bit}`)
      }
      assert.throws(() => aes256gcmOpen(new Uint8Array(32), nonce, sealed, aad), isDecryptFailure, 'zero key')
    })

    it('a truncated or extended box', () => {
      for (const length of [sealed.length - 1, GCM_TAG_LENGTH + 1, GCM_TAG_LENGTH]) {
        assert.throws(() => aes256gcmOpen(key, nonce, sealed.subarray(0, length), aad), isDecryptFailure, `first ${length} bytes`)
      }
      assert.throws(() => aes256gcmOpen(key, nonce, sealed.subarray(1), aad), isDecryptFailure, 'first byte dropped')
      assert.throws(() => aes256gcmOpen(key, nonce, concat(sealed, new Uint8Array(1)), aad), isDecryptFailure, 'one byte appended')
    })

    it('a box shorter than the tag (< 16 bytes)', () => {
      for (const length of [15, 8, 1]) {
        assert.throws(() => aes256gcmOpen(key, nonce, sealed.subarray(0, length), aad), isDecryptFailure, `${length} bytes`)
      }
    })

    it('an empty box', () => {
      assert.throws(() => aes256gcmOpen(key, nonce, new Uint8Array(0), aad), isDecryptFailure)
      assert.throws(() => aes256gcmOpen(key, nonce, new Uint8Array(0)), isDecryptFailure)
    })

    it('a box sealed for other associated data, even with the right key and nonce', () => {
      const other = aes256gcmSeal(key, nonce, utf8('hello'), utf8('header A'))
      assert.throws(() => aes256gcmOpen(key, nonce, other, utf8('header B')), isDecryptFailure)
    })
  })

  describe('garbage arguments stay TypeError / RangeError (programming errors)', () => {
    const key = new Uint8Array(AES_KEY_LENGTH)
    const nonce = new Uint8Array(GCM_NONCE_LENGTH)
    const sealed = aes256gcmSeal(key, nonce, utf8('x'))

    it('aes256gcmSeal(key, nonce, plaintext, associatedData)', () => {
      assertRejectsGarbage((x) => aes256gcmSeal(x as Uint8Array, nonce, utf8('x')), 'key', AES_KEY_LENGTH)
      assertRejectsGarbage((x) => aes256gcmSeal(key, x as Uint8Array, utf8('x')), 'nonce', GCM_NONCE_LENGTH)
      assertRejectsGarbage((x) => aes256gcmSeal(key, nonce, x as Uint8Array), 'plaintext')
      assertRejectsGarbage((x) => aes256gcmSeal(key, nonce, utf8('x'), x as Uint8Array), 'associatedData', undefined, true)
    })

    it('aes256gcmOpen(key, nonce, sealed, associatedData)', () => {
      assertRejectsGarbage((x) => aes256gcmOpen(x as Uint8Array, nonce, sealed), 'key', AES_KEY_LENGTH)
      assertRejectsGarbage((x) => aes256gcmOpen(key, x as Uint8Array, sealed), 'nonce', GCM_NONCE_LENGTH)
      assertRejectsGarbage((x) => aes256gcmOpen(key, nonce, x as Uint8Array), 'sealed')
      assertRejectsGarbage((x) => aes256gcmOpen(key, nonce, sealed, x as Uint8Array), 'associatedData', undefined, true)
    })
  })
})
