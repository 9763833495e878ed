/**
 * Session benchmarks: PQXDH setup, 1 KiB messages one-way and alternating
 * (every message a DH ratchet step), per-message overhead, and the bare
 * primitive calls one message needs, measured in the same run so the
 * ratchet's overhead is a ratio that machine noise cannot hide.
 */
import {
  X25519KeyPair, aes256gcmOpen, aes256gcmSeal, defaultRandom, ed25519Verify, hkdfSha256, hmacSha256,
  mlKem768Decapsulate, mlKem768Encapsulate, mlKem768Keygen, Ed25519KeyPair
} from '../src/crypto/index.ts'
import { IdentityKeyPair, SessionRecord } from '../src/session/index.ts'
import type { DecryptOptions, PrekeyBundle } from '../src/session/index.ts'
import { measure } from './harness.ts'
import type { BenchResult } from './harness.ts'

const random = defaultRandom

interface Party { identity: IdentityKeyPair, options: DecryptOptions, bundle: PrekeyBundle }

function party (): Party {
  const identity = IdentityKeyPair.generate(random)
  const spk = X25519KeyPair.generate(random)
  const pq = mlKem768Keygen(random)
  return {
    identity,
    options: { identity, random, prekeys: { signedPrekey: (id) => id === 1 ? spk : undefined, pqPrekey: (id) => id === 2 ? pq : undefined, oneTimePrekey: () => undefined } },
    bundle: {
      identity: identity.public,
      signedPrekey: { id: 1, publicKey: spk.publicKey, signature: identity.signPrekey('signedPrekey', 1, spk.publicKey) },
      pqPrekey: { id: 2, publicKey: pq.publicKey, signature: identity.signPrekey('pqPrekey', 2, pq.publicKey) }
    }
  }
}

/** A pair of records past the handshake: both sides can send. */
function establish (a: Party, b: Party): { ra: SessionRecord, rb: SessionRecord } {
  let ra = SessionRecord.empty().initiate({ identity: a.identity, bundle: b.bundle, random })
  const first = ra.encrypt(new Uint8Array(1))
  ra = first.record
  let rb = SessionRecord.empty().decrypt(first.message, b.options).record
  const reply = rb.encrypt(new Uint8Array(1))
  rb = reply.record
  ra = ra.decrypt(reply.message, a.options).record
  return { ra, rb }
}

