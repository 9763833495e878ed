/**
 * Receiving: decrypt an envelope with the session kept for the sending device,
 * then store the new session state, the message and the envelope's id in one
 * atomic write, and only then ack. A repeated envelope id is acked again and
 * never delivered twice, across crashes and restarts.
 */
import { toHex } from '../../crypto/index.ts'
import type { RandomSource } from '../../crypto/index.ts'
import { KabarError } from '../../errors.ts'
import { ed25519FromPeerIdString } from '../../records/index.ts'
import { SessionRecord } from '../../session/index.ts'
import type { IdentityKeyPair } from '../../session/index.ts'
import type { KabarStore, StoreBatch } from '../../store/index.ts'
import { content as contentWire } from '../../wire/index.ts'
import { MAX_RECEIPT_IDS, MAX_TEXT_BYTES } from '../constants.ts'
import type { KeyedLock } from '../lock.ts'
import type { MessageLog, StoredMessage } from './log.ts'
import type { Prekeys } from '../prekeys.ts'
import type { AckStatus } from './transport.ts'

/** Where a decrypted message goes: its conversation, its author, and whether it is our own account's outgoing copy. */
export interface Attribution {
  peer: string
  from: string
  to: string
  direction: 'in' | 'out'
  sentBy?: string
  device?: string
}

export interface ReceiverInit {
  store: KabarStore
  log: MessageLog
  lock: KeyedLock
  identity: IdentityKeyPair
  prekeys: Prekeys
  random: RandomSource
  clock: () => number
  /** Who sent a decrypted message and where it belongs (agents, linked devices, sync copies); see devices/roster.ts. */
  attribute: (from: string, content: contentWire.Content, signingKey: Uint8Array) => Promise<Attribution>
  /** Approves the context of a new session (a disclosure hash); false makes the sender retry later. */
  acceptContext?: (context: Uint8Array) => boolean
  /** A handshake bound a context we do not know (yet): refresh what we know, the sender retries. */
  onUnknownContext?: () => void
  onMessage: (message: StoredMessage) => void
  /** A device's receipt for envelopes it took from its mailbox (hex ids), after the session's state is stored. */
  onReceipts?: (from: string, envelopeIds: string[]) => void
  onRejected?: (from: string, err: unknown) => void
  /** Group control payloads (Content.group): kept in the same write as the session, handled after it (node/groups/). */
  groupControl?: GroupControlSink
}

/** Where a group control payload goes: into the receive's own batch, then a nudge once it is written. */
export interface GroupControlSink {
  put: (batch: StoreBatch, control: { device: string, account: string, bytes: Uint8Array }) => void
  written: () => void
}

export async function loadSession (store: KabarStore, device: string): Promise<SessionRecord> {
  const bytes = await store.get('sessions', device)
  return bytes === undefined ? SessionRecord.empty() : SessionRecord.deserialize(bytes)
}

export class Receiver {
  readonly #init: ReceiverInit

  constructor (init: ReceiverInit) {
    this.#init = init
  }

  /** Handles one envelope from the device `from`; resolves the ack to send. Throws only on local failures (then no ack: the sender retries). */
  async receive (from: string, envelopeId: Uint8Array, payload: Uint8Array): Promise<AckStatus> {
    const { store, lock } = this.#init
    const idHex = toHex(envelopeId)
    return lock.run(from, async () => {
      if (await store.get('seen', idHex) !== undefined) return 'delivered'
      const record = await loadSession(store, from)
      let result
      let unknownContext = false
      const accept = this.#init.acceptContext
      try {
        result = record.decrypt(payload, {
          identity: this.#init.identity,
          prekeys: this.#init.prekeys.lookup(),
          random: this.#init.random,
          expectedSigningKey: ed25519FromPeerIdString(from),
          ...(accept === undefined
            ? {}
            : {
                acceptContext: (context: Uint8Array) => {
                  const ok = accept(context)
                  if (!ok) unknownContext = true
                  return ok
                }
              })
        })
      } catch (err) {
        if (KabarError.is(err, 'DUPLICATE_MESSAGE')) return 'delivered'
        if (unknownContext) {
          this.#init.onUnknownContext?.()
          return 'retry'
        }
        if (KabarError.is(err)) {
          this.#init.onRejected?.(from, err)
          return 'rejected'
        }
        throw err
      }
      const batch = store.batch()
        .put('sessions', from, result.record.serialize())
        .putJson('seen', idHex, this.#init.clock())
      const applyPrekey = result.usedOneTimePrekeyId === undefined ? undefined : this.#init.prekeys.consumeInBatch(batch, result.usedOneTimePrekeyId)
      const parsed = await this.#parse(from, result.plaintext, result.remoteSigningKey)
      const message = parsed?.kind === 'message' ? parsed.message : undefined
      if (message !== undefined && await this.#init.log.get(message.id) === undefined) this.#init.log.put(batch, message)
      if (parsed?.kind === 'group') this.#init.groupControl?.put(batch, parsed.control)
      await batch.write()
      applyPrekey?.()
      if (message !== undefined) this.#init.onMessage(message)
      if (parsed?.kind === 'group') this.#init.groupControl?.written()
      if (parsed?.kind === 'receipts') this.#init.onReceipts?.(from, parsed.ids)
      return 'delivered'
    })
  }

  /** The message, group control or receipt's envelope ids a plaintext carries, or undefined when it is malformed (the session still advances). */
  async #parse (from: string, plaintext: Uint8Array, signingKey: Uint8Array): Promise<{ kind: 'message', message: StoredMessage } | { kind: 'group', control: { device: string, account: string, bytes: Uint8Array } } | { kind: 'receipts', ids: string[] } | undefined> {
    let content: contentWire.Content
    try {
      content = contentWire.Content.decode(plaintext)
    } catch (err) {
      this.#init.onRejected?.(from, err)
      return undefined
    }
    if (content.group.length > 0) {
      if (this.#init.groupControl === undefined) return undefined
      const who = await this.#init.attribute(from, content, signingKey)
      return { kind: 'group', control: { device: from, account: who.from, bytes: content.group } }
    }
    if (content.receipts.length > 0 && content.text.length === 0) return { kind: 'receipts', ids: content.receipts.filter((id) => id.length === 16).slice(0, MAX_RECEIPT_IDS).map(toHex) }
    if (content.messageId.length !== 16 || content.text.length === 0 || new TextEncoder().encode(content.text).length > MAX_TEXT_BYTES) return undefined
    const message = await this.#message(from, content, signingKey)
    return { kind: 'message', message }
  }

  async #message (from: string, content: contentWire.Content, signingKey: Uint8Array): Promise<StoredMessage> {
    const who = await this.#init.attribute(from, content, signingKey)
    const disclosureVersion = Number(content.disclosureVersion)
    return {
      id: toHex(content.messageId),
      index: this.#init.log.takeIndex(),
      peer: who.peer,
      from: who.from,
      to: who.to,
      text: content.text,
      direction: who.direction,
      seq: Number(content.seq),
      sentAt: Number(content.sentAt),
      receivedAt: this.#init.clock(),
      // A copy of what another device of our account sent: that device knows how far it got.
      status: who.direction === 'out' ? 'synced' : 'received',
      ...(disclosureVersion > 0 ? { disclosureVersion } : {}),
      ...(who.sentBy === undefined ? {} : { sentBy: who.sentBy }),
      ...(who.device === undefined ? {} : { device: who.device })
    }
  }
}
