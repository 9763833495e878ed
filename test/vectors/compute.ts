/**
 * kabar's own frozen vectors: KDF steps, a fixed PQXDH handshake, a fixed
 * ratchet transcript, signatures and a safety number. `computeVectors()`
 * recomputes them from fixed inputs; test/vectors/vectors.spec.ts compares
 * them with the committed kabar-v1.json, and docs/PROTOCOL.md prints them.
 * Regenerate (only for an intended protocol change): `npm run vectors`.
 */
import { Ed25519KeyPair, X25519KeyPair, LABELS, fromHex, mlKem768KeygenFromSeed, sha256, toHex, utf8 } from '../../src/crypto/index.ts'
import type { RandomSource } from '../../src/crypto/index.ts'
import { IdentityKeyPair, SessionRecord, initiate, safetyNumber } from '../../src/session/index.ts'
import type { DecryptOptions, PrekeyBundle } from '../../src/session/index.ts'
import { kdfChain, kdfRoot } from '../../src/session/ratchet/keys.ts'

/** Bytes 0, 1, 2, … of `length`, offset by `start`: readable fixed inputs. */
function counting (start: number, length = 32): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (start + i) & 0xff)
}

/**
 * A RandomSource that hands out SHA-256(tag || counter) blocks: fixed,
 * documented, and reproducible by any implementation that consumes random
 * bytes in the order docs/PROTOCOL.md lists.
 */
function scripted (tag: string): RandomSource {
  let counter = 0
  return (length) => {
    const out = new Uint8Array(length)
    for (let off = 0; off < length; off += 32) {
      const block = sha256(utf8(`${tag}:${counter++}`))
      out.set(block.subarray(0, Math.min(32, length - off)), off)
    }
    return out
  }
}

export interface Vectors {
  labels: Record<string, string>
  kdf: Record<string, string>
  signatures: Record<string, string>
  handshake: Record<string, string | number>
  transcript: Array<{ from: string, plaintext: string, message: string }>
  safetyNumber: { keyA: string, keyB: string, digits: string }
}

function device (tag: string): { identity: IdentityKeyPair, spk: X25519KeyPair, pq: ReturnType<typeof mlKem768KeygenFromSeed>, opk: X25519KeyPair, bundle: PrekeyBundle } {
  const r = scripted(`${tag}-keys`)
  const identity = IdentityKeyPair.fromSecrets(r(32), r(32))
  const spk = X25519KeyPair.fromPrivateKey(r(32))
  const pq = mlKem768KeygenFromSeed(r(64))
  const opk = X25519KeyPair.fromPrivateKey(r(32))
  return {
    identity,
    spk,
    pq,
    opk,
    bundle: {
      identity: identity.public,
      signedPrekey: { id: 7, publicKey: spk.publicKey, signature: identity.signPrekey('signedPrekey', 7, spk.publicKey) },
      pqPrekey: { id: 8, publicKey: pq.publicKey, signature: identity.signPrekey('pqPrekey', 8, pq.publicKey) },
      oneTimePrekey: { id: 9, publicKey: opk.publicKey }
    }
  }
}

export function computeVectors (): Vectors {
  const root = kdfRoot(counting(0), counting(32))
  const chain = kdfChain(counting(64))
  const signer = Ed25519KeyPair.fromSeed(counting(128))

  const alice = device('alice')
  const bob = device('bob')
  const context = sha256(utf8('example disclosure'))
  const hs = initiate({ identity: alice.identity, bundle: bob.bundle, context, random: scripted('alice-handshake') })

  // A fixed transcript: Alice opens with the handshake, both sides talk.
  const aliceRandom = scripted('alice-session')
  const bobRandom = scripted('bob-session')
  const bobOptions: DecryptOptions = {
    identity: bob.identity,
    random: bobRandom,
    prekeys: { signedPrekey: (id) => id === 7 ? bob.spk : undefined, pqPrekey: (id) => id === 8 ? bob.pq : undefined, oneTimePrekey: (id) => id === 9 ? bob.opk : undefined }
  }
  const aliceOptions: DecryptOptions = { identity: alice.identity, random: aliceRandom, prekeys: { signedPrekey: () => undefined, pqPrekey: () => undefined, oneTimePrekey: () => undefined } }
  let ra = SessionRecord.empty().initiate({ identity: alice.identity, bundle: bob.bundle, context, random: aliceRandom })
  let rb = SessionRecord.empty()
  const transcript: Vectors['transcript'] = []
  const script: Array<['alice' | 'bob', string]> = [['alice', 'hello bob'], ['alice', 'are you there?'], ['bob', 'hi alice'], ['alice', 'good'], ['bob', 'bye'], ['bob', 'really bye']]
  for (const [from, text] of script) {
    if (from === 'alice') {
      const sent = ra.encrypt(utf8(text))
      ra = sent.record
      rb = rb.decrypt(sent.message, bobOptions).record
      transcript.push({ from, plaintext: text, message: toHex(sent.message.length > 256 ? sha256(sent.message) : sent.message) })
    } else {
      const sent = rb.encrypt(utf8(text))
      rb = sent.record
      ra = ra.decrypt(sent.message, aliceOptions).record
      transcript.push({ from, plaintext: text, message: toHex(sent.message.length > 256 ? sha256(sent.message) : sent.message) })
    }
  }

  const keyA = new Uint8Array(32).fill(0x01)
  const keyB = new Uint8Array(32).fill(0x02)
  return {
    labels: { ...LABELS },
    kdf: {
      rootKeyIn: toHex(counting(0)),
      rootDhIn: toHex(counting(32)),
      rootKeyOut: toHex(root.rootKey),
      rootChainKeyOut: toHex(root.chainKey),
      chainKeyIn: toHex(counting(64)),
      chainKeyOut: toHex(chain.chainKey),
      chainMessageKeyOut: toHex(chain.messageKey)
    },
    signatures: {
      seed: toHex(counting(128)),
      publicKey: toHex(signer.publicKey),
      identityKey: toHex(alice.identity.public.identityKey),
      aliceSigningKey: toHex(alice.identity.public.signingKey),
      aliceIdentityBinding: toHex(alice.identity.public.signature),
      bobSignedPrekeySignature: toHex(bob.bundle.signedPrekey.signature),
      bobPqPrekeySignature: toHex(bob.bundle.pqPrekey.signature)
    },
    handshake: {
      context: toHex(context),
      baseKey: toHex(hs.message.baseKey),
      pqCiphertextSha256: toHex(sha256(hs.message.pqCiphertext)),
      secret: toHex(hs.secret),
      associatedData: toHex(hs.associatedData),
      signedPrekeyId: hs.message.signedPrekeyId,
      pqPrekeyId: hs.message.pqPrekeyId,
      oneTimePrekeyId: hs.message.oneTimePrekeyId ?? -1
    },
    transcript,
    safetyNumber: { keyA: toHex(keyA), keyB: toHex(keyB), digits: safetyNumber(keyA, keyB) }
  }
}

/** For tests that need fixed bytes from a hex string. */
export { fromHex }
