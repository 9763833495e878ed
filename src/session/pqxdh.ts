/**
 * PQXDH, as in Signal's specification (https://signal.org/docs/specifications/pqxdh/):
 *
 *   DH1 = DH(IK_A, SPK_B)   DH2 = DH(EK_A, IK_B)   DH3 = DH(EK_A, SPK_B)
 *   DH4 = DH(EK_A, OPK_B)   (only when a one-time prekey was handed out)
 *   (CT, SS) = ML-KEM-768.Encaps(PQPK_B)
 *   SK = HKDF-SHA256(salt = 0^32, ikm = 0xFF^32 || DH1 || DH2 || DH3 [|| DH4] || SS,
 *                    info = LABELS.pqxdh, 32)
 *   AD = lp(LABELS.associatedData) || lp(Sig_A) || lp(IK_A) || lp(Sig_B) || lp(IK_B) || lp(context)
 *
 * where lp(x) = u32be(len(x)) || x, Sig_X is the Ed25519 device key that
 * certifies IK_X, and `context` is extra data both sides bind (for a business,
 * the SHA-256 of the disclosure the customer was shown).
 *
 * This module knows nothing of the ratchet: `initiate` returns the handshake
 * to put on the wire and the secret to seed the ratchet with, `accept`
 * returns the same secret on the other side.
 */
import { X25519KeyPair, assertBytes, bytesEqual, concat, copyBytes, hkdfSha256, label, lengthPrefixed, mlKem768Decapsulate, mlKem768Encapsulate, wipe } from '../crypto/index.ts'
import type { MlKemKeyPair, RandomSource } from '../crypto/index.ts'
import { KEY_LENGTH, MAX_HANDSHAKE_CONTEXT, SIGNATURE_LENGTH } from '../wire/index.ts'
import type { PreKeyHandshake } from '../wire/index.ts'
import { InvalidMessageError, InvalidPrekeyBundleError, UntrustedIdentityError } from './errors.ts'
import { verifyIdentity, verifyPrekeySignature } from './identity.ts'
import type { IdentityKeyPair, PublicIdentity } from './identity.ts'

/** A published prekey. `signature` is the identity's signature over it. */
export interface SignedPublicPrekey {
  id: number
  publicKey: Uint8Array
  signature: Uint8Array
}

/** What an initiator needs from the responder's records (and, optionally, a one-time prekey). */
export interface PrekeyBundle {
  identity: PublicIdentity
  signedPrekey: SignedPublicPrekey
  pqPrekey: SignedPublicPrekey
  oneTimePrekey?: { id: number, publicKey: Uint8Array }
}

/** The responder's private prekeys, looked up by id; undefined when unknown or used. */
export interface PrekeyLookup {
  signedPrekey: (id: number) => X25519KeyPair | undefined
  pqPrekey: (id: number) => MlKemKeyPair | undefined
  oneTimePrekey: (id: number) => X25519KeyPair | undefined
}

export interface HandshakeResult {
  /** SK: seeds the Double Ratchet's root key. */
  secret: Uint8Array
  /** AD: authenticated with every message of the session. */
  associatedData: Uint8Array
  remoteIdentity: PublicIdentity
  context: Uint8Array
}

export interface InitiateResult extends HandshakeResult {
  message: PreKeyHandshake
}

export interface AcceptResult extends HandshakeResult {
  /** The responder's signed prekey pair: its first ratchet key (Signal DR §3.3 RatchetInitBob). */
  signedPrekey: X25519KeyPair
  /** The one-time prekey consumed; the caller deletes it in the same write that stores the session. */
  usedOneTimePrekeyId?: number
}

const KDF_PAD = new Uint8Array(32).fill(0xff)
const ZERO_SALT = new Uint8Array(32)

function deriveSecret (parts: Uint8Array[]): Uint8Array {
  // PQXDH §2.2: F = 32 0xFF bytes for X25519, prepended to the key material
  // so the input can never collide with an XEdDSA scalar; salt is HashLen zeros.
  const ikm = concat(KDF_PAD, ...parts)
  const secret = hkdfSha256(ikm, ZERO_SALT, label('pqxdh'), 32)
  wipe(ikm, ...parts)
  return secret
}

