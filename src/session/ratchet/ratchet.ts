/**
 * The Double Ratchet (https://signal.org/docs/specifications/doubleratchet/)
 * with X25519, HKDF-SHA256, HMAC-SHA256 and AES-256-GCM.
 *
 * Every function takes a state and returns a new one; the input is never
 * modified. Decryption is all-or-nothing: on any failure it throws (one
 * InvalidMessageError for every cause, or DuplicateMessageError for a key
 * already used) and the caller still holds its unchanged state.
 */
import { InvalidKeyError, X25519KeyPair, aes256gcmOpen, aes256gcmSeal, bytesEqual, copyBytes, wipe } from '../../crypto/index.ts'
import type { AssociatedData } from '../../crypto/index.ts'
import type { RandomSource } from '../../crypto/index.ts'
import { KEY_LENGTH, MAX_PLAINTEXT, MAX_RATCHET_HEADER, decodeBounded, kabar } from '../../wire/index.ts'
import type { PreKeyHandshake, RatchetHeader } from '../../wire/index.ts'
import { MAX_PREVIOUS_CHAINS, MAX_SKIP } from '../constants.ts'
import { DuplicateMessageError, InvalidMessageError, InvalidSessionError } from '../errors.ts'
import { MESSAGE_NONCE, kdfChain, kdfRoot } from './keys.ts'
import { appendSkipped, findSkipped, removeSkipped } from './skipped.ts'
import type { RatchetState, SkippedKey } from './state.ts'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

interface SessionIdentities {
  localSigningKey: Uint8Array
  localIdentityKey: Uint8Array
  remoteSigningKey: Uint8Array
  remoteIdentityKey: Uint8Array
  associatedData: Uint8Array
  context: Uint8Array
  baseKey: Uint8Array
}

/** Signal DR §3.3 RatchetInitAlice: a fresh ratchet key, first sending chain from DH(DHs, SPK_B). */
export function initInitiator (ids: SessionIdentities, secret: Uint8Array, remoteSignedPrekey: Uint8Array, handshake: PreKeyHandshake, random: RandomSource): RatchetState {
  const sendingRatchet = X25519KeyPair.generate(random)
  const { rootKey, chainKey } = kdfRoot(secret, sendingRatchet.agree(remoteSignedPrekey))
  return {
    ...ids,
    rootKey,
    sendingRatchet,
    receivingRatchetKey: remoteSignedPrekey,
    sendingChainKey: chainKey,
    sendingCounter: 0,
    receivingCounter: 0,
    previousCounter: 0,
    skipped: [],
    previousChains: [],
    pendingHandshake: handshake
  }
}

/** Signal DR §3.3 RatchetInitBob: our signed prekey is the first ratchet key; no chains yet. */
export function initResponder (ids: SessionIdentities, secret: Uint8Array, signedPrekey: X25519KeyPair): RatchetState {
  return {
    ...ids,
    rootKey: secret,
    sendingRatchet: signedPrekey,
    sendingCounter: 0,
    receivingCounter: 0,
    previousCounter: 0,
    skipped: [],
    previousChains: []
  }
}

export interface EncryptResult {
  state: RatchetState
  /** The encoded RatchetHeader, authenticated with the ciphertext. */
  header: Uint8Array
  ciphertext: Uint8Array
}

/** Signal DR §3.4 RatchetEncrypt. */
export function ratchetEncrypt (state: RatchetState, plaintext: Uint8Array): EncryptResult {
  if (!(plaintext instanceof Uint8Array)) throw new TypeError('plaintext must be a Uint8Array')
  if (plaintext.length > MAX_PLAINTEXT) throw new RangeError(`plaintext must be at most ${MAX_PLAINTEXT} bytes, got ${plaintext.length}`)
  if (state.sendingChainKey === undefined) throw new InvalidSessionError('session cannot send before it has received a message')
  const { chainKey, messageKey } = kdfChain(state.sendingChainKey)
  const header = kabar.RatchetHeader.encode({
    ratchetKey: state.sendingRatchet.publicKey as Uint8Array<ArrayBuffer>,
    previousCounter: state.previousCounter,
    counter: state.sendingCounter
  })
  const ciphertext = seal(messageKey, plaintext, [state.associatedData, header])
  return { state: { ...state, sendingChainKey: chainKey, sendingCounter: state.sendingCounter + 1 }, header, ciphertext }
}

/** ENCRYPT(mk, plaintext, AD || header): AES-256-GCM with mk as the key and the constant MESSAGE_NONCE. */
function seal (messageKey: Uint8Array, plaintext: Uint8Array, ad: AssociatedData): Uint8Array {
  const out = aes256gcmSeal(messageKey, MESSAGE_NONCE, plaintext, ad)
  wipe(messageKey)
  return out
}

/** DECRYPT: never wipes `messageKey`, which may be a skipped key the caller's unchanged state still holds. */
function open (messageKey: Uint8Array, ciphertext: Uint8Array, ad: AssociatedData): Uint8Array {
  try {
    return aes256gcmOpen(messageKey, MESSAGE_NONCE, ciphertext, ad)
  } catch (err) {
    throw new InvalidMessageError('decryption failed', { cause: err })
  }
}

