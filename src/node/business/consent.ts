/**
 * The consent gate, the customer's side of a business (DESIGN.md
 * "Consent-bound disclosure"): before each message to a business, the profile
 * the DHT serves now is held against the one the user accepted (decide() in
 * disclosure.ts); the consent state and the conversation's system events are
 * stored (sublevel `disclosures`), messages wait while a change that widens
 * who can read is not accepted, and accepting releases them.
 */
import { KabarError } from '../../errors.ts'
import type { AccountRecord } from '../../records/index.ts'
import type { StoreBatch } from '../../store/index.ts'
import type { NodeComponents } from '../components.ts'
import { parseAddress, requireRunning } from '../components.ts'
import { view } from '../messaging/log.ts'
import { systemMessage } from '../messaging/system.ts'
import { verificationSummary } from '../trust/trust.ts'
import type { Verification } from '../trust/verification.ts'
import type { DisclosureView, SystemEvent } from '../types.ts'
import { decide, describeDiff, profileView, summarize } from './disclosure.ts'
import type { Decision, DisclosureState, KeptProfile } from './disclosure.ts'

export interface ConsentInit {
  /** How a business's attestations stand (trust/verification.ts). */
  verification: Pick<Verification, 'of' | 'warnings'>
  /** Sends the messages held for `to` once nothing holds them any more (messaging/messaging.ts). */
  release: (to: string) => Promise<void>
}

export type ConsentComponents = Pick<NodeComponents, 'store' | 'clock' | 'random' | 'log' | 'account' | 'directory' | 'lock' | 'emit' | 'lifecycle'>

/** Messages held for a business that may go now, with the profile they go under. */
export interface Releasable {
  accepted: KeptProfile
  /** Message ids, in the order they were written. */
  held: string[]
  /** Forgets the held ids once they are sent. */
  done: () => Promise<void>
}

export class Consent {
  readonly #c: ConsentComponents
  readonly #init: ConsentInit

  constructor (components: ConsentComponents, init: ConsentInit) {
    this.#c = components
    this.#init = init
  }

