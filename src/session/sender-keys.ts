/**
 * Sender Keys (Signal's group design): each member device owns a chain for
 * the group — a chain key that ratchets forward once per message, and an
 * Ed25519 signing key — and hands its current position to every other member
 * device over the pairwise sessions. A message is encrypted once, whatever
 * the group's size, and signed, so every member can check the author without
 * anyone else seeing it. Pure code: state in, new state out; inputs are never
 * mutated (docs/PROTOCOL.md §15.3).
 */
import { Ed25519KeyPair, aes256gcmOpen, aes256gcmSeal, bytesEqual, copyBytes, ed25519Verify, fromHex, groupLabel, hkdfSha256, hmacSha256, lengthPrefixed, toHex, u32be } from '../crypto/index.ts'
import type { RandomSource } from '../crypto/index.ts'
import { decodeBounded } from '../wire/index.ts'
import { group } from '../wire/group.ts'
import { MAX_GROUP_MESSAGE, MAX_SENDER_SKIP, MAX_SENDER_SKIPPED } from './constants.ts'
import { DuplicateMessageError, InvalidMessageError } from './errors.ts'

const MESSAGE_KEY_SEED = Uint8Array.of(0x01)
const CHAIN_KEY_SEED = Uint8Array.of(0x02)
const ZERO_SALT = new Uint8Array(32)

/** A sender chain as one member device holds it: its own (with the signing seed), or another device's. */
export interface SenderChain {
  readonly keyId: number
  /** The position of `chainKey`: the iteration of the next message it will encrypt or decrypt. */
  readonly iteration: number
  readonly chainKey: Uint8Array
  readonly signingKey: Uint8Array
  /** Present only on the owner's own chain. */
  readonly signingSeed?: Uint8Array
  /** When the owner created the chain (ms), for rotation by age. */
  readonly createdAt: number
  /** Message key seeds of iterations skipped over, oldest first (receiving chains only). */
  readonly skipped: ReadonlyArray<{ readonly iteration: number, readonly seed: Uint8Array }>
}

/** The public position of a chain, as a distribution message carries it. */
export interface SenderKeyPosition {
  readonly keyId: number
  readonly iteration: number
  readonly chainKey: Uint8Array
  readonly signingKey: Uint8Array
}

/** A new chain for this device: random key id, chain key and signing key. */
export function createSenderChain (random: RandomSource, now: number): SenderChain {
  const id = random(4)
  const keyId = ((id[0]) << 24 | (id[1]) << 16 | (id[2]) << 8 | (id[3])) >>> 0
  const signing = Ed25519KeyPair.generate(random)
  return { keyId, iteration: 0, chainKey: random(32), signingKey: signing.publicKey, signingSeed: signing.seed, createdAt: now, skipped: [] }
}

/** What to hand other member devices so they can read this chain from its current position on. */
export function senderPosition (chain: SenderChain): SenderKeyPosition {
  return { keyId: chain.keyId, iteration: chain.iteration, chainKey: chain.chainKey, signingKey: chain.signingKey }
}

/** A receiving chain from a distributed position. */
export function receivingChain (position: SenderKeyPosition, now: number): SenderChain {
  if (!Number.isInteger(position.keyId) || position.keyId < 0 || position.keyId > 0xffffffff) throw new InvalidMessageError('invalid sender key id')
  if (!Number.isInteger(position.iteration) || position.iteration < 0 || position.iteration > 0xffffffff) throw new InvalidMessageError('invalid sender key iteration')
  if (position.chainKey.length !== 32 || position.signingKey.length !== 32) throw new InvalidMessageError('invalid sender key')
  return { keyId: position.keyId, iteration: position.iteration, chainKey: copyBytes(position.chainKey), signingKey: copyBytes(position.signingKey), createdAt: now, skipped: [] }
}

function messageKeys (seed: Uint8Array): { key: Uint8Array, nonce: Uint8Array } {
  const okm = hkdfSha256(seed, ZERO_SALT, groupLabel('groupMessageKeys'), 44)
  return { key: okm.subarray(0, 32), nonce: okm.subarray(32, 44) }
}

function associatedData (groupId: Uint8Array, keyId: number, iteration: number): Uint8Array {
  return lengthPrefixed(groupId, u32be(keyId), u32be(iteration))
}

function signedBytes (groupId: Uint8Array, keyId: number, iteration: number, ciphertext: Uint8Array): Uint8Array {
  return lengthPrefixed(groupLabel('groupMessage'), groupId, u32be(keyId), u32be(iteration), ciphertext)
}

/** Decodes a published message, bounded; DECODE_FAILED on anything malformed. */
export function parseSenderKeyMessage (bytes: Uint8Array): group.SenderKeyMessage {
  const message = decodeBounded(group.SenderKeyMessage, bytes, MAX_GROUP_MESSAGE, 'group message')
  if (message.signature.length !== 64 || message.ciphertext.length < 16) throw new InvalidMessageError('malformed group message')
  return message
}

/** True when `message` is signed by the chain whose signing key is `signingKey` for this group. */
export function verifySenderKeyMessage (signingKey: Uint8Array, groupId: Uint8Array, message: group.SenderKeyMessage): boolean {
  return ed25519Verify(signingKey, signedBytes(groupId, message.keyId, message.iteration, message.ciphertext), message.signature)
}

