/**
 * KabarNode: one person's node. It composes the store, the session core, the
 * records, libp2p and delivery, and is what the API, the CLI and simulations
 * drive. Every operation a user makes goes through here.
 */
import { toHex, utf8 } from '../crypto/index.ts'
import { KabarError } from '../errors.ts'
import type { KabarLibp2p } from '../net/libp2p.ts'
import { routingTableSize } from '../net/dht.ts'
import { bundleFromPrekeyRecord, ed25519FromPeerIdString } from '../records/index.ts'
import type { AccountRecord } from '../records/index.ts'
import type { IdentityKeyPair, SessionRecord } from '../session/index.ts'
import type { KabarStore } from '../store/index.ts'
import { content as contentWire } from '../wire/index.ts'
import { bytesEqual, fromHex } from '../crypto/index.ts'
import { encodeCertificate } from './account.ts'
import type { KeptProfile } from './business/disclosure.ts'
import { openComponents, parseAddress, requireRunning } from './components.ts'
import type { NodeComponents } from './components.ts'
import { Verification } from './trust/verification.ts'
import { Contacts } from './contacts.ts'
import { Lookup } from './lookup.ts'
import { Linking } from './devices/linking.ts'
import { Roster } from './devices/roster.ts'
import { Consent } from './business/consent.ts'
import { BusinessMembership } from './business/membership.ts'
import { OwnProfile } from './business/profile.ts'
import { resolveConfig } from './config.ts'
import type { NodeInit } from './config.ts'
import { MAX_TEXT_BYTES, PREKEY_FETCH_TIMEOUT_MS } from './constants.ts'
import { Delivery } from './messaging/delivery.ts'
import type { Device } from './directory.ts'
import { KeyedLock, withLocks } from './lock.ts'
import { view } from './messaging/log.ts'
import type { StoredMessage } from './messaging/log.ts'
import { Publication } from './publication/publication.ts'
import type { PublishResult } from './publication/publisher.ts'
import { Receiver, loadSession } from './messaging/receive.ts'
import type { AttestationView, BusinessProfileInput, BusinessProfileView, Contact, DeviceView, DisclosureView, LinkCode, LookupResult, Membership, MessageView, NodeApi, NodeEventName, NodeEvents, NodeStatus, TrustSettings } from './types.ts'

const VERSION = '0.1.0'

export class KabarNode implements NodeApi {
  readonly address: string
  readonly identity: IdentityKeyPair
  readonly libp2p: KabarLibp2p
  readonly store: KabarStore
  readonly #c: NodeComponents
  readonly #delivery: Delivery
  readonly #publication: Publication
  readonly #verification: Verification
  readonly #contacts: Contacts
  readonly #lookup: Lookup
  readonly #roster: Roster
  readonly #linking: Linking
  readonly #membership: BusinessMembership
  readonly #consent: Consent
  readonly #profile: OwnProfile

  private constructor (components: NodeComponents, delivery: Delivery) {
    this.#c = components
    this.store = components.store
    this.identity = components.identity
    this.libp2p = components.libp2p
    this.address = components.address
    this.#delivery = delivery
    this.#membership = new BusinessMembership(components)
    this.#verification = new Verification(components, { publishNow: async () => this.#publication.publishNow() })
    this.#publication = new Publication(components, { revoked: async () => this.#verification.revokedIds(), afterPublish: () => { void this.#membership.refresh() } })
    this.#contacts = new Contacts(components)
    this.#lookup = new Lookup(components, { disclosure: async (address, record) => this.#consent.disclosure(address, record) })
    this.#roster = new Roster(components)
    this.#consent = new Consent(components, { verification: this.#verification, release: async (to) => this.#release(to) })
    this.#profile = new OwnProfile(components, { publishNow: async () => this.#publication.publishNow() })
    this.#linking = new Linking(components, { publishNow: async () => this.#publication.publishNow(), refreshMembership: async () => this.#membership.refresh() })
  }