  async #state (address: string): Promise<DisclosureState> {
    return await this.#c.store.getJson<DisclosureState>('disclosures', address) ?? { seen: {}, held: [] }
  }

  /**
   * Decides, from the business's current profile, whether a message to it may
   * be sent now; stores the consent state and the conversation's system
   * events. Undefined for an address without a business profile. The caller
   * holds the `conversation:<to>` lock.
   */
  async decide (to: string, account: AccountRecord | undefined): Promise<Decision | undefined> {
    if (account?.profile === undefined || account.business === undefined) return undefined
    const state = await this.#state(to)
    const { decision, state: next } = decide(state, account.business, account.profile)
    const batch = this.#c.store.batch().putJson('disclosures', to, next)
    const name = account.profile.displayName
    let event: SystemEvent | undefined
    if (decision.kind === 'send' && decision.first) {
      event = { type: 'disclosure-shown', version: decision.accepted.version, summary: (await this.#view(to, account, next)).summary.join(' ') }
    } else if (decision.kind === 'send' && decision.updated !== undefined) {
      event = { type: 'disclosure-updated', version: decision.accepted.version, summary: describeDiff(name, decision.updated.diff), diff: decision.updated.diff }
    } else if (decision.kind === 'hold' && decision.fresh) {
      event = { type: 'disclosure-changed', version: decision.pending.version, summary: describeDiff(name, decision.diff), diff: decision.diff }
    } else if (decision.kind === 'reject' && decision.fresh) {
      event = { type: 'disclosure-rejected', version: account.profile.version, summary: `${name}'s profile was refused: ${decision.reason}. Nothing is sent to it until this is resolved.` }
    }
    const system = event === undefined ? undefined : systemMessage(this.#c, to, event, batch)
    await batch.write()
    if (system !== undefined) {
      this.#c.emit('message', view(system))
      this.#c.emit('disclosure', await this.#view(to, account, next))
    }
    if (decision.kind === 'send' && next.held.length > 0) queueMicrotask(() => { void this.#init.release(to) })
    return decision
  }

  /** Adds message `id` to those held for `to`, in `batch` (the one that stores the message). */
  async hold (to: string, id: string, batch: StoreBatch): Promise<void> {
    const state = await this.#state(to)
    batch.putJson('disclosures', to, { ...state, held: [...state.held, id] })
  }

  /** The messages held for `to`, when its disclosure is accepted and no change is pending; else undefined. */
  async releasable (to: string): Promise<Releasable | undefined> {
    const state = await this.#state(to)
    if (state.held.length === 0 || state.pending !== undefined || state.accepted === undefined) return undefined
    return { accepted: state.accepted, held: state.held, done: async () => { await this.#c.store.putJson('disclosures', to, { ...state, held: [] }) } }
  }

  async #view (address: string, account: AccountRecord, state: DisclosureState): Promise<DisclosureView> {
    const profile = account.profile
    const bytes = account.business
    if (profile === undefined || bytes === undefined) throw new KabarError('NOT_FOUND', `${address} publishes no business profile`)
    const verification = await this.#init.verification.of(address, profile.attestations)
    const pv = profileView(address, bytes, profile, verification.attestations.map(({ counts: _c, reason: _r, verifierLabel: _l, ...a }) => a))
    const { decision } = decide(state, bytes, profile)
    const lines = [...verificationSummary(verification), ...await this.#init.verification.warnings()]
    const out: DisclosureView = { address, profile: pv, summary: summarize(pv, lines), verification }
    if (state.accepted !== undefined) out.acceptedVersion = state.accepted.version
    if (decision.kind === 'hold') out.pending = decision.diff
    if (decision.kind === 'reject') out.rejected = decision.reason
    return out
  }

  /** The business's disclosure as this user sees it, from `record` or a fresh lookup; undefined without a profile. */
  async disclosure (address: string, record?: AccountRecord): Promise<DisclosureView | undefined> {
    requireRunning(this.#c)
    parseAddress(address)
    const account = record ?? await this.#c.directory.account(address)
    if (account?.profile === undefined) return undefined
    return this.#view(address, account, await this.#state(address))
  }

  /** Accepts the pending disclosure change, then releases the messages it held. */
  async accept (address: string): Promise<DisclosureView> {
    requireRunning(this.#c)
    parseAddress(address)
    const account = await this.#c.directory.account(address)
    if (account?.profile === undefined || account.business === undefined) throw new KabarError('NOT_FOUND', `${address} publishes no business profile`)
    const shown = await this.#c.lock.run(`conversation:${address}`, async () => {
      const state = await this.#state(address)
      const { decision } = decide(state, account.business ?? new Uint8Array(0), account.profile as NonNullable<AccountRecord['profile']>)
      if (decision.kind === 'reject') throw new KabarError('DISCLOSURE_REJECTED', decision.reason)
      if (decision.kind !== 'hold') throw new KabarError('CONFLICT', `nothing to accept: ${address}'s disclosure has not changed since you accepted it`)
      const next: DisclosureState = { ...state, accepted: decision.pending, seen: { ...state.seen, [String(decision.pending.version)]: decision.pending.hash } }
      delete next.pending
      delete next.rejected
      const batch = this.#c.store.batch().putJson('disclosures', address, next)
      const system = systemMessage(this.#c, address, {
        type: 'disclosure-accepted',
        version: decision.pending.version,
        summary: `You accepted ${account.profile?.displayName ?? address}'s disclosure version ${decision.pending.version}.`
      }, batch)
      await batch.write()
      this.#c.emit('message', view(system))
      return this.#view(address, account, next)
    })
    this.#c.emit('disclosure', shown)
    await this.#init.release(address)
    return shown
  }
}
