/**
 * Webhooks: the business node POSTs each conversation message to the
 * processors it has configured, signed (webhook-signature.ts), at least once,
 * in log order, and never to a processor its published profile does not name.
 *
 * Durability without a second queue: the message log already is one. Each
 * webhook keeps a cursor, the `index` of the last message it handled, in the
 * `webhooks` sublevel. Its worker reads `node.messages({ after: cursor })`,
 * POSTs each message, and moves the cursor only after a 2xx. A processor that
 * is down, or a daemon that restarts, finds the same messages waiting after
 * the cursor: nothing is lost, and a message may arrive twice (same
 * `Kabar-Event-Id`), never zero times. Retries back off exponentially with
 * jitter; one message that keeps failing holds the ones behind it, so a
 * processor always sees a conversation in order.
 *
 * Disclosure is checked twice: when a webhook is added, and before every
 * POST against the profile published at that moment. A message handled while
 * its processor is not disclosed is skipped for that webhook (counted as
 * `undisclosed`), never sent later: customers wrote it under a profile that
 * did not name that processor.
 */
import { randomBytes } from 'node:crypto'
import { KabarError } from '../errors.ts'
import type { MessageView, NodeApi } from '../node/types.ts'
import type { KabarStore } from '../store/index.ts'
import {
  WEBHOOK_GAP_GRACE_MS, WEBHOOK_MAX_BACKOFF_MS, WEBHOOK_MIN_BACKOFF_MS, WEBHOOK_PAGE, WEBHOOK_STOP_GRACE_MS, WEBHOOK_TIMEOUT_MS
} from './constants.ts'
import { checkWebhookDisclosed } from './disclosed.ts'
import { errorFields, silentLogger } from './logger.ts'
import type { Logger } from './logger.ts'
import { parseReaderName, parseWebhookUrl } from './validate.ts'
import { sleep, Worker } from './webhook-worker.ts'
import type { WebhookRecord, WebhookState } from './webhook-worker.ts'
import { EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signWebhook } from './webhook-signature.ts'


export type { WebhookState } from './webhook-worker.ts'

export interface WebhookView {
  processor: string
  url: string
  createdAt: number
  cursor: number
  /** Log entries after the cursor: what this processor has yet to receive. */
  queueDepth: number
  state: WebhookState
  /** Failed attempts on the message at the head of the queue. */
  failures: number
  lastError?: string
  lastDeliveredAt?: number
}

export type DeliveryResult = 'ok' | 'failed' | 'undisclosed'

/** The JSON body of every webhook POST. */
export interface WebhookEvent {
  type: 'message.received' | 'message.sent'
  /** The message id: also `Kabar-Event-Id`, the key to deduplicate retries on. */
  id: string
  /** The business account this node serves. */
  business: string
  message: MessageView
}

export interface WebhookDispatcherInit {
  node: NodeApi
  store: KabarStore
  log?: Logger
  clock?: () => number
  minBackoffMs?: number
  maxBackoffMs?: number
  timeoutMs?: number
  gapGraceMs?: number
  pageSize?: number
  /** User-Agent of the POSTs. */
  userAgent?: string
}

const KEY_PREFIX = 'hook:'

/** Which log entries go to processors: the conversation both ways (agents' replies too), not system events. */
function eventType (m: MessageView): WebhookEvent['type'] | undefined {
  if (m.direction === 'in') return 'message.received'
  if (m.direction === 'out') return 'message.sent'
  return undefined
}

export class WebhookDispatcher {
  readonly #node: NodeApi
  readonly #store: KabarStore
  readonly #log: Logger
  readonly #clock: () => number
  readonly #minBackoff: number
  readonly #maxBackoff: number
  readonly #timeout: number
  readonly #gapGrace: number
  readonly #page: number
  readonly #userAgent: string
  readonly #workers = new Map<string, Worker>()
  readonly #results = new Map<string, number>()
  /** The highest log index seen: queue depth is head - cursor. */
  #head = 0
  #started = false
  #stopping = false

