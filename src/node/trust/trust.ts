/**
 * The user's trust rule for businesses (DESIGN.md "Verifier attestation",
 * docs/PROTOCOL.md §12.5): the verifiers this user trusts, and k, how many of
 * them must vouch for a business before it shows as verified (default 1).
 *
 * `Trust` keeps the list and k in the store's `trust` sublevel (sealed at
 * rest like every value). `evaluateAttestations` is pure: it applies the rule
 * to the attestations a business publishes, given the revocations each
 * verifier publishes in its own account record, and says for every
 * attestation whether it counts and, if not, why. `verificationSummary`
 * turns that into sentences that name who vouched for what.
 */
import { bytesEqual } from '../../crypto/index.ts'
import { KabarError } from '../../errors.ts'
import { MAX_TRUSTED_VERIFIERS } from '../constants.ts'
import { MAX_LABEL, attestationIdHex, decodeAttestation, ed25519FromPeerIdString, nameProblem, peerIdStringFromEd25519, verifyAttestation } from '../../records/index.ts'
import type { Attestation } from '../../records/index.ts'
import type { KabarStore } from '../../store/index.ts'
import type { AttestationView, TrustSettings, TrustedVerifier, VerificationView } from '../types.ts'

/** The rule when the user has not chosen one: one trusted verifier suffices (DESIGN.md). */
export const DEFAULT_TRUST_THRESHOLD = 1

/** Most verifiers a user may trust (node/constants.ts says why). */
export { MAX_TRUSTED_VERIFIERS } from '../constants.ts'

/** Why an attestation does not count. */
export type AttestationReason = 'untrusted' | 'expired' | 'revoked' | 'invalid' | 'wrong-business'

export type EvaluatedAttestation = VerificationView['attestations'][number]

const SUBLEVEL = 'trust'
const VERIFIER_PREFIX = 'verifier!'
const THRESHOLD_KEY = 'threshold'

interface StoredVerifier { label?: string, addedAt: number }

export interface TrustInit {
  store: KabarStore
  /** The clock for `addedAt` (default Date.now). */
  now?: () => number
}

function badRequest (message: string): KabarError {
  return new KabarError('BAD_REQUEST', message)
}

/** Checks an account address and returns its Ed25519 key; INVALID_ADDRESS naming `field` otherwise. */
export function parseAccountAddress (address: unknown, field: string): Uint8Array {
  if (typeof address !== 'string') throw badRequest(`${field} must be a string, got ${typeof address}`)
  try {
    return ed25519FromPeerIdString(address)
  } catch (err) {
    throw new KabarError('INVALID_ADDRESS', `${field}: ${(err as Error).message}`, { cause: err })
  }
}

/** A label as stored: NFC, trimmed, undefined when empty; BAD_REQUEST when over MAX_LABEL or with control/bidi characters. */
function cleanLabel (label: unknown): string | undefined {
  if (label === undefined) return undefined
  if (typeof label !== 'string') throw badRequest(`label must be a string, got ${typeof label}`)
  const clean = label.normalize('NFC').trim()
  if (clean === '') return undefined
  const problem = nameProblem(clean, MAX_LABEL, 'label')
  if (problem !== undefined) throw badRequest(problem)
  return clean
}

function checkThreshold (k: unknown): asserts k is number {
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > MAX_TRUSTED_VERIFIERS) {
    throw badRequest(`threshold must be a whole number from 1 to ${MAX_TRUSTED_VERIFIERS}, got ${String(k)}`)
  }
}

/**
 * The verifiers this user trusts and the rule k. Changes are serialised, so
 * two concurrent adds cannot pass MAX_TRUSTED_VERIFIERS together.
 *
 * NOTE: k may be set above the number of trusted verifiers, and removing a
 * verifier never lowers k. The user may be about to add the others, and
 * quietly lowering a rule they chose would weaken it behind their back; the
 * cost is that no business shows as verified meanwhile, which
 * {@link trustWarnings} says in words.
 */
export class Trust {
  readonly #store: KabarStore
  readonly #now: () => number
  #queue: Promise<unknown> = Promise.resolve()

  constructor (init: TrustInit) {
    this.#store = init.store
    this.#now = init.now ?? Date.now
  }