/** Encrypts with this device's own chain, advancing it by one. */
export function senderEncrypt (chain: SenderChain, groupId: Uint8Array, plaintext: Uint8Array): { chain: SenderChain, message: Uint8Array } {
  if (chain.signingSeed === undefined) throw new InvalidMessageError('not our own sender chain')
  if (chain.iteration >= 0xffffffff) throw new InvalidMessageError('sender chain exhausted')
  const seed = hmacSha256(chain.chainKey, MESSAGE_KEY_SEED)
  const { key, nonce } = messageKeys(seed)
  const ciphertext = aes256gcmSeal(key, nonce, plaintext, associatedData(groupId, chain.keyId, chain.iteration))
  const signature = Ed25519KeyPair.fromSeed(chain.signingSeed).sign(signedBytes(groupId, chain.keyId, chain.iteration, ciphertext))
  const message = group.SenderKeyMessage.encode({ keyId: chain.keyId, iteration: chain.iteration, ciphertext: ciphertext as Uint8Array<ArrayBuffer>, signature: signature as Uint8Array<ArrayBuffer> })
  return { chain: { ...chain, iteration: chain.iteration + 1, chainKey: hmacSha256(chain.chainKey, CHAIN_KEY_SEED) }, message }
}

/**
 * Verifies and decrypts a message of `chain`. A message from an iteration
 * ahead derives and keeps the keys it skips (at most MAX_SENDER_SKIP at once,
 * MAX_SENDER_SKIPPED kept); one already read throws DuplicateMessageError.
 * On any failure the chain is unchanged (the caller keeps the old one).
 */
export function senderDecrypt (chain: SenderChain, groupId: Uint8Array, bytes: Uint8Array | group.SenderKeyMessage): { chain: SenderChain, plaintext: Uint8Array } {
  const message = bytes instanceof Uint8Array ? parseSenderKeyMessage(bytes) : bytes
  if (message.keyId !== chain.keyId) throw new InvalidMessageError('unknown sender key')
  if (!verifySenderKeyMessage(chain.signingKey, groupId, message)) throw new InvalidMessageError()
  const ad = associatedData(groupId, message.keyId, message.iteration)
  if (message.iteration < chain.iteration) {
    const index = chain.skipped.findIndex((s) => s.iteration === message.iteration)
    if (index < 0) throw new DuplicateMessageError()
    const skipped = chain.skipped[index] as { iteration: number, seed: Uint8Array }
    const { key, nonce } = messageKeys(skipped.seed)
    const plaintext = open(key, nonce, message.ciphertext, ad)
    return { chain: { ...chain, skipped: chain.skipped.filter((_, i) => i !== index) }, plaintext }
  }
  const ahead = message.iteration - chain.iteration
  if (ahead > MAX_SENDER_SKIP) throw new InvalidMessageError('sender key iteration too far ahead')
  let chainKey = chain.chainKey
  const skipped = [...chain.skipped]
  for (let i = 0; i < ahead; i++) {
    skipped.push({ iteration: chain.iteration + i, seed: hmacSha256(chainKey, MESSAGE_KEY_SEED) })
    chainKey = hmacSha256(chainKey, CHAIN_KEY_SEED)
  }
  const { key, nonce } = messageKeys(hmacSha256(chainKey, MESSAGE_KEY_SEED))
  const plaintext = open(key, nonce, message.ciphertext, ad)
  while (skipped.length > MAX_SENDER_SKIPPED) skipped.shift()
  return { chain: { ...chain, iteration: message.iteration + 1, chainKey: hmacSha256(chainKey, CHAIN_KEY_SEED), skipped }, plaintext }
}

function open (key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, ad: Uint8Array): Uint8Array {
  try {
    return aes256gcmOpen(key, nonce, ciphertext, ad)
  } catch (err) {
    throw new InvalidMessageError('decryption failed', { cause: err })
  }
}

/** True when two positions describe the same chain (same id and keys). */
export function sameSenderChain (a: SenderKeyPosition, b: SenderKeyPosition): boolean {
  return a.keyId === b.keyId && bytesEqual(a.signingKey, b.signingKey)
}

/** A JSON-safe form of a chain, for the store. */
export interface StoredSenderChain {
  keyId: number
  iteration: number
  chainKey: string
  signingKey: string
  signingSeed?: string
  createdAt: number
  skipped: Array<[number, string]>
}

const hex = toHex
const unhex = fromHex

export function storeSenderChain (chain: SenderChain): StoredSenderChain {
  const out: StoredSenderChain = { keyId: chain.keyId, iteration: chain.iteration, chainKey: hex(chain.chainKey), signingKey: hex(chain.signingKey), createdAt: chain.createdAt, skipped: chain.skipped.map((s) => [s.iteration, hex(s.seed)]) }
  if (chain.signingSeed !== undefined) out.signingSeed = hex(chain.signingSeed)
  return out
}

export function loadSenderChain (stored: StoredSenderChain): SenderChain {
  const chain: SenderChain = { keyId: stored.keyId, iteration: stored.iteration, chainKey: unhex(stored.chainKey), signingKey: unhex(stored.signingKey), createdAt: stored.createdAt, skipped: stored.skipped.map(([iteration, seed]) => ({ iteration, seed: unhex(seed) })) }
  return stored.signingSeed === undefined ? chain : { ...chain, signingSeed: unhex(stored.signingSeed) }
}
