/**
 * The outbox. A message is encrypted once per recipient device; the
 * ciphertext and the new session state are stored together (by the caller's
 * batch) before anything is sent. Delivery then sends a device's envelopes in
 * order on one stream, deletes each one its ack confirms, and retries the same
 * ciphertext with exponential backoff and jitter until acked. A device's
 * outbox is flushed at start and the moment that device connects.
 */
import { fromHex } from '../../crypto/index.ts'
import type { RandomSource } from '../../crypto/index.ts'
import type { KabarStore, StoreBatch } from '../../store/index.ts'
import { DELIVERY_BATCH, DELIVERY_TIMEOUT_MS, RETRY_INITIAL_MS, RETRY_JITTER, RETRY_MAX_MS } from '../constants.ts'
import type { KeyedLock } from '../lock.ts'
import type { MessageLog, StoredMessage } from './log.ts'
import { withStatus } from './log.ts'
import type { DeliveryTransport } from './transport.ts'
import type { MessageStatus } from '../types.ts'

export interface OutboxEntry {
  envelopeId: string
  messageId: string
  device: string
  /** The encoded SessionMessage, hex. */
  payload: string
  createdAt: number
}

export interface DeliveryInit {
  store: KabarStore
  log: MessageLog
  transport: DeliveryTransport
  lock: KeyedLock
  clock: () => number
  random: RandomSource
  onStatus: (message: StoredMessage) => void
  onError?: (device: string, err: unknown) => void
  retryInitialMs?: number
  retryMaxMs?: number
}

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

  /** Delivers `device`'s outbox now (a no-op while stopped); concurrent calls coalesce. */
  flush (device: string): void {
    if (this.#stopped) return
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
    const entries: Array<{ key: string, entry: OutboxEntry }> = []
    for await (const { key, value } of store.iterateJson<OutboxEntry>('outbox', { gt: `${device}/`, lt: `${device}/~`, limit: DELIVERY_BATCH })) {
      entries.push({ key, entry: value })
    }
    if (entries.length === 0) return false
    const signal = AbortSignal.any([this.#controller.signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)])
    // Awaited before sending, so no store write outlives this round when sending fails and stop() closes the store.
    await this.#markSent(entries.map((e) => e.entry.messageId))
    const statuses = await transport.sendMany(device, entries.map(({ entry }) => ({ id: fromHex(entry.envelopeId), payload: fromHex(entry.payload) })), signal)
    let retry = false
    const settled: Array<{ key: string, entry: OutboxEntry, outcome: MessageStatus }> = []
    entries.forEach((item, i) => {
      const status = statuses[i]
      if (status === 'delivered' || status === 'rejected') settled.push({ ...item, outcome: status === 'delivered' ? 'delivered' : 'failed' })
      else retry = true
    })
    await this.#settle(settled)
    if (retry) throw new Error('recipient asked to retry later')
    return entries.length === DELIVERY_BATCH
  }

  /** Moves queued messages to 'sent' in one write. */
  async #markSent (messageIds: string[]): Promise<void> {
    const { lock, log, store } = this.#init
    await lock.run(LOG_LOCK, async () => {
      const batch = store.batch()
      const changed: StoredMessage[] = []
      for (const id of new Set(messageIds)) {
        const message = await log.get(id)
        if (message?.status !== 'queued') continue
        const next = withStatus(message, 'sent')
        log.put(batch, next)
        changed.push(next)
      }
      if (changed.length === 0) return
      await batch.write()
      for (const m of changed) this.#init.onStatus(m)
    })
  }

  /** Removes acked envelopes and moves their messages on, in one write. */
  async #settle (settled: Array<{ key: string, entry: OutboxEntry, outcome: MessageStatus }>): Promise<void> {
    if (settled.length === 0) return
    const { lock, log, store, clock } = this.#init
    await lock.run(LOG_LOCK, async () => {
      const batch = store.batch()
      const messages = new Map<string, StoredMessage>()
      const before = new Map<string, MessageStatus>()
      for (const { key, entry, outcome } of settled) {
        batch.del('outbox', key)
        let message = messages.get(entry.messageId) ?? await log.get(entry.messageId)
        if (message === undefined) continue
        if (!before.has(message.id)) before.set(message.id, message.status)
        const pending = (message.pendingDevices ?? []).filter((d) => d !== entry.device)
        const done = pending.length === 0
        const status: MessageStatus = outcome === 'failed' || message.status === 'failed' ? 'failed' : done ? 'delivered' : 'sent'
        message = withStatus(message, status, { pendingDevices: pending, ...(done ? { receivedAt: clock() } : {}) })
        messages.set(message.id, message)
      }
      for (const m of messages.values()) log.put(batch, m)
      await batch.write()
      this.#depth -= settled.length
      for (const m of messages.values()) if (before.get(m.id) !== m.status) this.#init.onStatus(m)
    })
  }
}

