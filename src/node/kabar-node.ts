/**
 * KabarNode: one person's node, and what the API, the CLI and simulations
 * drive. It is a facade: it opens the shared components (components.ts),
 * composes one service per capability from them, starts and stops them,
 * fans out their events, and forwards every public method to the service
 * that owns it. Logic lives in the services, never here
 * (docs/ARCHITECTURE.md says where a new capability goes).
 */
import type { KabarLibp2p } from '../net/libp2p.ts'
import { routingTableSize } from '../net/dht.ts'
import type { AccountRecord } from '../records/index.ts'
import type { IdentityKeyPair } from '../session/index.ts'
import type { KabarStore } from '../store/index.ts'
import { Consent } from './business/consent.ts'
import { BusinessMembership } from './business/membership.ts'
import { OwnProfile } from './business/profile.ts'
import { openComponents } from './components.ts'
import type { NodeComponents } from './components.ts'
import { resolveConfig } from './config.ts'
import type { NodeInit } from './config.ts'
import { Contacts } from './contacts.ts'
import { Groups } from './groups/groups.ts'
import { Linking } from './devices/linking.ts'
import { Roster } from './devices/roster.ts'
import { Invites } from './invites.ts'
import { Lookup } from './lookup.ts'
import { Mailbox } from './mailbox/mailbox.ts'
import { Messaging, openDelivery } from './messaging/messaging.ts'
import type { Delivery } from './messaging/delivery.ts'
import { Publication } from './publication/publication.ts'
import type { PublishResult } from './publication/publisher.ts'
import { Verification } from './trust/verification.ts'
import type { AttestationView, BusinessProfileInput, BusinessProfileView, Contact, DeviceView, DisclosureView, InviteView, JoinResult, LinkCode, LookupResult, Membership, MessageView, NodeApi, NodeEventName, NodeEvents, NodeStatus, TrustSettings } from './types.ts'

const VERSION = '0.1.0'

export class KabarNode implements NodeApi {
  readonly address: string
  readonly identity: IdentityKeyPair
  readonly libp2p: KabarLibp2p
  readonly store: KabarStore
  /** Groups (node/groups/): create, change, send, read. */
  readonly groups: Groups
  readonly #c: NodeComponents
  readonly #messaging: Messaging
  readonly #consent: Consent
  readonly #profile: OwnProfile
  readonly #membership: BusinessMembership
  readonly #linking: Linking
  readonly #roster: Roster
  readonly #verification: Verification
  readonly #publication: Publication
  readonly #contacts: Contacts
  readonly #lookup: Lookup
  readonly #invites: Invites
  readonly #mailbox: Mailbox

