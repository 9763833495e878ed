/**
 * The outbox. A message is encrypted once per recipient device; the
 * ciphertext and the new session state are stored together (by the caller's
 * batch) before anything is sent. Delivery then sends a device's envelopes in
 * order on one stream, deletes each one its ack confirms, and retries the same
 * ciphertext with exponential backoff and jitter until acked. A device's
 * outbox is flushed at start and the moment that device connects.
 *
 * When a device cannot be reached and its account lists a mailbox, the
 * `fallback` (node/mailbox/) deposits the same ciphertext there: an envelope
 * in a mailbox's custody is `deposited` and no longer retried on a timer, but
 * still sent directly when the device connects (the recipient keeps the first
 * copy by envelope id); it is settled by the direct ack or by the device's
 * receipt, and fails if the mailbox's retention runs out first.
 */
import { fromHex } from '../../crypto/index.ts'
import type { RandomSource } from '../../crypto/index.ts'
import type { KabarStore, StoreBatch } from '../../store/index.ts'
import { DELIVERY_BATCH, DELIVERY_TIMEOUT_MS, RETRY_INITIAL_MS, RETRY_JITTER, RETRY_MAX_MS } from '../constants.ts'
import type { KeyedLock } from '../lock.ts'
import type { MessageLog, StoredMessage } from './log.ts'
import { outgoingStatus, withStatus } from './log.ts'
import { DeviceUnreachableError } from './transport.ts'
import type { AckStatus, DeliveryTransport } from './transport.ts'
import type { StateReason } from '../types.ts'
import { reason } from './states.ts'

export interface OutboxEntry {
  envelopeId: string
  messageId: string
  device: string
  /** The encoded SessionMessage, hex. */
  payload: string
  createdAt: number
  /** The recipient account's mailboxes (PeerIds): where this envelope may wait while the device is off. */
  mailboxes?: string[]
  /** A mailbox holds it (custody acknowledged): until `expiresAt` (clock ms) it is no longer retried on a timer. */
  deposited?: { mailbox: string, expiresAt: number }
}

/** What a deposit round did: the envelope ids a mailbox took (with when it drops them), and why the rest were refused. */
export interface DepositOutcome { taken: Map<string, { mailbox: string, expiresAt: number }>, refused?: string }

/** Deposits envelopes of an unreachable device at its account's mailbox (node/mailbox/). */
export type DeliveryFallback = (device: string, entries: OutboxEntry[], signal: AbortSignal) => Promise<DepositOutcome>

export interface DeliveryInit {
  store: KabarStore
  log: MessageLog
  transport: DeliveryTransport
  lock: KeyedLock
  clock: () => number
  random: RandomSource
  /** A message's state changed (or, while it waits, its reason): `present` gives its view. */
  onStatus: (message: StoredMessage) => void
  onError?: (device: string, err: unknown) => void
  fallback?: DeliveryFallback
  retryInitialMs?: number
  retryMaxMs?: number
}

/** How an envelope left the outbox: acked (directly or by receipt), refused, or dropped by a mailbox. */
type Settled = 'delivered' | 'failed' | 'expired'

const pad = (n: number): string => String(n).padStart(16, '0')

/** One lock for updates of outgoing messages' states, so two devices' acks never race. */
const LOG_LOCK = 'delivery:log'

export class Delivery {
  readonly #init: DeliveryInit
  #counter: number
  #depth = 0
  readonly #attempts = new Map<string, number>()
  readonly #timers = new Map<string, NodeJS.Timeout>()
  readonly #running = new Map<string, Promise<void>>()
  readonly #again = new Set<string>()
  /** Devices that just connected: their deposited envelopes go directly too. */
  readonly #direct = new Set<string>()
  /** Why each device's envelopes wait, from its last attempt; none: not tried yet, or being sent. */
  readonly #reasons = new Map<string, StateReason>()
  #controller = new AbortController()
  #stopped = true

  private constructor (init: DeliveryInit, counter: number, depth: number) {
    this.#init = init
    this.#counter = counter
    this.#depth = depth
  }

  static async open (init: DeliveryInit): Promise<Delivery> {
    let depth = 0
    let counter = 0
    for await (const { key } of init.store.iterate('outbox')) {
      depth++
      counter = Math.max(counter, Number(key.slice(key.lastIndexOf('/') + 1)))
    }
    return new Delivery(init, counter, depth)
  }

  /** Why `device`'s envelopes wait now (undefined: being sent, or not tried since start). */
  reasonFor (device: string): StateReason | undefined {
    return this.#reasons.get(device)
  }

  /** Envelopes waiting for an ack. */
  get depth (): number {
    return this.#depth
  }

  /** Adds an envelope to `batch`; call `commit` after the batch is written to count it. */
  enqueue (batch: StoreBatch, entry: OutboxEntry): void {
    batch.putJson('outbox', `${entry.device}/${pad(++this.#counter)}`, entry)
  }

  committed (count: number): void {
    this.#depth += count
  }

