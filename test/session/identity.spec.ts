/**
 * Wrong identities are refused: forged prekey bundles (PQXDH §3.3: Alice
 * verifies the prekey signatures), handshakes whose identity does not verify
 * or that claim an identity the sender cannot prove, messages from a device
 * other than the one expected, and messages meant for someone else.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { IdentityKeyPair, SessionRecord, accept, handshakeIdentity, initiate, verifyBundle } from '../../src/session/index.ts'
import type { PrekeyBundle } from '../../src/session/index.ts'
import { seededRandom } from '../utils/random.ts'
import { DECRYPTION_FAILED, Party, UNTRUSTED, assertRejectedUnchanged, bundleOf, createDevice, decryptOptions, establishedPair, lookupOf, pairOf, rewrite } from '../utils/session.ts'

const INVALID_BUNDLE = { name: 'InvalidPrekeyBundleError', code: 'INVALID_PREKEY_BUNDLE' } as const

describe('prekey bundles', () => {
  const random = seededRandom('bundles')
  const alice = createDevice(random)
  const bob = createDevice(random)
  const carol = createDevice(random)
  const initiateWith = (bundle: PrekeyBundle): SessionRecord => SessionRecord.empty().initiate({ identity: alice.identity, bundle, random })

  it('accepts a genuine bundle', () => {
    assert.doesNotThrow(() => verifyBundle(bundleOf(bob, 100)))
    assert.ok(initiateWith(bundleOf(bob, 100)).canSend)
  })

  it('refuses prekeys signed by another identity', () => {
    const genuine = bundleOf(bob)
    const spk = { ...genuine.signedPrekey, signature: carol.identity.signPrekey('signedPrekey', 1, bob.signedPrekey.publicKey) }
    const pq = { ...genuine.pqPrekey, signature: carol.identity.signPrekey('pqPrekey', 2, bob.pqPrekey.publicKey) }
    assert.throws(() => initiateWith({ ...genuine, signedPrekey: spk }), INVALID_BUNDLE)
    assert.throws(() => initiateWith({ ...genuine, pqPrekey: pq }), INVALID_BUNDLE)
    // Bob's prekeys, correctly signed by Bob, presented under Carol's identity.
    assert.throws(() => initiateWith({ ...genuine, identity: carol.identity.public }), INVALID_BUNDLE)
  })

  it('refuses a prekey signature moved to another kind, id or key', () => {
    const genuine = bundleOf(bob)
    assert.throws(() => initiateWith({ ...genuine, pqPrekey: { ...genuine.pqPrekey, signature: genuine.signedPrekey.signature } }), INVALID_BUNDLE)
    assert.throws(() => initiateWith({ ...genuine, signedPrekey: { ...genuine.signedPrekey, id: 7 } }), INVALID_BUNDLE)
    assert.throws(() => initiateWith({ ...genuine, signedPrekey: { ...genuine.signedPrekey, publicKey: carol.signedPrekey.publicKey } }), INVALID_BUNDLE)
  })

  it('refuses an identity whose X25519 key is not certified by its signing key', () => {
    const genuine = bundleOf(bob)
    const mixed = { ...bob.identity.public, identityKey: carol.identity.public.identityKey }
    assert.throws(() => initiateWith({ ...genuine, identity: mixed }), UNTRUSTED)
    const badSignature = { ...bob.identity.public, signature: carol.identity.public.signature }
    assert.throws(() => initiateWith({ ...genuine, identity: badSignature }), UNTRUSTED)
  })

  it('refuses a bundle of our own identity', () => {
    const self = { ...alice, random }
    assert.throws(() => initiateWith(bundleOf(self)), INVALID_BUNDLE)
  })
})

describe('handshake identity', () => {
  it('refuses a handshake whose identity signature is invalid, state unchanged', () => {
    const { alice, bob } = pairOf('hs-signature')
    const carol = IdentityKeyPair.generate(seededRandom('hs-signature:carol'))
    const message = alice.send('hi')
    const forged = rewrite(message, (m) => {
      const hs = m.handshake ?? assert.fail()
      hs.identitySignature = carol.public.signature as Uint8Array<ArrayBuffer>
    })
    assertRejectedUnchanged(bob.record, () => bob.receive(forged), UNTRUSTED)
    assert.equal(bob.receive(message), 'hi')
  })

  it('verifies a handshake again when its identity changed after a successful check', () => {
    // handshakeIdentity remembers which bytes verified, so accept() on the same
    // message skips a second Ed25519 check; a change to those bytes, in place
    // or by replacing the array, must never ride on the earlier success.
    const random = seededRandom('hs-reverify')
    const alice = createDevice(random)
    const bob = createDevice(random)
    const carol = IdentityKeyPair.generate(random)
    const { message } = initiate({ identity: alice.identity, bundle: bundleOf(bob), random })
    assert.deepEqual(handshakeIdentity(message).signingKey, alice.identity.public.signingKey)
    const genuine = message.identitySignature
    message.identitySignature = carol.public.signature as Uint8Array<ArrayBuffer>
    assert.throws(() => handshakeIdentity(message), UNTRUSTED)
    assert.throws(() => accept({ identity: bob.identity, message, prekeys: lookupOf(bob) }), UNTRUSTED)
    message.identitySignature = genuine
    assert.doesNotThrow(() => handshakeIdentity(message))
    message.identitySignature[0] = (message.identitySignature[0] ?? 0) ^ 1
    assert.throws(() => handshakeIdentity(message), UNTRUSTED)
    assert.throws(() => accept({ identity: bob.identity, message, prekeys: lookupOf(bob) }), UNTRUSTED)
    message.identitySignature[0] = (message.identitySignature[0] ?? 0) ^ 1
    assert.equal(accept({ identity: bob.identity, message, prekeys: lookupOf(bob) }).secret.length, 32)
  })

  it("refuses a handshake claiming another device's valid identity", () => {
    // Alice sends Carol's genuine public identity: it verifies, but Alice
    // does not hold Carol's identity key, so DH1 differs and nothing opens.
    const { alice, bob } = pairOf('hs-impersonate')
    const carol = createDevice(seededRandom('hs-impersonate:carol'))
    const message = alice.send('I am Carol')
    const claimed = rewrite(message, (m) => {
      const hs = m.handshake ?? assert.fail()
      hs.identityKey = carol.identity.public.identityKey as Uint8Array<ArrayBuffer>
      hs.signingKey = carol.identity.public.signingKey as Uint8Array<ArrayBuffer>
      hs.identitySignature = carol.identity.public.signature as Uint8Array<ArrayBuffer>
    })
    assertRejectedUnchanged(bob.record, () => bob.receive(claimed), DECRYPTION_FAILED)
    assertRejectedUnchanged(bob.record, () => bob.receive(claimed, { expectedSigningKey: carol.identity.public.signingKey }), DECRYPTION_FAILED)
    assert.equal(bob.receive(message), 'I am Carol')
  })

  it('reports the authenticated remote signing key', () => {
    const { alice, bob } = pairOf('remote-key')
    const result = bob.record.decrypt(alice.send('hi'), decryptOptions(bob.device))
    assert.deepEqual(result.remoteSigningKey, alice.device.identity.public.signingKey)
    assert.equal(result.newSession, true)
    assert.deepEqual(result.record.remoteSigningKey, alice.device.identity.public.signingKey)
  })
})

describe('expected device key', () => {
  it('refuses a handshake from a device other than the expected one, state unchanged', () => {
    const { alice, bob } = pairOf('expected-hs')
    const carol = createDevice(seededRandom('expected-hs:carol'))
    const message = alice.send('hi')
    assertRejectedUnchanged(bob.record, () => bob.receive(message, { expectedSigningKey: carol.identity.public.signingKey }), UNTRUSTED)
    assert.equal(bob.receive(message, { expectedSigningKey: alice.device.identity.public.signingKey }), 'hi')
  })

  it('refuses a regular message when the record holds no session with the expected device', () => {
    const { alice, bob } = establishedPair('expected-regular')
    const carol = createDevice(seededRandom('expected-regular:carol'))
    const message = bob.send('from bob')
    assertRejectedUnchanged(alice.record, () => alice.receive(message, { expectedSigningKey: carol.identity.public.signingKey }), UNTRUSTED)
    assert.equal(alice.receive(message, { expectedSigningKey: bob.device.identity.public.signingKey }), 'from bob')
  })
})

describe('messages meant for someone else', () => {
  it('Carol cannot open a first message meant for Bob', () => {
    const { alice, bob } = pairOf('for-bob')
    const carol = new Party(createDevice(seededRandom('for-bob:carol')))
    const message = alice.send('for Bob only')
    // Carol's prekeys share Bob's ids, so the lookup succeeds and only the keys differ.
    assertRejectedUnchanged(carol.record, () => carol.receive(message), DECRYPTION_FAILED)
    assert.equal(carol.record.current, undefined)
    assert.equal(bob.receive(message), 'for Bob only')
  })

  it('Carol cannot open a regular message meant for Bob, even holding her own session with Alice', () => {
    const { alice, bob } = establishedPair('for-bob-regular')
    const carol = new Party(createDevice(seededRandom('for-bob-regular:carol')))
    // Carol has a session with Alice (from Alice's own handshake to her).
    const aliceToCarol = new Party(alice.device, SessionRecord.empty().initiate({ identity: alice.device.identity, bundle: bundleOf(carol.device), random: alice.device.random }))
    carol.receive(aliceToCarol.send('hi Carol'))
    const message = alice.send('for Bob only')
    assertRejectedUnchanged(carol.record, () => carol.receive(message), DECRYPTION_FAILED)
    assert.equal(bob.receive(message), 'for Bob only')
  })
})