/** AD = the label, both identities (signing key and X25519 key each), and the context. */
export function associatedData (initiator: PublicIdentity, responder: PublicIdentity, context: Uint8Array): Uint8Array {
  return lengthPrefixed(label('associatedData'), initiator.signingKey, initiator.identityKey, responder.signingKey, responder.identityKey, context)
}

function checkContext (context: Uint8Array): void {
  assertBytes(context, undefined, 'context')
  if (context.length > MAX_HANDSHAKE_CONTEXT) throw new RangeError(`context must be at most ${MAX_HANDSHAKE_CONTEXT} bytes, got ${context.length}`)
}

/** Verifies the bundle's signatures and key lengths; throws InvalidPrekeyBundleError or UntrustedIdentityError. */
export function verifyBundle (bundle: PrekeyBundle): void {
  verifyIdentity(bundle.identity)
  const { signingKey } = bundle.identity
  const spk = bundle.signedPrekey
  if (!(spk.publicKey instanceof Uint8Array) || spk.publicKey.length !== KEY_LENGTH) throw new InvalidPrekeyBundleError('signed prekey must be 32 bytes')
  if (!verifyPrekeySignature(signingKey, 'signedPrekey', spk.id, spk.publicKey, spk.signature)) throw new InvalidPrekeyBundleError('signed prekey signature does not verify')
  const pq = bundle.pqPrekey
  if (!verifyPrekeySignature(signingKey, 'pqPrekey', pq.id, pq.publicKey, pq.signature)) throw new InvalidPrekeyBundleError('PQ prekey signature does not verify')
  if (bundle.oneTimePrekey !== undefined && bundle.oneTimePrekey.publicKey.length !== KEY_LENGTH) throw new InvalidPrekeyBundleError('one-time prekey must be 32 bytes')
}

/** Alice's side (PQXDH §3.3): verify the bundle, compute SK, build the handshake. */
export function initiate (params: { identity: IdentityKeyPair, bundle: PrekeyBundle, context?: Uint8Array, random: RandomSource }): InitiateResult {
  const { identity, bundle, random } = params
  const context = params.context ?? new Uint8Array(0)
  checkContext(context)
  verifyBundle(bundle)
  if (bytesEqual(bundle.identity.identityKey, identity.public.identityKey)) throw new InvalidPrekeyBundleError('cannot open a session with our own identity key')

  const ephemeral = X25519KeyPair.generate(random)
  const parts = [
    identity.dh.agree(bundle.signedPrekey.publicKey),
    ephemeral.agree(bundle.identity.identityKey),
    ephemeral.agree(bundle.signedPrekey.publicKey)
  ]
  if (bundle.oneTimePrekey !== undefined) parts.push(ephemeral.agree(bundle.oneTimePrekey.publicKey))
  const { cipherText, sharedSecret } = mlKem768Encapsulate(bundle.pqPrekey.publicKey, random)
  parts.push(sharedSecret)

  const message: PreKeyHandshake = {
    identityKey: identity.public.identityKey as Uint8Array<ArrayBuffer>,
    signingKey: identity.public.signingKey as Uint8Array<ArrayBuffer>,
    identitySignature: identity.public.signature as Uint8Array<ArrayBuffer>,
    baseKey: ephemeral.publicKey as Uint8Array<ArrayBuffer>,
    signedPrekeyId: bundle.signedPrekey.id,
    pqPrekeyId: bundle.pqPrekey.id,
    pqCiphertext: cipherText as Uint8Array<ArrayBuffer>,
    context: context as Uint8Array<ArrayBuffer>
  }
  if (bundle.oneTimePrekey !== undefined) message.oneTimePrekeyId = bundle.oneTimePrekey.id

  return {
    message,
    secret: deriveSecret(parts),
    associatedData: associatedData(identity.public, bundle.identity, context),
    remoteIdentity: bundle.identity,
    context
  }
}

