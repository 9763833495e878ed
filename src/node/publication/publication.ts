/**
 * When our records are published: at start, after every change, and on the
 * republish interval; a publication no peer confirmed is retried with backoff
 * (sooner once a first peer connects), and one that few peers took is
 * repeated as the routing table grows. What is published is the Publisher's
 * business (publisher.ts).
 */
import { routingTableSize } from '../../net/dht.ts'
import type { NodeComponents } from '../components.ts'
import { FULL_REPLICAS, GROWTH_CHECK_MS, PUBLISH_RETRY_JITTER, PUBLISH_RETRY_MAX_MS, PUBLISH_RETRY_MS } from '../constants.ts'
import { Publisher } from './publisher.ts'
import type { PublishResult } from './publisher.ts'

export interface PublicationInit {
  /** Attestation ids this account revoked as a verifier (trust/verification.ts). */
  revoked: () => Promise<Uint8Array[]>
  /** Called after each timed publication (the business membership refreshes then). */
  afterPublish?: () => void
}

export type PublicationComponents = Pick<NodeComponents, 'config' | 'clock' | 'random' | 'store' | 'identity' | 'libp2p' | 'prekeys' | 'account' | 'lifecycle'>

export class Publication {
  readonly #c: PublicationComponents
  readonly #init: PublicationInit
  readonly #publisher: Publisher
  #recordsPublishedAt: number | undefined
  #timer: NodeJS.Timeout | undefined
  /** Publications in a row that no peer confirmed: the retry delay doubles with each. */
  #failures = 0
  /** The last publication failed with an empty routing table: the first peer to connect triggers the retry at once. */
  #awaitsPeers = false

  constructor (components: PublicationComponents, init: PublicationInit) {
    this.#c = components
    this.#init = init
    this.#publisher = new Publisher({ dht: components.libp2p, store: components.store, identity: components.identity, prekeys: components.prekeys, account: components.account, revoked: init.revoked, clock: components.clock, timeoutMs: components.config.dhtTimeoutMs })
  }

  /** When our records were last confirmed stored by a DHT peer (clock ms). */
  get recordsPublishedAt (): number | undefined {
    return this.#recordsPublishedAt
  }

  /** Forgets the last run's backoff; the facade then calls `schedule(0)`. */
  start (): void {
    this.#failures = 0
    this.#awaitsPeers = false
  }

  stop (): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
  }

  /** A peer connected: a node alone when it last tried need not sit out its backoff once it has company. */
  onPeer (): void {
    if (!this.#awaitsPeers) return
    this.#awaitsPeers = false
    this.schedule(PUBLISH_RETRY_MS / 5)
  }

  /** Publishes records now (or after `delayMs`), then on the republish interval; when no peer confirmed, retries with backoff. */
  schedule (delayMs: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      void this.#publishOnce().then((replicas) => {
        if (!this.#c.lifecycle.running) return
        const confirmed = replicas > 0
        this.#failures = confirmed ? 0 : this.#failures + 1
        this.#awaitsPeers = !confirmed && routingTableSize(this.#c.libp2p) === 0
        if (!confirmed) this.schedule(this.#retryDelay())
        else if (replicas >= FULL_REPLICAS) this.schedule(this.#c.config.republishMs)
        else this.#republishOnGrowth(routingTableSize(this.#c.libp2p), this.#c.clock() + this.#c.config.republishMs)
      })
    }, delayMs)
    this.#timer.unref()
  }

  /**
   * Few peers took our records (FULL_REPLICAS): we published into a network still forming (a
   * seed, an early node), and the k peers closest to each key may not exist yet; later nodes
   * closer to the keys would not hold them, and lookups that walk to those nodes find nothing
   * (2 of 20 lookups of a seed's record in a 200-node simulation). Publish again each time our
   * routing table has doubled (and at the republish interval at the latest), until enough peers
   * took them. A node joining a formed network reaches that at once.
   */
  #republishOnGrowth (tableAtPublication: number, due: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      if (!this.#c.lifecycle.running) return
      const grown = routingTableSize(this.#c.libp2p) >= 2 * Math.max(1, tableAtPublication)
      if (grown || this.#c.clock() >= due) this.schedule(0)
      else this.#republishOnGrowth(tableAtPublication, due)
    }, GROWTH_CHECK_MS)
    this.#timer.unref()
  }

  /** 5 s doubling to 5 min, less up to half at random, so nodes that failed together do not retry together. */
  #retryDelay (): number {
    const base = Math.min(PUBLISH_RETRY_MAX_MS, this.#c.config.republishMs, PUBLISH_RETRY_MS * 2 ** Math.min(this.#failures - 1, 30))
    const jitter = 1 - PUBLISH_RETRY_JITTER * (this.#c.random(1)[0] ?? 0) / 255
    return Math.round(base * jitter)
  }

  /** Publishes once; resolves with how many peers took the less confirmed of the two records (0: none, or it failed). */
  async #publishOnce (): Promise<number> {
    try {
      await this.#c.prekeys.rotateIfDue(this.#c.clock())
      await this.#c.prekeys.replenish(this.#c.clock())
      const result = await this.publish()
      this.#init.afterPublish?.()
      return Math.min(result.account, result.prekey)
    } catch {
      return 0
    }
  }

  /** Publishes our records now and reports how many peers confirmed each (tests, `kabar status`). */
  async publish (): Promise<PublishResult> {
    const result = await this.#publisher.publish()
    if (result.account > 0 && result.prekey > 0) {
      this.#recordsPublishedAt = this.#c.clock()
      this.#failures = 0
    }
    return result
  }

  /** Publishes our records now; a failure to reach peers is left to the republish timer. */
  async publishNow (): Promise<void> {
    try {
      await this.publish()
    } catch { /* retried by the timer */ }
    this.schedule(this.#c.config.republishMs)
  }
}
