/**
 * KabarNode: one person's node. It composes the store, the session core, the
 * records, libp2p and delivery, and is what the API, the CLI and simulations
 * drive. Every operation a user makes goes through here.
 */
import { EventEmitter } from 'node:events'
import { toHex, utf8 } from '../crypto/index.ts'
import { KabarError } from '../errors.ts'
import { createKabarLibp2p } from '../net/libp2p.ts'
import type { KabarLibp2p } from '../net/libp2p.ts'
import { privateKeyFromSeed } from '../net/peer-id.ts'
import { routingTableSize } from '../net/dht.ts'
import { activeDevices, attestationIdHex, bundleFromPrekeyRecord, decodeAttestation, dhtSelectors, dhtValidators, ed25519FromPeerIdString, isCertificateActive, peerIdStringFromEd25519 } from '../records/index.ts'
import type { AccountRecord, DeviceCertificate, DeviceRole } from '../records/index.ts'
import { safetyNumber } from '../session/index.ts'
import type { IdentityKeyPair , SessionRecord} from '../session/index.ts'
import { openStore } from '../store/index.ts'
import type { KabarStore } from '../store/index.ts'
import { content as contentWire } from '../wire/index.ts'
import { bytesEqual, fromHex, sha256 } from '../crypto/index.ts'
import { AccountState, decodeCertificate, encodeCertificate, parseLinkCode } from './business.ts'
import { decide, describeDiff, profileView, summarize } from './disclosure.ts'
import type { DisclosureState, KeptProfile } from './disclosure.ts'
import type { Attribution } from './receive.ts'
import { Trust, attestationView, evaluateAttestations, trustWarnings, verificationSummary } from './trust.ts'
import { Verifier } from './verifier.ts'
import type { LinkAnswer, LinkRequest } from '../net/protocols/link.ts'
import { resolveConfig } from './config.ts'
import type { NodeConfig, NodeInit } from './config.ts'
import { FULL_REPLICAS, GROWTH_CHECK_MS, MAX_TEXT_BYTES, MEMBERSHIP_REFRESH_MIN_MS, PREKEY_FETCH_TIMEOUT_MS, PUBLISH_RETRY_JITTER, PUBLISH_RETRY_MAX_MS, PUBLISH_RETRY_MS } from './constants.ts'
import { Delivery } from './delivery.ts'
import { Directory } from './directory.ts'
import type { Device } from './directory.ts'
import { loadOrCreateIdentity } from './identity.ts'
import { KnownPeers } from './known-peers.ts'
import { KeyedLock, withLocks } from './lock.ts'
import { MessageLog, view } from './log.ts'
import type { StoredMessage } from './log.ts'
import { bindNetwork } from './network.ts'
import type { NetworkBinding } from './network.ts'
import { Prekeys } from './prekeys.ts'
import { Publisher } from './publisher.ts'
import { Receiver, loadSession } from './receive.ts'
import type { AttestationView, BusinessProfileInput, BusinessProfileView, Contact, DeviceView, DisclosureView, LinkCode, LookupResult, Membership, MessageView, NodeApi, NodeEventName, NodeEvents, NodeStatus, SystemEvent, TrustSettings, VerificationView } from './types.ts'

const VERSION = '0.1.0'

export class KabarNode implements NodeApi {
  readonly address: string
  readonly identity: IdentityKeyPair
  readonly libp2p: KabarLibp2p
  readonly store: KabarStore
  readonly #config: NodeConfig
  readonly #events = new EventEmitter()
  readonly #lock = new KeyedLock()
  readonly #log: MessageLog
  readonly #prekeys: Prekeys
  readonly #directory: Directory
  readonly #publisher: Publisher
  readonly #delivery: Delivery
  readonly #network: NetworkBinding
  readonly #account: AccountState
  readonly #trust: Trust
  readonly #verifier: Verifier
  readonly #known: KnownPeers
  /** Profile hashes (hex) of the business we were linked into: contexts its customers bind. */
  #memberHashes = new Set<string>()
  #recordsPublishedAt: number | undefined
  #republish: NodeJS.Timeout | undefined
  /** Publications in a row that no peer confirmed: the retry delay doubles with each. */
  #publishFailures = 0
  /** The last publication failed with an empty routing table: the first peer to connect triggers the retry at once. */
  #publishAwaitsPeers = false
  #startedAt = 0
  #running = false

  private constructor (parts: { config: NodeConfig, store: KabarStore, identity: IdentityKeyPair, account: AccountState, libp2p: KabarLibp2p, log: MessageLog, prekeys: Prekeys, delivery: Delivery, network: NetworkBinding, known: KnownPeers }) {
    this.#config = parts.config
    this.store = parts.store
    this.identity = parts.identity
    this.libp2p = parts.libp2p
    this.#log = parts.log
    this.#prekeys = parts.prekeys
    this.#delivery = parts.delivery
    this.#network = parts.network
    this.#account = parts.account
    this.#known = parts.known
    this.#trust = new Trust({ store: parts.store, now: parts.config.clock })
    this.#verifier = new Verifier({ store: parts.store, now: parts.config.clock })
    this.address = peerIdStringFromEd25519(parts.identity.public.signingKey)
    this.#directory = new Directory({ dht: parts.libp2p, store: parts.store, clock: parts.config.clock, timeoutMs: parts.config.dhtTimeoutMs, cacheMs: parts.config.recordCacheMs })
    this.#publisher = new Publisher({ dht: parts.libp2p, store: parts.store, identity: parts.identity, prekeys: parts.prekeys, account: parts.account, revoked: async () => this.#verifier.revokedIds(), clock: parts.config.clock, timeoutMs: parts.config.dhtTimeoutMs })
    this.#events.setMaxListeners(100)
  }

