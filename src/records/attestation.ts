/**
 * Verifier attestations (DESIGN.md "Verifier attestation", docs/PROTOCOL.md
 * §12): an account that users may choose to trust (a chamber of commerce, a
 * registrar, a partner) signs that a business account is a legal entity with
 * a domain, for a time:
 *
 *   Attestation { verifier_key (32), business_key (32), legal_name, domain,
 *                 scope, issued, expires, signature (64) }
 *   signature = Ed25519(verifier, lp("kabar/v1/sig/attestation")
 *                                 || lp(Attestation encoded without signature))
 *   id        = SHA-256(the whole encoded Attestation, signature included)
 *
 * The verifier's key is inside the signed bytes, so an attestation is checked
 * on its own wherever it travels (in a BusinessProfile, pasted into the CLI).
 * The id is what a verifier revokes, by listing it in its AccountRecord's
 * `revoked` field. Only the canonical encoding is accepted, as for every
 * record (envelope.ts), so one attestation has exactly one id.
 *
 * Whose attestations count is not this module's question: node/trust/trust.ts
 * applies the user's rule (k of the verifiers they trust).
 */
import { fromString as uint8ArrayFromString } from 'uint8arrays/from-string'
import { toString as uint8ArrayToString } from 'uint8arrays/to-string'
import { ED25519_PUBLIC_KEY_LENGTH, ED25519_SIGNATURE_LENGTH, assertBytes, bytesEqual, ed25519Verify, lengthPrefixed, recordLabel, sha256, toHex } from '../crypto/index.ts'
import type { Ed25519KeyPair } from '../crypto/index.ts'
import { records } from '../wire/index.ts'
import { assertNow, assertSafeUint, exactBytes, nameProblem, safeNumber } from './checks.ts'
import { ExpiredRecordError, InvalidRecordError } from './errors.ts'
import { MAX_ATTESTATION, MAX_ATTESTATION_LIFETIME, MAX_CLOCK_SKEW, MAX_DOMAIN, MAX_LEGAL_NAME, MAX_REVOKED, MAX_SCOPE } from './limits.ts'

/** SHA-256 output: the length of an attestation id. */
export const ATTESTATION_ID_LENGTH = 32

export interface UnsignedAttestation {
  /** The business account's Ed25519 key (32). */
  business: Uint8Array
  /** The registered name, at most MAX_LEGAL_NAME code points (see nameProblem in checks.ts). */
  legalName: string
  /** A lowercase DNS name in ASCII (IDNs as `xn--` A-labels), no trailing dot. */
  domain: string
  /** What the verifier checked, e.g. "legal-entity domain"; at most MAX_SCOPE code points. */
  scope: string
  /** ms since the epoch. */
  issued: number
  /** ms since the epoch; issued < expires <= issued + MAX_ATTESTATION_LIFETIME. */
  expires: number
}

export interface Attestation extends UnsignedAttestation {
  /** The verifier account's Ed25519 key (32): the signer. */
  verifier: Uint8Array
  /** Ed25519 (64). */
  signature: Uint8Array
}

// RFC 1035 §2.3.1 / RFC 1123 §2.1 host-name labels (letters, digits, inner
// hyphens, 1..63 long), at least two of them, and a top-level label that is
// alphabetic or an IDN A-label, which rules out IPv4 addresses.
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
const TOP_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/

function domainProblem (domain: string): string | undefined {
  if (domain.length === 0) return 'domain is empty'
  if (domain.length > MAX_DOMAIN) return `domain is longer than ${MAX_DOMAIN} characters`
  if (domain !== domain.toLowerCase()) return 'domain must be lowercase'
  const labels = domain.split('.')
  if (labels.length < 2) return 'domain must have at least two labels (like example.org)'
  if (!labels.every((label) => DNS_LABEL.test(label))) {
    return 'domain must be a DNS name of letters, digits and inner hyphens (IDNs as xn-- A-labels), without a trailing dot'
  }
  if (!TOP_LABEL.test(labels[labels.length - 1])) return 'domain must end in an alphabetic top-level domain'
  return undefined
}

