import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, it } from 'node:test'
import {
  InvalidKeyError,
  MLKEM768_CIPHERTEXT_LENGTH,
  MLKEM768_PUBLIC_KEY_LENGTH,
  MLKEM768_SECRET_KEY_LENGTH,
  MLKEM768_SEED_LENGTH,
  MLKEM768_SHARED_SECRET_LENGTH,
  fromHex,
  mlKem768Decapsulate,
  mlKem768Encapsulate,
  mlKem768Keygen,
  mlKem768KeygenFromSeed,
  sha256,
  toHex
} from '../../src/crypto/index.ts'
import { seededRandom } from '../utils/random.ts'
import { assertRejectsGarbage } from './garbage.ts'

// NIST ACVP, ML-KEM-keyGen-FIPS203 internalProjection.json (vsId 42), test
// group 2 (ML-KEM-768), as mirrored in github.com/paulmillr/acvp-vectors at
// commit 2e9216ceafb854d7bc113088a2f8b043654226a8
// (acvp/ML-KEM-keyGen-FIPS203/internalProjection.json.gz), which copies
// github.com/usnistgov/ACVP-Server gen-val/json-files. The 1184-byte ek and
// 2400-byte dk are kept as their SHA-256, computed from the JSON's hex.
const ACVP_MLKEM768_KEYGEN = [
  {
    tcId: 26,
    d: 'e582b7d75e6c80b05ae392a1fc9f7153b12390fd99930368cc67a768baebc8a0',
    z: '1cdacb8740c0b87c4a379575f187b367cbfa3b300bf591b109f79816e9cbe8f0',
    sha256Ek: '4158f6afb5e516c99f1da07da8c651348422b17c1f4e9a08ad73fb1f91249b3e',
    sha256Dk: '7aab35839207f72b310abe36e2daa1cc7ff6f7fa8941e439967cd47d9b437079'
  },
  {
    tcId: 27,
    d: '3e5848db624613f7ac144457cc1375f006fa8cb953e767dc9e7428d00f5dad8b',
    z: '012dd6c2f0918b9eb6182474eb86d848f65974759d59ce151a396deee4ca10d1',
    sha256Ek: '26eb7b8190b6038f6acca606bf563fd15425f3659b5170f10cd4cfadfcad084d',
    sha256Dk: '87908625991831229045ef4931ddc20c007993d02ce5abe643fc101bfa702c88'
  }
] as const

// FIPS 203 §7.1, ML-KEM.KeyGen_internal: dk = dk_PKE || ek || H(ek) || z,
// with dk_PKE 384·k = 1152 bytes for k = 3 and H = SHA3-256.
const DK_PKE_LENGTH = 1152

function sha3 (bytes: Uint8Array): string {
  return createHash('sha3-256').update(bytes).digest('hex')
}

