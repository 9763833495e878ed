/**
 * On a node linked into a business's account (an agent, a processor): the
 * profile hashes of that business, which its customers bind into the sessions
 * they start with us, and so which session contexts this node accepts.
 */
import { sha256, toHex } from '../../crypto/index.ts'
import type { NodeComponents } from '../components.ts'
import { MEMBERSHIP_REFRESH_MIN_MS } from '../constants.ts'

export type BusinessMembershipComponents = Pick<NodeComponents, 'account' | 'directory' | 'lifecycle'>

export class BusinessMembership {
  readonly #c: BusinessMembershipComponents
  /** Profile hashes (hex) of the business we were linked into: contexts its customers bind. */
  #memberHashes = new Set<string>()

  constructor (components: BusinessMembershipComponents) {
    this.#c = components
  }

  /**
   * Learns the profile hashes of the business we were linked into (the contexts its customers bind).
   * A customer's unknown context means the business published a profile we have not seen: ask the
   * DHT again rather than take the record cached minutes ago (a lookup at most every few seconds).
   */
  async refresh (): Promise<void> {
    const membership = this.#c.account.membership
    if (membership === undefined || !this.#c.lifecycle.running) return
    try {
      const record = await this.#c.directory.account(membership.account, { maxAgeMs: MEMBERSHIP_REFRESH_MIN_MS })
      const profile = record?.profile
      if (profile === undefined || record?.business === undefined) return
      this.#memberHashes = new Set([...this.#memberHashes, toHex(sha256(record.business)), ...(profile.prev.length === 32 ? [toHex(profile.prev)] : []), ...profile.earlier.map(toHex)])
    } catch { /* retried on the next refresh */ }
  }

  /** A new session may bind no context, or the hash of a profile version of the business we read for. */
  acceptContext (context: Uint8Array): boolean {
    const { account } = this.#c
    if (context.length === 0) return true
    const hex = toHex(context)
    if (account.profileHashes.has(hex) || this.#memberHashes.has(hex)) return true
    // Not a business and not a business's device: nothing to check a context against.
    return account.profileBytes === undefined && account.membership === undefined
  }
}
