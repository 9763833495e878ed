/**
 * records/keys: PeerId strings made without libp2p must be exactly libp2p's,
 * and the DHT keys must parse back strictly to the key allowed to sign.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generateKeyPair, publicKeyFromRaw } from '@libp2p/crypto/keys'
import { peerIdFromPublicKey, peerIdFromString } from '@libp2p/peer-id'
import { defaultRandom, fromHex, utf8 } from '../../src/crypto/index.ts'
import { accountKey, ed25519FromPeerIdString, parseRecordKey, peerIdStringFromEd25519, prekeyKey } from '../../src/records/index.ts'
import { INVALID, invalid } from './helpers.ts'

// RFC 8032 §7.1, TEST 1 public key, and its PeerId as @libp2p/peer-id spells it.
const RFC8032_PUBLIC = fromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')
const RFC8032_PEER_ID = '12D3KooWQK1wnefoLrcVHbbnf5tLzbopUd3K3bFAoJpA7YJgL5pV'
const NOT_ED25519 = { name: 'InvalidKeyError', code: 'INVALID_KEY' } as const

describe('records/keys: PeerId strings', () => {
  it('spells a fixed key as libp2p does (frozen)', () => {
    assert.equal(peerIdStringFromEd25519(RFC8032_PUBLIC), RFC8032_PEER_ID)
    assert.equal(peerIdFromPublicKey(publicKeyFromRaw(RFC8032_PUBLIC)).toString(), RFC8032_PEER_ID)
    assert.deepEqual(ed25519FromPeerIdString(RFC8032_PEER_ID), RFC8032_PUBLIC)
  })

  it('agrees with @libp2p/peer-id on 50 random keys, both ways', () => {
    for (let i = 0; i < 50; i++) {
      const pub = defaultRandom(32)
      const theirs = peerIdFromPublicKey(publicKeyFromRaw(pub)).toString()
      const ours = peerIdStringFromEd25519(pub)
      assert.equal(ours, theirs)
      assert.match(ours, /^12D3KooW[1-9A-HJ-NP-Za-km-z]{44}$/)
      assert.deepEqual(ed25519FromPeerIdString(theirs), pub)
      assert.deepEqual(Uint8Array.from(peerIdFromString(ours).publicKey?.raw ?? []), pub)
    }
  })

  it('accepts the id of a key libp2p generated itself', async () => {
    const key = await generateKeyPair('Ed25519')
    const id = peerIdFromPublicKey(key.publicKey)
    assert.deepEqual(ed25519FromPeerIdString(id.toString()), Uint8Array.from(key.publicKey.raw))
  })

  it('refuses every other spelling and kind of PeerId with a clear error', async () => {
    const secp = peerIdFromPublicKey((await generateKeyPair('secp256k1')).publicKey).toString()
    const cid = peerIdFromString(RFC8032_PEER_ID).toCID().toString()
    const cases: Array<[string, RegExp]> = [
      ['', /expected 52 base58btc characters/],
      [RFC8032_PEER_ID.slice(0, -1), /expected 52 base58btc characters starting "12D3KooW", got 51/],
      [RFC8032_PEER_ID + '1', /got 53/],
      ['z' + RFC8032_PEER_ID.slice(1), /not base58btc|identity multihash/],
      [RFC8032_PEER_ID.slice(0, -1) + '0', /not base58btc/],
      [RFC8032_PEER_ID.slice(0, -1) + 'l', /not base58btc/],
      ['1'.repeat(52), /identity multihash/],
      [secp, /not an Ed25519 PeerId/],
      [cid, /not an Ed25519 PeerId/],
      ['Qm' + 'a'.repeat(50), /not an Ed25519 PeerId/]
    ]
    for (const [input, message] of cases) {
      assert.throws(() => ed25519FromPeerIdString(input), { ...NOT_ED25519, message }, input)
    }
    for (const bad of [undefined, null, 42, RFC8032_PUBLIC]) {
      assert.throws(() => ed25519FromPeerIdString(bad as unknown as string), TypeError)
    }
  })

  it('refuses a wrong-length or non-bytes public key', () => {
    assert.throws(() => peerIdStringFromEd25519(new Uint8Array(31)), RangeError)
    assert.throws(() => peerIdStringFromEd25519(RFC8032_PEER_ID as unknown as Uint8Array), TypeError)
  })
})

describe('records/keys: DHT keys', () => {
  it('builds /kabar-account/<id> and /kabar-prekey/<id> and parses them back', () => {
    assert.deepEqual(accountKey(RFC8032_PUBLIC), utf8(`/kabar-account/${RFC8032_PEER_ID}`))
    assert.deepEqual(prekeyKey(RFC8032_PUBLIC), utf8(`/kabar-prekey/${RFC8032_PEER_ID}`))
    assert.deepEqual(parseRecordKey(accountKey(RFC8032_PUBLIC)), { namespace: 'kabar-account', signerKey: RFC8032_PUBLIC })
    assert.deepEqual(parseRecordKey(prekeyKey(RFC8032_PUBLIC)), { namespace: 'kabar-prekey', signerKey: RFC8032_PUBLIC })
  })

  it('refuses keys of other namespaces, other shapes and other encodings', () => {
    const cases: Array<[Uint8Array, RegExp]> = [
      [utf8(`/pk/${RFC8032_PEER_ID}`), /is not \/kabar-account\/<id> or \/kabar-prekey\/<id>/],
      [utf8(`/kabar-business/${RFC8032_PEER_ID}`), /is not/],
      [utf8(`kabar-account/${RFC8032_PEER_ID}`), /is not/],
      [utf8(`/kabar-account/${RFC8032_PEER_ID}/x`), /is not/],
      [utf8('/kabar-account/'), /does not name an Ed25519 PeerId/],
      [utf8(`/kabar-account/${RFC8032_PEER_ID}x`), /does not name an Ed25519 PeerId/],
      [Uint8Array.of(0x2f, 0xff, 0xfe, 0x2f, 0x41), /not UTF-8/],
      [utf8(`/kabar-account/${'1'.repeat(200)}`), /over the limit of 128/],
      [new Uint8Array(0), /is not/]
    ]
    for (const [key, message] of cases) {
      assert.throws(() => parseRecordKey(key), invalid(message), new TextDecoder().decode(key))
    }
    assert.throws(() => parseRecordKey(`/kabar-account/${RFC8032_PEER_ID}` as unknown as Uint8Array), TypeError)
    assert.throws(() => parseRecordKey(utf8(`/kabar-prekey/${RFC8032_PEER_ID.slice(1)}`)), INVALID)
  })
})