  /** Opens (or creates) the node's data and builds its libp2p node, not yet started. */
  static async create (init: NodeInit = {}): Promise<KabarNode> {
    const c = await openComponents(resolveConfig(init))
    try {
      const delivery = await Delivery.open({
        store: c.store,
        log: c.log,
        transport: c.network.transport,
        lock: new KeyedLock(),
        clock: c.clock,
        random: c.random,
        retryInitialMs: c.config.retryInitialMs,
        retryMaxMs: c.config.retryMaxMs,
        onStatus: (m) => { c.emit('message:status', { id: m.id, peer: m.peer, status: m.status }) }
      })
      return new KabarNode(c, delivery)
    } catch (err) {
      await c.store.close()
      throw err
    }
  }

  /** Delivery's status changes, as events. */
  emitStatus (m: StoredMessage): void {
    this.#c.emit('message:status', { id: m.id, peer: m.peer, status: m.status })
  }

  on<E extends NodeEventName> (event: E, listener: (payload: NodeEvents[E]) => void): void {
    this.#c.events.on(event, listener)
  }

  off<E extends NodeEventName> (event: E, listener: (payload: NodeEvents[E]) => void): void {
    this.#c.events.off(event, listener)
  }

  get peerId (): string {
    return this.libp2p.peerId.toString()
  }

  get multiaddrs (): string[] {
    return this.libp2p.getMultiaddrs().map((ma) => ma.toString())
  }

  get running (): boolean {
    return this.#c.lifecycle.running
  }

  async start (): Promise<void> {
    if (this.#c.lifecycle.running) return
    const receiver = new Receiver({
      store: this.store,
      log: this.#c.log,
      lock: this.#c.lock,
      identity: this.identity,
      prekeys: this.#c.prekeys,
      random: this.#c.random,
      clock: this.#c.clock,
      attribute: async (from, content) => this.#roster.attribute(from, content),
      acceptContext: (context) => this.#membership.acceptContext(context),
      onUnknownContext: () => { void this.#membership.refresh() },
      onMessage: (m) => this.#c.emit('message', view(m))
    })
    await this.#c.network.register({
      receive: async (from, id, payload) => receiver.receive(from, id, payload),
      provideOneTime: async () => this.#c.prekeys.handOut(),
      link: async (from, request) => this.#linking.redeem(from, request)
    })
    this.libp2p.addEventListener('peer:connect', this.#onConnect)
    this.libp2p.addEventListener('peer:disconnect', this.#onDisconnect)
    await this.libp2p.start()
    this.#c.lifecycle.running = true
    this.#c.lifecycle.startedAt = this.#c.clock()
    this.#publication.start()
    await this.#delivery.start()
    this.#publication.schedule(0)
    void this.#membership.refresh()
  }

  readonly #onConnect = (evt: CustomEvent<{ toString: () => string }>): void => {
    const peerId = evt.detail.toString()
    this.#delivery.flush(peerId)
    this.#publication.onPeer()
    this.#c.emit('peer:connect', { peerId })
  }

  readonly #onDisconnect = (evt: CustomEvent<{ toString: () => string }>): void => {
    this.#c.emit('peer:disconnect', { peerId: evt.detail.toString() })
  }

  /** Publishes our records now and reports how many peers confirmed each (tests, `kabar status`). */
  async publish (): Promise<PublishResult> {
    return this.#publication.publish()
  }