  /** Opens (or creates) the node's data and builds its libp2p node, not yet started. */
  static async create (init: NodeInit = {}): Promise<KabarNode> {
    const config = resolveConfig(init)
    const store = config.dataDir === undefined ? await openStore({ memory: true }) : await openStore({ dir: config.dataDir, ...(config.passphrase === undefined ? {} : { passphrase: config.passphrase }) })
    try {
      const { identity, createdAt } = await loadOrCreateIdentity(store, config.clock(), config.random)
      const prekeys = await Prekeys.load(store, config.clock(), config.random)
      const log = await MessageLog.open(store)
      const account = await AccountState.load(store, identity, createdAt)
      const known = await KnownPeers.load(store, account, peerIdStringFromEd25519, config.clock)
      const holder: { node?: KabarNode } = {}
      const libp2p = await createKabarLibp2p({
        privateKey: privateKeyFromSeed(identity.signing.seed),
        listen: config.listen,
        transport: config.transport,
        ...(config.memoryTransport === undefined ? {} : { memoryTransport: config.memoryTransport }),
        bootstrap: config.bootstrap,
        lan: config.lan,
        mdns: config.mdns,
        pubsub: config.pubsub,
        dhtValidators: dhtValidators(config.clock),
        dhtSelectors: dhtSelectors(config.clock),
        allowLoopback: config.allowLoopback,
        guard: { trusted: (peer) => known.has(peer), onDeny: (peer, reason, denyMs) => { holder.node?.emitDenied(peer, reason, denyMs) } },
        start: false
      })
      const network = bindNetwork(libp2p)
      const delivery = await Delivery.open({
        store,
        log,
        transport: network.transport,
        lock: new KeyedLock(),
        clock: config.clock,
        random: config.random,
        retryInitialMs: config.retryInitialMs,
        retryMaxMs: config.retryMaxMs,
        onStatus: (m) => { holder.node?.emitStatus(m) }
      })
      const node = new KabarNode({ config, store, identity, account, libp2p, log, prekeys, delivery, network, known })
      holder.node = node
      return node
    } catch (err) {
      await store.close()
      throw err
    }
  }