describe('ML-KEM-768', () => {
  describe('NIST ACVP keyGen (FIPS 203) known answers', () => {
    for (const v of ACVP_MLKEM768_KEYGEN) {
      it(`tcId ${v.tcId}: seed d || z -> SHA-256(ek), SHA-256(dk)`, () => {
        const { publicKey, secretKey } = mlKem768KeygenFromSeed(fromHex(v.d + v.z))
        assert.equal(toHex(sha256(publicKey)), v.sha256Ek)
        assert.equal(toHex(sha256(secretKey)), v.sha256Dk)
      })
    }
  })

  it('lays out the secret key as FIPS 203 §7.1 says: dk_PKE || ek || H(ek) || z', () => {
    const v = ACVP_MLKEM768_KEYGEN[0]
    const { publicKey, secretKey } = mlKem768KeygenFromSeed(fromHex(v.d + v.z))
    assert.equal(publicKey.length, MLKEM768_PUBLIC_KEY_LENGTH)
    assert.equal(secretKey.length, MLKEM768_SECRET_KEY_LENGTH)
    const ekEnd = DK_PKE_LENGTH + MLKEM768_PUBLIC_KEY_LENGTH
    assert.deepEqual(secretKey.subarray(DK_PKE_LENGTH, ekEnd), publicKey)
    assert.equal(toHex(secretKey.subarray(ekEnd, ekEnd + 32)), sha3(publicKey))
    assert.equal(toHex(secretKey.subarray(ekEnd + 32)), v.z)
  })

  describe('round trip', () => {
    it('keygen / encapsulate / decapsulate agree, with the right lengths', () => {
      const random = seededRandom('mlkem-round-trip')
      for (let i = 0; i < 5; i++) {
        const { publicKey, secretKey } = mlKem768Keygen(random)
        const { cipherText, sharedSecret } = mlKem768Encapsulate(publicKey, random)
        assert.equal(cipherText.length, MLKEM768_CIPHERTEXT_LENGTH)
        assert.equal(sharedSecret.length, MLKEM768_SHARED_SECRET_LENGTH)
        assert.deepEqual(mlKem768Decapsulate(cipherText, secretKey), sharedSecret)
      }
    })

    it('is deterministic from the seed of the RandomSource', () => {
      const run = (seed: string): string[] => {
        const random = seededRandom(seed)
        const { publicKey, secretKey } = mlKem768Keygen(random)
        const { cipherText, sharedSecret } = mlKem768Encapsulate(publicKey, random)
        return [publicKey, secretKey, cipherText, sharedSecret].map((b) => toHex(sha256(b)))
      }
      assert.deepEqual(run('mlkem-seed'), run('mlkem-seed'))
      const other = run('mlkem-other-seed')
      const first = run('mlkem-seed')
      for (let i = 0; i < first.length; i++) assert.notEqual(other[i], first[i])
    })

    it('keygen draws exactly a 64-byte seed and encapsulation 32 bytes', () => {
      const lengths: number[] = []
      const random = seededRandom('mlkem-draws')
      const counting = (n: number): Uint8Array => { lengths.push(n); return random(n) }
      const { publicKey } = mlKem768Keygen(counting)
      mlKem768Encapsulate(publicKey, counting)
      assert.deepEqual(lengths, [MLKEM768_SEED_LENGTH, 32])
    })

    it('two encapsulations to one key give different ciphertexts and secrets', () => {
      const random = seededRandom('mlkem-fresh')
      const { publicKey, secretKey } = mlKem768Keygen(random)
      const a = mlKem768Encapsulate(publicKey, random)
      const b = mlKem768Encapsulate(publicKey, random)
      assert.notDeepEqual(a.cipherText, b.cipherText)
      assert.notDeepEqual(a.sharedSecret, b.sharedSecret)
      assert.deepEqual(mlKem768Decapsulate(b.cipherText, secretKey), b.sharedSecret)
    })
  })

  describe('implicit rejection (FIPS 203 §6.3)', () => {
    const random = seededRandom('mlkem-implicit-rejection')
    const { publicKey, secretKey } = mlKem768Keygen(random)
    const { cipherText, sharedSecret } = mlKem768Encapsulate(publicKey, random)

    it('a modified ciphertext yields a different secret and does not throw', () => {
      for (const index of [0, 1, 500, MLKEM768_CIPHERTEXT_LENGTH - 1]) {
        const bad = new Uint8Array(cipherText)
        bad[index] ^= 0x01
        const rejected = mlKem768Decapsulate(bad, secretKey)
        assert.equal(rejected.length, MLKEM768_SHARED_SECRET_LENGTH)
        assert.notDeepEqual(rejected, sharedSecret, `byte ${index}`)
        // The rejection secret is J(z || c): the same bad ciphertext gives the same secret.
        assert.deepEqual(mlKem768Decapsulate(bad, secretKey), rejected)
      }
    })

    it('a ciphertext for another key yields a different secret and does not throw', () => {
      const other = mlKem768Keygen(random)
      const rejected = mlKem768Decapsulate(cipherText, other.secretKey)
      assert.equal(rejected.length, MLKEM768_SHARED_SECRET_LENGTH)
      assert.notDeepEqual(rejected, sharedSecret)
    })
  })

  describe('key checks', () => {
    const random = seededRandom('mlkem-key-checks')
    const { publicKey, secretKey } = mlKem768Keygen(random)
    const { cipherText } = mlKem768Encapsulate(publicKey, random)

    it('encapsulate rejects a public key that fails the FIPS 203 §7.2 modulus check', () => {
      // Every 12-bit coefficient 0xfff >= q = 3329.
      assert.throws(() => mlKem768Encapsulate(new Uint8Array(MLKEM768_PUBLIC_KEY_LENGTH).fill(0xff), random), (err: unknown) => {
        assert.ok(err instanceof InvalidKeyError)
        assert.equal(err.code, 'INVALID_KEY')
        return true
      })
    })

    it('decapsulate rejects a secret key that fails the FIPS 203 §7.3 hash check', () => {
      const bad = new Uint8Array(secretKey)
      bad[DK_PKE_LENGTH + 10] ^= 0x01 // inside the embedded ek, so H(ek) no longer matches
      assert.throws(() => mlKem768Decapsulate(cipherText, bad), (err: unknown) => {
        assert.ok(err instanceof InvalidKeyError)
        assert.equal(err.code, 'INVALID_KEY')
        return true
      })
    })
  })

  describe('length and type checks', () => {
    const random = seededRandom('mlkem-garbage')
    const { publicKey, secretKey } = mlKem768Keygen(random)
    const { cipherText } = mlKem768Encapsulate(publicKey, random)

    it('mlKem768KeygenFromSeed(seed)', () => {
      assertRejectsGarbage((x) => mlKem768KeygenFromSeed(x as Uint8Array), 'seed', MLKEM768_SEED_LENGTH)
    })

    it('mlKem768Keygen(random) with a RandomSource that returns the wrong length', () => {
      assert.throws(() => mlKem768Keygen(() => new Uint8Array(32)), { name: 'RangeError', message: 'seed must be 64 bytes, got 32' })
    })

    it('mlKem768Encapsulate(publicKey)', () => {
      assertRejectsGarbage((x) => mlKem768Encapsulate(x as Uint8Array, random), 'publicKey', MLKEM768_PUBLIC_KEY_LENGTH)
    })

    it('mlKem768Encapsulate(publicKey, random) with a faulty RandomSource: RangeError/TypeError, not INVALID_KEY', () => {
      assertRejectsGarbage((x) => mlKem768Encapsulate(publicKey, () => x as Uint8Array), 'random(32)', 32)
    })

    it('mlKem768Decapsulate(cipherText, secretKey)', () => {
      assertRejectsGarbage((x) => mlKem768Decapsulate(x as Uint8Array, secretKey), 'cipherText', MLKEM768_CIPHERTEXT_LENGTH)
      assertRejectsGarbage((x) => mlKem768Decapsulate(cipherText, x as Uint8Array), 'secretKey', MLKEM768_SECRET_KEY_LENGTH)
    })
  })
})
