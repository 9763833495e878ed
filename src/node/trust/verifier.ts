/**
 * This account as a verifier (DESIGN.md "Verifier attestation",
 * docs/PROTOCOL.md §12.3): it signs attestations about businesses with the
 * account key, remembers what it issued, and revokes on request. Revoked ids
 * are published in the `revoked` field of the account record, which is where
 * every customer's node looks them up; verification.ts republishes after a revoke.
 *
 * The store's `attestations` sublevel holds `issued!<id>` (the view and text
 * of each attestation signed here) and `revoked!<id>` (when it was revoked,
 * and when the attestation expires anyway).
 */
import { domainToASCII } from 'node:url'
import { fromHex } from '../../crypto/index.ts'
import type { Ed25519KeyPair } from '../../crypto/index.ts'
import { KabarError } from '../../errors.ts'
import { MAX_ATTESTATION_DAYS } from '../constants.ts'
import {
  MAX_CLOCK_SKEW, MAX_REVOKED,
  attestationIdHex, decodeAttestation, encodeAttestationText, signAttestation
} from '../../records/index.ts'
import type { KabarStore } from '../../store/index.ts'
import { attestationView, parseAccountAddress } from './trust.ts'
import type { AttestationView } from '../types.ts'

const DAY = 24 * 60 * 60 * 1000

export { MAX_ATTESTATION_DAYS } from '../constants.ts'

/** What `kabar verifier attest` says it checked when no `--scope` is given: the legal entity and the domain. */
export const DEFAULT_ATTESTATION_SCOPE = 'legal-entity domain'

const SUBLEVEL = 'attestations'
const ISSUED = 'issued!'
const REVOKED = 'revoked!'

export interface AttestOptions {
  /** The business account's address (Ed25519 PeerId). */
  business: string
  legalName: string
  /** A domain name; IDNs are converted to A-labels, upper case and one trailing dot are accepted. */
  domain: string
  /** What was checked (default DEFAULT_ATTESTATION_SCOPE). */
  scope?: string
  /** How long the attestation lasts: a whole number of days, 1 to MAX_ATTESTATION_DAYS. */
  days: number
}

export interface AttestResult {
  /** The attestation in its text form (standard base64), for the business's profile input. */
  attestation: string
  view: AttestationView
}

interface IssuedEntry { attestation: string, view: AttestationView }
interface RevokedEntry { revokedAt: number, expires: number }

export interface VerifierInit {
  store: KabarStore
  /** The clock (default Date.now). */
  now?: () => number
}

function badRequest (message: string): KabarError {
  return new KabarError('BAD_REQUEST', message)
}

function text (value: unknown, field: string): string {
  if (typeof value !== 'string') throw badRequest(`${field} must be a string, got ${typeof value}`)
  return value.normalize('NFC').trim()
}

/** The domain as an attestation spells it: ASCII (A-labels), lowercase, no trailing dot. */
function normaliseDomain (value: unknown): string {
  const raw = text(value, 'domain').replace(/\.$/, '')
  const ascii = raw === '' ? '' : domainToASCII(raw)
  if (ascii === '') throw badRequest(`domain: ${JSON.stringify(raw.slice(0, 64))} is not a domain name`)
  return ascii
}

function checkDays (days: unknown): asserts days is number {
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_ATTESTATION_DAYS) {
    throw badRequest(`days must be a whole number from 1 to ${MAX_ATTESTATION_DAYS}, got ${String(days)}`)
  }
}

function parseId (id: unknown): string {
  if (typeof id !== 'string' || !/^[0-9a-fA-F]{64}$/.test(id)) throw badRequest('id must be an attestation id: 64 hex characters')
  return id.toLowerCase()
}

export class Verifier {
  readonly #store: KabarStore
  readonly #now: () => number
  #queue: Promise<unknown> = Promise.resolve()

  constructor (init: VerifierInit) {
    this.#store = init.store
    this.#now = init.now ?? Date.now
  }

