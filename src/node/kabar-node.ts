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
import { bundleFromPrekeyRecord, dhtSelectors, dhtValidators, ed25519FromPeerIdString, peerIdStringFromEd25519 } from '../records/index.ts'
import { safetyNumber } from '../session/index.ts'
import type { IdentityKeyPair , SessionRecord} from '../session/index.ts'
import { openStore } from '../store/index.ts'
import type { KabarStore } from '../store/index.ts'
import { content as contentWire } from '../wire/index.ts'
import { bytesEqual } from '../crypto/index.ts'
import { resolveConfig } from './config.ts'
import type { NodeConfig, NodeInit } from './config.ts'
import { MAX_TEXT_BYTES, PREKEY_FETCH_TIMEOUT_MS, PUBLISH_RETRY_MS } from './constants.ts'
import { Delivery } from './delivery.ts'
import { Directory } from './directory.ts'
import type { Device } from './directory.ts'
import { loadOrCreateIdentity } from './identity.ts'
import { KeyedLock, withLocks } from './lock.ts'
import { MessageLog, view } from './log.ts'
import type { StoredMessage } from './log.ts'
import { bindNetwork } from './network.ts'
import type { NetworkBinding } from './network.ts'
import { Prekeys } from './prekeys.ts'
import { Publisher } from './publisher.ts'
import { Receiver, loadSession } from './receive.ts'
import type { AttestationView, BusinessProfileInput, BusinessProfileView, Contact, DeviceView, DisclosureView, LinkCode, LookupResult, Membership, MessageView, NodeApi, NodeEventName, NodeEvents, NodeStatus, TrustSettings } from './types.ts'

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
  #republish: NodeJS.Timeout | undefined
  #startedAt = 0
  #running = false

  private constructor (parts: { config: NodeConfig, store: KabarStore, identity: IdentityKeyPair, createdAt: number, libp2p: KabarLibp2p, log: MessageLog, prekeys: Prekeys, delivery: Delivery, network: NetworkBinding }) {
    this.#config = parts.config
    this.store = parts.store
    this.identity = parts.identity
    this.libp2p = parts.libp2p
    this.#log = parts.log
    this.#prekeys = parts.prekeys
    this.#delivery = parts.delivery
    this.#network = parts.network
    this.address = peerIdStringFromEd25519(parts.identity.public.signingKey)
    this.#directory = new Directory({ dht: parts.libp2p, store: parts.store, clock: parts.config.clock, timeoutMs: parts.config.dhtTimeoutMs })
    this.#publisher = new Publisher({ dht: parts.libp2p, store: parts.store, identity: parts.identity, prekeys: parts.prekeys, clock: parts.config.clock, createdAt: parts.createdAt, timeoutMs: parts.config.dhtTimeoutMs })
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
      const libp2p = await createKabarLibp2p({
        privateKey: privateKeyFromSeed(identity.signing.seed),
        listen: config.listen,
        transport: config.transport,
        bootstrap: config.bootstrap,
        lan: config.lan,
        mdns: config.mdns,
        dhtValidators: dhtValidators(config.clock),
        dhtSelectors: dhtSelectors(config.clock),
        start: false
      })
      const network = bindNetwork(libp2p)
      const holder: { node?: KabarNode } = {}
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
      const node = new KabarNode({ config, store, identity, createdAt, libp2p, log, prekeys, delivery, network })
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
      address: this.address,
      onMessage: (m) => this.#emit('message', view(m))
    })
    await this.#network.register({
      receive: async (from, id, payload) => receiver.receive(from, id, payload),
      provideOneTime: async () => this.#prekeys.handOut()
    })
    this.libp2p.addEventListener('peer:connect', this.#onConnect)
    this.libp2p.addEventListener('peer:disconnect', this.#onDisconnect)
    await this.libp2p.start()
    this.#running = true
    this.#startedAt = this.#config.clock()
    await this.#delivery.start()
    this.#schedulePublish(0)
  }

  readonly #onConnect = (evt: CustomEvent<{ toString: () => string }>): void => {
    const peerId = evt.detail.toString()
    this.#delivery.flush(peerId)
    this.#emit('peer:connect', { peerId })
  }

  readonly #onDisconnect = (evt: CustomEvent<{ toString: () => string }>): void => {
    this.#emit('peer:disconnect', { peerId: evt.detail.toString() })
  }

  /** Publishes records now (or after `delayMs`), then on the republish interval; retries soon when no peer confirmed. */
  #schedulePublish (delayMs: number): void {
    if (this.#republish !== undefined) clearTimeout(this.#republish)
    this.#republish = setTimeout(() => {
      this.#republish = undefined
      void this.#publishOnce().then((confirmed) => {
        if (this.#running) this.#schedulePublish(confirmed ? this.#config.republishMs : PUBLISH_RETRY_MS)
      })
    }, delayMs)
    this.#republish.unref()
  }

  async #publishOnce (): Promise<boolean> {
    try {
      await this.#prekeys.rotateIfDue(this.#config.clock())
      await this.#prekeys.replenish(this.#config.clock())
      const result = await this.#publisher.publish()
      return result.account > 0 && result.prekey > 0
    } catch {
      return false
    }
  }

  /** Publishes our records now and reports how many peers confirmed each (tests, `kabar status`). */
  async publish (): Promise<{ account: number, prekey: number }> {
    return this.#publisher.publish()
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
      account: this.address,
      role: 'primary',
      startedAt: this.#startedAt,
      version: VERSION
    })
  }

  /** A session we can send on, with the device's prekeys from the DHT and, when it is online, a one-time prekey. */
  async #sessionFor (device: Device): Promise<SessionRecord> {
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
    return record.initiate({ identity: this.identity, bundle: bundleFromPrekeyRecord(prekeys, oneTime), random: this.#config.random })
  }

  async send (to: string, text: string): Promise<MessageView> {
    this.#requireRunning()
    parseAddress(to)
    if (typeof text !== 'string' || text.length === 0) throw new KabarError('INVALID_CONFIG', 'text must be a non-empty string')
    if (utf8(text).length > MAX_TEXT_BYTES) throw new KabarError('INVALID_CONFIG', `text must be at most ${MAX_TEXT_BYTES} bytes`)
    if (to === this.address) throw new KabarError('INVALID_CONFIG', 'cannot send a message to yourself')
    const devices = await this.#directory.devices(to)
    const random = this.#config.random
    const message = await withLocks(this.#lock, devices.map((d) => d.peerId), async () => {
      const sessions = await Promise.all(devices.map(async (d) => this.#sessionFor(d)))
      const batch = this.store.batch()
      const id = random(16)
      const seq = await this.#log.takeSeq(to, batch)
      const sentAt = this.#config.clock()
      const plaintext = contentWire.Content.encode({ messageId: id as Uint8Array<ArrayBuffer>, seq: BigInt(seq), sentAt: BigInt(sentAt), text })
      devices.forEach((device, i) => {
        const { record, message: payload } = (sessions[i]).encrypt(plaintext)
        batch.put('sessions', device.peerId, record.serialize())
        this.#delivery.enqueue(batch, { envelopeId: toHex(random(16)), messageId: toHex(id), device: device.peerId, payload: toHex(payload), createdAt: sentAt })
      })
      const stored: StoredMessage = {
        id: toHex(id), index: this.#log.takeIndex(), peer: to, from: this.address, to, text, direction: 'out', seq, sentAt, status: 'queued', pendingDevices: devices.map((d) => d.peerId)
      }
      this.#log.put(batch, stored)
      await batch.write()
      this.#delivery.committed(devices.length)
      return stored
    })
    this.#emit('message', view(message))
    for (const device of devices) this.#delivery.flush(device.peerId)
    return view(message)
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
    return result
  }
  // ---- business, verifiers and trust (being built) ----
  disclosure (_address: string): Promise<DisclosureView | undefined> { return notYet() }
  acceptDisclosure (_address: string): Promise<DisclosureView> { return notYet() }
  publishProfile (_input: BusinessProfileInput): Promise<BusinessProfileView> { return notYet() }
  profile (): Promise<BusinessProfileView | undefined> { return notYet() }
  devices (): Promise<DeviceView[]> { return notYet() }
  addDevice (_options: { role: 'agent' | 'processor' | 'linked' | 'mailbox', label: string }): Promise<LinkCode> { return notYet() }
  removeDevice (_peerId: string): Promise<DeviceView[]> { return notYet() }
  link (_code: string): Promise<Membership> { return notYet() }
  attest (_options: { business: string, legalName: string, domain: string, scope?: string, days: number }): Promise<{ attestation: string, view: AttestationView }> { return notYet() }
  revokeAttestation (_id: string): Promise<void> { return notYet() }
  trust (): Promise<TrustSettings> { return notYet() }
  addVerifier (_address: string, _label?: string): Promise<TrustSettings> { return notYet() }
  removeVerifier (_address: string): Promise<TrustSettings> { return notYet() }
  setTrustThreshold (_k: number): Promise<TrustSettings> { return notYet() }
}

function notYet<T> (): Promise<T> {
  return Promise.reject(new KabarError('INTERNAL', 'not implemented yet'))
}


function parseAddress (address: string): Uint8Array {
  try {
    return ed25519FromPeerIdString(address)
  } catch (err) {
    throw new KabarError('INVALID_CONFIG', `invalid address "${String(address)}"`, { cause: err })
  }
}
