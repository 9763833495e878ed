/**
 * Mailboxes (docs/ARCHITECTURE.md, docs/PROTOCOL.md "Mailbox protocol"): a
 * person's always-on node, certified by their account with role `mailbox`,
 * holds ciphertext for their other devices while those are off. This service
 * is both ends on every node:
 * - on a mailbox, custody (custody.ts): deposits, fetches, acks, pushes,
 *   quotas and retention;
 * - on any device, its own mailbox's inbox (inbox.ts): fetch at start, take
 *   pushes, receipts to the senders;
 * - on a sender, the deposit fallback (deposit.ts, built with the outbox) and
 *   the expiry of what a mailbox held past its retention.
 */
import type { MailboxHandlers } from '../../net/protocols/mailbox.ts'
import type { MailboxClient } from '../../net/protocols/mailbox.ts'
import type { NodeComponents } from '../components.ts'
import { MAILBOX_SWEEP_MS } from '../constants.ts'
import type { AckStatus } from '../messaging/transport.ts'
import type { MailboxStatus } from '../types.ts'
import { MailboxCustody } from './custody.ts'
import type { MailboxQuotas } from './custody.ts'
import { MailboxInbox } from './inbox.ts'

export interface MailboxInit {
  receive: (from: string, envelopeId: Uint8Array, payload: Uint8Array) => Promise<AckStatus>
  sendReceipt: (device: string, envelopeIds: string[]) => Promise<void>
  /** Our account's mailboxes, and the devices that may fetch from it (devices/roster.ts). */
  roster: { ownMailboxes: () => Promise<string[]>, ownReaders: () => Promise<string[]> }
  /** Fails the outbox's envelopes whose mailbox's retention ran out (messaging/delivery.ts `expire`). */
  expire: (now: number) => Promise<number>
}

export type MailboxComponents = Pick<NodeComponents, 'store' | 'clock' | 'lock' | 'account' | 'libp2p' | 'identity' | 'lifecycle' | 'network' | 'config'>

export class Mailbox {
  readonly #c: MailboxComponents
  readonly #init: MailboxInit
  readonly #custody: MailboxCustody
  readonly #inbox: MailboxInbox
  #timer: NodeJS.Timeout | undefined
  /** Whether a fetch from our mailboxes reached them since start; until then, every new connection tries again. */
  #fetched = false
  #retry: NodeJS.Timeout | undefined
  #failures = 0

  constructor (components: MailboxComponents, init: MailboxInit) {
    this.#c = components
    this.#init = init
    const open = async (peerId: string, signal: AbortSignal): Promise<MailboxClient> => components.network.openMailbox(peerId, signal)
    const quotas: Partial<MailboxQuotas> = components.config.mailbox ?? {}
    this.#custody = new MailboxCustody(components, {
      owners: async () => init.roster.ownReaders(),
      push: async (device, items, signal) => {
        const client = await open(device, signal)
        try {
          return await client.push(items, { signal })
        } finally {
          await client.close()
        }
      },
      quotas,
      ...(components.config.mailbox?.sweepMs === undefined ? {} : { sweepMs: components.config.mailbox.sweepMs })
    })
    this.#inbox = new MailboxInbox(components, { receive: init.receive, sendReceipt: init.sendReceipt, ownMailboxes: async () => init.roster.ownMailboxes(), open })
  }

  /** The /kabar/mailbox handlers: custody's on a mailbox, the inbox's push on a device. */
  get handlers (): MailboxHandlers {
    return {
      deposit: async (from, items) => this.#custody.deposit(from.toString(), items),
      fetch: async (from, limit) => this.#custody.fetch(from.toString(), limit),
      ack: async (from, ids) => this.#custody.ack(from.toString(), ids),
      push: async (from, items) => this.#inbox.push(from.toString(), items)
    }
  }

  async start (): Promise<void> {
    await this.#custody.start()
    const sweep = this.#c.config.mailbox?.sweepMs ?? MAILBOX_SWEEP_MS
    this.#timer = setInterval(() => {
      void this.#init.expire(this.#c.clock()).catch(() => undefined)
      this.#fetched = false // a poll, should a push have been missed
      this.#fetchNow()
    }, sweep)
    this.#timer.unref()
    void this.#init.expire(this.#c.clock()).catch(() => undefined)
    this.#fetchNow()
  }

  /** A fetch from our mailboxes, unless one already got through since start (the mailbox pushes after that). */
  #fetchNow (): void {
    if (this.#custody.active || this.#fetched || !this.#c.lifecycle.running) return
    void this.#inbox.fetch().then((reached) => {
      if (reached) {
        this.#fetched = true
        this.#failures = 0
        return
      }
      // Not reached (just started, the DHT does not know where it is yet): again, backing off as delivery does.
      if (this.#retry !== undefined || !this.#c.lifecycle.running) return
      const delay = Math.min(this.#c.config.retryMaxMs, this.#c.config.retryInitialMs * 2 ** Math.min(this.#failures++, 20))
      this.#retry = setTimeout(() => {
        this.#retry = undefined
        this.#fetchNow()
      }, delay)
      this.#retry.unref()
    }, () => undefined)
  }

  stop (): void {
    this.#custody.stop()
    if (this.#timer !== undefined) clearInterval(this.#timer)
    if (this.#retry !== undefined) clearTimeout(this.#retry)
    this.#timer = undefined
    this.#retry = undefined
  }

  /** A peer connected: a mailbox pushes what waits for it. */
  onPeer (peerId: string): void {
    this.#custody.offer(peerId)
    this.#fetchNow()
  }

  /** Fetches what waits at our mailbox now (tests; the node also does at start). */
  async fetch (): Promise<boolean> {
    return this.#inbox.fetch()
  }

  /** Drops what a mailbox held past its retention now (tests; a timer does it every sweep). */
  async sweep (): Promise<number> {
    return this.#custody.sweep()
  }

  status (): MailboxStatus | undefined {
    return this.#custody.status()
  }

  /** Envelopes this device took from its mailbox since start. */
  get taken (): number {
    return this.#inbox.taken
  }
}
