/**
 * The message log: every message sent or received, in local order. Each
 * entry sits under its zero-padded `index` (the API's `after` cursor) in the
 * `messages` sublevel, with `message-ids` mapping id → index. Writes are
 * added to a caller's batch, so a message is stored in the same atomic write
 * as the session state and outbox entries it belongs to.
 */
import type { KabarStore, StoreBatch } from '../../store/index.ts'
import { MAX_PAGE } from '../constants.ts'
import type { MessageStatus, MessageView } from '../types.ts'

/** A stored message: the view plus, for outgoing ones, the devices that have not acked yet. */
export interface StoredMessage extends MessageView {
  pendingDevices?: string[]
}

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

  async list (query: { peer?: string, after?: number, limit?: number }): Promise<MessageView[]> {
    const limit = Math.min(query.limit ?? MAX_PAGE, MAX_PAGE)
    const out: MessageView[] = []
    for await (const { value: message } of this.#store.iterateJson<StoredMessage>('messages', { gt: pad(query.after ?? 0) })) {
      if (query.peer !== undefined && message.peer !== query.peer) continue
      out.push(view(message))
      if (out.length >= limit) break
    }
    return out
  }
}

/** The public view of a stored message (without internal bookkeeping). */
export function view (message: StoredMessage): MessageView {
  const { pendingDevices: _pending, ...rest } = message
  return rest
}

export function withStatus (message: StoredMessage, status: MessageStatus, extra: Partial<StoredMessage> = {}): StoredMessage {
  return { ...message, ...extra, status }
}
