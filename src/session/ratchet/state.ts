/**
 * The Double Ratchet state (Signal DR §3.2) as an immutable value, and its
 * stored form (the SessionState protobuf). Functions over it return a new
 * state and never modify the one they were given.
 */
import { X25519KeyPair } from '../../crypto/index.ts'
import { KEY_LENGTH, MAX_HANDSHAKE_CONTEXT, MAX_STORED_SKIPPED_KEYS, kabar } from '../../wire/index.ts'
import type { PreKeyHandshake, SessionState } from '../../wire/index.ts'
import { MAX_PREVIOUS_CHAINS, SESSION_VERSION } from '../constants.ts'
import { InvalidSessionError } from '../errors.ts'

export interface SkippedKey {
  readonly ratchetKey: Uint8Array
  readonly counter: number
  readonly messageKey: Uint8Array
}

/** A receiving chain we moved on from: its key and how many messages it had (PN). */
export interface PreviousChain {
  readonly ratchetKey: Uint8Array
  readonly length: number
}

export interface RatchetState {
  readonly localSigningKey: Uint8Array
  readonly localIdentityKey: Uint8Array
  readonly remoteSigningKey: Uint8Array
  readonly remoteIdentityKey: Uint8Array
  readonly associatedData: Uint8Array
  /** Handshake context bound in `associatedData` (e.g. a disclosure hash). */
  readonly context: Uint8Array
  /** EK_A of the handshake that created this session: recognises repeats of it. */
  readonly baseKey: Uint8Array
  readonly rootKey: Uint8Array
  /** DHs */
  readonly sendingRatchet: X25519KeyPair
  /** DHr */
  readonly receivingRatchetKey?: Uint8Array
  /** CKs, Ns */
  readonly sendingChainKey?: Uint8Array
  readonly sendingCounter: number
  /** CKr, Nr */
  readonly receivingChainKey?: Uint8Array
  readonly receivingCounter: number
  /** PN */
  readonly previousCounter: number
  /** MKSKIPPED, oldest first */
  readonly skipped: readonly SkippedKey[]
  readonly previousChains: readonly PreviousChain[]
  /** Sent with every message until the responder's first reply proves it has the session. */
  readonly pendingHandshake?: PreKeyHandshake
}

type B = Uint8Array<ArrayBuffer>

/** The state as a SessionState protobuf message. */
export function stateToWire (s: RatchetState): SessionState {
  const wire: SessionState = {
    version: SESSION_VERSION,
    localIdentityKey: s.localIdentityKey as B,
    localSigningKey: s.localSigningKey as B,
    remoteIdentityKey: s.remoteIdentityKey as B,
    remoteSigningKey: s.remoteSigningKey as B,
    associatedData: s.associatedData as B,
    rootKey: s.rootKey as B,
    sendingRatchetPrivate: s.sendingRatchet.privateKey as B,
    sendingRatchetPublic: s.sendingRatchet.publicKey as B,
    sendingCounter: s.sendingCounter,
    receivingCounter: s.receivingCounter,
    previousCounter: s.previousCounter,
    skipped: s.skipped.map((k) => ({ ratchetKey: k.ratchetKey as B, counter: k.counter, messageKey: k.messageKey as B })),
    previousChains: s.previousChains.map((c) => ({ ratchetKey: c.ratchetKey as B, length: c.length })),
    baseKey: s.baseKey as B,
    context: s.context as B
  }
  if (s.receivingRatchetKey !== undefined) wire.receivingRatchetKey = s.receivingRatchetKey as B
  if (s.sendingChainKey !== undefined) wire.sendingChainKey = s.sendingChainKey as B
  if (s.receivingChainKey !== undefined) wire.receivingChainKey = s.receivingChainKey as B
  if (s.pendingHandshake !== undefined) wire.pendingHandshake = s.pendingHandshake
  return wire
}

function key (value: Uint8Array | undefined, name: string): Uint8Array {
  if (value?.length !== KEY_LENGTH) throw new InvalidSessionError(`stored session: ${name} must be ${KEY_LENGTH} bytes`)
  return value
}

function optionalKey (value: Uint8Array | undefined, name: string): Uint8Array | undefined {
  return value === undefined ? undefined : key(value, name)
}

/** The state from its protobuf form; throws InvalidSessionError when anything is out of shape. */
export function stateFromWire (w: SessionState): RatchetState {
  if (w.version !== SESSION_VERSION) throw new InvalidSessionError(`stored session: unsupported version ${w.version}`)
  if (w.skipped.length > MAX_STORED_SKIPPED_KEYS) throw new InvalidSessionError('stored session: too many skipped keys')
  if (w.previousChains.length > MAX_PREVIOUS_CHAINS) throw new InvalidSessionError('stored session: too many previous chains')
  if (w.context.length > MAX_HANDSHAKE_CONTEXT) throw new InvalidSessionError('stored session: context too long')
  let sendingRatchet: X25519KeyPair
  try {
    sendingRatchet = X25519KeyPair.fromBytes(w.sendingRatchetPrivate, w.sendingRatchetPublic)
  } catch (err) {
    throw new InvalidSessionError('stored session: bad sending ratchet key', { cause: err })
  }
  const state: RatchetState = {
    localSigningKey: key(w.localSigningKey, 'localSigningKey'),
    localIdentityKey: key(w.localIdentityKey, 'localIdentityKey'),
    remoteSigningKey: key(w.remoteSigningKey, 'remoteSigningKey'),
    remoteIdentityKey: key(w.remoteIdentityKey, 'remoteIdentityKey'),
    associatedData: w.associatedData,
    context: w.context,
    baseKey: key(w.baseKey, 'baseKey'),
    rootKey: key(w.rootKey, 'rootKey'),
    sendingRatchet,
    receivingRatchetKey: optionalKey(w.receivingRatchetKey, 'receivingRatchetKey'),
    sendingChainKey: optionalKey(w.sendingChainKey, 'sendingChainKey'),
    sendingCounter: w.sendingCounter,
    receivingChainKey: optionalKey(w.receivingChainKey, 'receivingChainKey'),
    receivingCounter: w.receivingCounter,
    previousCounter: w.previousCounter,
    skipped: w.skipped.map((k) => ({ ratchetKey: key(k.ratchetKey, 'skipped.ratchetKey'), counter: k.counter, messageKey: key(k.messageKey, 'skipped.messageKey') })),
    previousChains: w.previousChains.map((c) => ({ ratchetKey: key(c.ratchetKey, 'previousChains.ratchetKey'), length: c.length })),
    pendingHandshake: w.pendingHandshake
  }
  return state
}

/** Encodes a state on its own (tests, vectors); records encode several together. */
export function encodeState (s: RatchetState): Uint8Array {
  return kabar.SessionState.encode(stateToWire(s))
}