  /** The trusted verifiers (oldest first) and k. */
  async settings (): Promise<TrustSettings> {
    const verifiers: TrustedVerifier[] = []
    for await (const { key, value } of this.#store.iterateJson<StoredVerifier>(SUBLEVEL, { gte: VERIFIER_PREFIX, lt: `${VERIFIER_PREFIX}~` })) {
      const entry: TrustedVerifier = { address: key.slice(VERIFIER_PREFIX.length), addedAt: value.addedAt }
      if (value.label !== undefined) entry.label = value.label
      verifiers.push(entry)
    }
    verifiers.sort((a, b) => a.addedAt - b.addedAt || (a.address < b.address ? -1 : 1))
    const threshold = (await this.#store.getJson<number>(SUBLEVEL, THRESHOLD_KEY)) ?? DEFAULT_TRUST_THRESHOLD
    return { verifiers, threshold }
  }

  /**
   * Trusts `address` (an account's Ed25519 PeerId), with an optional label
   * shown instead of the address. Adding a trusted verifier again keeps its
   * `addedAt` and replaces its label when one is given ('' clears it).
   * INVALID_ADDRESS, or BAD_REQUEST for a bad label or a full list.
   */
  async addVerifier (address: string, label?: string): Promise<TrustSettings> {
    parseAccountAddress(address, 'address')
    const clean = cleanLabel(label)
    return this.#serial(async () => {
      const key = VERIFIER_PREFIX + address
      const existing = await this.#store.getJson<StoredVerifier>(SUBLEVEL, key)
      if (existing === undefined && (await this.settings()).verifiers.length >= MAX_TRUSTED_VERIFIERS) {
        throw badRequest(`you already trust ${MAX_TRUSTED_VERIFIERS} verifiers, the most allowed; remove one first`)
      }
      const stored: StoredVerifier = { addedAt: existing?.addedAt ?? this.#now() }
      const kept = label === undefined ? existing?.label : clean
      if (kept !== undefined) stored.label = kept
      await this.#store.putJson(SUBLEVEL, key, stored)
      return this.settings()
    })
  }

  /** Stops trusting `address`; NOT_FOUND when it is not trusted. k is left as it is (see the class note). */
  async removeVerifier (address: string): Promise<TrustSettings> {
    parseAccountAddress(address, 'address')
    return this.#serial(async () => {
      const key = VERIFIER_PREFIX + address
      if (await this.#store.get(SUBLEVEL, key) === undefined) throw new KabarError('NOT_FOUND', `${address} is not a trusted verifier`)
      await this.#store.del(SUBLEVEL, key)
      return this.settings()
    })
  }

  /** Sets k, a whole number from 1 to MAX_TRUSTED_VERIFIERS (BAD_REQUEST otherwise), even above the number trusted. */
  async setThreshold (k: number): Promise<TrustSettings> {
    checkThreshold(k)
    return this.#serial(async () => {
      await this.#store.putJson(SUBLEVEL, THRESHOLD_KEY, k)
      return this.settings()
    })
  }

  async #serial<T> (task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task)
    this.#queue = run.catch(() => {})
    return run
  }
}

/** Sentences about the rule itself: says when k is above the number of trusted verifiers. */
export function trustWarnings (settings: TrustSettings): string[] {
  const n = settings.verifiers.length
  const k = settings.threshold
  if (k <= n) return []
  if (n === 0) return [`You trust no verifiers yet, so no business shows as verified; add one with \`kabar trust add-verifier\`.`]
  return [`Your rule needs ${k} trusted verifiers but you trust ${n}, so no business shows as verified until you trust ${k - n} more or lower the rule.`]
}

/** The API's view of a decoded attestation. */
export function attestationView (att: Attestation, id: string): AttestationView {
  return {
    id,
    verifier: peerIdStringFromEd25519(att.verifier),
    business: peerIdStringFromEd25519(att.business),
    legalName: att.legalName,
    domain: att.domain,
    scope: att.scope,
    issued: att.issued,
    expires: att.expires
  }
}

export interface EvaluateAttestationsParams {
  /** The business account's Ed25519 key (32). */
  business: Uint8Array
  /** The encoded attestations the business publishes, in its profile's order. */
  attestations: Uint8Array[]
  trusted: TrustSettings
  now: number
  /**
   * The attestation ids (lowercase hex) a verifier revoked, from the
   * `revoked` field of its latest valid account record; undefined when that
   * record could not be fetched. Only asked about trusted verifiers.
   */
  revoked: (verifierAddress: string) => ReadonlySet<string> | undefined
}

/** Why one attestation does not count, or undefined when it counts. */
function judge (att: Attestation, id: string, params: EvaluateAttestationsParams, trusted: ReadonlyMap<string, TrustedVerifier>): AttestationReason | undefined {
  let expired = false
  try {
    verifyAttestation(att, params.now)
  } catch (err) {
    if (!KabarError.is(err, 'RECORD_EXPIRED')) return 'invalid'
    expired = true
  }
  if (!bytesEqual(att.business, params.business)) return 'wrong-business'
  const verifier = peerIdStringFromEd25519(att.verifier)
  if (!trusted.has(verifier)) return 'untrusted'
  // NOTE: a verifier whose record cannot be fetched is taken to have revoked
  // nothing (soft fail, as browsers treat an unreachable OCSP responder);
  // failing closed would let any DHT outage unverify every business. The
  // cost is bounded by MAX_ATTESTATION_LIFETIME, and a node that has seen
  // the record keeps honouring its cached revocations.
  if (params.revoked(verifier)?.has(id) === true) return 'revoked'
  return expired ? 'expired' : undefined
}