export function decodeHeader (bytes: Uint8Array): RatchetHeader {
  let header: RatchetHeader
  try {
    header = decodeBounded(kabar.RatchetHeader, bytes, MAX_RATCHET_HEADER, 'ratchet header')
  } catch (err) {
    throw new InvalidMessageError('decryption failed', { cause: err })
  }
  if (header.ratchetKey.length !== KEY_LENGTH) throw new InvalidMessageError('decryption failed')
  return header
}

/**
 * Signal DR §3.5 SkipMessageKeys: derive and keep the keys of the current
 * receiving chain up to (not including) `until`. More than MAX_SKIP at once
 * is refused: a peer must not make us derive without bound.
 */
function skipMessageKeys (s: Mutable<RatchetState>, until: number): void {
  if (s.receivingChainKey === undefined || s.receivingRatchetKey === undefined) return
  if (until - s.receivingCounter > MAX_SKIP) throw new InvalidMessageError('too many skipped messages')
  const added: SkippedKey[] = []
  let chainKey = s.receivingChainKey
  for (let n = s.receivingCounter; n < until; n++) {
    const step = kdfChain(chainKey)
    added.push({ ratchetKey: s.receivingRatchetKey, counter: n, messageKey: step.messageKey })
    chainKey = step.chainKey
  }
  s.receivingChainKey = chainKey
  s.receivingCounter = Math.max(s.receivingCounter, until)
  s.skipped = appendSkipped(s.skipped, added)
}

/** Signal DR §3.5 DHRatchet, remembering the chain we leave so its replays read as duplicates. */
function dhRatchet (s: Mutable<RatchetState>, header: RatchetHeader, random: RandomSource): void {
  if (s.receivingRatchetKey !== undefined && s.receivingChainKey !== undefined) {
    s.previousChains = [{ ratchetKey: s.receivingRatchetKey, length: s.receivingCounter }, ...s.previousChains].slice(0, MAX_PREVIOUS_CHAINS)
  }
  s.previousCounter = s.sendingCounter
  s.sendingCounter = 0
  s.receivingCounter = 0
  // A copy: the decoded header is a view into the caller's message buffer, which the state must not share.
  s.receivingRatchetKey = copyBytes(header.ratchetKey)
  const receiving = kdfRoot(s.rootKey, s.sendingRatchet.agree(header.ratchetKey))
  s.receivingChainKey = receiving.chainKey
  s.sendingRatchet = X25519KeyPair.generate(random)
  const sending = kdfRoot(receiving.rootKey, s.sendingRatchet.agree(header.ratchetKey))
  s.rootKey = sending.rootKey
  s.sendingChainKey = sending.chainKey
}

function isOldChain (s: RatchetState, header: RatchetHeader): boolean {
  return s.previousChains.some((c) => bytesEqual(c.ratchetKey, header.ratchetKey))
}

export interface DecryptResult {
  state: RatchetState
  plaintext: Uint8Array
}

/** Signal DR §3.5 RatchetDecrypt, all-or-nothing. */
export function ratchetDecrypt (state: RatchetState, headerBytes: Uint8Array, ciphertext: Uint8Array, random: RandomSource): DecryptResult {
  const header = decodeHeader(headerBytes)
  // AD || header, fed to GCM in two parts rather than concatenated.
  const ad = [state.associatedData, headerBytes]

  const index = findSkipped(state.skipped, header.ratchetKey, header.counter)
  if (index >= 0) {
    const skippedKey = state.skipped[index]
    const plaintext = open(skippedKey.messageKey, ciphertext, ad)
    return { state: { ...state, skipped: removeSkipped(state.skipped, index), pendingHandshake: undefined }, plaintext }
  }

  const s: Mutable<RatchetState> = { ...state }
  const sameChain = s.receivingRatchetKey !== undefined && s.receivingChainKey !== undefined && bytesEqual(header.ratchetKey, s.receivingRatchetKey)
  if (sameChain && header.counter < s.receivingCounter) throw new DuplicateMessageError()
  if (!sameChain && isOldChain(s, header)) throw new DuplicateMessageError()
  if (!sameChain) {
    skipMessageKeys(s, header.previousCounter)
    try {
      dhRatchet(s, header, random)
    } catch (err) {
      // A low-order ratchet key from the peer is a bad message, not a local key problem.
      if (err instanceof InvalidKeyError) throw new InvalidMessageError('decryption failed', { cause: err })
      throw err
    }
  }
  skipMessageKeys(s, header.counter)
  const step = kdfChain(s.receivingChainKey as Uint8Array)
  const plaintext = open(step.messageKey, ciphertext, ad)
  wipe(step.messageKey)
  s.receivingChainKey = step.chainKey
  s.receivingCounter += 1
  s.pendingHandshake = undefined
  return { state: s, plaintext }
}
