/**
 * Messaging: the send path (checks, the consent gate, one seq per
 * conversation, encryption once per recipient device and per other device of
 * our own account, one atomic write with the outbox), the release of held
 * messages, the receive path, and the message log's reads. Delivery
 * (delivery.ts) moves what is queued; Receiver (receive.ts) takes what comes.
 *
 * Locks: `conversation:<address>` around a send, a release and an accept
 * (business/consent.ts), so a conversation's messages are numbered and
 * decided in order; the devices' own locks (`<peerId>`, taken in sorted
 * order) around encryption, shared with the receive path.
 */
import { fromHex, toHex, utf8 } from '../../crypto/index.ts'
import { KabarError } from '../../errors.ts'
import type { AccountRecord } from '../../records/index.ts'
import { ed25519FromPeerIdString } from '../../records/index.ts'
import type { StoreBatch } from '../../store/index.ts'
import { content as contentWire } from '../../wire/index.ts'
import { encodeCertificate } from '../account.ts'
import type { Decision, KeptProfile } from '../business/disclosure.ts'
import type { Emit, NodeComponents } from '../components.ts'
import { parseAddress, requireRunning } from '../components.ts'
import { MAX_TEXT_BYTES } from '../constants.ts'
import type { Device } from '../directory.ts'
import { mailboxesIn } from '../directory.ts'
import { KeyedLock, withLocks } from '../lock.ts'
import type { AckStatus } from './transport.ts'
import type { MessageView } from '../types.ts'
import { Delivery } from './delivery.ts'
import { view } from './log.ts'
import type { ReasonFor, StoredMessage } from './log.ts'
import { Receiver } from './receive.ts'
import type { GroupControlSink, ReceiverInit } from './receive.ts'
import { sessionTargets } from './sessions.ts'
import { queueReceipt } from './receipts.ts'
import { depositFallback } from '../mailbox/deposit.ts'

/** What a send asks of the consent gate for businesses (business/consent.ts implements it). */
export interface SendGate {
  /** May a message to `to` go now? Undefined: `to` is not a business. */
  decide: (to: string, account: AccountRecord | undefined) => Promise<Decision | undefined>
  /** Records message `id` as held for `to`, in `batch`. */
  hold: (to: string, id: string, batch: StoreBatch) => Promise<void>
  /** The held messages that may go now, or undefined. */
  releasable: (to: string) => Promise<{ accepted: KeptProfile, held: string[], done: () => Promise<void> } | undefined>
}

export interface MessagingInit {
  delivery: Delivery
  gate: SendGate
  /** Our account's other devices, and who sent a decrypted message (devices/roster.ts). */
  roster: { ownDevices: () => Promise<Device[]>, ownMailboxes: () => Promise<string[]>, attribute: ReceiverInit['attribute'] }
  /** Which session contexts we accept, and learning more of them (business/membership.ts). */
  contexts: { acceptContext: (context: Uint8Array) => boolean, refresh: () => Promise<void> }
  /** Group control payloads received (node/groups/). */
  groupControl?: GroupControlSink
}

export type MessagingComponents = Pick<NodeComponents, 'config' | 'clock' | 'random' | 'store' | 'identity' | 'address' | 'directory' | 'network' | 'lock' | 'log' | 'prekeys' | 'account' | 'emit' | 'lifecycle'>

/** A message's state change (or, while it waits, a new reason), as the `message:status` event. */
export function statusChanged (emit: Emit, m: StoredMessage, reasonFor?: ReasonFor): void {
  const { id, peer, status, reason, devices } = view(m, reasonFor)
  emit('message:status', { id, peer, status, ...(reason === undefined ? {} : { reason }), ...(devices === undefined ? {} : { devices }) })
}

/** The outbox, with its own lock for the log updates of acks (delivery.ts). */
export async function openDelivery (c: MessagingComponents): Promise<Delivery> {
  const opened: { delivery?: Delivery } = {}
  opened.delivery = await Delivery.open({
    store: c.store,
    log: c.log,
    transport: c.network.transport,
    lock: new KeyedLock(),
    clock: c.clock,
    random: c.random,
    retryInitialMs: c.config.retryInitialMs,
    retryMaxMs: c.config.retryMaxMs,
    onStatus: (m) => { statusChanged(c.emit, m, (device) => opened.delivery?.reasonFor(device)) },
    fallback: depositFallback(async (peerId, signal) => c.network.openMailbox(peerId, signal))
  })
  return opened.delivery
}