/**
 * Applies the user's rule: an attestation counts when it is well formed,
 * signed by its verifier, about this business, from a trusted verifier, not
 * revoked by that verifier and not expired (checked in this order; the first
 * failure is the reason given). The business is verified when at least k
 * distinct trusted verifiers have an attestation that counts: a second
 * attestation from the same verifier adds nothing.
 */
export function evaluateAttestations (params: EvaluateAttestationsParams): VerificationView {
  const { trusted: settings } = params
  checkThreshold(settings.threshold)
  if (!Array.isArray(params.attestations)) throw new TypeError('attestations must be an array')
  const trusted = new Map(settings.verifiers.map((v) => [v.address, v]))
  const vouching = new Set<string>()
  const attestations = params.attestations.map((bytes): EvaluatedAttestation => {
    const id = attestationIdHex(bytes)
    let att: Attestation
    try {
      att = decodeAttestation(bytes)
    } catch {
      return { id, verifier: '', business: '', legalName: '', domain: '', scope: '', issued: 0, expires: 0, counts: false, reason: 'invalid' }
    }
    const view: EvaluatedAttestation = { ...attestationView(att, id), counts: false }
    const label = trusted.get(view.verifier)?.label
    if (label !== undefined) view.verifierLabel = label
    const reason = judge(att, id, params, trusted)
    if (reason === undefined) {
      view.counts = true
      vouching.add(view.verifier)
    } else {
      view.reason = reason
    }
    return view
  })
  return { verified: vouching.size >= settings.threshold, required: settings.threshold, attestations }
}

/** "Chamber of Commerce (12D3KooW…PGyhE)", or the short address alone. */
function verifierName (att: EvaluatedAttestation): string {
  const short = `${att.verifier.slice(0, 8)}…${att.verifier.slice(-5)}`
  return att.verifierLabel === undefined ? short : `${att.verifierLabel} (${short})`
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

function whyNot (att: EvaluatedAttestation): string {
  switch (att.reason) {
    case 'expired': return `Not counted: ${verifierName(att)} vouched for ${att.legalName}, ${att.domain}, until ${day(att.expires)}; that has expired`
    case 'revoked': return `Not counted: ${verifierName(att)} revoked its attestation of ${att.legalName}, ${att.domain}`
    case 'wrong-business': return `Not counted: an attestation by ${verifierName(att)} about another account`
    // The content of an untrusted or broken attestation is not repeated:
    // its legal name is whatever its signer chose to write.
    case 'untrusted': return `Not counted: an attestation by ${verifierName(att)}, a verifier you do not trust`
    default: return 'Not counted: an attestation that is malformed or not validly signed'
  }
}

/**
 * Sentences for a person, e.g. "Verified by Chamber of Commerce
 * (12D3KooW…PGyhE): Acme Ltd, acme.example, until 2027-06-01", or "Not
 * verified: only 1 of your trusted verifiers vouches for it (your rule needs 2)" followed by who did vouch; then
 * one line per attestation that does not count, saying why. One line per
 * vouching verifier: its attestation that lasts longest.
 */
/** "Not verified: none of your trusted verifiers vouches for it (your rule needs 1)". */
function notVerified (vouching: number, required: number): string {
  const who = vouching === 0 ? 'none of your trusted verifiers vouches' : vouching === 1 ? 'only 1 of your trusted verifiers vouches' : `only ${vouching} of your trusted verifiers vouch`
  return `Not verified: ${who} for it (your rule needs ${required})`
}

export function verificationSummary (view: VerificationView): string[] {
  const best = new Map<string, EvaluatedAttestation>()
  for (const att of view.attestations) {
    if (!att.counts) continue
    const seen = best.get(att.verifier)
    if (seen === undefined || att.expires > seen.expires) best.set(att.verifier, att)
  }
  const vouched = [...best.values()].map((att) => `${verifierName(att)}: ${att.legalName}, ${att.domain}, until ${day(att.expires)}`)
  const lines = view.verified
    ? vouched.map((line) => `Verified by ${line}`)
    : [notVerified(best.size, view.required), ...vouched.map((line) => `Vouched for by ${line}`)]
  for (const att of view.attestations) if (!att.counts) lines.push(whyNot(att))
  return lines
}
