/**
 * A SessionRecord holds every session with one remote device: the current
 * one and up to MAX_PREVIOUS_SESSIONS previous ones (libsignal's
 * SessionRecord with archived states). Two sessions appear when both sides
 * initiate at once, or when a device re-keys after restoring a backup; a
 * message is tried against each and the session that opens it becomes current.
 *
 * Records are immutable values. `encrypt` and `decrypt` return a new record;
 * on failure they throw and the record the caller holds is unchanged, so the
 * caller persists the new record only together with what it produced.
 */
import { bytesEqual } from '../crypto/index.ts'
import type { RandomSource } from '../crypto/index.ts'
import { MAX_SESSION_MESSAGE, MAX_STORED_PREVIOUS_SESSIONS, MAX_STORED_SKIPPED_KEYS, decodeBounded, kabar } from '../wire/index.ts'
import type { SessionMessage } from '../wire/index.ts'
import { MAX_PREVIOUS_CHAINS, MAX_PREVIOUS_SESSIONS, SESSION_VERSION } from './constants.ts'
import { DuplicateMessageError, InvalidMessageError, InvalidSessionError, UntrustedIdentityError } from './errors.ts'
import type { IdentityKeyPair, PublicIdentity } from './identity.ts'
import { accept, handshakeIdentity, initiate } from './pqxdh.ts'
import type { PrekeyBundle, PrekeyLookup } from './pqxdh.ts'
import { initInitiator, initResponder, ratchetDecrypt, ratchetEncrypt } from './ratchet/ratchet.ts'
import { stateFromWire, stateToWire } from './ratchet/state.ts'
import type { RatchetState } from './ratchet/state.ts'

export interface DecryptOptions {
  identity: IdentityKeyPair
  prekeys: PrekeyLookup
  random: RandomSource
  /** When set, a message from any other device signing key is refused (UntrustedIdentityError). */
  expectedSigningKey?: Uint8Array
  /** Approves the context of a new handshake (e.g. a disclosure hash we published); default accepts any. */
  acceptContext?: (context: Uint8Array) => boolean
}

export interface RecordDecryptResult {
  record: SessionRecord
  plaintext: Uint8Array
  /** The remote device's signing key (its PeerId key) as the session authenticates it. */
  remoteSigningKey: Uint8Array
  /** True when this message created the session (a handshake we had not seen). */
  newSession: boolean
  /** The one-time prekey consumed by a new session: delete it in the same write. */
  usedOneTimePrekeyId?: number
  /** The context bound into the session that opened this message. */
  context: Uint8Array
}

export class SessionRecord {
  readonly current: RatchetState | undefined
  readonly previous: readonly RatchetState[]

  private constructor (current: RatchetState | undefined, previous: readonly RatchetState[]) {
    this.current = current
    this.previous = previous
  }

  static empty (): SessionRecord {
    return new SessionRecord(undefined, [])
  }

  /** True when the record has a current session we can send on without a new handshake. */
  get canSend (): boolean {
    return this.current?.sendingChainKey !== undefined
  }

  /** The remote identity of the current session, if any. */
  get remoteSigningKey (): Uint8Array | undefined {
    return this.current?.remoteSigningKey
  }

  /** A record with `state` current and the old current moved to the previous sessions. */
  private withCurrent (state: RatchetState): SessionRecord {
    const previous = this.current === undefined ? this.previous : [this.current, ...this.previous]
    return new SessionRecord(state, previous.slice(0, MAX_PREVIOUS_SESSIONS))
  }

  /** A record where `state` (found at index `at` of [current, ...previous]) replaced its old self and is current. */
  private promoted (state: RatchetState, at: number): SessionRecord {
    const all = this.current === undefined ? [...this.previous] : [this.current, ...this.previous]
    all.splice(at, 1)
    return new SessionRecord(state, all.slice(0, MAX_PREVIOUS_SESSIONS))
  }

  /** Starts a new session from the remote device's prekey bundle (PQXDH) and makes it current. */
  initiate (params: { identity: IdentityKeyPair, bundle: PrekeyBundle, context?: Uint8Array, random: RandomSource }): SessionRecord {
    const hs = initiate(params)
    const state = initInitiator({
      localSigningKey: params.identity.public.signingKey,
      localIdentityKey: params.identity.public.identityKey,
      remoteSigningKey: hs.remoteIdentity.signingKey,
      remoteIdentityKey: hs.remoteIdentity.identityKey,
      associatedData: hs.associatedData,
      context: hs.context,
      baseKey: hs.message.baseKey
    }, hs.secret, params.bundle.signedPrekey.publicKey, hs.message, params.random)
    return this.withCurrent(state)
  }

  /** Encrypts on the current session; returns the new record and the encoded SessionMessage. */
  encrypt (plaintext: Uint8Array): { record: SessionRecord, message: Uint8Array } {
    if (this.current === undefined) throw new InvalidSessionError('no session')
    const { state, header, ciphertext } = ratchetEncrypt(this.current, plaintext)
    const msg: SessionMessage = { version: SESSION_VERSION, header: header as Uint8Array<ArrayBuffer>, ciphertext: ciphertext as Uint8Array<ArrayBuffer> }
    if (state.pendingHandshake !== undefined) msg.handshake = state.pendingHandshake
    return { record: new SessionRecord(state, this.previous), message: kabar.SessionMessage.encode(msg) }
  }