  private constructor (init: WebhookDispatcherInit) {
    this.#node = init.node
    this.#store = init.store
    this.#log = init.log ?? silentLogger
    this.#clock = init.clock ?? Date.now
    this.#minBackoff = init.minBackoffMs ?? WEBHOOK_MIN_BACKOFF_MS
    this.#maxBackoff = init.maxBackoffMs ?? WEBHOOK_MAX_BACKOFF_MS
    this.#timeout = init.timeoutMs ?? WEBHOOK_TIMEOUT_MS
    this.#gapGrace = init.gapGraceMs ?? WEBHOOK_GAP_GRACE_MS
    this.#page = init.pageSize ?? WEBHOOK_PAGE
    this.#userAgent = init.userAgent ?? 'kabar-webhooks'
  }

  /** Loads the configured webhooks from the store; call start() to deliver. */
  static async open (init: WebhookDispatcherInit): Promise<WebhookDispatcher> {
    const dispatcher = new WebhookDispatcher(init)
    for await (const { value } of init.store.iterateJson<WebhookRecord>('webhooks', { gte: KEY_PREFIX, lt: `${KEY_PREFIX}\uffff` })) {
      dispatcher.#workers.set(value.processor, new Worker(value))
    }
    // The head (for queue depth) is only needed once there is a webhook; add() finds it then.
    if (dispatcher.#workers.size > 0) dispatcher.#head = await dispatcher.#lastIndex()
    return dispatcher
  }

  /** Starts a worker per webhook and follows the node's new messages. */
  start (): void {
    if (this.#started) return
    this.#started = true
    this.#node.on('message', this.#onMessage)
    for (const worker of this.#workers.values()) this.#run(worker)
  }

  /**
   * Stops delivering: no new POST starts; one in flight may finish (and its
   * cursor be written) within `graceMs`, after which it is aborted and will be
   * sent again after a restart. Resolves once every worker has ended.
   */
  async stop (graceMs: number = WEBHOOK_STOP_GRACE_MS): Promise<void> {
    this.#stopping = true
    this.#node.off('message', this.#onMessage)
    const workers = [...this.#workers.values()]
    for (const worker of workers) worker.stop.abort()
    const all = Promise.all(workers.map(async (w) => w.running))
    const grace = new AbortController()
    await Promise.race([all, sleep(graceMs, grace.signal)])
    grace.abort()
    for (const worker of workers) worker.abortRequests.abort()
    await all
  }

  /**
   * Adds a webhook for a processor the published profile names, at a URL on
   * that processor's disclosed endpoint. Delivery starts with the next
   * message (earlier ones were not written under this processor's
   * disclosure). Returns the secret: it is shown this once.
   */
  async add (processor: string, url: string): Promise<{ webhook: WebhookView, secret: string }> {
    const name = parseReaderName(processor, 'processor')
    const target = parseWebhookUrl(url)
    if (this.#stopping) throw new KabarError('NODE_STOPPED', 'the daemon is stopping')
    const profile = await this.#node.profile()
    checkWebhookDisclosed(profile, name, target)
    if (this.#workers.has(name)) throw new KabarError('CONFLICT', `processor ${JSON.stringify(name)} already has a webhook: remove it first to change its URL or secret`)
    this.#head = Math.max(this.#head, await this.#lastIndex())
    const record: WebhookRecord = { processor: name, url: target, secret: randomBytes(32).toString('hex'), createdAt: this.#clock(), cursor: this.#head, sinceVersion: profile?.version ?? 0 }
    await this.#store.putJson('webhooks', KEY_PREFIX + name, record)
    const worker = new Worker(record)
    this.#workers.set(name, worker)
    if (this.#started) this.#run(worker)
    this.#log.info('webhook.added', { processor: name, host: new URL(target).host })
    return { webhook: this.#view(worker), secret: record.secret }
  }

  /** Removes a processor's webhook; an in-flight POST is aborted. NOT_FOUND when there is none. */
  async remove (processor: string): Promise<void> {
    const worker = this.#workers.get(processor)
    if (worker === undefined) throw new KabarError('NOT_FOUND', `no webhook for processor ${JSON.stringify(processor)}`)
    this.#workers.delete(processor)
    worker.stop.abort()
    worker.abortRequests.abort()
    await worker.running
    await this.#store.del('webhooks', KEY_PREFIX + processor)
    this.#log.info('webhook.removed', { processor })
  }

  list (): WebhookView[] {
    return [...this.#workers.values()].map((w) => this.#view(w)).sort((a, b) => a.processor.localeCompare(b.processor))
  }

  /** Deliveries so far by webhook and result (for /metrics). */
  deliveries (): Array<{ processor: string, result: DeliveryResult, count: number }> {
    return [...this.#results].map(([key, count]) => {
      const [result, processor] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]
      return { processor, result: result as DeliveryResult, count }
    })
  }

  readonly #onMessage = (m: MessageView): void => {
    this.#head = Math.max(this.#head, m.index)
    for (const worker of this.#workers.values()) worker.wake()
  }

  #view (w: Worker): WebhookView {
    return {
      processor: w.record.processor,
      url: w.record.url,
      createdAt: w.record.createdAt,
      cursor: w.record.cursor,
      queueDepth: Math.max(0, this.#head - w.record.cursor),
      state: w.state,
      failures: w.failures,
      ...(w.lastError === undefined ? {} : { lastError: w.lastError }),
      ...(w.lastDeliveredAt === undefined ? {} : { lastDeliveredAt: w.lastDeliveredAt })
    }
  }

  #count (processor: string, result: DeliveryResult): void {
    const key = `${result}:${processor}`
    this.#results.set(key, (this.#results.get(key) ?? 0) + 1)
  }

  /** The index of the newest message in the log (0 when empty). */
  async #lastIndex (): Promise<number> {
    let after = this.#head
    for (;;) {
      const page = await this.#node.messages({ after, limit: 1000 })
      const last = page.at(-1)
      if (last === undefined) return after
      after = last.index
    }
  }

  #backoff (failures: number): number {
    const base = Math.min(this.#maxBackoff, this.#minBackoff * 2 ** Math.min(failures - 1, 30))
    return Math.round(base * (1 + Math.random() * 0.5))
  }

  #run (worker: Worker): void {
    worker.running = this.#loop(worker).catch((err: unknown) => {
      // Only a store failure gets here (everything else is retried); the next start resumes from the cursor.
      worker.state = 'stopped'
      this.#log.error('webhook.worker_failed', { processor: worker.record.processor, ...errorFields(err) })
    })
  }

  async #loop (w: Worker): Promise<void> {
    let gapSince: number | undefined
    while (!w.stop.signal.aborted) {
      let page: MessageView[]
      w.reading()
      try {
        page = await this.#node.messages({ after: w.record.cursor, limit: this.#page })
      } catch (err) {
        this.#log.warn('webhook.read_failed', { processor: w.record.processor, ...errorFields(err) })
        await w.idle(this.#minBackoff)
        continue
      }
      if (page.length === 0) {
        if (w.state !== 'undisclosed') w.state = 'idle'
        await w.idle(60_000)
        continue
      }
      for (const m of page) {
        if (w.stop.signal.aborted) return
        this.#head = Math.max(this.#head, m.index)
        if (m.index > w.record.cursor + 1) {
          // A hole: an earlier index may still be being written. Wait a little, then pass it.
          gapSince ??= this.#clock()
          if (this.#clock() - gapSince < this.#gapGrace) {
            await w.idle(this.#gapGrace - (this.#clock() - gapSince))
            break
          }
          this.#log.warn('webhook.gap_skipped', { processor: w.record.processor, from: w.record.cursor + 1, to: m.index - 1 })
        }
        gapSince = undefined
        const type = eventType(m)
        if (type !== undefined) {
          const outcome = await this.#deliver(w, m, type)
          if (outcome === 'stopped') return
        }
        await this.#advance(w, m.index)
      }
    }
  }

  async #advance (w: Worker, index: number): Promise<void> {
    w.record = { ...w.record, cursor: index }
    // A removed webhook must not be written back.
    if (this.#workers.get(w.record.processor) === w) await this.#store.putJson('webhooks', KEY_PREFIX + w.record.processor, w.record)
  }

  /** Sends one message until a 2xx, skipping it if its processor is not disclosed; 'stopped' if told to stop first. */
  async #deliver (w: Worker, m: MessageView, type: WebhookEvent['type']): Promise<'delivered' | 'skipped' | 'stopped'> {
    const processor = w.record.processor
    for (;;) {
      if (w.stop.signal.aborted) return 'stopped'
      let version = 0
      try {
        const profile = await this.#node.profile()
        checkWebhookDisclosed(profile, processor, w.record.url)
        version = profile?.version ?? 0
      } catch (err) {
        if (!KabarError.is(err, 'UNDISCLOSED')) {
          await this.#failed(w, err, 'profile')
          continue
        }
        if (w.state !== 'undisclosed') this.#log.warn('webhook.undisclosed', { processor, ...errorFields(err) })
        w.state = 'undisclosed'
        this.#count(processor, 'undisclosed')
        return 'skipped'
      }
      if (w.state === 'undisclosed') {
        // Named again after a profile that left it out: from now on only messages written under this version or later.
        w.record = { ...w.record, sinceVersion: version }
        this.#log.info('webhook.disclosed_again', { processor, version })
      }
      // A message written under an older profile than the one that (re)named this processor was not written for it.
      if (m.disclosureVersion !== undefined && m.disclosureVersion < (w.record.sinceVersion ?? 0)) {
        w.state = 'idle'
        this.#count(processor, 'undisclosed')
        return 'skipped'
      }
      w.state = w.failures > 0 ? 'retrying' : 'delivering'
      try {
        const status = await this.#post(w, m, type)
        if (status >= 200 && status < 300) {
          this.#count(processor, 'ok')
          this.#log.debug('webhook.delivered', { processor, id: m.id, index: m.index, status, attempts: w.failures + 1 })
          w.failures = 0
          w.lastError = undefined
          w.lastDeliveredAt = this.#clock()
          return 'delivered'
        }
        // Redirects are failures too: following one could hand the message to a host the profile does not name.
        await this.#failed(w, new Error(`HTTP ${status}`), 'http')
      } catch (err) {
        await this.#failed(w, err, 'request')
      }
    }
  }

  async #failed (w: Worker, err: unknown, stage: string): Promise<void> {
    w.failures++
    w.state = 'retrying'
    w.lastError = err instanceof Error ? err.message.slice(0, 200) : String(err).slice(0, 200)
    if (stage !== 'profile') this.#count(w.record.processor, 'failed')
    const delay = this.#backoff(w.failures)
    this.#log.warn('webhook.failed', { processor: w.record.processor, stage, failures: w.failures, retryInMs: delay, ...errorFields(err) })
    await sleep(delay, w.stop.signal)
  }

  async #post (w: Worker, m: MessageView, type: WebhookEvent['type']): Promise<number> {
    const event: WebhookEvent = { type, id: m.id, business: this.#node.address, message: m }
    const body = JSON.stringify(event)
    const res = await fetch(w.record.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'user-agent': this.#userAgent,
        [EVENT_ID_HEADER]: m.id,
        [EVENT_TYPE_HEADER]: type,
        'kabar-delivery-attempt': String(w.failures + 1),
        [SIGNATURE_HEADER]: signWebhook(w.record.secret, body, this.#clock())
      },
      body,
      signal: AbortSignal.any([w.abortRequests.signal, AbortSignal.timeout(this.#timeout)])
    })
    // The answer's body is not used: drop it rather than read an unbounded stream.
    await res.body?.cancel().catch(() => {})
    return res.status
  }
}