export class Messaging {
  readonly #c: MessagingComponents
  readonly #init: MessagingInit
  readonly #delivery: Delivery
  readonly #receiver: Receiver

  constructor (components: MessagingComponents, init: MessagingInit) {
    const c = components
    this.#c = c
    this.#init = init
    this.#delivery = init.delivery
    this.#receiver = new Receiver({
      store: c.store,
      log: c.log,
      lock: c.lock,
      identity: c.identity,
      prekeys: c.prekeys,
      random: c.random,
      clock: c.clock,
      attribute: async (from, content, signingKey) => init.roster.attribute(from, content, signingKey),
      acceptContext: (context) => init.contexts.acceptContext(context),
      onUnknownContext: () => { void init.contexts.refresh() },
      onMessage: (m) => { c.emit('message', view(m)) },
      ...(init.groupControl === undefined ? {} : { groupControl: init.groupControl }),
      onReceipts: (from, ids) => { void this.#delivery.receipted(from, ids).catch(() => undefined) }
    })
  }

  /** Fails envelopes whose mailbox's retention ran out before their device took them. */
  async expireDeposited (now: number): Promise<number> {
    return this.#delivery.expire(now)
  }

  /** Envelopes waiting for an ack, across all peers. */
  get outbox (): number {
    return this.#delivery.depth
  }

  async start (): Promise<void> {
    await this.#delivery.start()
  }

  async stop (): Promise<void> {
    await this.#delivery.stop()
  }

  /** A peer connected: its outbox goes now, envelopes its mailbox holds included. */
  onPeer (peerId: string): void {
    this.#delivery.flush(peerId, true)
  }

  /** Tells `device` (end to end, through the outbox) that we stored these envelopes, which came through our mailbox. */
  async sendReceipt (device: string, envelopeIds: string[]): Promise<void> {
    await queueReceipt(this.#c, this.#delivery, device, envelopeIds)
  }

  /** One envelope from the device `from` (/kabar/msg/1.0.0); resolves the ack. */
  async receive (from: string, envelopeId: Uint8Array, payload: Uint8Array): Promise<AckStatus> {
    return this.#receiver.receive(from, envelopeId, payload)
  }

  async send (to: string, text: string, options: { sentBy?: string } = {}): Promise<MessageView> {
    const { account, directory, log, store } = this.#c
    requireRunning(this.#c)
    parseAddress(to)
    if (typeof text !== 'string' || text.trim().length === 0) throw new KabarError('INVALID_CONFIG', 'text must be a non-empty string (not only spaces or line breaks)')
    if (utf8(text).length > MAX_TEXT_BYTES) throw new KabarError('INVALID_CONFIG', `text must be at most ${MAX_TEXT_BYTES} bytes`)
    if (to === this.#c.address || to === account.account) throw new KabarError('INVALID_CONFIG', 'cannot send a message to yourself')
    const sentBy = options.sentBy ?? account.membershipCertificate?.label
    if (sentBy !== undefined && (typeof sentBy !== 'string' || [...sentBy].length > 64)) throw new KabarError('INVALID_CONFIG', 'sentBy must be a string of at most 64 characters')
    // A first message: the address's own node is nearly always one of its devices (a person's node
    // is their account, a business lists its own), so its prekey record is looked up while the
    // account record is, not after it. The Directory joins the two asks of the same record.
    if (await store.get('sessions', to) === undefined) void directory.prekeys(to).catch(() => undefined)
    const record = await directory.account(to)
    return this.#c.lock.run(`conversation:${to}`, async () => {
      const decision = await this.#init.gate.decide(to, record)
      if (decision?.kind === 'reject') throw new KabarError('DISCLOSURE_REJECTED', `not sending to ${to}: ${decision.reason}`)
      // Found before a seq is taken, so an unknown recipient leaves no gap in the conversation's numbering.
      const recipients = decision?.kind === 'hold' ? [] : await directory.devices(to)
      const seqBatch = store.batch()
      const message: StoredMessage = {
        id: toHex(this.#c.random(16)),
        index: 0,
        peer: to,
        from: account.account,
        to,
        text,
        direction: 'out',
        seq: await log.takeSeq(to, seqBatch),
        sentAt: this.#c.clock(),
        status: decision?.kind === 'hold' ? 'held' : 'waiting',
        ...(sentBy === undefined ? {} : { sentBy })
      }
      if (decision?.kind === 'hold') {
        await this.#init.gate.hold(to, message.id, seqBatch)
        message.index = log.takeIndex()
        log.put(seqBatch, message)
        await seqBatch.write()
        this.#c.emit('message', view(message))
        return view(message)
      }
      const sent = await this.#encryptAndQueue(message, decision?.kind === 'send' ? decision.accepted : undefined, seqBatch, recipients)
      return this.#view(sent)
    })
  }

  /** Encrypts `message` once per device of the recipient and of our own account (a sync copy), stores everything in one write, then flushes. */
  async #encryptAndQueue (message: StoredMessage, disclosure: KeptProfile | undefined, batch = this.#c.store.batch(), found?: Device[]): Promise<StoredMessage> {
    const { account, log } = this.#c
    const to = message.to
    const now = this.#c.clock()
    const recipients = found ?? await this.#c.directory.devices(to)
    const own = (await this.#init.roster.ownDevices()).filter((d) => !recipients.some((r) => r.peerId === d.peerId))
    const context = disclosure === undefined ? undefined : fromHex(disclosure.hash)
    const membership = account.membershipCertificate
    const base: contentWire.Content = {
      messageId: fromHex(message.id) as Uint8Array<ArrayBuffer>,
      seq: BigInt(message.seq),
      sentAt: BigInt(message.sentAt),
      text: message.text,
      disclosureVersion: BigInt(disclosure?.version ?? 0),
      disclosureHash: (context ?? new Uint8Array(0)) as Uint8Array<ArrayBuffer>,
      senderAccount: (membership === undefined ? new Uint8Array(0) : ed25519FromPeerIdString(account.account)) as Uint8Array<ArrayBuffer>,
      senderCertificate: (membership === undefined ? new Uint8Array(0) : encodeCertificate(membership)) as Uint8Array<ArrayBuffer>,
      syncTo: new Uint8Array(0),
      sentBy: message.sentBy ?? '',
      group: new Uint8Array(0),
      receipts: []
    }
    const forRecipient = contentWire.Content.encode(base)
    const theirMailboxes = mailboxesIn(this.#c.directory.cachedAccount(to), now)
    const ownMailboxes = own.length === 0 ? [] : await this.#init.roster.ownMailboxes()
    const forOwn = own.length === 0 ? forRecipient : contentWire.Content.encode({ ...base, syncTo: ed25519FromPeerIdString(to) as Uint8Array<ArrayBuffer> })
    const random = this.#c.random
    const all = [...recipients, ...own]
    let devices: Device[] = []
    let targetsOwn: string[] = []
    const stored = await withLocks(this.#c.lock, all.map((d) => d.peerId), async () => {
      const targets = await sessionTargets(this.#c, recipients, own, context)
      devices = targets.map((t) => t.device)
      targetsOwn = targets.filter((t) => t.sync).map((t) => t.device.peerId)
      targets.forEach(({ device, session, sync }) => {
        const { record, message: payload } = session.encrypt(sync ? forOwn : forRecipient)
        batch.put('sessions', device.peerId, record.serialize())
        const mailboxes = sync ? ownMailboxes : theirMailboxes
        this.#delivery.enqueue(batch, { envelopeId: toHex(random(16)), messageId: message.id, device: device.peerId, payload: toHex(payload), createdAt: now, ...(mailboxes.length === 0 ? {} : { mailboxes }) })
      })
      const next: StoredMessage = {
        ...message,
        index: message.index === 0 ? log.takeIndex() : message.index,
        status: 'waiting',
        pendingDevices: devices.map((d) => d.peerId),
        ownDevices: targetsOwn,
        ...(disclosure === undefined ? {} : { disclosureVersion: disclosure.version })
      }
      log.put(batch, next)
      await batch.write()
      this.#delivery.committed(devices.length)
      return next
    })
    if (message.index === 0) this.#c.emit('message', this.#view(stored))
    else statusChanged(this.#c.emit, stored, this.#reasonFor)
    for (const device of devices) this.#delivery.flush(device.peerId)
    return stored
  }

  /**
   * Queues a group control payload (Content.group) for each of `devices` on
   * its pairwise session, in one write with the sessions' new states, then
   * flushes: the same outbox, order and retries as messages, and no entry
   * in any conversation's log. Devices without a session we can set up are
   * skipped. Resolves the PeerIds queued for and the bytes queued.
   */
  async sendGroupControl (devices: Device[], control: Uint8Array): Promise<{ queued: string[], bytes: number }> {
    requireRunning(this.#c)
    if (devices.length === 0) return { queued: [], bytes: 0 }
    const now = this.#c.clock()
    const random = this.#c.random
    const membership = this.#c.account.membershipCertificate
    const payload = contentWire.Content.encode({
      messageId: random(16) as Uint8Array<ArrayBuffer>,
      seq: 0n,
      sentAt: BigInt(now),
      text: '',
      disclosureVersion: 0n,
      disclosureHash: new Uint8Array(0),
      senderAccount: (membership === undefined ? new Uint8Array(0) : ed25519FromPeerIdString(this.#c.account.account)) as Uint8Array<ArrayBuffer>,
      senderCertificate: (membership === undefined ? new Uint8Array(0) : encodeCertificate(membership)) as Uint8Array<ArrayBuffer>,
      syncTo: new Uint8Array(0),
      sentBy: '',
      group: control as Uint8Array<ArrayBuffer>
    })
    const batch = this.#c.store.batch()
    let bytes = 0
    const queued = await withLocks(this.#c.lock, devices.map((d) => d.peerId), async () => {
      const targets = await sessionTargets(this.#c, devices, [], undefined).catch((err: unknown) => {
        if (KabarError.is(err, 'RECIPIENT_UNKNOWN') || KabarError.is(err, 'UNTRUSTED_IDENTITY')) return []
        throw err
      })
      for (const { device, session } of targets) {
        const { record, message } = session.encrypt(payload)
        batch.put('sessions', device.peerId, record.serialize())
        bytes += message.length
        this.#delivery.enqueue(batch, { envelopeId: toHex(random(16)), messageId: `group:${toHex(random(8))}`, device: device.peerId, payload: toHex(message), createdAt: now })
      }
      await batch.write()
      this.#delivery.committed(targets.length)
      return targets.map((t) => t.device.peerId)
    })
    for (const peerId of queued) this.#delivery.flush(peerId)
    return { queued, bytes }
  }

  /** Sends the messages held for `to`, in order, now that its disclosure is accepted. */
  async release (to: string): Promise<void> {
    if (!this.#c.lifecycle.running) return
    await this.#c.lock.run(`conversation:${to}`, async () => {
      const releasable = await this.#init.gate.releasable(to)
      if (releasable === undefined) return
      for (const id of releasable.held) {
        const message = await this.#c.log.get(id)
        if (message?.status !== 'held') continue
        await this.#encryptAndQueue(message, releasable.accepted)
      }
      await releasable.done()
    }).catch(() => { /* still held; retried on the next send or accept */ })
  }

  async message (id: string): Promise<MessageView | undefined> {
    const m = await this.#c.log.get(id)
    return m === undefined ? undefined : this.#view(m)
  }

  async messages (query: { peer?: string, after?: number, limit?: number } = {}): Promise<MessageView[]> {
    return this.#c.log.list(query, this.#reasonFor)
  }

  /** What delivery knows now of why a device's envelopes wait. */
  readonly #reasonFor: ReasonFor = (device) => this.#delivery.reasonFor(device)

  #view (m: StoredMessage): MessageView {
    return view(m, this.#reasonFor)
  }
}