/**
 * RFC 7748 §5: X25519 ignores bit 255 of a public key, so a key with it set
 * agrees exactly like its twin with it clear. Honest encodings clear it; a
 * base key must have one encoding, since repeats of a handshake are
 * recognised by its bytes (a twin would replay as a new session).
 */
function isCanonicalKey (key: Uint8Array): boolean {
  return ((key[KEY_LENGTH - 1] ?? 0) & 0x80) === 0
}

/** The initiator's identity as the handshake states it, checked for shape only. */
function handshakeShape (message: PreKeyHandshake): PublicIdentity {
  if (message.identityKey.length !== KEY_LENGTH || message.signingKey.length !== KEY_LENGTH ||
    message.identitySignature.length !== SIGNATURE_LENGTH || message.baseKey.length !== KEY_LENGTH ||
    !isCanonicalKey(message.baseKey) || message.context.length > MAX_HANDSHAKE_CONTEXT) {
    throw new InvalidMessageError('malformed handshake')
  }
  return { signingKey: message.signingKey, identityKey: message.identityKey, signature: message.identitySignature }
}

// The identity binding each handshake object was last verified with (copies of
// the signed bytes). A receiver checks the identity first (`handshakeIdentity`)
// and then calls `accept` on the same message: `accept` skips the second
// Ed25519 verification only when the message still carries exactly the bytes
// that verified, so mutating a message in between never bypasses the check.
const verified = new WeakMap<PreKeyHandshake, PublicIdentity>()

function alreadyVerified (message: PreKeyHandshake, identity: PublicIdentity): boolean {
  const seen = verified.get(message)
  return seen !== undefined && bytesEqual(seen.signingKey, identity.signingKey) &&
    bytesEqual(seen.identityKey, identity.identityKey) && bytesEqual(seen.signature, identity.signature)
}

/** The initiator's identity as the handshake states it, checked for shape and signature. */
export function handshakeIdentity (message: PreKeyHandshake): PublicIdentity {
  const identity = handshakeShape(message)
  if (!alreadyVerified(message, identity)) {
    verifyIdentity(identity)
    verified.set(message, { signingKey: copyBytes(identity.signingKey), identityKey: copyBytes(identity.identityKey), signature: copyBytes(identity.signature) })
  }
  return identity
}

/** Bob's side (PQXDH §3.4): recompute SK from the handshake and our private prekeys. */
export function accept (params: { identity: IdentityKeyPair, message: PreKeyHandshake, prekeys: PrekeyLookup }): AcceptResult {
  const { identity, message, prekeys } = params
  const remoteIdentity = handshakeIdentity(message)
  if (bytesEqual(remoteIdentity.identityKey, identity.public.identityKey)) throw new UntrustedIdentityError('handshake from our own identity key')

  const signedPrekey = prekeys.signedPrekey(message.signedPrekeyId)
  const pqPrekey = prekeys.pqPrekey(message.pqPrekeyId)
  if (signedPrekey === undefined || pqPrekey === undefined) throw new InvalidMessageError('unknown prekey')
  let oneTime: X25519KeyPair | undefined
  if (message.oneTimePrekeyId !== undefined) {
    oneTime = prekeys.oneTimePrekey(message.oneTimePrekeyId)
    if (oneTime === undefined) throw new InvalidMessageError('unknown or used one-time prekey')
  }

  let parts: Uint8Array[]
  try {
    parts = [
      signedPrekey.agree(remoteIdentity.identityKey),
      identity.dh.agree(message.baseKey),
      signedPrekey.agree(message.baseKey)
    ]
    if (oneTime !== undefined) parts.push(oneTime.agree(message.baseKey))
    parts.push(mlKem768Decapsulate(message.pqCiphertext, pqPrekey.secretKey))
  } catch (err) {
    throw new InvalidMessageError('decryption failed', { cause: err })
  }

  const result: AcceptResult = {
    secret: deriveSecret(parts),
    associatedData: associatedData(remoteIdentity, identity.public, message.context),
    remoteIdentity,
    context: message.context,
    signedPrekey
  }
  if (message.oneTimePrekeyId !== undefined) result.usedOneTimePrekeyId = message.oneTimePrekeyId
  return result
}
