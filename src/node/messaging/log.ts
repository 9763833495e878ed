/**
 * The message log: every message sent or received, in local order. Each
 * entry sits under its zero-padded `index` (the API's `after` cursor) in the
 * `messages` sublevel, with `message-ids` mapping id → index. Writes are
 * added to a caller's batch, so a message is stored in the same atomic write
 * as the session state and outbox entries it belongs to.
 */
import type { KabarStore, StoreBatch } from '../../store/index.ts'
import { MAX_PAGE } from '../constants.ts'
import type { DeviceDelivery, MessageStatus, MessageView, StateReason } from '../types.ts'
import { reason } from './states.ts'

/** A stored message: the view plus, for outgoing ones, which devices acked, refused, or not yet. */
export interface StoredMessage extends MessageView {
  pendingDevices?: string[]
  deliveredDevices?: string[]
  failedDevices?: string[]
  /** Pending devices whose envelopes a mailbox holds (node/mailbox/): no longer retried directly. */
  depositedDevices?: string[]
  /** Failed devices whose envelopes a mailbox dropped after its retention period. */
  expiredDevices?: string[]
  /** Our own account's other devices among them (sync copies): they do not decide the message's state. */
  ownDevices?: string[]
}

/** The reason a device's envelopes are waiting, as delivery knows it now (undefined: being sent). */
export type ReasonFor = (device: string) => StateReason | undefined

/** Meta key: the log's `queued`/`sent` statuses were rewritten as `waiting` (issue 20). */
const STATES_V2 = 'messages:states-v2'
/** Messages rewritten per batch by the migration. */
const MIGRATION_BATCH = 500

const pad = (n: number): string => String(n).padStart(16, '0')

export class MessageLog {
  readonly #store: KabarStore
  #nextIndex: number
  readonly #seqOut = new Map<string, number>()

  private constructor (store: KabarStore, nextIndex: number) {
    this.#store = store
    this.#nextIndex = nextIndex
  }

  static async open (store: KabarStore): Promise<MessageLog> {
    let next = 1
    for await (const { key } of store.iterate('messages', { reverse: true, limit: 1 })) next = Number(key) + 1
    await migrateStates(store)
    return new MessageLog(store, next)
  }

  /** Reserves the next index (in memory; it is persisted with the message). */
  takeIndex (): number {
    return this.#nextIndex++
  }

  /** The next outgoing sequence number for a conversation, reserved now and persisted in `batch`. */
  async takeSeq (peer: string, batch: StoreBatch): Promise<number> {
    let last = this.#seqOut.get(peer)
    if (last === undefined) last = (await this.#store.getJson<number>('meta', `seq:${peer}`)) ?? 0
    const seq = last + 1
    this.#seqOut.set(peer, seq)
    batch.putJson('meta', `seq:${peer}`, seq)
    return seq
  }

  put (batch: StoreBatch, message: StoredMessage): void {
    batch.putJson('messages', pad(message.index), message)
    batch.putJson('message-ids', message.id, message.index)
  }

  async get (id: string): Promise<StoredMessage | undefined> {
    const index = await this.#store.getJson<number>('message-ids', id)
    if (index === undefined) return undefined
    return this.#store.getJson<StoredMessage>('messages', pad(index))
  }

  async list (query: { peer?: string, after?: number, limit?: number }, reasonFor?: ReasonFor): Promise<MessageView[]> {
    const limit = Math.min(query.limit ?? MAX_PAGE, MAX_PAGE)
    const out: MessageView[] = []
    for await (const { value: message } of this.#store.iterateJson<StoredMessage>('messages', { gt: pad(query.after ?? 0) })) {
      if (query.peer !== undefined && message.peer !== query.peer) continue
      out.push(view(message, reasonFor))
      if (out.length >= limit) break
    }
    return out
  }
}

/**
 * The public view of a stored message: without internal bookkeeping, and for
 * an outgoing message with each device's state and, while it waits, why
 * (`reasonFor`: what delivery knows of each device now).
 */
export function view (message: StoredMessage, reasonFor: ReasonFor = () => undefined): MessageView {
  const { pendingDevices: pending = [], deliveredDevices: delivered = [], failedDevices: failed = [], ownDevices = [], depositedDevices = [], expiredDevices = [], reason: stored, ...rest } = message
  if (message.direction !== 'out' || (pending.length + delivered.length + failed.length) === 0) return stored === undefined ? rest : { ...rest, reason: stored }
  const own = new Set(ownDevices)
  const deposited = new Set(depositedDevices)
  const expired = new Set(expiredDevices)
  const mark = (d: DeviceDelivery): DeviceDelivery => own.has(d.device) ? { ...d, own: true } : d
  const devices: DeviceDelivery[] = [
    ...delivered.map((device) => mark({ device, status: 'delivered' })),
    ...failed.map((device) => mark({ device, status: 'failed', reason: reason(expired.has(device) ? 'expired' : 'refused') })),
    ...pending.map((device) => mark(deposited.has(device)
      ? { device, status: 'deposited', reason: reason('deposited') }
      : { device, status: 'waiting', reason: reasonFor(device) ?? reason('sending') }))
  ]
  const first = devices.find((d) => d.own !== true && d.status === message.status)?.reason ?? devices.find((d) => d.status === 'waiting')?.reason
  const why = message.status === 'waiting' || message.status === 'failed' || message.status === 'deposited' ? first : undefined
  return { ...rest, ...(why === undefined ? {} : { reason: why }), devices }
}

/**
 * Before issue 20 an outgoing message was `queued` (in the outbox, not tried) or `sent` (tried, or
 * acked by some devices): both mean "in the outbox, not acknowledged by every device", now
 * `waiting`. Rewritten once, in batches; then marked done in `meta`.
 */
async function migrateStates (store: KabarStore): Promise<void> {
  if (await store.getJson<boolean>('meta', STATES_V2) === true) return
  let batch = store.batch()
  let count = 0
  for await (const { key, value } of store.iterateJson<StoredMessage>('messages')) {
    const status = value.status as string
    if (status !== 'queued' && status !== 'sent') continue
    batch.putJson('messages', key, { ...value, status: value.direction === 'out' && value.pendingDevices === undefined ? 'synced' : 'waiting' })
    if (++count % MIGRATION_BATCH === 0) {
      await batch.write()
      batch = store.batch()
    }
  }
  batch.putJson('meta', STATES_V2, true)
  await batch.write()
}

/**
 * An outgoing message's state from its devices': failed when a recipient device refused it (or its
 * mailbox let it expire), delivered when every recipient device has it, deposited when each one
 * still missing has it in a mailbox, else waiting. Our own devices' copies do not decide.
 */
export function outgoingStatus (m: Pick<StoredMessage, 'pendingDevices' | 'failedDevices' | 'ownDevices' | 'depositedDevices'>): MessageStatus {
  const own = new Set(m.ownDevices ?? [])
  const deposited = new Set(m.depositedDevices ?? [])
  const theirs = (m.pendingDevices ?? []).filter((d) => !own.has(d))
  if ((m.failedDevices ?? []).some((d) => !own.has(d))) return 'failed'
  if (theirs.length === 0) return 'delivered'
  return theirs.every((d) => deposited.has(d)) ? 'deposited' : 'waiting'
}

export function withStatus (message: StoredMessage, status: MessageStatus, extra: Partial<StoredMessage> = {}): StoredMessage {
  return { ...message, ...extra, status }
}
