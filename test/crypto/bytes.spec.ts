import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assertBytes, bytesEqual, concat, constantTimeEqual, copyBytes, fromHex, lengthPrefixed, toHex, u32be, utf8, wipe } from '../../src/crypto/index.ts'
import { assertRejectsGarbage } from './garbage.ts'

describe('bytes', () => {
  describe('assertBytes', () => {
    it('accepts a Uint8Array of the given length, a Buffer, and a view', () => {
      assert.doesNotThrow(() => assertBytes(new Uint8Array(32), 32, 'key'))
      assert.doesNotThrow(() => assertBytes(Buffer.alloc(32), 32, 'key'))
      assert.doesNotThrow(() => assertBytes(new Uint8Array(40).subarray(4, 36), 32, 'key'))
      assert.doesNotThrow(() => assertBytes(new Uint8Array(0), undefined, 'data'))
      assert.doesNotThrow(() => assertBytes(new Uint8Array(7), undefined, 'data'))
    })

    it('throws TypeError for every non-Uint8Array, naming the argument and the type', () => {
      assertRejectsGarbage((v) => { assertBytes(v, 32, 'theirRatchetKey') }, 'theirRatchetKey', 32)
      assert.throws(() => { assertBytes(null, 32, 'key') }, { name: 'TypeError', message: 'key must be a Uint8Array, got null' })
      assert.throws(() => { assertBytes('ab', 32, 'key') }, { name: 'TypeError', message: 'key must be a Uint8Array, got string' })
      assert.throws(() => { assertBytes(undefined, undefined, 'data') }, { name: 'TypeError', message: 'data must be a Uint8Array, got undefined' })
    })

    it('throws RangeError for a wrong length, with the expected and actual length', () => {
      assert.throws(() => { assertBytes(new Uint8Array(31), 32, 'theirRatchetKey') }, {
        name: 'RangeError',
        message: 'theirRatchetKey must be 32 bytes, got 31'
      })
      assert.throws(() => { assertBytes(new Uint8Array(1), 0, 'empty') }, { name: 'RangeError', message: 'empty must be 0 bytes, got 1' })
    })
  })

  describe('concat', () => {
    it('joins parts in order into a new array', () => {
      assert.equal(toHex(concat(fromHex('0102'), fromHex(''), fromHex('03'), fromHex('0405'))), '0102030405')
    })

    it('of nothing is empty', () => {
      assert.equal(concat().length, 0)
    })

    it('copies: the result shares no memory with its parts', () => {
      const a = fromHex('aabb')
      const out = concat(a)
      a[0] = 0
      assert.equal(toHex(out), 'aabb')
      assert.notEqual(out.buffer, a.buffer)
    })

    it('reads views correctly (byteOffset != 0)', () => {
      const backing = fromHex('00112233445566')
      assert.equal(toHex(concat(backing.subarray(1, 3), backing.subarray(5))), '11225566')
    })
  })

  describe('lengthPrefixed', () => {
    it('frames each part as u32be(length) || part', () => {
      assert.equal(toHex(lengthPrefixed(utf8('ab'), new Uint8Array(0), fromHex('ff'))), '00000002' + '6162' + '00000000' + '00000001' + 'ff')
    })

    it('of nothing is empty', () => {
      assert.equal(lengthPrefixed().length, 0)
    })

    it('is unambiguous where plain concatenation is not', () => {
      assert.deepEqual(concat(utf8('ab'), utf8('c')), concat(utf8('a'), utf8('bc')))
      assert.notDeepEqual(lengthPrefixed(utf8('ab'), utf8('c')), lengthPrefixed(utf8('a'), utf8('bc')))
      assert.notDeepEqual(lengthPrefixed(utf8('abc')), lengthPrefixed(utf8('abc'), new Uint8Array(0)))
    })
  })

  describe('u32be', () => {
    for (const [n, hex] of [[0, '00000000'], [1, '00000001'], [258, '00000102'], [0x7fffffff, '7fffffff'], [0x80000000, '80000000'], [0xffffffff, 'ffffffff']] as const) {
      it(`${n} -> ${hex}`, () => {
        assert.equal(toHex(u32be(n)), hex)
      })
    }

    for (const n of [-1, 0x100000000, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_SAFE_INTEGER]) {
      it(`rejects ${n} with RangeError`, () => {
        assert.throws(() => u32be(n), { name: 'RangeError', message: `u32 out of range: ${n}` })
      })
    }
  })

  describe('constantTimeEqual and bytesEqual', () => {
    const cases = [
      ['equal', fromHex('00010203'), fromHex('00010203'), true],
      ['both empty', new Uint8Array(0), new Uint8Array(0), true],
      ['last byte differs', fromHex('00010203'), fromHex('00010204'), false],
      ['first bit differs', fromHex('00010203'), fromHex('80010203'), false],
      ['different lengths', fromHex('000102'), fromHex('00010203'), false],
      ['prefix of the other', new Uint8Array(0), fromHex('00'), false]
    ] as const
    for (const [name, a, b, expected] of cases) {
      it(`${name} -> ${String(expected)}`, () => {
        assert.equal(constantTimeEqual(a, b), expected)
        assert.equal(constantTimeEqual(b, a), expected)
        assert.equal(bytesEqual(a, b), expected)
        assert.equal(bytesEqual(b, a), expected)
      })
    }

    it('compares views by their contents, not their backing buffers', () => {
      const backing = fromHex('ff0102ff0102')
      assert.equal(constantTimeEqual(backing.subarray(1, 3), backing.subarray(4, 6)), true)
      assert.equal(constantTimeEqual(backing.subarray(0, 2), backing.subarray(1, 3)), false)
      assert.equal(bytesEqual(backing.subarray(1, 3), backing.subarray(4, 6)), true)
    })
  })

  describe('hex', () => {
    it('round-trips every byte value', () => {
      const all = Uint8Array.from({ length: 256 }, (_, i) => i)
      const hex = toHex(all)
      assert.equal(hex.length, 512)
      assert.equal(hex.slice(0, 8), '00010203')
      assert.equal(hex.slice(-4), 'feff')
      assert.deepEqual(fromHex(hex), all)
    })

    it('accepts upper case and always writes lower case', () => {
      assert.equal(toHex(fromHex('DEADbeef')), 'deadbeef')
    })

    it('encodes only the view, not the whole backing buffer', () => {
      assert.equal(toHex(fromHex('00112233').subarray(1, 3)), '1122')
    })

    it('empty string <-> empty bytes', () => {
      assert.equal(toHex(new Uint8Array(0)), '')
      assert.equal(fromHex('').length, 0)
    })

    for (const bad of ['0', 'abc', 'zz', '0x00', ' 00', '00 ', 'g0', '+1']) {
      it(`rejects ${JSON.stringify(bad)}`, () => {
        assert.throws(() => fromHex(bad), { name: 'TypeError', message: 'invalid hex string' })
      })
    }

    it('fromHex returns a plain Uint8Array, not a Buffer', () => {
      assert.equal(Object.getPrototypeOf(fromHex('00')), Uint8Array.prototype)
    })
  })

  describe('utf8, copyBytes, wipe', () => {
    it('utf8 encodes text', () => {
      assert.equal(toHex(utf8('kabar ✓')), '6b61626172' + '20' + 'e29c93')
    })

    it('copyBytes owns its memory', () => {
      const backing = fromHex('0011223344')
      const copy = copyBytes(backing.subarray(1, 3))
      backing.fill(0)
      assert.equal(toHex(copy), '1122')
      assert.equal(copy.byteOffset, 0)
      assert.equal(copy.buffer.byteLength, 2)
    })

    it('wipe zeroes every array it is given', () => {
      const a = fromHex('0102')
      const b = fromHex('030405')
      wipe(a, b)
      assert.equal(toHex(a), '0000')
      assert.equal(toHex(b), '000000')
    })
  })
})
