/**
 * One webhook's delivery state in memory (webhooks.ts drives it): its stored
 * record, what the last attempt did, and the signals that wake it for new
 * messages or end it.
 */

/** What the store keeps per webhook (sealed, like every value). */
export interface WebhookRecord {
  processor: string
  url: string
  /** HMAC key, 32 random bytes in hex; shown once when the webhook is added. */
  secret: string
  createdAt: number
  /** Index of the last message handled (delivered or skipped). */
  cursor: number
  /**
   * The profile version that named this processor when the webhook was added,
   * or when a later profile named it again after one that left it out. A
   * message received under an older version (`disclosureVersion`) is not sent.
   */
  sinceVersion?: number
}

export type WebhookState = 'idle' | 'delivering' | 'retrying' | 'undisclosed' | 'stopped'

/** Resolves after `ms`, or at once when `signal` aborts. */
export async function sleep (ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return
  await new Promise<void>((resolve) => {
    const done = (): void => { clearTimeout(timer); signal.removeEventListener('abort', done); resolve() }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done)
  })
}

export class Worker {
  record: WebhookRecord
  state: WebhookState = 'idle'
  failures = 0
  lastError: string | undefined
  lastDeliveredAt: number | undefined
  /** Aborted when the worker must end (webhook removed or dispatcher stopping). */
  readonly stop = new AbortController()
  /** Aborts the POST in flight (after the stop grace period). */
  readonly abortRequests = new AbortController()
  running: Promise<void> = Promise.resolve()
  #wake: (() => void) | undefined
  /** A wake() came since the last read: do not go idle. */
  #woken = false

  constructor (record: WebhookRecord) {
    this.record = record
  }

  /** New messages may be waiting. */
  wake (): void {
    this.#woken = true
    this.#wake?.()
  }

  /** Called before reading the log: wakes from here on mean "read again". */
  reading (): void {
    this.#woken = false
  }

  /** Waits for wake(), stop, or `ms`; returns at once if a wake came since reading(). */
  async idle (ms: number): Promise<void> {
    if (this.#woken || this.stop.signal.aborted) return
    const done = new AbortController()
    const end = (): void => { done.abort() }
    this.stop.signal.addEventListener('abort', end)
    this.#wake = end
    await sleep(ms, done.signal)
    this.#wake = undefined
    this.stop.signal.removeEventListener('abort', end)
  }
}