export function sessionBenchmarks (): BenchResult[] {
  const results: BenchResult[] = []
  const payload = random(1024)
  const alice = party()
  const bob = party()

  // --- bare primitives, each the way one message uses it ---
  const kp = X25519KeyPair.generate(random)
  const peer = X25519KeyPair.generate(random).publicKey
  const key = random(32)
  const nonce = random(12)
  const sealed = aes256gcmSeal(key, nonce, payload)
  const salt = random(32)
  const info = random(20)
  const prim = {
    x25519Agree: measure(() => kp.agree(peer), { iterations: 2000 }),
    x25519Keygen: measure(() => X25519KeyPair.generate(random), { iterations: 2000 }),
    hmacSha256: measure(() => hmacSha256(key, nonce), { iterations: 20000 }),
    hkdfSha256: measure(() => hkdfSha256(key, salt, info, 64), { iterations: 20000 }),
    aesGcmSeal1k: measure(() => aes256gcmSeal(key, nonce, payload, info), { iterations: 20000 }),
    aesGcmOpen1k: measure(() => aes256gcmOpen(key, nonce, sealed), { iterations: 20000 })
  }
  for (const [name, m] of Object.entries(prim)) results.push({ name: `primitive-${name}`, perSecond: m.perSecond, usPerOp: m.usPerOp })

  // One one-way message = 4 HMAC (chain step, key, nonce) + seal on the sender; the same + open on the receiver.
  const onewayFloorUs = 2 * (4 * prim.hmacSha256.usPerOp) + prim.aesGcmSeal1k.usPerOp + prim.aesGcmOpen1k.usPerOp
  // An alternating message adds one DH ratchet step: keygen + 2 DH + 2 root HKDF.
  const alternatingFloorUs = onewayFloorUs + prim.x25519Keygen.usPerOp + 2 * prim.x25519Agree.usPerOp + 2 * prim.hkdfSha256.usPerOp

  // --- session setup: PQXDH on both sides, with the first message ---
  const setup = measure(() => {
    const ra = SessionRecord.empty().initiate({ identity: alice.identity, bundle: bob.bundle, random })
    const { message } = ra.encrypt(payload)
    SessionRecord.empty().decrypt(message, bob.options)
  }, { iterations: 100, warmup: 20 })
  const mlkem = mlKem768Keygen(random)
  const ct = mlKem768Encapsulate(mlkem.publicKey, random).cipherText
  const signer = Ed25519KeyPair.generate(random)
  const sig = signer.sign(payload)
  const setupFloor = {
    encapsulate: measure(() => mlKem768Encapsulate(mlkem.publicKey, random), { iterations: 200, warmup: 20 }).usPerOp,
    decapsulate: measure(() => mlKem768Decapsulate(ct, mlkem.secretKey), { iterations: 200, warmup: 20 }).usPerOp,
    ed25519Verify: measure(() => ed25519Verify(signer.publicKey, payload, sig), { iterations: 2000 }).usPerOp
  }
  // Setup needs: 3 signature checks (Alice: bundle x3... identity, SPK, PQPK; Bob: identity) = 4 verifies,
  // 8 X25519 agreements (3+3 PQXDH, 2 first ratchet steps), 2 keygens, ML-KEM encaps + decaps.
  const setupFloorUs = setupFloor.encapsulate + setupFloor.decapsulate + 4 * setupFloor.ed25519Verify + 8 * prim.x25519Agree.usPerOp + 3 * prim.x25519Keygen.usPerOp
  results.push({ name: 'session-setup', perSecond: setup.perSecond, msPerSetup: Number((setup.usPerOp / 1000).toFixed(3)), primitiveFloorMs: Number((setupFloorUs / 1000).toFixed(3)), ratio: Number((setup.usPerOp / setupFloorUs).toFixed(2)), floor: setupFloor })

  // --- 1 KiB messages, one way: encrypt + encode + decode + decrypt ---
  {
    let { ra, rb } = establish(alice, bob)
    const oneway = measure(() => {
      const sent = ra.encrypt(payload)
      ra = sent.record
      rb = rb.decrypt(sent.message, bob.options).record
    }, { iterations: 5000, warmup: 500 })
    results.push({ name: 'ratchet-1k-oneway', perSecond: oneway.perSecond, usPerMessage: oneway.usPerOp, primitiveFloorUs: Number(onewayFloorUs.toFixed(2)), ratio: Number((oneway.usPerOp / onewayFloorUs).toFixed(2)) })
  }

  // --- 1 KiB messages, alternating: every message is a DH ratchet step ---
  {
    let { ra, rb } = establish(alice, bob)
    const alternating = measure((i) => {
      if (i % 2 === 0) {
        const sent = ra.encrypt(payload)
        ra = sent.record
        rb = rb.decrypt(sent.message, bob.options).record
      } else {
        const sent = rb.encrypt(payload)
        rb = sent.record
        ra = ra.decrypt(sent.message, alice.options).record
      }
    }, { iterations: 2000, warmup: 200 })
    results.push({ name: 'ratchet-1k-alternating', perSecond: alternating.perSecond, usPerMessage: alternating.usPerOp, primitiveFloorUs: Number(alternatingFloorUs.toFixed(2)), ratio: Number((alternating.usPerOp / alternatingFloorUs).toFixed(2)) })
  }

  // --- state persistence: serialize + deserialize a record, as the node does per message ---
  {
    const { ra } = establish(alice, bob)
    let bytes = ra.serialize()
    const roundtrip = measure(() => {
      bytes = SessionRecord.deserialize(bytes).serialize()
    }, { iterations: 3000 })
    results.push({ name: 'session-state-roundtrip', perSecond: roundtrip.perSecond, usPerOp: roundtrip.usPerOp, bytes: bytes.length })
  }

  // --- bytes on the wire ---
  {
    const { ra } = establish(alice, bob)
    const first = SessionRecord.empty().initiate({ identity: alice.identity, bundle: bob.bundle, random }).encrypt(payload).message
    const steady = ra.encrypt(payload).message
    results.push({ name: 'overhead-bytes', perSecond: 0, bytes: steady.length - payload.length, handshakeBytes: first.length - payload.length, plaintextBytes: payload.length })
  }
  return results
}