  /**
   * Signs an attestation about `options.business` with `signing` (the
   * account key), valid from `now` for `options.days` days, and records it as
   * issued. INVALID_ADDRESS for the business, BAD_REQUEST naming any other
   * field that is wrong.
   */
  async attest (options: AttestOptions, signing: Ed25519KeyPair, now: number = this.#now()): Promise<AttestResult> {
    if (options === null || typeof options !== 'object') throw badRequest('options must be an object')
    const business = parseAccountAddress(options.business, 'business')
    const legalName = text(options.legalName, 'legalName')
    const domain = normaliseDomain(options.domain)
    const scope = options.scope === undefined ? DEFAULT_ATTESTATION_SCOPE : text(options.scope, 'scope')
    checkDays(options.days)
    let bytes: Uint8Array
    try {
      bytes = signAttestation({ business, legalName, domain, scope, issued: now, expires: now + options.days * DAY }, signing)
    } catch (err) {
      if (err instanceof RangeError || err instanceof TypeError) throw new KabarError('BAD_REQUEST', err.message, { cause: err })
      throw err
    }
    const id = attestationIdHex(bytes)
    const entry: IssuedEntry = { attestation: encodeAttestationText(bytes), view: attestationView(decodeAttestation(bytes), id) }
    await this.#store.putJson(SUBLEVEL, ISSUED + id, entry)
    return entry
  }

  /** Every attestation issued here, oldest first. */
  async issued (): Promise<AttestationView[]> {
    const out: AttestationView[] = []
    for await (const { value } of this.#store.iterateJson<IssuedEntry>(SUBLEVEL, { gte: ISSUED, lt: `${ISSUED}~` })) out.push(value.view)
    return out.sort((a, b) => a.issued - b.issued || (a.id < b.id ? -1 : 1))
  }

  /**
   * Revokes an attestation this account issued; revoking it again changes
   * nothing. NOT_FOUND for an id not issued here: a verifier can only take
   * back its own word, and listing foreign ids would only waste record space.
   * CONFLICT when MAX_REVOKED revocations are already in force. The caller
   * republishes the account record with {@link revokedIds}.
   */
  async revoke (idHex: string): Promise<void> {
    const id = parseId(idHex)
    await this.#serial(async () => {
      const issued = await this.#store.getJson<IssuedEntry>(SUBLEVEL, ISSUED + id)
      if (issued === undefined) throw new KabarError('NOT_FOUND', `no attestation ${id} was issued by this account`)
      if (await this.#store.get(SUBLEVEL, REVOKED + id) !== undefined) return
      const now = this.#now()
      if ((await this.#inForce(now)).length >= MAX_REVOKED) {
        throw new KabarError('CONFLICT', `${MAX_REVOKED} revocations are already in force, the most an account record carries; each leaves once its attestation expires`)
      }
      const entry: RevokedEntry = { revokedAt: now, expires: issued.view.expires }
      await this.#store.putJson(SUBLEVEL, REVOKED + id, entry)
    })
  }

  /**
   * The ids for the account record's `revoked` field, sorted: every
   * revocation whose attestation some validator could still accept
   * (`now < expires + MAX_CLOCK_SKEW`). At most MAX_REVOKED.
   */
  async revokedIds (now: number = this.#now()): Promise<Uint8Array[]> {
    return (await this.#inForce(now)).map((id) => fromHex(id))
  }

  async #inForce (now: number): Promise<string[]> {
    const ids: string[] = []
    for await (const { key, value } of this.#store.iterateJson<RevokedEntry>(SUBLEVEL, { gte: REVOKED, lt: `${REVOKED}~` })) {
      if (now < value.expires + MAX_CLOCK_SKEW) ids.push(key.slice(REVOKED.length))
    }
    return ids.sort()
  }

  async #serial<T> (task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task)
    this.#queue = run.catch(() => {})
    return run
  }
}
