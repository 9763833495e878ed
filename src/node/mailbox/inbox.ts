/**
 * A device's side of its own mailbox: fetching what waits for it when it
 * starts, taking what the mailbox pushes when it connects, storing each
 * envelope through the ordinary receive path (which drops a repeated envelope
 * id, so one that also came directly is shown once), acking to the mailbox
 * what is stored, and sending each sender a receipt (messaging/receipts.ts).
 */
import { toHex } from '../../crypto/index.ts'
import type { MailboxClient, MailboxItem } from '../../net/protocols/mailbox.ts'
import { bytesEqual } from '../../crypto/index.ts'
import { peerIdStringFromEd25519 } from '../../records/index.ts'
import type { NodeComponents } from '../components.ts'
import { MAILBOX_BATCH, MAILBOX_TIMEOUT_MS } from '../constants.ts'
import type { AckStatus } from '../messaging/transport.ts'

export interface InboxInit {
  /** The receive path (messaging/receive.ts): decrypt, store, dedup by envelope id. */
  receive: (from: string, envelopeId: Uint8Array, payload: Uint8Array) => Promise<AckStatus>
  /** A receipt to the device that encrypted these envelopes (messaging/receipts.ts). */
  sendReceipt: (device: string, envelopeIds: string[]) => Promise<void>
  /** Our account's mailboxes (devices/roster.ts). */
  ownMailboxes: () => Promise<string[]>
  /** Opens a /kabar/mailbox stream to a peer (network.ts). */
  open: (peerId: string, signal: AbortSignal) => Promise<MailboxClient>
}

/** Envelope ids remembered against double counting: a few fetch batches. */
const RECENT_IDS = 4096

export type InboxComponents = Pick<NodeComponents, 'identity' | 'lifecycle'>

export class MailboxInbox {
  readonly #c: InboxComponents
  readonly #init: InboxInit
  #fetching: Promise<boolean> | undefined
  /** Envelopes this device took from its mailbox since start. */
  taken = 0
  /** Ids taken lately (insertion order, bounded), so a push racing a fetch is not counted twice. */
  readonly #recent = new Set<string>()

  constructor (components: InboxComponents, init: InboxInit) {
    this.#c = components
    this.#init = init
  }

  /** Stores pushed or fetched envelopes; resolves the ids the mailbox may forget. */
  async #store (items: MailboxItem[]): Promise<Uint8Array[]> {
    const done: Uint8Array[] = []
    const receipts = new Map<string, string[]>()
    for (const item of items) {
      if (!bytesEqual(item.device, this.#c.identity.public.signingKey) || item.sender.length !== 32) continue
      const sender = peerIdStringFromEd25519(item.sender)
      let status: AckStatus
      try {
        status = await this.#init.receive(sender, item.id, item.payload)
      } catch {
        continue // a local failure: it stays in the mailbox, fetched again later
      }
      if (status === 'retry') continue
      done.push(item.id)
      // A push and a fetch may hand over the same envelope: counted, and receipted, once.
      const id = toHex(item.id)
      if (this.#recent.has(id)) continue
      this.#remember(id)
      this.taken++
      if (status === 'delivered') receipts.set(sender, [...receipts.get(sender) ?? [], id])
    }
    for (const [sender, ids] of receipts) await this.#init.sendReceipt(sender, ids).catch(() => undefined)
    return done
  }

  #remember (id: string): void {
    this.#recent.add(id)
    if (this.#recent.size > RECENT_IDS) this.#recent.delete(this.#recent.values().next().value ?? '')
  }

  /** Our mailbox pushes envelopes to us; anyone else's push is ignored. */
  async push (from: string, items: MailboxItem[]): Promise<Uint8Array[]> {
    if (!(await this.#init.ownMailboxes()).includes(from)) return []
    return this.#store(items)
  }

  /** Fetches everything waiting at our mailboxes (one fetch at a time); resolves whether every mailbox answered. */
  async fetch (): Promise<boolean> {
    this.#fetching ??= this.#fetchAll().finally(() => { this.#fetching = undefined })
    return this.#fetching
  }

  async #fetchAll (): Promise<boolean> {
    let reached = true
    for (const mailbox of await this.#init.ownMailboxes()) {
      if (!this.#c.lifecycle.running) break
      let client: MailboxClient | undefined
      try {
        client = await this.#init.open(mailbox, AbortSignal.timeout(MAILBOX_TIMEOUT_MS))
        for (let round = 0; round < 1000; round++) {
          const { items, more } = await client.fetch(MAILBOX_BATCH)
          const done = await this.#store(items)
          if (done.length > 0) await client.ack(done)
          if (!more || done.length === 0) break
        }
      } catch {
        reached = false // offline or refused: tried again on the next connection
      } finally {
        await client?.close()
      }
    }
    return reached
  }
}