  /** Decrypts an encoded SessionMessage, creating the session from its handshake when new. */
  decrypt (bytes: Uint8Array, options: DecryptOptions): RecordDecryptResult {
    const msg = decodeMessage(bytes)
    if (msg.handshake !== undefined) {
      try {
        return this.decryptHandshake(msg, options)
      } catch (err) {
        // One message for every cause (errors.ts): the specific check stays in `cause`.
        if (err instanceof InvalidMessageError) throw new InvalidMessageError('decryption failed', { cause: err })
        throw err
      }
    }

    const sessions = this.current === undefined ? [...this.previous] : [this.current, ...this.previous]
    let duplicate: DuplicateMessageError | undefined
    let otherDevice = false
    let tried = false
    for (let i = 0; i < sessions.length; i++) {
      const session = sessions[i]
      if (session === undefined) continue
      if (options.expectedSigningKey !== undefined && !bytesEqual(session.remoteSigningKey, options.expectedSigningKey)) {
        otherDevice = true
        continue
      }
      tried = true
      try {
        const { state, plaintext } = ratchetDecrypt(session, msg.header, msg.ciphertext, options.random)
        return { record: this.promoted(state, i), plaintext, remoteSigningKey: state.remoteSigningKey, newSession: false, context: state.context }
      } catch (err) {
        if (err instanceof DuplicateMessageError) duplicate ??= err
        else if (!(err instanceof InvalidMessageError)) throw err
      }
    }
    if (duplicate !== undefined) throw duplicate
    // Every session here is with another device: the caller's expectation is unmet (DecryptOptions.expectedSigningKey).
    if (otherDevice && !tried) throw new UntrustedIdentityError('message from an unexpected device key')
    throw new InvalidMessageError()
  }

  private decryptHandshake (msg: SessionMessage, options: DecryptOptions): RecordDecryptResult {
    const hs = msg.handshake as NonNullable<SessionMessage['handshake']>
    const remote: PublicIdentity = handshakeIdentity(hs)
    if (options.expectedSigningKey !== undefined && !bytesEqual(remote.signingKey, options.expectedSigningKey)) {
      throw new UntrustedIdentityError('message from an unexpected device key')
    }

    // A repeat of a handshake we accepted: use the session it created.
    const sessions = this.current === undefined ? [...this.previous] : [this.current, ...this.previous]
    const at = sessions.findIndex((s) => bytesEqual(s.baseKey, hs.baseKey) && bytesEqual(s.remoteSigningKey, remote.signingKey))
    if (at >= 0) {
      const { state, plaintext } = ratchetDecrypt(sessions[at] ?? fail(), msg.header, msg.ciphertext, options.random)
      return { record: this.promoted(state, at), plaintext, remoteSigningKey: state.remoteSigningKey, newSession: false, context: state.context }
    }

    if (options.acceptContext !== undefined && !options.acceptContext(hs.context)) {
      throw new InvalidMessageError('handshake context refused')
    }
    const accepted = accept({ identity: options.identity, message: hs, prekeys: options.prekeys })
    const fresh = initResponder({
      localSigningKey: options.identity.public.signingKey,
      localIdentityKey: options.identity.public.identityKey,
      remoteSigningKey: remote.signingKey,
      remoteIdentityKey: remote.identityKey,
      associatedData: accepted.associatedData,
      context: accepted.context,
      baseKey: hs.baseKey
    }, accepted.secret, accepted.signedPrekey)
    const { state, plaintext } = ratchetDecrypt(fresh, msg.header, msg.ciphertext, options.random)
    const result: RecordDecryptResult = { record: this.withCurrent(state), plaintext, remoteSigningKey: remote.signingKey, newSession: true, context: accepted.context }
    if (accepted.usedOneTimePrekeyId !== undefined) result.usedOneTimePrekeyId = accepted.usedOneTimePrekeyId
    return result
  }

  /** The record as bytes (a SessionRecordState protobuf), for the store to seal. */
  serialize (): Uint8Array {
    const wire: kabar.SessionRecordState = { previous: this.previous.map(stateToWire) }
    if (this.current !== undefined) wire.current = stateToWire(this.current)
    return kabar.SessionRecordState.encode(wire)
  }

  static deserialize (bytes: Uint8Array): SessionRecord {
    let wire: kabar.SessionRecordState
    try {
      wire = decodeBounded(kabar.SessionRecordState, bytes, Number.MAX_SAFE_INTEGER, 'session record', RECORD_LIMITS)
    } catch (err) {
      throw new InvalidSessionError('stored session record is malformed', { cause: err })
    }
    if (wire.previous.length > MAX_STORED_PREVIOUS_SESSIONS) throw new InvalidSessionError('stored session record: too many previous sessions')
    return new SessionRecord(wire.current === undefined ? undefined : stateFromWire(wire.current), wire.previous.map(stateFromWire))
  }
}

const STATE_LIMITS = { skipped: MAX_STORED_SKIPPED_KEYS, previousChains: MAX_PREVIOUS_CHAINS }
const RECORD_LIMITS = { previous: MAX_STORED_PREVIOUS_SESSIONS, current: STATE_LIMITS, previous$: STATE_LIMITS }

function fail (): never {
  throw new InvalidSessionError('session index out of range')
}

function decodeMessage (bytes: Uint8Array): SessionMessage {
  let msg: SessionMessage
  try {
    msg = decodeBounded(kabar.SessionMessage, bytes, MAX_SESSION_MESSAGE, 'session message')
  } catch (err) {
    throw new InvalidMessageError('decryption failed', { cause: err })
  }
  if (msg.version !== SESSION_VERSION) throw new InvalidMessageError('decryption failed')
  return msg
}