  /** Begins delivering every device's outbox. */
  async start (): Promise<void> {
    this.#stopped = false
    this.#controller = new AbortController()
    const devices = new Set<string>()
    for await (const { key } of this.#init.store.iterate('outbox')) devices.add(key.slice(0, key.lastIndexOf('/')))
    for (const device of devices) this.flush(device)
  }

  async stop (): Promise<void> {
    this.#stopped = true
    this.#controller.abort()
    for (const timer of this.#timers.values()) clearTimeout(timer)
    this.#timers.clear()
    await Promise.allSettled([...this.#running.values()])
  }

  /** Delivers `device`'s outbox now (a no-op while stopped); concurrent calls coalesce. `connected`: the device is online, so envelopes a mailbox holds go too. */
  flush (device: string, connected = false): void {
    if (this.#stopped) return
    if (connected) this.#direct.add(device)
    const timer = this.#timers.get(device)
    if (timer !== undefined) {
      clearTimeout(timer)
      this.#timers.delete(device)
    }
    if (this.#running.has(device)) {
      this.#again.add(device)
      return
    }
    const run = this.#deliver(device)
      .then((more) => {
        this.#attempts.delete(device)
        if (more) this.#again.add(device)
      }, (err: unknown) => {
        this.#init.onError?.(device, err)
        this.#retryLater(device)
      })
      .finally(() => {
        this.#running.delete(device)
        if (this.#again.delete(device)) this.flush(device)
      })
    this.#running.set(device, run)
  }

  #retryLater (device: string): void {
    if (this.#stopped) return
    const attempts = (this.#attempts.get(device) ?? 0) + 1
    this.#attempts.set(device, attempts)
    const initial = this.#init.retryInitialMs ?? RETRY_INITIAL_MS
    const max = this.#init.retryMaxMs ?? RETRY_MAX_MS
    const base = Math.min(max, initial * 2 ** Math.min(attempts - 1, 30))
    // Jitter spreads retries of many senders after a recipient comes back.
    const jitter = 1 - RETRY_JITTER * (this.#init.random(1)[0] ?? 0) / 255
    const timer = setTimeout(() => {
      this.#timers.delete(device)
      this.flush(device)
    }, Math.round(base * jitter))
    timer.unref()
    this.#timers.set(device, timer)
  }

  /** One round: send up to DELIVERY_BATCH envelopes; returns true when more are waiting. */
  async #deliver (device: string): Promise<boolean> {
    const { store, transport } = this.#init
    const direct = this.#direct.delete(device)
    const entries: Array<{ key: string, entry: OutboxEntry }> = []
    for await (const { key, value } of store.iterateJson<OutboxEntry>('outbox', { gt: `${device}/`, lt: `${device}/~` })) {
      // A mailbox holds it: sent again only to a device that just connected.
      if (value.deposited !== undefined && !direct) continue
      entries.push({ key, entry: value })
      if (entries.length === DELIVERY_BATCH) break
    }
    if (entries.length === 0) return false
    const signal = AbortSignal.any([this.#controller.signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)])
    let statuses: AckStatus[]
    try {
      statuses = await transport.sendMany(device, entries.map(({ entry }) => ({ id: fromHex(entry.envelopeId), payload: fromHex(entry.payload) })), signal)
    } catch (err) {
      if (this.#stopped) throw err
      const fresh = entries.filter((e) => e.entry.deposited === undefined && (e.entry.mailboxes?.length ?? 0) > 0)
      const outcome = fresh.length === 0 || this.#init.fallback === undefined ? undefined : await this.#init.fallback(device, fresh.map((e) => e.entry), this.#controller.signal).catch(() => undefined)
      if (outcome !== undefined && outcome.taken.size > 0) await this.#deposited(fresh, outcome.taken)
      const left = entries.filter((e) => e.entry.deposited === undefined && outcome?.taken.has(e.entry.envelopeId) !== true)
      // Everything is in a mailbox's custody (or was before): no timer; the device's connect or receipt settles it.
      if (left.length === 0) return entries.length === DELIVERY_BATCH
      await this.#explain(device, left, reason(outcome?.refused !== undefined ? 'mailbox-full' : err instanceof DeviceUnreachableError ? err.reason : 'recipient-offline'))
      throw err
    }
    this.#reasons.delete(device)
    let retry = false
    const settled: Array<{ key: string, entry: OutboxEntry, outcome: Settled }> = []
    entries.forEach((item, i) => {
      const status = statuses[i]
      if (status === 'delivered' || status === 'rejected') settled.push({ ...item, outcome: status === 'delivered' ? 'delivered' : 'failed' })
      else retry = true
    })
    await this.#settle(settled)
    if (retry) {
      await this.#explain(device, entries.filter((_, i) => statuses[i] === 'retry'), reason('retry-later'))
      throw new Error('recipient asked to retry later')
    }
    return entries.length === DELIVERY_BATCH
  }

  /**
   * Records why `device`'s envelopes wait and, when the reason changed, tells the listeners about
   * the messages of this round (nothing is written: the reason is what the last attempt found).
   */
  async #explain (device: string, entries: ReadonlyArray<{ entry: OutboxEntry }>, why: StateReason): Promise<void> {
    if (this.#reasons.get(device)?.code === why.code) return
    this.#reasons.set(device, why)
    for (const id of new Set(entries.map((e) => e.entry.messageId))) {
      const message = await this.#init.log.get(id)
      if (message?.status === 'waiting') this.#init.onStatus(message)
    }
  }

  /** Removes acked envelopes and moves their messages on, in one write. */
  async #settle (settled: Array<{ key: string, entry: OutboxEntry, outcome: Settled }>): Promise<void> {
    if (settled.length === 0) return
    const { lock, log, store, clock } = this.#init
    await lock.run(LOG_LOCK, async () => {
      const batch = store.batch()
      const messages = new Map<string, StoredMessage>()
      let removed = 0
      for (const { key, entry, outcome } of settled) {
        // An envelope a mailbox holds may be settled twice (the device's receipt and a direct ack): count it once.
        if (entry.deposited !== undefined && await store.get('outbox', key) === undefined) continue
        batch.del('outbox', key)
        removed++
        let message = messages.get(entry.messageId) ?? await log.get(entry.messageId)
        if (message === undefined) continue
        // A receipt or a direct ack that comes after another one settled it changes nothing.
        if (!(message.pendingDevices ?? []).includes(entry.device)) continue
        const pending = (message.pendingDevices ?? []).filter((d) => d !== entry.device)
        const delivered = outcome === 'delivered' ? [...message.deliveredDevices ?? [], entry.device] : message.deliveredDevices ?? []
        const failed = outcome === 'failed' || outcome === 'expired' ? [...message.failedDevices ?? [], entry.device] : message.failedDevices ?? []
        const expired = outcome === 'expired' ? [...message.expiredDevices ?? [], entry.device] : message.expiredDevices
        const deposited = (message.depositedDevices ?? []).filter((d) => d !== entry.device)
        // Our own devices' copies do not decide the state: delivered means delivered to the recipient.
        const next = { ...message, pendingDevices: pending, deliveredDevices: delivered, failedDevices: failed, depositedDevices: deposited, ...(expired === undefined ? {} : { expiredDevices: expired }) }
        const status = outgoingStatus(next)
        message = withStatus(next, status, status === 'delivered' && message.receivedAt === undefined ? { receivedAt: clock() } : {})
        messages.set(message.id, message)
      }
      for (const m of messages.values()) log.put(batch, m)
      await batch.write()
      this.#depth -= removed
      // Every change is told, a device's ack included: the per-device view moves on even when the state stays.
      for (const m of messages.values()) this.#init.onStatus(m)
    })
  }

  /** Marks envelopes a mailbox took into custody, and their messages `deposited` where every missing device's copy is. */
  async #deposited (entries: Array<{ key: string, entry: OutboxEntry }>, taken: DepositOutcome['taken']): Promise<void> {
    const { lock, log, store } = this.#init
    await lock.run(LOG_LOCK, async () => {
      const batch = store.batch()
      const messages = new Map<string, StoredMessage>()
      for (const { key, entry } of entries) {
        const custody = taken.get(entry.envelopeId)
        if (custody === undefined) continue
        // Settled meanwhile (a receipt raced the deposit's answer): nothing to mark.
        if (await store.get('outbox', key) === undefined) continue
        batch.putJson('outbox', key, { ...entry, deposited: custody } satisfies OutboxEntry)
        const message = messages.get(entry.messageId) ?? await log.get(entry.messageId)
        if (message === undefined || !(message.pendingDevices ?? []).includes(entry.device)) continue
        const next = { ...message, depositedDevices: [...new Set([...message.depositedDevices ?? [], entry.device])] }
        messages.set(message.id, withStatus(next, outgoingStatus(next)))
      }
      for (const m of messages.values()) log.put(batch, m)
      await batch.write()
      this.#reasons.delete(entries[0]?.entry.device ?? '')
      for (const m of messages.values()) this.#init.onStatus(m)
    })
  }

  /** The device's receipt: envelopes it stored after fetching them from its mailbox are delivered. */
  async receipted (device: string, envelopeIds: readonly string[]): Promise<void> {
    const wanted = new Set(envelopeIds)
    const settled: Array<{ key: string, entry: OutboxEntry, outcome: Settled }> = []
    for await (const { key, value } of this.#init.store.iterateJson<OutboxEntry>('outbox', { gt: `${device}/`, lt: `${device}/~` })) {
      if (wanted.has(value.envelopeId)) settled.push({ key, entry: value, outcome: 'delivered' })
      if (settled.length === wanted.size) break
    }
    await this.#settle(settled)
  }

  /** Envelopes whose mailbox's retention ran out before their device took them: the message fails, saying so. */
  async expire (now: number): Promise<number> {
    const settled: Array<{ key: string, entry: OutboxEntry, outcome: Settled }> = []
    for await (const { key, value } of this.#init.store.iterateJson<OutboxEntry>('outbox')) {
      if (value.deposited !== undefined && value.deposited.expiresAt <= now) settled.push({ key, entry: value, outcome: 'expired' })
    }
    await this.#settle(settled)
    return settled.length
  }
}
