import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { HKDF_SHA256_MAX_LENGTH, fromHex, hkdfSha256, hmacSha256, toHex, utf8 } from '../../src/crypto/index.ts'
import { assertRejectsGarbage } from './garbage.ts'

/** Bytes start, start+1, …, end (inclusive), as the RFC 5869 tables write them. */
function range (start: number, end: number): Uint8Array {
  return Uint8Array.from({ length: end - start + 1 }, (_, i) => start + i)
}

// RFC 5869 Appendix A, HKDF-SHA256 test cases 1-3. PRK is listed for
// reference; hkdfSha256 does extract-then-expand, so only OKM is checked.
const RFC5869_APPENDIX_A = [
  {
    name: 'A.1 Test Case 1 (basic)',
    ikm: new Uint8Array(22).fill(0x0b),
    salt: range(0x00, 0x0c),
    info: range(0xf0, 0xf9),
    length: 42,
    // PRK 077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5
    okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865'
  },
  {
    name: 'A.2 Test Case 2 (longer inputs and outputs)',
    ikm: range(0x00, 0x4f),
    salt: range(0x60, 0xaf),
    info: range(0xb0, 0xff),
    length: 82,
    // PRK 06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244
    okm: 'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c' +
      '59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71' +
      'cc30c58179ec3e87c14c01d5c1f3434f1d87'
  },
  {
    name: 'A.3 Test Case 3 (zero-length salt and info)',
    ikm: new Uint8Array(22).fill(0x0b),
    salt: new Uint8Array(0),
    info: new Uint8Array(0),
    length: 42,
    // PRK 19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04
    okm: '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8'
  }
] as const

// RFC 4231 §4.2-§4.8, HMAC-SHA-256 test cases 1-7. Test case 5 truncates
// the output to 128 bits, so only the first 16 bytes are compared.
const RFC4231 = [
  {
    name: 'Test Case 1 (§4.2)',
    key: new Uint8Array(20).fill(0x0b),
    data: utf8('Hi There'),
    mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'
  },
  {
    name: 'Test Case 2 (§4.3, a key shorter than the output)',
    key: utf8('Jefe'),
    data: utf8('what do ya want for nothing?'),
    mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'
  },
  {
    name: 'Test Case 3 (§4.4, combined key and data of 50 bytes)',
    key: new Uint8Array(20).fill(0xaa),
    data: new Uint8Array(50).fill(0xdd),
    mac: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'
  },
  {
    name: 'Test Case 4 (§4.5, combined key and data of 50 bytes)',
    key: range(0x01, 0x19),
    data: new Uint8Array(50).fill(0xcd),
    mac: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b'
  },
  {
    name: 'Test Case 5 (§4.6, truncated to 128 bits)',
    key: new Uint8Array(20).fill(0x0c),
    data: utf8('Test With Truncation'),
    mac: 'a3b6167473100ee06e0c796c2955552b'
  },
  {
    name: 'Test Case 6 (§4.7, a key larger than the block size)',
    key: new Uint8Array(131).fill(0xaa),
    data: utf8('Test Using Larger Than Block-Size Key - Hash Key First'),
    mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54'
  },
  {
    name: 'Test Case 7 (§4.8, a key and data larger than the block size)',
    key: new Uint8Array(131).fill(0xaa),
    data: utf8('This is a test using a larger than block-size key and a larger than block-size data. ' +
      'The key needs to be hashed before being used by the HMAC algorithm.'),
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2'
  }
] as const

describe('HKDF-SHA256', () => {
  describe('RFC 5869 Appendix A', () => {
    for (const v of RFC5869_APPENDIX_A) {
      it(v.name, () => {
        const okm = hkdfSha256(v.ikm, v.salt, v.info, v.length)
        assert.equal(okm.length, v.length)
        assert.equal(toHex(okm), v.okm)
      })
    }
  })

  it('a shorter output is a prefix of a longer one (RFC 5869 §2.3: T(1) || T(2) || …)', () => {
    const v = RFC5869_APPENDIX_A[0]
    assert.equal(toHex(hkdfSha256(v.ikm, v.salt, v.info, 10)), v.okm.slice(0, 20))
  })

  it('the info string separates outputs', () => {
    const v = RFC5869_APPENDIX_A[0]
    assert.notEqual(toHex(hkdfSha256(v.ikm, v.salt, utf8('a'), 32)), toHex(hkdfSha256(v.ikm, v.salt, utf8('b'), 32)))
  })

  describe('length bounds (RFC 5869 §2.3: L <= 255 * HashLen = 8160)', () => {
    const v = RFC5869_APPENDIX_A[0]

    it('accepts 1 and 8160', () => {
      assert.equal(HKDF_SHA256_MAX_LENGTH, 8160)
      assert.equal(hkdfSha256(v.ikm, v.salt, v.info, 1).length, 1)
      assert.equal(hkdfSha256(v.ikm, v.salt, v.info, 8160).length, 8160)
    })

    for (const length of [0, 8161, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      it(`rejects ${length} with RangeError`, () => {
        assert.throws(() => hkdfSha256(v.ikm, v.salt, v.info, length), {
          name: 'RangeError',
          message: `length must be an integer from 1 to 8160, got ${length}`
        })
      })
    }
  })

  it('rejects garbage ikm, salt and info', () => {
    const v = RFC5869_APPENDIX_A[0]
    assertRejectsGarbage((x) => hkdfSha256(x as Uint8Array, v.salt, v.info, 32), 'ikm')
    assertRejectsGarbage((x) => hkdfSha256(v.ikm, x as Uint8Array, v.info, 32), 'salt')
    assertRejectsGarbage((x) => hkdfSha256(v.ikm, v.salt, x as Uint8Array, 32), 'info')
  })
})

describe('HMAC-SHA256', () => {
  describe('RFC 4231', () => {
    for (const v of RFC4231) {
      it(v.name, () => {
        const mac = hmacSha256(v.key, v.data)
        assert.equal(mac.length, 32)
        assert.equal(toHex(mac.subarray(0, v.mac.length / 2)), v.mac)
      })
    }
  })

  it('accepts an empty key and empty data', () => {
    const mac = hmacSha256(new Uint8Array(0), new Uint8Array(0))
    assert.equal(mac.length, 32)
    // RFC 2104 §2: a key shorter than the block is zero-padded, so "" and 0x00 are the same key.
    assert.deepEqual(hmacSha256(fromHex('00'), new Uint8Array(0)), mac)
  })

  it('rejects garbage key and data', () => {
    assertRejectsGarbage((x) => hmacSha256(x as Uint8Array, fromHex('00')), 'key')
    assertRejectsGarbage((x) => hmacSha256(fromHex('00'), x as Uint8Array), 'data')
  })
})
