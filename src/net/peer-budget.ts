/**
 * What each remote peer's input has cost this node, and whether it may go on.
 *
 * Each peer has a token bucket of cost units (constants.ts: roughly a
 * millisecond of CPU each): streams it opened, connections (handshakes),
 * bytes it sent, and faults — input a correct peer never sends. A peer whose
 * bucket runs dry is denied for PEER_DENY_MS (doubled for each repeat): the
 * caller closes its connections and refuses new ones (peer-guard.ts). Peers the
 * caller trusts (contacts, own devices) get TRUSTED_BUDGET_FACTOR times the
 * bucket and the rate.
 *
 * Pure bookkeeping: time comes from an injected clock and nothing here touches
 * the network, so the arithmetic is tested on its own (test/net/peer-budget.spec.ts).
 */
import { COST_CONNECTION, COST_FAULT, COST_PER_MIB, COST_REJECTED, COST_STREAM, MAX_TRACKED_PEERS, PEER_BUDGET_BURST, PEER_BUDGET_PER_S, PEER_DENY_MAX_MS, PEER_DENY_MS, PEER_TRUST_RECHECK_MS, TRUSTED_BUDGET_FACTOR } from './constants.ts'

/** What a peer's input cost: `bytes` is charged per byte, everything else per event. */
export type CostKind = 'stream' | 'connection' | 'bytes' | 'fault' | 'rejected'

export const COST_KINDS: readonly CostKind[] = ['stream', 'connection', 'bytes', 'fault', 'rejected']

const UNIT: Record<CostKind, number> = {
  stream: COST_STREAM,
  connection: COST_CONNECTION,
  bytes: COST_PER_MIB / (1024 * 1024),
  fault: COST_FAULT,
  rejected: COST_REJECTED
}

export interface PeerBudgetInit {
  /** Contacts and own devices: a larger budget. Default: nobody. */
  trusted?: (peer: string) => boolean
  /** Called once each time a peer becomes denied, with a one-line reason. */
  onDeny?: (peer: string, reason: string, denyMs: number) => void
  clock?: () => number
  burst?: number
  perSecond?: number
  trustedFactor?: number
  denyMs?: number
  maxTracked?: number
}

interface PeerCost {
  tokens: number
  at: number
  /** Events (bytes for `bytes`) charged since the bucket was last full. */
  counts: Record<CostKind, number>
  deniedUntil: number
  strikes: number
  trusted: boolean
  trustedAt: number
}

export interface PeerBudgetStats {
  /** Peers denied right now. */
  denied: number
  /** Times any peer became denied. */
  denials: number
  /** Connections refused because their peer was denied or over its connection limit. */
  refused: number
  /** Everything charged, by kind (bytes in bytes). */
  charged: Record<CostKind, number>
  /** Peers tracked. */
  tracked: number
}

function zero (): Record<CostKind, number> {
  return { stream: 0, connection: 0, bytes: 0, fault: 0, rejected: 0 }
}

export class PeerBudget {
  readonly #peers = new Map<string, PeerCost>()
  readonly #trusted: (peer: string) => boolean
  readonly #onDeny: (peer: string, reason: string, denyMs: number) => void
  readonly #clock: () => number
  readonly #burst: number
  readonly #perSecond: number
  readonly #factor: number
  readonly #denyMs: number
  readonly #maxTracked: number
  readonly #charged = zero()
  #denials = 0
  #refused = 0

  constructor (init: PeerBudgetInit = {}) {
    this.#trusted = init.trusted ?? (() => false)
    this.#onDeny = init.onDeny ?? (() => {})
    this.#clock = init.clock ?? Date.now
    this.#burst = init.burst ?? PEER_BUDGET_BURST
    this.#perSecond = init.perSecond ?? PEER_BUDGET_PER_S
    this.#factor = init.trustedFactor ?? TRUSTED_BUDGET_FACTOR
    this.#denyMs = init.denyMs ?? PEER_DENY_MS
    this.#maxTracked = init.maxTracked ?? MAX_TRACKED_PEERS
  }

  /**
   * Charges `peer` for `amount` events of `kind` (bytes for `bytes`). Returns
   * false when the peer is denied, now or already: the caller drops what it
   * was about to do for it.
   */
  charge (peer: string, kind: CostKind, amount = 1): boolean {
    const now = this.#clock()
    const cost = this.#entry(peer, now)
    this.#charged[kind] += amount
    if (cost.deniedUntil > now) return false
    cost.counts[kind] += amount
    cost.tokens -= UNIT[kind] * amount
    if (cost.tokens >= 0) return true
    this.#deny(peer, cost, now)
    return false
  }

