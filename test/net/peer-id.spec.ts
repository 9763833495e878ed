/**
 * The PeerId <-> raw Ed25519 bridge: round trips, agreement with crypto/'s own
 * Ed25519 (so a record signed by the account key verifies against the key
 * inside its PeerId), and exact errors for everything that is not Ed25519.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { Ed25519KeyPair, ed25519Verify } from '../../src/crypto/ed25519.ts'
import { ed25519PublicKeyFromPeerId, peerIdFromEd25519PublicKey, privateKeyFromSeed, seedFromPrivateKey } from '../../src/net/peer-id.ts'

const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'))

// RFC 8032 §7.1, TEST 1.
const RFC8032_SEED = hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60')
const RFC8032_PUBLIC = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')

describe('net/peer-id', () => {
  it('derives the RFC 8032 public key and a 12D3KooW PeerId from a seed', () => {
    const key = privateKeyFromSeed(RFC8032_SEED)
    assert.equal(key.type, 'Ed25519')
    assert.deepEqual(Uint8Array.from(key.publicKey.raw), RFC8032_PUBLIC)
    const id = peerIdFromPrivateKey(key)
    assert.match(id.toString(), /^12D3KooW/)
    assert.ok(peerIdFromEd25519PublicKey(RFC8032_PUBLIC).equals(id))
  })

  it('round-trips seed -> key -> seed and public key -> PeerId (object and string) -> public key', () => {
    const seed = Uint8Array.from({ length: 32 }, (_, i) => i * 7)
    const key = privateKeyFromSeed(seed)
    assert.deepEqual(seedFromPrivateKey(key), seed)
    const id = peerIdFromPrivateKey(key)
    const pub = Ed25519KeyPair.fromSeed(seed).publicKey
    assert.deepEqual(ed25519PublicKeyFromPeerId(id), pub)
    assert.deepEqual(ed25519PublicKeyFromPeerId(id.toString()), pub)
    assert.deepEqual(ed25519PublicKeyFromPeerId(id.toCID().toString()), pub)
  })

  it('a libp2p signature verifies with crypto/ against the key inside the PeerId', async () => {
    const key = privateKeyFromSeed(RFC8032_SEED)
    const message = new TextEncoder().encode('kabar bridge')
    const signature = await key.sign(message)
    const pub = ed25519PublicKeyFromPeerId(peerIdFromPrivateKey(key).toString())
    assert.ok(ed25519Verify(pub, message, signature))
    assert.deepEqual(Ed25519KeyPair.fromSeed(RFC8032_SEED).sign(message), Uint8Array.from(signature))
  })

  it('returns copies, not views into libp2p key objects', () => {
    const key = privateKeyFromSeed(RFC8032_SEED)
    seedFromPrivateKey(key).fill(0)
    assert.deepEqual(seedFromPrivateKey(key), RFC8032_SEED)
    const id = peerIdFromPrivateKey(key)
    ed25519PublicKeyFromPeerId(id).fill(0)
    assert.deepEqual(ed25519PublicKeyFromPeerId(id), RFC8032_PUBLIC)
  })

  it('rejects malformed and non-Ed25519 peer ids with InvalidKeyError', async () => {
    const real = peerIdFromPrivateKey(privateKeyFromSeed(RFC8032_SEED)).toString()
    for (const bad of ['', 'not-a-peer-id', '12D3KooW', 'QmInvalid!!', real.slice(0, -3), real + 'x', `${real.slice(0, -1)}0`]) {
      assert.throws(() => ed25519PublicKeyFromPeerId(bad), { name: 'InvalidKeyError', code: 'INVALID_KEY' }, bad)
    }
    const secp = peerIdFromPrivateKey(await generateKeyPair('secp256k1'))
    assert.throws(() => ed25519PublicKeyFromPeerId(secp), { name: 'InvalidKeyError', message: /secp256k1 id, not Ed25519/ })
    assert.throws(() => ed25519PublicKeyFromPeerId(secp.toString()), { name: 'InvalidKeyError' })
    const secpKey = await generateKeyPair('secp256k1')
    assert.throws(() => seedFromPrivateKey(secpKey), { name: 'InvalidKeyError' })
  })

  it('rejects wrong types and lengths of raw bytes with TypeError / RangeError', () => {
    for (const len of [0, 31, 33, 64]) {
      assert.throws(() => peerIdFromEd25519PublicKey(new Uint8Array(len)), RangeError, `public ${len}`)
      assert.throws(() => privateKeyFromSeed(new Uint8Array(len)), RangeError, `seed ${len}`)
    }
    for (const garbage of [null, undefined, 'x'.repeat(32), Array(32).fill(0), 32]) {
      assert.throws(() => peerIdFromEd25519PublicKey(garbage as unknown as Uint8Array), TypeError)
      assert.throws(() => privateKeyFromSeed(garbage as unknown as Uint8Array), TypeError)
    }
  })
})