/** Why the fields are unacceptable (keys and signature aside), or undefined. */
function fieldsProblem (att: UnsignedAttestation): string | undefined {
  return nameProblem(att.legalName, MAX_LEGAL_NAME, 'legal name') ??
    domainProblem(att.domain) ??
    nameProblem(att.scope, MAX_SCOPE, 'scope') ??
    (att.expires <= att.issued ? 'expires must be after issued' : undefined) ??
    (att.expires - att.issued > MAX_ATTESTATION_LIFETIME ? `lifetime is over the limit of ${MAX_ATTESTATION_LIFETIME} ms` : undefined)
}

function toWire (att: UnsignedAttestation, verifier: Uint8Array, signature: Uint8Array): records.Attestation {
  return {
    verifierKey: verifier as Uint8Array<ArrayBuffer>,
    businessKey: att.business as Uint8Array<ArrayBuffer>,
    legalName: att.legalName,
    domain: att.domain,
    scope: att.scope,
    issued: BigInt(att.issued),
    expires: BigInt(att.expires),
    signature: signature as Uint8Array<ArrayBuffer>
  }
}

/** The signed input: the encoding with `signature` unset (proto3 omits an empty field). */
function signatureInput (att: UnsignedAttestation, verifier: Uint8Array): Uint8Array {
  return lengthPrefixed(recordLabel('attestation'), records.Attestation.encode(toWire(att, verifier, new Uint8Array(0))))
}

/**
 * Signs an attestation as `verifier` and returns its encoding (what travels
 * and what {@link attestationId} hashes). Throws TypeError/RangeError on a
 * bad field, naming it; the result always passes {@link decodeAttestation}.
 */
export function signAttestation (params: UnsignedAttestation, verifier: Ed25519KeyPair): Uint8Array {
  assertBytes(params.business, ED25519_PUBLIC_KEY_LENGTH, 'business')
  for (const field of ['legalName', 'domain', 'scope'] as const) {
    if (typeof params[field] !== 'string') throw new TypeError(`${field} must be a string, got ${typeof params[field]}`)
  }
  assertSafeUint(params.issued, 'issued')
  assertSafeUint(params.expires, 'expires')
  const att: UnsignedAttestation = {
    business: new Uint8Array(params.business),
    legalName: params.legalName,
    domain: params.domain,
    scope: params.scope,
    issued: params.issued,
    expires: params.expires
  }
  const problem = fieldsProblem(att)
  if (problem !== undefined) throw new RangeError(problem)
  const signature = verifier.sign(signatureInput(att, verifier.publicKey))
  const bytes = records.Attestation.encode(toWire(att, verifier.publicKey, signature))
  decodeAttestation(bytes)
  return bytes
}

/**
 * Decodes an attestation and checks its shape: size, canonical encoding,
 * exact key and signature lengths, the name, domain and scope rules, and
 * issued < expires within MAX_ATTESTATION_LIFETIME. Not its signature or
 * whether it is current: that is {@link verifyAttestation}. Throws
 * InvalidRecordError.
 */
export function decodeAttestation (bytes: Uint8Array): Attestation {
  assertBytes(bytes, undefined, 'bytes')
  if (bytes.length > MAX_ATTESTATION) throw new InvalidRecordError(`attestation is ${bytes.length} bytes, over the limit of ${MAX_ATTESTATION}`)
  let wire: records.Attestation
  try {
    wire = records.Attestation.decode(bytes)
  } catch (err) {
    throw new InvalidRecordError('malformed Attestation', { cause: err })
  }
  // NOTE: as in envelope.ts, only the canonical encoding is accepted: the id
  // hashes bytes, so a second spelling of one attestation would escape its
  // revocation. This also refuses strings that are not valid UTF-8 (the
  // decoder replaces them, so they re-encode differently).
  if (!bytesEqual(records.Attestation.encode(wire), bytes)) throw new InvalidRecordError('Attestation is not canonically encoded')
  const att: Attestation = {
    verifier: exactBytes(wire.verifierKey, ED25519_PUBLIC_KEY_LENGTH, 'attestation verifier key'),
    business: exactBytes(wire.businessKey, ED25519_PUBLIC_KEY_LENGTH, 'attestation business key'),
    legalName: wire.legalName,
    domain: wire.domain,
    scope: wire.scope,
    issued: safeNumber(wire.issued, 'attestation issued'),
    expires: safeNumber(wire.expires, 'attestation expires'),
    signature: exactBytes(wire.signature, ED25519_SIGNATURE_LENGTH, 'attestation signature')
  }
  const problem = fieldsProblem(att)
  if (problem !== undefined) throw new InvalidRecordError(`attestation: ${problem}`)
  return att
}