  async stop (): Promise<void> {
    this.#publication.stop()
    const wasRunning = this.#c.lifecycle.running
    this.#c.lifecycle.running = false
    await this.#delivery.stop()
    if (wasRunning) {
      this.libp2p.removeEventListener('peer:connect', this.#onConnect)
      this.libp2p.removeEventListener('peer:disconnect', this.#onDisconnect)
      await this.libp2p.stop()
    }
    await this.store.close()
  }

  #requireRunning (): void {
    requireRunning(this.#c)
  }

  status (): Promise<NodeStatus> {
    return Promise.resolve({
      address: this.address,
      peerId: this.peerId,
      multiaddrs: this.multiaddrs,
      connections: this.libp2p.getPeers().length,
      dhtPeers: routingTableSize(this.libp2p),
      outbox: this.#delivery.depth,
      account: this.#c.account.account,
      role: this.#c.account.membership?.role ?? 'primary',
      ...(this.#publication.recordsPublishedAt === undefined ? {} : { recordsPublishedAt: this.#publication.recordsPublishedAt }),
      startedAt: this.#c.lifecycle.startedAt,
      version: VERSION
    })
  }

  /** A session we can send on, with the device's prekeys from the DHT and, when it is online, a one-time prekey. */
  async #sessionFor (device: Device, context: Uint8Array | undefined): Promise<SessionRecord> {
    const record = await loadSession(this.store, device.peerId)
    if (record.canSend && record.remoteSigningKey !== undefined && bytesEqual(record.remoteSigningKey, ed25519FromPeerIdString(device.peerId))) return record
    const prekeys = await this.#c.directory.prekeys(device.peerId)
    if (prekeys === undefined) throw new KabarError('RECIPIENT_UNKNOWN', `no prekey record found for device ${device.peerId}`)
    if (device.certificate !== undefined && !bytesEqual(device.certificate.identityKey, prekeys.identity.identityKey)) {
      throw new KabarError('UNTRUSTED_IDENTITY', `device ${device.peerId} publishes an identity key its account did not certify`)
    }
    let oneTime: { id: number, publicKey: Uint8Array } | undefined
    try {
      oneTime = await this.#c.network.fetchOneTime(device.peerId, AbortSignal.timeout(PREKEY_FETCH_TIMEOUT_MS))
    } catch {
      oneTime = undefined // offline: the signed and ML-KEM last-resort prekeys suffice
    }
    return record.initiate({ identity: this.identity, bundle: bundleFromPrekeyRecord(prekeys, oneTime), random: this.#c.random, ...(context === undefined ? {} : { context }) })
  }

  async send (to: string, text: string, options: { sentBy?: string } = {}): Promise<MessageView> {
    this.#requireRunning()
    parseAddress(to)
    if (typeof text !== 'string' || text.length === 0) throw new KabarError('INVALID_CONFIG', 'text must be a non-empty string')
    if (utf8(text).length > MAX_TEXT_BYTES) throw new KabarError('INVALID_CONFIG', `text must be at most ${MAX_TEXT_BYTES} bytes`)
    if (to === this.address || to === this.#c.account.account) throw new KabarError('INVALID_CONFIG', 'cannot send a message to yourself')
    const sentBy = options.sentBy ?? this.#c.account.membershipCertificate?.label
    if (sentBy !== undefined && (typeof sentBy !== 'string' || [...sentBy].length > 64)) throw new KabarError('INVALID_CONFIG', 'sentBy must be a string of at most 64 characters')
    // A first message: the address's own node is nearly always one of its devices (a person's node
    // is their account, a business lists its own), so its prekey record is looked up while the
    // account record is, not after it. The Directory joins the two asks of the same record.
    if (await this.store.get('sessions', to) === undefined) void this.#c.directory.prekeys(to).catch(() => undefined)
    const account = await this.#c.directory.account(to)
    return this.#c.lock.run(`conversation:${to}`, async () => {
      const decision = await this.#consent.decide(to, account)
      if (decision?.kind === 'reject') throw new KabarError('DISCLOSURE_REJECTED', `not sending to ${to}: ${decision.reason}`)
      // Found before a seq is taken, so an unknown recipient leaves no gap in the conversation's numbering.
      const recipients = decision?.kind === 'hold' ? [] : await this.#c.directory.devices(to)
      const seqBatch = this.store.batch()
      const message: StoredMessage = {
        id: toHex(this.#c.random(16)),
        index: 0,
        peer: to,
        from: this.#c.account.account,
        to,
        text,
        direction: 'out',
        seq: await this.#c.log.takeSeq(to, seqBatch),
        sentAt: this.#c.clock(),
        status: decision?.kind === 'hold' ? 'held' : 'queued',
        ...(sentBy === undefined ? {} : { sentBy })
      }
      if (decision?.kind === 'hold') {
        await this.#consent.hold(to, message.id, seqBatch)
        message.index = this.#c.log.takeIndex()
        this.#c.log.put(seqBatch, message)
        await seqBatch.write()
        this.#c.emit('message', view(message))
        return view(message)
      }
      const sent = await this.#encryptAndQueue(message, decision?.kind === 'send' ? decision.accepted : undefined, seqBatch, recipients)
      return view(sent)
    })
  }

  /** Encrypts `message` once per device of the recipient and of our own account (a sync copy), stores everything in one write, then flushes. */
  async #encryptAndQueue (message: StoredMessage, disclosure: KeptProfile | undefined, batch = this.store.batch(), found?: Device[]): Promise<StoredMessage> {
    const to = message.to
    const now = this.#c.clock()
    const recipients = found ?? await this.#c.directory.devices(to)
    const own = (await this.#roster.ownDevices()).filter((d) => !recipients.some((r) => r.peerId === d.peerId))
    const context = disclosure === undefined ? undefined : fromHex(disclosure.hash)
    const membership = this.#c.account.membershipCertificate
    const base: contentWire.Content = {
      messageId: fromHex(message.id) as Uint8Array<ArrayBuffer>,
      seq: BigInt(message.seq),
      sentAt: BigInt(message.sentAt),
      text: message.text,
      disclosureVersion: BigInt(disclosure?.version ?? 0),
      disclosureHash: (context ?? new Uint8Array(0)) as Uint8Array<ArrayBuffer>,
      senderAccount: (membership === undefined ? new Uint8Array(0) : ed25519FromPeerIdString(this.#c.account.account)) as Uint8Array<ArrayBuffer>,
      senderCertificate: (membership === undefined ? new Uint8Array(0) : encodeCertificate(membership)) as Uint8Array<ArrayBuffer>,
      syncTo: new Uint8Array(0),
      sentBy: message.sentBy ?? ''
    }
    const forRecipient = contentWire.Content.encode(base)
    const forOwn = own.length === 0 ? forRecipient : contentWire.Content.encode({ ...base, syncTo: ed25519FromPeerIdString(to) as Uint8Array<ArrayBuffer> })
    const random = this.#c.random
    const all = [...recipients, ...own]
    let devices: Device[] = []
    const stored = await withLocks(this.#c.lock, all.map((d) => d.peerId), async () => {
      const targets = await this.#sessions(recipients, own, context)
      devices = targets.map((t) => t.device)
      targets.forEach(({ device, session, sync }) => {
        const { record, message: payload } = session.encrypt(sync ? forOwn : forRecipient)
        batch.put('sessions', device.peerId, record.serialize())
        this.#delivery.enqueue(batch, { envelopeId: toHex(random(16)), messageId: message.id, device: device.peerId, payload: toHex(payload), createdAt: now })
      })
      const next: StoredMessage = {
        ...message,
        index: message.index === 0 ? this.#c.log.takeIndex() : message.index,
        status: 'queued',
        pendingDevices: devices.map((d) => d.peerId),
        ...(disclosure === undefined ? {} : { disclosureVersion: disclosure.version })
      }
      this.#c.log.put(batch, next)
      await batch.write()
      this.#delivery.committed(devices.length)
      return next
    })
    if (message.index === 0) this.#c.emit('message', view(stored))
    else this.emitStatus(stored)
    for (const device of devices) this.#delivery.flush(device.peerId)
    return stored
  }

  /**
   * Sessions with every recipient device and every other device of our own
   * account. A device we cannot set up a session with (no prekey record yet,
   * an identity its account did not certify) is left out: that means one
   * reader fewer, never one more. Throws when no recipient device is left.
   */
  async #sessions (recipients: Device[], own: Device[], context: Uint8Array | undefined): Promise<Array<{ device: Device, session: SessionRecord, sync: boolean }>> {
    const settle = async (devices: Device[], sync: boolean): Promise<Array<{ device: Device, session: SessionRecord, sync: boolean } | KabarError>> =>
      Promise.all(devices.map(async (device) => {
        try {
          return { device, session: await this.#sessionFor(device, sync ? undefined : context), sync }
        } catch (err) {
          if (KabarError.is(err, 'RECIPIENT_UNKNOWN') || KabarError.is(err, 'UNTRUSTED_IDENTITY')) return err
          throw err
        }
      }))
    type Target = { device: Device, session: SessionRecord, sync: boolean }
    const isTarget = (r: Target | KabarError): r is Target => !KabarError.is(r)
    const forRecipients = await settle(recipients, false)
    const ready = forRecipients.filter(isTarget)
    if (ready.length === 0) throw forRecipients.find((r): r is KabarError => KabarError.is(r)) ?? new KabarError('RECIPIENT_UNKNOWN', 'the recipient lists no device')
    return [...ready, ...(await settle(own, true)).filter(isTarget)]
  }

  /** Sends the messages held for `to`, in order, now that its disclosure is accepted. */
  async #release (to: string): Promise<void> {
    if (!this.#c.lifecycle.running) return
    await this.#c.lock.run(`conversation:${to}`, async () => {
      const releasable = await this.#consent.releasable(to)
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
    return m === undefined ? undefined : view(m)
  }

  async messages (query: { peer?: string, after?: number, limit?: number } = {}): Promise<MessageView[]> {
    return this.#c.log.list(query)
  }

  async contacts (): Promise<Contact[]> {
    return this.#contacts.list()
  }

  async addContact (address: string, name?: string): Promise<Contact> {
    return this.#contacts.add(address, name)
  }

  async verify (address: string): Promise<Contact> {
    return this.#contacts.verify(address)
  }

  async safetyNumber (address: string): Promise<string> {
    return this.#contacts.safetyNumber(address)
  }

  async lookup (address: string): Promise<LookupResult> {
    return this.#lookup.lookup(address)
  }

  // ---- customers of businesses ----

  async disclosure (address: string, record?: AccountRecord): Promise<DisclosureView | undefined> {
    return this.#consent.disclosure(address, record)
  }

  async acceptDisclosure (address: string): Promise<DisclosureView> {
    return this.#consent.accept(address)
  }

  // ---- the business side ----

  async publishProfile (input: BusinessProfileInput): Promise<BusinessProfileView> {
    return this.#profile.publish(input)
  }

  async profile (): Promise<BusinessProfileView | undefined> {
    return this.#profile.view()
  }

  devices (): Promise<DeviceView[]> {
    return this.#linking.devices()
  }

  async addDevice (options: { role: 'agent' | 'processor' | 'linked' | 'mailbox', label: string }): Promise<LinkCode> {
    return this.#linking.addDevice(options)
  }

  async removeDevice (peerId: string): Promise<DeviceView[]> {
    return this.#linking.removeDevice(peerId)
  }

  async link (code: string): Promise<Membership> {
    return this.#linking.link(code)
  }

  // ---- verifiers and trust ----

  async attest (options: { business: string, legalName: string, domain: string, scope?: string, days: number }): Promise<{ attestation: string, view: AttestationView }> {
    return this.#verification.attest(options)
  }

  async revokeAttestation (id: string): Promise<void> {
    return this.#verification.revoke(id)
  }

  async trust (): Promise<TrustSettings> {
    return this.#verification.settings()
  }

  async addVerifier (address: string, label?: string): Promise<TrustSettings> {
    return this.#verification.addVerifier(address, label)
  }

  async removeVerifier (address: string): Promise<TrustSettings> {
    return this.#verification.removeVerifier(address)
  }

  async setTrustThreshold (k: number): Promise<TrustSettings> {
    return this.#verification.setThreshold(k)
  }
}