  /** True while `peer` is denied. */
  isDenied (peer: string): boolean {
    const cost = this.#peers.get(peer)
    return cost !== undefined && cost.deniedUntil > this.#clock()
  }

  /** Counts a connection refused at the gate (for the stats only). */
  refused (): void {
    this.#refused++
  }

  stats (): PeerBudgetStats {
    const now = this.#clock()
    let denied = 0
    for (const cost of this.#peers.values()) if (cost.deniedUntil > now) denied++
    return { denied, denials: this.#denials, refused: this.#refused, charged: { ...this.#charged }, tracked: this.#peers.size }
  }

  /** The peer's bucket size and rate; whether it is trusted is asked again every PEER_TRUST_RECHECK_MS, not on every charge. */
  #capacity (cost: PeerCost, peer: string, now: number): { burst: number, perSecond: number } {
    if (now - cost.trustedAt >= PEER_TRUST_RECHECK_MS) {
      cost.trusted = this.#trusted(peer)
      cost.trustedAt = now
    }
    const factor = cost.trusted ? this.#factor : 1
    return { burst: this.#burst * factor, perSecond: this.#perSecond * factor }
  }

  /** The peer's entry, its bucket refilled up to `now`. */
  #entry (peer: string, now: number): PeerCost {
    let cost = this.#peers.get(peer)
    if (cost === undefined) {
      const trusted = this.#trusted(peer)
      cost = { tokens: this.#burst * (trusted ? this.#factor : 1), at: now, counts: zero(), deniedUntil: 0, strikes: 0, trusted, trustedAt: now }
      this.#peers.set(peer, cost)
      if (this.#peers.size > this.#maxTracked) this.#forget(now)
      return cost
    }
    const { burst, perSecond } = this.#capacity(cost, peer, now)
    if (cost.deniedUntil !== 0 && cost.deniedUntil <= now) {
      // The sentence is served: a fresh bucket, the strike remembered.
      cost.deniedUntil = 0
      cost.tokens = burst
      cost.counts = zero()
    } else {
      cost.tokens = Math.min(burst, cost.tokens + (Math.max(0, now - cost.at) / 1000) * perSecond)
      if (cost.tokens === burst) cost.counts = zero()
    }
    cost.at = now
    return cost
  }

  #deny (peer: string, cost: PeerCost, now: number): void {
    const denyMs = Math.min(PEER_DENY_MAX_MS, this.#denyMs * 2 ** Math.min(cost.strikes, 16))
    cost.strikes++
    cost.deniedUntil = now + denyMs
    this.#denials++
    this.#onDeny(peer, describe(cost.counts), denyMs)
  }

  /** Drops idle peers (full bucket, not denied, no strikes) to get back under the limit, then the least recently charged. */
  #forget (now: number): void {
    for (const [peer, cost] of this.#peers) {
      if (this.#peers.size <= this.#maxTracked) return
      const burst = this.#burst * (cost.trusted ? this.#factor : 1)
      const perSecond = this.#perSecond * (cost.trusted ? this.#factor : 1)
      const idle = cost.deniedUntil <= now && cost.strikes === 0 && cost.tokens + ((now - cost.at) / 1000) * perSecond >= burst
      if (idle) this.#peers.delete(peer)
    }
    // Map order is insertion order: the oldest entries go first.
    for (const peer of this.#peers.keys()) {
      if (this.#peers.size <= this.#maxTracked) return
      this.#peers.delete(peer)
    }
  }
}

/** "over budget: 52 faults, 120 streams, 3 connections, 1.2 MiB received" — the biggest costs first. */
function describe (counts: Record<CostKind, number>): string {
  const parts = COST_KINDS
    .map((kind) => ({ kind, spent: UNIT[kind] * counts[kind] }))
    .filter((p) => p.spent > 0)
    .sort((a, b) => b.spent - a.spent)
    .map(({ kind }) => kind === 'bytes' ? `${(counts.bytes / (1024 * 1024)).toFixed(1)} MiB received` : `${counts[kind]} ${kind === 'rejected' ? 'rejected envelopes' : `${kind}s`}`)
  return `over budget: ${parts.join(', ')}`
}