  /** Composes the services. Where two need each other, each declares the interface it uses and gets a closure over the other. */
  private constructor (c: NodeComponents, delivery: Delivery) {
    this.#c = c
    this.address = c.address
    this.identity = c.identity
    this.libp2p = c.libp2p
    this.store = c.store
    const publishNow = async (): Promise<void> => this.#publication.publishNow()
    this.#membership = new BusinessMembership(c)
    this.#verification = new Verification(c, { publishNow })
    this.#publication = new Publication(c, { revoked: async () => this.#verification.revokedIds(), afterPublish: () => { void this.#membership.refresh() } })
    this.#roster = new Roster(c, { businessHasProfile: () => this.#membership.businessHasProfile })
    this.#consent = new Consent(c, { verification: this.#verification, release: async (to) => this.#messaging.release(to) })
    this.groups = new Groups(c, { sendControl: async (devices, control) => this.#messaging.sendGroupControl(devices, control), ownDevices: async () => this.#roster.ownDevices(), contacts: async () => this.#contacts.list() })
    this.#messaging = new Messaging(c, { delivery, gate: this.#consent, roster: this.#roster, contexts: this.#membership, groupControl: this.groups.controlSink })
    this.#profile = new OwnProfile(c, { publishNow })
    this.#linking = new Linking(c, { publishNow, refreshMembership: async () => this.#membership.refresh() })
    this.#contacts = new Contacts(c)
    this.#invites = new Invites(c, { addContact: async (address, name, suggested) => this.#contacts.add(address, name, suggested) })
    this.#lookup = new Lookup(c, { disclosure: async (address, record) => this.#consent.disclosure(address, record) })
    this.#mailbox = new Mailbox(c, { receive: async (f, id, p) => this.#messaging.receive(f, id, p), sendReceipt: async (d, ids) => this.#messaging.sendReceipt(d, ids), roster: this.#roster, expire: async (now) => this.#messaging.expireDeposited(now) })
  }

  /** Opens (or creates) the node's data and builds its libp2p node, not yet started. */
  static async create (init: NodeInit = {}): Promise<KabarNode> {
    const c = await openComponents(resolveConfig(init))
    try {
      return new KabarNode(c, await openDelivery(c))
    } catch (err) {
      await c.store.close()
      throw err
    }
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
    const { lifecycle } = this.#c
    if (lifecycle.running) return
    await this.#c.network.register({
      receive: async (from, id, payload) => this.#messaging.receive(from, id, payload),
      provideOneTime: async (from) => this.#c.prekeys.handOut(from, this.#c.clock(), this.#c.known.has(from)),
      link: async (from, request) => this.#linking.redeem(from, request),
      mailbox: this.#mailbox.handlers
    })
    this.libp2p.addEventListener('peer:connect', this.#onConnect)
    this.libp2p.addEventListener('peer:disconnect', this.#onDisconnect)
    await this.libp2p.start()
    lifecycle.running = true
    lifecycle.startedAt = this.#c.clock()
    this.#publication.start()
    await this.#messaging.start()
    await this.groups.start(this.#c.pubsubScores)
    await this.#mailbox.start()
    this.#publication.schedule(0)
    void this.#membership.refresh()
  }

  async stop (): Promise<void> {
    this.#publication.stop()
    const wasRunning = this.#c.lifecycle.running
    this.#c.lifecycle.running = false
    await this.groups.stop()
    await this.#messaging.stop()
    this.#mailbox.stop()
    if (wasRunning) {
      this.libp2p.removeEventListener('peer:connect', this.#onConnect)
      this.libp2p.removeEventListener('peer:disconnect', this.#onDisconnect)
      await this.libp2p.stop()
    }
    await this.store.close()
  }

  readonly #onConnect = (evt: CustomEvent<{ toString: () => string }>): void => {
    const peerId = evt.detail.toString()
    this.#messaging.onPeer(peerId)
    this.groups.onPeer(peerId)
    this.#mailbox.onPeer(peerId)
    this.#publication.onPeer()
    this.#c.emit('peer:connect', { peerId })
  }

  readonly #onDisconnect = (evt: CustomEvent<{ toString: () => string }>): void => {
    this.#c.emit('peer:disconnect', { peerId: evt.detail.toString() })
  }

  status (): Promise<NodeStatus> {
    const { account, lifecycle } = this.#c
    const publishedAt = this.#publication.recordsPublishedAt
    const mailbox = this.#mailbox.status()
    return Promise.resolve({
      address: this.address,
      peerId: this.peerId,
      multiaddrs: this.multiaddrs,
      connections: this.libp2p.getPeers().length,
      dhtPeers: routingTableSize(this.libp2p),
      outbox: this.#messaging.outbox,
      account: account.account,
      role: account.membership?.role ?? 'primary',
      ...(publishedAt === undefined ? {} : { recordsPublishedAt: publishedAt }),
      startedAt: lifecycle.startedAt,
      version: VERSION,
      guard: { ...this.libp2p.services.guard.stats(), prekeys: this.#c.prekeys.stats() },
      ...(mailbox === undefined ? { fromMailbox: this.#mailbox.taken } : { mailbox })
    })
  }

  /** Publishes our records now and reports how many peers confirmed each (tests, `kabar status`). */
  async publish (): Promise<PublishResult> {
    return this.#publication.publish()
  }

  // ---- messaging ----

  async send (to: string, text: string, options: { sentBy?: string } = {}): Promise<MessageView> {
    return this.#messaging.send(to, text, options)
  }

  async message (id: string): Promise<MessageView | undefined> {
    return this.#messaging.message(id)
  }

  async messages (query: { peer?: string, after?: number, limit?: number } = {}): Promise<MessageView[]> {
    return this.#messaging.messages(query)
  }

  // ---- contacts and lookup ----

  async contacts (): Promise<Contact[]> {
    return this.#contacts.list()
  }

  async addContact (address: string, name?: string): Promise<Contact> {
    return this.#contacts.add(address, name)
  }

  async removeContact (address: string): Promise<Contact> {
    return this.#contacts.remove(address)
  }

  async invite (options: { name?: string } = {}): Promise<InviteView> {
    return this.#invites.invite(options)
  }

  async acceptInvite (link: string, name?: string): Promise<JoinResult> {
    return this.#invites.accept(link, name)
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

  // ---- devices ----

  async devices (): Promise<DeviceView[]> {
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