  #emit<E extends NodeEventName> (event: E, payload: NodeEvents[E]): void {
    this.#events.emit(event, payload)
  }

  /** A peer over its budget (net/peer-guard.ts), as an event the daemon logs. */
  emitDenied (peerId: string, reason: string, denyMs: number): void {
    this.#emit('peer:denied', { peerId, reason, seconds: Math.round(denyMs / 1000) })
  }

  /** Delivery's status changes, as events. */
  emitStatus (m: StoredMessage): void {
    this.#emit('message:status', { id: m.id, peer: m.peer, status: m.status })
  }

  on<E extends NodeEventName> (event: E, listener: (payload: NodeEvents[E]) => void): void {
    this.#events.on(event, listener)
  }

  off<E extends NodeEventName> (event: E, listener: (payload: NodeEvents[E]) => void): void {
    this.#events.off(event, listener)
  }

  get peerId (): string {
    return this.libp2p.peerId.toString()
  }

  get multiaddrs (): string[] {
    return this.libp2p.getMultiaddrs().map((ma) => ma.toString())
  }

  get running (): boolean {
    return this.#running
  }

  async start (): Promise<void> {
    if (this.#running) return
    const receiver = new Receiver({
      store: this.store,
      log: this.#log,
      lock: this.#lock,
      identity: this.identity,
      prekeys: this.#prekeys,
      random: this.#config.random,
      clock: this.#config.clock,
      attribute: async (from, content) => this.#attribute(from, content),
      acceptContext: (context) => this.#acceptContext(context),
      onUnknownContext: () => { void this.#refreshMembership() },
      onMessage: (m) => this.#emit('message', view(m))
    })
    await this.#network.register({
      receive: async (from, id, payload) => receiver.receive(from, id, payload),
      provideOneTime: async (from) => this.#prekeys.handOut(from, this.#config.clock(), this.#known.has(from)),
      link: async (from, request) => this.#redeemLink(from, request)
    })
    this.libp2p.addEventListener('peer:connect', this.#onConnect)
    this.libp2p.addEventListener('peer:disconnect', this.#onDisconnect)
    await this.libp2p.start()
    this.#running = true
    this.#startedAt = this.#config.clock()
    this.#publishFailures = 0
    this.#publishAwaitsPeers = false
    await this.#delivery.start()
    this.#schedulePublish(0)
    void this.#refreshMembership()
  }

  readonly #onConnect = (evt: CustomEvent<{ toString: () => string }>): void => {
    const peerId = evt.detail.toString()
    this.#delivery.flush(peerId)
    if (this.#publishAwaitsPeers) {
      // A node alone when it last tried need not sit out its backoff once it has company.
      this.#publishAwaitsPeers = false
      this.#schedulePublish(PUBLISH_RETRY_MS / 5)
    }
    this.#emit('peer:connect', { peerId })
  }

  readonly #onDisconnect = (evt: CustomEvent<{ toString: () => string }>): void => {
    this.#emit('peer:disconnect', { peerId: evt.detail.toString() })
  }

  /** Publishes records now (or after `delayMs`), then on the republish interval; when no peer confirmed, retries with backoff. */
  #schedulePublish (delayMs: number): void {
    if (this.#republish !== undefined) clearTimeout(this.#republish)
    this.#republish = setTimeout(() => {
      this.#republish = undefined
      void this.#publishOnce().then((replicas) => {
        if (!this.#running) return
        const confirmed = replicas > 0
        this.#publishFailures = confirmed ? 0 : this.#publishFailures + 1
        this.#publishAwaitsPeers = !confirmed && routingTableSize(this.libp2p) === 0
        if (!confirmed) this.#schedulePublish(this.#publishRetryDelay())
        else if (replicas >= FULL_REPLICAS) this.#schedulePublish(this.#config.republishMs)
        else this.#republishOnGrowth(routingTableSize(this.libp2p), this.#config.clock() + this.#config.republishMs)
      })
    }, delayMs)
    this.#republish.unref()
  }

  /**
   * Few peers took our records (FULL_REPLICAS): we published into a network still forming (a
   * seed, an early node), and the k peers closest to each key may not exist yet; later nodes
   * closer to the keys would not hold them, and lookups that walk to those nodes find nothing
   * (2 of 20 lookups of a seed's record in a 200-node simulation). Publish again each time our
   * routing table has doubled (and at the republish interval at the latest), until enough peers
   * took them. A node joining a formed network reaches that at once.
   */
  #republishOnGrowth (tableAtPublication: number, due: number): void {
    this.#republish = setTimeout(() => {
      this.#republish = undefined
      if (!this.#running) return
      const grown = routingTableSize(this.libp2p) >= 2 * Math.max(1, tableAtPublication)
      if (grown || this.#config.clock() >= due) this.#schedulePublish(0)
      else this.#republishOnGrowth(tableAtPublication, due)
    }, GROWTH_CHECK_MS)
    this.#republish.unref()
  }

  /** 5 s doubling to 5 min, less up to half at random, so nodes that failed together do not retry together. */
  #publishRetryDelay (): number {
    const base = Math.min(PUBLISH_RETRY_MAX_MS, this.#config.republishMs, PUBLISH_RETRY_MS * 2 ** Math.min(this.#publishFailures - 1, 30))
    const jitter = 1 - PUBLISH_RETRY_JITTER * (this.#config.random(1)[0] ?? 0) / 255
    return Math.round(base * jitter)
  }

  /** Publishes once; resolves with how many peers took the less confirmed of the two records (0: none, or it failed). */
  async #publishOnce (): Promise<number> {
    try {
      await this.#prekeys.rotateIfDue(this.#config.clock())
      await this.#prekeys.replenish(this.#config.clock())
      const result = await this.publish()
      void this.#refreshMembership()
      return Math.min(result.account, result.prekey)
    } catch {
      return 0
    }
  }

  /** Publishes our records now and reports how many peers confirmed each (tests, `kabar status`). */
  async publish (): Promise<{ account: number, prekey: number }> {
    const result = await this.#publisher.publish()
    if (result.account > 0 && result.prekey > 0) {
      this.#recordsPublishedAt = this.#config.clock()
      this.#publishFailures = 0
    }
    return result
  }

  async stop (): Promise<void> {
    if (this.#republish !== undefined) clearTimeout(this.#republish)
    this.#republish = undefined
    const wasRunning = this.#running
    this.#running = false
    await this.#delivery.stop()
    if (wasRunning) {
      this.libp2p.removeEventListener('peer:connect', this.#onConnect)
      this.libp2p.removeEventListener('peer:disconnect', this.#onDisconnect)
      await this.libp2p.stop()
    }
    await this.store.close()
  }

  #requireRunning (): void {
    if (!this.#running) throw new KabarError('NODE_STOPPED', 'the node is not running')
  }

  status (): Promise<NodeStatus> {
    return Promise.resolve({
      address: this.address,
      peerId: this.peerId,
      multiaddrs: this.multiaddrs,
      connections: this.libp2p.getPeers().length,
      dhtPeers: routingTableSize(this.libp2p),
      outbox: this.#delivery.depth,
      account: this.#account.account,
      role: this.#account.membership?.role ?? 'primary',
      ...(this.#recordsPublishedAt === undefined ? {} : { recordsPublishedAt: this.#recordsPublishedAt }),
      startedAt: this.#startedAt,
      version: VERSION,
      guard: { ...this.libp2p.services.guard.stats(), prekeys: this.#prekeys.stats() }
    })
  }

  /** A session we can send on, with the device's prekeys from the DHT and, when it is online, a one-time prekey. */
  async #sessionFor (device: Device, context: Uint8Array | undefined): Promise<SessionRecord> {
    const record = await loadSession(this.store, device.peerId)
    if (record.canSend && record.remoteSigningKey !== undefined && bytesEqual(record.remoteSigningKey, ed25519FromPeerIdString(device.peerId))) return record
    const prekeys = await this.#directory.prekeys(device.peerId)
    if (prekeys === undefined) throw new KabarError('RECIPIENT_UNKNOWN', `no prekey record found for device ${device.peerId}`)
    if (device.certificate !== undefined && !bytesEqual(device.certificate.identityKey, prekeys.identity.identityKey)) {
      throw new KabarError('UNTRUSTED_IDENTITY', `device ${device.peerId} publishes an identity key its account did not certify`)
    }
    let oneTime: { id: number, publicKey: Uint8Array } | undefined
    try {
      oneTime = await this.#network.fetchOneTime(device.peerId, AbortSignal.timeout(PREKEY_FETCH_TIMEOUT_MS))
    } catch {
      oneTime = undefined // offline: the signed and ML-KEM last-resort prekeys suffice
    }
    return record.initiate({ identity: this.identity, bundle: bundleFromPrekeyRecord(prekeys, oneTime), random: this.#config.random, ...(context === undefined ? {} : { context }) })
  }

  async send (to: string, text: string, options: { sentBy?: string } = {}): Promise<MessageView> {
    this.#requireRunning()
    parseAddress(to)
    if (typeof text !== 'string' || text.length === 0) throw new KabarError('INVALID_CONFIG', 'text must be a non-empty string')
    if (utf8(text).length > MAX_TEXT_BYTES) throw new KabarError('INVALID_CONFIG', `text must be at most ${MAX_TEXT_BYTES} bytes`)
    if (to === this.address || to === this.#account.account) throw new KabarError('INVALID_CONFIG', 'cannot send a message to yourself')
    const sentBy = options.sentBy ?? this.#account.membershipCertificate?.label
    if (sentBy !== undefined && (typeof sentBy !== 'string' || [...sentBy].length > 64)) throw new KabarError('INVALID_CONFIG', 'sentBy must be a string of at most 64 characters')
    // A first message: the address's own node is nearly always one of its devices (a person's node
    // is their account, a business lists its own), so its prekey record is looked up while the
    // account record is, not after it. The Directory joins the two asks of the same record.
    if (await this.store.get('sessions', to) === undefined) void this.#directory.prekeys(to).catch(() => undefined)
    const account = await this.#directory.account(to)
    return this.#lock.run(`conversation:${to}`, async () => {
      const decision = await this.#reconcile(to, account)
      if (decision?.kind === 'reject') throw new KabarError('DISCLOSURE_REJECTED', `not sending to ${to}: ${decision.reason}`)
      // Found before a seq is taken, so an unknown recipient leaves no gap in the conversation's numbering.
      const recipients = decision?.kind === 'hold' ? [] : await this.#directory.devices(to)
      const seqBatch = this.store.batch()
      const message: StoredMessage = {
        id: toHex(this.#config.random(16)),
        index: 0,
        peer: to,
        from: this.#account.account,
        to,
        text,
        direction: 'out',
        seq: await this.#log.takeSeq(to, seqBatch),
        sentAt: this.#config.clock(),
        status: decision?.kind === 'hold' ? 'held' : 'queued',
        ...(sentBy === undefined ? {} : { sentBy })
      }
      if (decision?.kind === 'hold') {
        const state = await this.#disclosureState(to)
        message.index = this.#log.takeIndex()
        this.#log.put(seqBatch, message)
        seqBatch.putJson('disclosures', to, { ...state, held: [...state.held, message.id] })
        await seqBatch.write()
        this.#emit('message', view(message))
        return view(message)
      }
      const sent = await this.#encryptAndQueue(message, decision?.kind === 'send' ? decision.accepted : undefined, seqBatch, recipients)
      return view(sent)
    })
  }

  /** Encrypts `message` once per device of the recipient and of our own account (a sync copy), stores everything in one write, then flushes. */
  async #encryptAndQueue (message: StoredMessage, disclosure: KeptProfile | undefined, batch = this.store.batch(), found?: Device[]): Promise<StoredMessage> {
    const to = message.to
    const now = this.#config.clock()
    const recipients = found ?? await this.#directory.devices(to)
    const own = (await this.#ownDevices()).filter((d) => !recipients.some((r) => r.peerId === d.peerId))
    const context = disclosure === undefined ? undefined : fromHex(disclosure.hash)
    const membership = this.#account.membershipCertificate
    const base: contentWire.Content = {
      messageId: fromHex(message.id) as Uint8Array<ArrayBuffer>,
      seq: BigInt(message.seq),
      sentAt: BigInt(message.sentAt),
      text: message.text,
      disclosureVersion: BigInt(disclosure?.version ?? 0),
      disclosureHash: (context ?? new Uint8Array(0)) as Uint8Array<ArrayBuffer>,
      senderAccount: (membership === undefined ? new Uint8Array(0) : ed25519FromPeerIdString(this.#account.account)) as Uint8Array<ArrayBuffer>,
      senderCertificate: (membership === undefined ? new Uint8Array(0) : encodeCertificate(membership)) as Uint8Array<ArrayBuffer>,
      syncTo: new Uint8Array(0),
      sentBy: message.sentBy ?? ''
    }
    const forRecipient = contentWire.Content.encode(base)
    const forOwn = own.length === 0 ? forRecipient : contentWire.Content.encode({ ...base, syncTo: ed25519FromPeerIdString(to) as Uint8Array<ArrayBuffer> })
    const random = this.#config.random
    const all = [...recipients, ...own]
    let devices: Device[] = []
    const stored = await withLocks(this.#lock, all.map((d) => d.peerId), async () => {
      const targets = await this.#sessions(recipients, own, context)
      devices = targets.map((t) => t.device)
      targets.forEach(({ device, session, sync }) => {
        const { record, message: payload } = session.encrypt(sync ? forOwn : forRecipient)
        batch.put('sessions', device.peerId, record.serialize())
        this.#delivery.enqueue(batch, { envelopeId: toHex(random(16)), messageId: message.id, device: device.peerId, payload: toHex(payload), createdAt: now })
      })
      const next: StoredMessage = {
        ...message,
        index: message.index === 0 ? this.#log.takeIndex() : message.index,
        status: 'queued',
        pendingDevices: devices.map((d) => d.peerId),
        ...(disclosure === undefined ? {} : { disclosureVersion: disclosure.version })
      }
      this.#log.put(batch, next)
      await batch.write()
      this.#delivery.committed(devices.length)
      return next
    })
    if (message.index === 0) this.#emit('message', view(stored))
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

  /** The other devices of the account we speak for: sync copies of what we send go to them. */
  async #ownDevices (): Promise<Device[]> {
    const now = this.#config.clock()
    const membership = this.#account.membership
    let certs: DeviceCertificate[]
    if (membership === undefined) {
      certs = this.#account.linkedDevices(now)
    } else {
      const record = this.#directory.cachedAccount(membership.account) ?? await this.#directory.account(membership.account, false)
      certs = record === undefined ? [] : activeDevices(record, now)
    }
    return certs
      .filter((c) => !bytesEqual(c.devicePeerKey, this.identity.public.signingKey))
      .map((c) => ({ peerId: peerIdStringFromEd25519(c.devicePeerKey), certificate: c }))
  }

  async #disclosureState (address: string): Promise<DisclosureState> {
    return await this.store.getJson<DisclosureState>('disclosures', address) ?? { seen: {}, held: [] }
  }

  /**
   * Decides, from the business's current profile, whether a message to it may
   * be sent now; stores the consent state and the conversation's system
   * events. Undefined for an address without a business profile.
   */
  async #reconcile (to: string, account: AccountRecord | undefined): Promise<ReturnType<typeof decide>['decision'] | undefined> {
    if (account?.profile === undefined || account.business === undefined) return undefined
    const state = await this.#disclosureState(to)
    const { decision, state: next } = decide(state, account.business, account.profile)
    const batch = this.store.batch().putJson('disclosures', to, next)
    const name = account.profile.displayName
    let event: SystemEvent | undefined
    if (decision.kind === 'send' && decision.first) {
      event = { type: 'disclosure-shown', version: decision.accepted.version, summary: (await this.#disclosureView(to, account, next)).summary.join(' ') }
    } else if (decision.kind === 'send' && decision.updated !== undefined) {
      event = { type: 'disclosure-updated', version: decision.accepted.version, summary: describeDiff(name, decision.updated.diff), diff: decision.updated.diff }
    } else if (decision.kind === 'hold' && decision.fresh) {
      event = { type: 'disclosure-changed', version: decision.pending.version, summary: describeDiff(name, decision.diff), diff: decision.diff }
    } else if (decision.kind === 'reject' && decision.fresh) {
      event = { type: 'disclosure-rejected', version: account.profile.version, summary: `${name}'s profile was refused: ${decision.reason}. Nothing is sent to it until this is resolved.` }
    }
    const system = event === undefined ? undefined : this.#systemMessage(to, event, batch)
    await batch.write()
    if (system !== undefined) {
      this.#emit('message', view(system))
      this.#emit('disclosure', await this.#disclosureView(to, account, next))
    }
    if (decision.kind === 'send' && next.held.length > 0) queueMicrotask(() => { void this.#release(to) })
    return decision
  }

  #systemMessage (peer: string, system: SystemEvent, batch: ReturnType<KabarStore['batch']>): StoredMessage {
    const now = this.#config.clock()
    const message: StoredMessage = {
      id: toHex(this.#config.random(16)),
      index: this.#log.takeIndex(),
      peer,
      from: peer,
      to: this.#account.account,
      text: system.summary,
      direction: 'system',
      seq: 0,
      sentAt: now,
      receivedAt: now,
      status: 'received',
      ...(system.version === undefined ? {} : { disclosureVersion: system.version }),
      system
    }
    this.#log.put(batch, message)
    return message
  }

  /** Sends the messages held for `to`, in order, now that its disclosure is accepted. */
  async #release (to: string): Promise<void> {
    if (!this.#running) return
    await this.#lock.run(`conversation:${to}`, async () => {
      const state = await this.#disclosureState(to)
      if (state.held.length === 0 || state.pending !== undefined || state.accepted === undefined) return
      const accepted = state.accepted
      for (const id of state.held) {
        const message = await this.#log.get(id)
        if (message?.status !== 'held') continue
        await this.#encryptAndQueue(message, accepted)
      }
      await this.store.putJson('disclosures', to, { ...state, held: [] })
    }).catch(() => { /* still held; retried on the next send or accept */ })
  }

  async message (id: string): Promise<MessageView | undefined> {
    const m = await this.#log.get(id)
    return m === undefined ? undefined : view(m)
  }

  async messages (query: { peer?: string, after?: number, limit?: number } = {}): Promise<MessageView[]> {
    return this.#log.list(query)
  }

  async contacts (): Promise<Contact[]> {
    const out: Contact[] = []
    for await (const { value } of this.store.iterateJson<Contact>('contacts')) out.push(value)
    return out
  }

  async addContact (address: string, name?: string): Promise<Contact> {
    parseAddress(address)
    const existing = await this.store.getJson<Contact>('contacts', address)
    const contact: Contact = { address, verified: existing?.verified ?? false, addedAt: existing?.addedAt ?? this.#config.clock(), ...(name === undefined ? (existing?.name === undefined ? {} : { name: existing.name }) : { name }) }
    await this.store.putJson('contacts', address, contact)
    this.#known.add(address)
    return contact
  }

  async verify (address: string): Promise<Contact> {
    const contact = await this.addContact(address)
    const verified = { ...contact, verified: true }
    await this.store.putJson('contacts', address, verified)
    return verified
  }

  safetyNumber (address: string): Promise<string> {
    try {
      return Promise.resolve(safetyNumber(this.identity.public.signingKey, parseAddress(address)))
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)))
    }
  }

  async lookup (address: string): Promise<LookupResult> {
    this.#requireRunning()
    parseAddress(address)
    const account = await this.#directory.account(address)
    const result: LookupResult = { address, prekeys: {}, multiaddrs: [] }
    const deviceIds = account === undefined ? [address] : account.devices.map((c) => peerIdStringFromEd25519(c.devicePeerKey))
    if (account !== undefined) {
      result.account = {
        seq: account.seq,
        created: account.created,
        expires: account.expires,
        devices: account.devices.map((c) => ({ peerId: peerIdStringFromEd25519(c.devicePeerKey), role: c.role, label: c.label, identityKey: toHex(c.identityKey), ...(c.expires === undefined ? {} : { expires: c.expires }) }))
      }
    }
    for (const device of deviceIds) {
      const p = await this.#directory.prekeys(device)
      if (p !== undefined) result.prekeys[device] = { seq: p.seq, created: p.created, expires: p.expires, signedPrekeyId: p.signedPrekey.id, pqPrekeyId: p.pqPrekey.id }
      result.multiaddrs.push(...await this.#network.addressesOf(device))
    }
    if (account?.profile !== undefined) {
      const business = await this.disclosure(address, account)
      if (business !== undefined) result.business = business
    }
    return result
  }
  // ---- customers of businesses ----

  async #disclosureView (address: string, account: AccountRecord, state: DisclosureState): Promise<DisclosureView> {
    const profile = account.profile
    const bytes = account.business
    if (profile === undefined || bytes === undefined) throw new KabarError('NOT_FOUND', `${address} publishes no business profile`)
    const verification = await this.#verification(address, profile.attestations)
    const pv = profileView(address, bytes, profile, verification.attestations.map(({ counts: _c, reason: _r, verifierLabel: _l, ...a }) => a))
    const { decision } = decide(state, bytes, profile)
    const lines = [...verificationSummary(verification), ...trustWarnings(await this.#trust.settings())]
    const out: DisclosureView = { address, profile: pv, summary: summarize(pv, lines), verification }
    if (state.accepted !== undefined) out.acceptedVersion = state.accepted.version
    if (decision.kind === 'hold') out.pending = decision.diff
    if (decision.kind === 'reject') out.rejected = decision.reason
    return out
  }

  /** How the attestations in a profile stand against this user's trusted verifiers and their revocations. */
  async #verification (business: string, attestations: Uint8Array[]): Promise<VerificationView> {
    const trusted = await this.#trust.settings()
    const revoked = new Map<string, ReadonlySet<string>>()
    if (attestations.length > 0) {
      for (const v of trusted.verifiers) {
        try {
          const record = await this.#directory.account(v.address)
          if (record !== undefined) revoked.set(v.address, new Set(record.revoked.map(toHex)))
        } catch { /* unreachable verifier: no revocations known (docs/DECISIONS.md) */ }
      }
    }
    return evaluateAttestations({ business: ed25519FromPeerIdString(business), attestations, trusted, now: this.#config.clock(), revoked: (address) => revoked.get(address) })
  }

  async disclosure (address: string, record?: AccountRecord): Promise<DisclosureView | undefined> {
    this.#requireRunning()
    parseAddress(address)
    const account = record ?? await this.#directory.account(address)
    if (account?.profile === undefined) return undefined
    return this.#disclosureView(address, account, await this.#disclosureState(address))
  }

  async acceptDisclosure (address: string): Promise<DisclosureView> {
    this.#requireRunning()
    parseAddress(address)
    const account = await this.#directory.account(address)
    if (account?.profile === undefined || account.business === undefined) throw new KabarError('NOT_FOUND', `${address} publishes no business profile`)
    const shown = await this.#lock.run(`conversation:${address}`, async () => {
      const state = await this.#disclosureState(address)
      const { decision } = decide(state, account.business ?? new Uint8Array(0), account.profile as NonNullable<AccountRecord['profile']>)
      if (decision.kind === 'reject') throw new KabarError('DISCLOSURE_REJECTED', decision.reason)
      if (decision.kind !== 'hold') throw new KabarError('CONFLICT', `nothing to accept: ${address}'s disclosure has not changed since you accepted it`)
      const next: DisclosureState = { ...state, accepted: decision.pending, seen: { ...state.seen, [String(decision.pending.version)]: decision.pending.hash } }
      delete next.pending
      delete next.rejected
      const batch = this.store.batch().putJson('disclosures', address, next)
      const system = this.#systemMessage(address, {
        type: 'disclosure-accepted',
        version: decision.pending.version,
        summary: `You accepted ${account.profile?.displayName ?? address}'s disclosure version ${decision.pending.version}.`
      }, batch)
      await batch.write()
      this.#emit('message', view(system))
      return this.#disclosureView(address, account, next)
    })
    this.#emit('disclosure', shown)
    await this.#release(address)
    return shown
  }

  // ---- the business side ----

  async publishProfile (input: BusinessProfileInput): Promise<BusinessProfileView> {
    this.#requireRunning()
    if (this.#account.membership !== undefined) throw new KabarError('CONFLICT', 'this node is a device of another account; publish the profile from that account\'s node')
    await this.#account.publishProfile(input, this.#config.clock())
    await this.#publishNow()
    const profile = await this.profile()
    if (profile === undefined) throw new KabarError('INTERNAL', 'profile vanished after publishing')
    return profile
  }

  /** Publishes our records now; a failure to reach peers is left to the republish timer. */
  async #publishNow (): Promise<void> {
    try {
      await this.publish()
    } catch { /* retried by the timer */ }
    this.#schedulePublish(this.#config.republishMs)
  }

  profile (): Promise<BusinessProfileView | undefined> {
    const bytes = this.#account.profileBytes
    const profile = this.#account.profile
    if (bytes === undefined || profile === undefined) return Promise.resolve(undefined)
    return Promise.resolve(profileView(this.address, bytes, profile, profile.attestations.map((a) => attestationView(decodeAttestation(a), attestationIdHex(a)))))
  }

  devices (): Promise<DeviceView[]> {
    return Promise.resolve(this.#account.certificates().map(deviceView))
  }

  async addDevice (options: { role: 'agent' | 'processor' | 'linked' | 'mailbox', label: string }): Promise<LinkCode> {
    this.#requireRunning()
    const roles: DeviceRole[] = ['agent', 'processor', 'linked', 'mailbox']
    if (!roles.includes(options.role)) throw new KabarError('BAD_REQUEST', `role must be one of ${roles.join(', ')}`)
    if (typeof options.label !== 'string' || options.label.trim() === '' || [...options.label].length > 64) throw new KabarError('BAD_REQUEST', 'label must be 1 to 64 characters')
    if (this.#account.membership !== undefined) throw new KabarError('CONFLICT', 'this node is a device of another account; add devices from that account\'s node')
    return this.#account.createLinkCode(options.role, options.label, this.multiaddrs, this.#config.clock(), this.#config.random)
  }

  async #redeemLink (from: string, request: LinkRequest): Promise<LinkAnswer> {
    try {
      const cert = await this.#account.redeem(ed25519FromPeerIdString(from), request.secret, request.identityKey, this.#config.clock())
      await this.#account.refreshProfile(this.#config.clock())
      void this.#publishNow()
      return { ok: true, accountKey: this.identity.public.signingKey, certificate: encodeCertificate(cert) }
    } catch (err) {
      return { ok: false, error: KabarError.is(err) ? err.message : 'the account\'s node could not link this device' }
    }
  }

  async removeDevice (peerId: string): Promise<DeviceView[]> {
    this.#requireRunning()
    parseAddress(peerId)
    if (!await this.#account.removeDevice(peerId)) throw new KabarError('NOT_FOUND', `${peerId} is not a linked device of this account`)
    await this.#account.refreshProfile(this.#config.clock())
    await this.#publishNow()
    return this.devices()
  }

  async link (code: string): Promise<Membership> {
    this.#requireRunning()
    const parsed = parseLinkCode(code)
    if (parsed.account === this.address) throw new KabarError('LINK_REFUSED', 'this is the account\'s own node')
    const answer = await this.#network.requestLink(parsed.account, parsed.multiaddrs, { secret: parsed.secret, identityKey: this.identity.public.identityKey })
    const accountKey = ed25519FromPeerIdString(parsed.account)
    if (!bytesEqual(answer.accountKey, accountKey)) throw new KabarError('LINK_REFUSED', 'the node that answered is not the account in the code')
    let cert: DeviceCertificate
    try {
      cert = decodeCertificate(answer.certificate, accountKey)
    } catch (err) {
      throw new KabarError('LINK_REFUSED', 'the account\'s node sent an invalid certificate', { cause: err })
    }
    if (!bytesEqual(cert.devicePeerKey, this.identity.public.signingKey) || !bytesEqual(cert.identityKey, this.identity.public.identityKey)) {
      throw new KabarError('LINK_REFUSED', 'the certificate names another device')
    }
    await this.#account.setMembership(parsed.account, cert)
    await this.#refreshMembership()
    const membership = this.#account.membership
    if (membership === undefined) throw new KabarError('INTERNAL', 'membership not stored')
    return membership
  }

  /**
   * Learns the profile hashes of the business we were linked into (the contexts its customers bind).
   * A customer's unknown context means the business published a profile we have not seen: ask the
   * DHT again rather than take the record cached minutes ago (a lookup at most every few seconds).
   */
  async #refreshMembership (): Promise<void> {
    const membership = this.#account.membership
    if (membership === undefined || !this.#running) return
    try {
      const record = await this.#directory.account(membership.account, { maxAgeMs: MEMBERSHIP_REFRESH_MIN_MS })
      const profile = record?.profile
      if (profile === undefined || record?.business === undefined) return
      this.#memberHashes = new Set([...this.#memberHashes, toHex(sha256(record.business)), ...(profile.prev.length === 32 ? [toHex(profile.prev)] : []), ...profile.earlier.map(toHex)])
    } catch { /* retried on the next refresh */ }
  }

  /** A new session may bind no context, or the hash of a profile version of the business we read for. */
  #acceptContext (context: Uint8Array): boolean {
    if (context.length === 0) return true
    const hex = toHex(context)
    if (this.#account.profileHashes.has(hex) || this.#memberHashes.has(hex)) return true
    // Not a business and not a business's device: nothing to check a context against.
    return this.#account.profileBytes === undefined && this.#account.membership === undefined
  }

  /**
   * Whether `account` still lists the device: a removed agent no longer speaks
   * for it. Our own account answers from our own certificates; another's from
   * its record (cached when we have it), and counts when no record is found.
   */
  async #stillListed (account: string, deviceKey: Uint8Array, now: number): Promise<boolean> {
    const lists = (certs: DeviceCertificate[]): boolean => certs.some((c) => bytesEqual(c.devicePeerKey, deviceKey))
    if (account === this.address && this.#account.membership === undefined) return lists(this.#account.linkedDevices(now))
    const record = this.#directory.cachedAccount(account) ?? await this.#directory.account(account, false)
    return record === undefined || lists(activeDevices(record, now))
  }

  /** Who sent a decrypted message: an account's certified device speaks for the account; a copy from our own account's device is our outgoing message. */
  async #attribute (from: string, content: contentWire.Content): Promise<Attribution> {
    let account = from
    let device: string | undefined
    let label: string | undefined
    if (content.senderAccount.length === 32) {
      try {
        const cert = decodeCertificate(content.senderCertificate, content.senderAccount)
        const claimed = peerIdStringFromEd25519(content.senderAccount)
        const now = this.#config.clock()
        if (!bytesEqual(cert.devicePeerKey, ed25519FromPeerIdString(from)) || !isCertificateActive(cert, now)) throw new Error('certificate for another device')
        if (await this.#stillListed(claimed, cert.devicePeerKey, now)) {
          account = claimed
          device = from
          label = cert.label
        }
      } catch { /* not attributed: the message stays the device's own */ }
    }
    const sentBy = content.sentBy !== '' ? content.sentBy.slice(0, 64) : label
    const extra = { ...(sentBy === undefined ? {} : { sentBy }), ...(device === undefined ? {} : { device }) }
    if (content.syncTo.length === 32 && account === this.#account.account) {
      const peer = peerIdStringFromEd25519(content.syncTo)
      return { peer, from: account, to: peer, direction: 'out', ...extra }
    }
    return { peer: account, from: account, to: this.#account.account, direction: 'in', ...extra }
  }

  // ---- verifiers and trust ----

  async attest (options: { business: string, legalName: string, domain: string, scope?: string, days: number }): Promise<{ attestation: string, view: AttestationView }> {
    return this.#verifier.attest(options, this.identity.signing, this.#config.clock())
  }

  async revokeAttestation (id: string): Promise<void> {
    this.#requireRunning()
    await this.#verifier.revoke(id)
    await this.#publishNow()
  }

  async trust (): Promise<TrustSettings> {
    return this.#trust.settings()
  }

  async addVerifier (address: string, label?: string): Promise<TrustSettings> {
    return this.#trust.addVerifier(address, label)
  }

  async removeVerifier (address: string): Promise<TrustSettings> {
    return this.#trust.removeVerifier(address)
  }

  async setTrustThreshold (k: number): Promise<TrustSettings> {
    return this.#trust.setThreshold(k)
  }
}

function deviceView (c: DeviceCertificate): DeviceView {
  return { peerId: peerIdStringFromEd25519(c.devicePeerKey), role: c.role, label: c.label, identityKey: toHex(c.identityKey), expires: c.expires }
}

function parseAddress (address: string): Uint8Array {
  try {
    return ed25519FromPeerIdString(address)
  } catch (err) {
    throw new KabarError('INVALID_CONFIG', `invalid address "${String(address)}"`, { cause: err })
  }
}