/**
 * Throws InvalidRecordError unless the verifier's signature verifies and the
 * attestation is not issued in the future, and ExpiredRecordError once it
 * has expired; both with MAX_CLOCK_SKEW allowed, as for every record.
 */
export function verifyAttestation (att: Attestation, now: number): void {
  assertNow(now)
  assertBytes(att.verifier, ED25519_PUBLIC_KEY_LENGTH, 'verifier')
  assertBytes(att.signature, ED25519_SIGNATURE_LENGTH, 'signature')
  if (!ed25519Verify(att.verifier, signatureInput(att, att.verifier), att.signature)) {
    throw new InvalidRecordError('attestation signature does not verify')
  }
  if (att.issued > now + MAX_CLOCK_SKEW) throw new InvalidRecordError('attestation is issued in the future')
  if (now - MAX_CLOCK_SKEW >= att.expires) throw new ExpiredRecordError(`attestation expired at ${new Date(att.expires).toISOString()}`)
}

/** The id of an encoded attestation: SHA-256 of exactly these bytes (what a verifier revokes). */
export function attestationId (bytes: Uint8Array): Uint8Array {
  assertBytes(bytes, undefined, 'bytes')
  return sha256(bytes)
}

/** {@link attestationId} as lowercase hex, the form the API and CLI show. */
export function attestationIdHex (bytes: Uint8Array): string {
  return toHex(attestationId(bytes))
}

/** The text form `kabar verifier attest` prints: standard base64 (RFC 4648 §4) with padding. */
export function encodeAttestationText (bytes: Uint8Array): string {
  assertBytes(bytes, undefined, 'bytes')
  return uint8ArrayToString(bytes, 'base64pad')
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const MAX_ATTESTATION_TEXT = Math.ceil(MAX_ATTESTATION / 3) * 4

/**
 * The bytes of an attestation's text form. Strict: standard alphabet,
 * padding required, zero pad bits (one spelling per attestation); only
 * white space around it (a pasted line) is ignored. Throws
 * InvalidRecordError; the bytes still need {@link decodeAttestation}.
 */
export function decodeAttestationText (text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError(`text must be a string, got ${typeof text}`)
  const trimmed = text.trim()
  if (trimmed.length > MAX_ATTESTATION_TEXT) throw new InvalidRecordError(`attestation text is longer than ${MAX_ATTESTATION_TEXT} characters`)
  if (trimmed.length === 0 || !BASE64.test(trimmed)) throw new InvalidRecordError('attestation text is not standard padded base64')
  let bytes: Uint8Array
  try {
    bytes = uint8ArrayFromString(trimmed, 'base64pad')
  } catch (err) {
    // multiformats' decoder refuses non-zero pad bits itself (a SyntaxError)
    throw new InvalidRecordError('attestation text is not canonical base64 (non-zero pad bits)', { cause: err })
  }
  if (uint8ArrayToString(bytes, 'base64pad') !== trimmed) throw new InvalidRecordError('attestation text is not canonical base64 (non-zero pad bits)')
  return new Uint8Array(bytes)
}

/**
 * Checks an AccountRecord's `revoked` list: at most MAX_REVOKED ids, each
 * exactly ATTESTATION_ID_LENGTH bytes, none twice. Returns copies. Throws
 * InvalidRecordError; account.ts runs it on every account record.
 */
export function checkRevokedList (list: Uint8Array[]): Uint8Array[] {
  if (!Array.isArray(list)) throw new TypeError('revoked must be an array')
  if (list.length > MAX_REVOKED) throw new InvalidRecordError(`account record revokes ${list.length} attestations, over the limit of ${MAX_REVOKED}`)
  const seen = new Set<string>()
  return list.map((id, index) => {
    const copy = exactBytes(id, ATTESTATION_ID_LENGTH, `revoked[${index}]`)
    const hex = toHex(copy)
    if (seen.has(hex)) throw new InvalidRecordError('account record revokes an attestation twice')
    seen.add(hex)
    return copy
  })
}
