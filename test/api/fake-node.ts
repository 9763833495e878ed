/**
 * An in-memory NodeApi for HTTP-layer and CLI tests: it records every call,
 * keeps a message log and contacts, can be told to throw from its next call,
 * and emits events on demand. No libp2p, no store.
 */
import { EventEmitter } from 'node:events'
import { randomBytes } from 'node:crypto'
import { KabarError } from '../../src/errors.ts'
import { encodeInvite, parseInvite } from '../../src/node/invite.ts'
import { peerIdStringFromEd25519 } from '../../src/records/index.ts'
import type { AttestationView, BusinessProfileInput, BusinessProfileView, Contact, DeviceView, DisclosureView, InviteView, JoinResult, LinkCode, LookupResult, Membership, TrustSettings, MessageStatus, MessageView, NodeApi, NodeEventName, NodeEvents, NodeStatus } from '../../src/node/types.ts'

/** A valid account address (an Ed25519 PeerId string) for a fixed or random key. */
export function testAddress (seed?: number): string {
  return peerIdStringFromEd25519(seed === undefined ? randomBytes(32) : new Uint8Array(32).fill(seed))
}

export class FakeNode implements NodeApi {
  readonly address = testAddress(1)
  readonly calls: Array<{ op: string, args: unknown[] }> = []
  readonly log: MessageView[] = []
  readonly contactList: Contact[] = []
  /** Status a new outgoing message gets. */
  sendStatus: MessageStatus = 'waiting'
  /** Called after each send, e.g. to emit a later status change. */
  afterSend: ((message: MessageView) => void) | undefined
  #failNext: Error | undefined
  readonly #events = new EventEmitter()

  /** The next operation throws `err` instead of running. */
  failNext (err: Error): void { this.#failNext = err }

  /** Changes a logged message's status and emits message:status, as delivery would. */
  setStatus (id: string, status: MessageStatus): void {
    const m = this.log.find((x) => x.id === id)
    if (m === undefined) throw new Error(`no message ${id}`)
    m.status = status
    this.emit('message:status', { id, peer: m.peer, status })
  }

  /** Emits a node event, as the real node would. */
  emit<E extends NodeEventName> (event: E, payload: NodeEvents[E]): void { this.#events.emit(event, payload) }

  listenerCount (event: NodeEventName): number { return this.#events.listenerCount(event) }

  /** Appends a message to the log (an incoming one unless said otherwise). */
  addMessage (fields: Partial<MessageView> = {}): MessageView {
    const peer = fields.peer ?? testAddress(2)
    const m: MessageView = {
      id: randomBytes(16).toString('hex'),
      index: this.log.length + 1,
      peer,
      from: peer,
      to: this.address,
      text: `message ${this.log.length + 1}`,
      direction: 'in',
      seq: this.log.length + 1,
      sentAt: 1_700_000_000_000 + this.log.length,
      receivedAt: 1_700_000_000_500 + this.log.length,
      status: 'received',
      ...fields
    }
    this.log.push(m)
    return m
  }

  /** Records the call and, on the next tick, throws the error set by failNext. */
  async #record (op: string, args: unknown[]): Promise<void> {
    this.calls.push({ op, args })
    await Promise.resolve()
    const err = this.#failNext
    if (err !== undefined) {
      this.#failNext = undefined
      throw err
    }
  }

  async status (): Promise<NodeStatus> {
    await this.#record('status', [])
    return { address: this.address, peerId: this.address, multiaddrs: ['/ip4/127.0.0.1/tcp/7744'], connections: 2, dhtPeers: 5, outbox: 0, account: this.address, role: 'primary', startedAt: 1_700_000_000_000, version: '0.1.0' }
  }

  async send (to: string, text: string, options?: { sentBy?: string }): Promise<MessageView> {
    await this.#record('send', options === undefined ? [to, text] : [to, text, options])
    const message = this.addMessage({ peer: to, from: this.address, to, text, direction: 'out', status: this.sendStatus, receivedAt: undefined, ...(options?.sentBy === undefined ? {} : { sentBy: options.sentBy }) })
    this.afterSend?.(message)
    return { ...message }
  }

  async message (id: string): Promise<MessageView | undefined> {
    await this.#record('message', [id])
    const found = this.log.find((m) => m.id === id)
    return found === undefined ? undefined : { ...found }
  }

  async messages (query: { peer?: string, after?: number, limit?: number }): Promise<MessageView[]> {
    await this.#record('messages', [query])
    return this.log
      .filter((m) => (query.peer === undefined || m.peer === query.peer) && m.index > (query.after ?? 0))
      .slice(0, query.limit ?? 100)
  }

  async contacts (): Promise<Contact[]> {
    await this.#record('contacts', [])
    return [...this.contactList]
  }

  async addContact (address: string, name?: string): Promise<Contact> {
    await this.#record('addContact', [address, name])
    const contact: Contact = { address, verified: false, addedAt: 1_700_000_000_000, ...(name === undefined ? {} : { name }) }
    this.contactList.push(contact)
    return contact
  }

  async removeContact (address: string): Promise<Contact> {
    await this.#record('removeContact', [address])
    const i = this.contactList.findIndex((c) => c.address === address)
    const [removed] = i < 0 ? [] : this.contactList.splice(i, 1)
    if (removed === undefined) throw new KabarError('NOT_FOUND', `${address} is not one of your contacts`)
    return removed
  }

  /** What invite() answers; its link parses (an invite from this fake's own address). */
  inviteView: InviteView | undefined

  async invite (options: { name?: string } = {}): Promise<InviteView> {
    await this.#record('invite', [options])
    const view = this.inviteView ?? { address: this.address, addrs: [`/ip4/127.0.0.1/tcp/4001/p2p/${this.address}`], bootstrap: [], ...(options.name === undefined ? {} : { name: options.name }) }
    return { ...view, link: encodeInvite(view) }
  }

  async acceptInvite (link: string, name?: string): Promise<JoinResult> {
    await this.#record('acceptInvite', [link, name])
    const invite = parseInvite(link)
    const contact = await this.addContact(invite.address, name ?? invite.name)
    return { contact, connected: true, via: invite.address }
  }

  async lookup (address: string): Promise<LookupResult> {
    await this.#record('lookup', [address])
    return { address, prekeys: {}, multiaddrs: [] }
  }

  async safetyNumber (address: string): Promise<string> {
    await this.#record('safetyNumber', [address])
    return '1234567890'.repeat(6)
  }

  async verify (address: string): Promise<Contact> {
    await this.#record('verify', [address])
    return { address, verified: true, addedAt: 1_700_000_000_000 }
  }

  /** What disclosure() answers (undefined: not a business). */
  disclosureView: DisclosureView | undefined
  profileView: BusinessProfileView | undefined
  trustSettings: TrustSettings = { verifiers: [], threshold: 1 }

  async disclosure (address: string): Promise<DisclosureView | undefined> {
    await this.#record('disclosure', [address])
    return this.disclosureView
  }

  async acceptDisclosure (address: string): Promise<DisclosureView> {
    await this.#record('acceptDisclosure', [address])
    if (this.disclosureView === undefined) throw new Error('no disclosure')
    return this.disclosureView
  }

  async publishProfile (input: BusinessProfileInput): Promise<BusinessProfileView> {
    await this.#record('publishProfile', [input])
    if (this.profileView === undefined) throw new Error('no profile')
    return this.profileView
  }

  async profile (): Promise<BusinessProfileView | undefined> {
    await this.#record('profile', [])
    return this.profileView
  }

  async devices (): Promise<DeviceView[]> {
    await this.#record('devices', [])
    return []
  }

  async addDevice (options: { role: 'agent' | 'processor' | 'linked' | 'mailbox', label: string }): Promise<LinkCode> {
    await this.#record('addDevice', [options])
    return { code: 'kabar-link:test', role: options.role, label: options.label, expires: 1_700_000_600_000 }
  }

  async removeDevice (peerId: string): Promise<DeviceView[]> {
    await this.#record('removeDevice', [peerId])
    return []
  }

  async link (code: string): Promise<Membership> {
    await this.#record('link', [code])
    return { account: testAddress(3), role: 'agent', label: 'test' }
  }

  async attest (options: { business: string, legalName: string, domain: string, scope?: string, days: number }): Promise<{ attestation: string, view: AttestationView }> {
    await this.#record('attest', [options])
    return { attestation: 'AA==', view: { id: '00'.repeat(32), verifier: this.address, business: options.business, legalName: options.legalName, domain: options.domain, scope: options.scope ?? '', issued: 1_700_000_000_000, expires: 1_700_000_000_000 + options.days * 86_400_000 } }
  }

  async revokeAttestation (id: string): Promise<void> {
    await this.#record('revokeAttestation', [id])
  }

  async trust (): Promise<TrustSettings> {
    await this.#record('trust', [])
    return this.trustSettings
  }

  async addVerifier (address: string, label?: string): Promise<TrustSettings> {
    await this.#record('addVerifier', [address, label])
    this.trustSettings.verifiers.push({ address, addedAt: 1_700_000_000_000, ...(label === undefined ? {} : { label }) })
    return this.trustSettings
  }

  async removeVerifier (address: string): Promise<TrustSettings> {
    await this.#record('removeVerifier', [address])
    this.trustSettings.verifiers = this.trustSettings.verifiers.filter((v) => v.address !== address)
    return this.trustSettings
  }

  async setTrustThreshold (k: number): Promise<TrustSettings> {
    await this.#record('setTrustThreshold', [k])
    this.trustSettings.threshold = k
    return this.trustSettings
  }

  on<E extends NodeEventName> (event: E, listener: (payload: NodeEvents[E]) => void): void { this.#events.on(event, listener) }
  off<E extends NodeEventName> (event: E, listener: (payload: NodeEvents[E]) => void): void { this.#events.off(event, listener) }
}

/** A published profile naming processor "HelpdeskCo" (webhooks to 127.0.0.1) and two API readers. */
export function testProfile (address: string): BusinessProfileView {
  const policy = { url: 'https://acme.example/privacy', sha256: 'ab'.repeat(32) }
  return {
    address,
    version: 1,
    hash: 'cd'.repeat(32),
    prev: '',
    displayName: 'Acme',
    privacyPolicy: policy,
    readers: [],
    apiReaders: [{ name: 'Dewi', role: 'agent', organisation: 'Acme' }, { name: 'Robo', role: 'processor', organisation: 'BotCo' }],
    processors: [{ name: 'HelpdeskCo', purposes: ['store', 'reply'], region: 'EU', retentionDays: 30, privacyPolicy: policy, endpoint: '127.0.0.1' }],
    attestations: [],
    published: 1_700_000_000_000
  }
}

/** A valid BusinessProfileInput: one API reader (agent Dewi) and processor HelpdeskCo. */
export function testProfileInput (): BusinessProfileInput {
  const policy = { url: 'https://acme.example/privacy', sha256: 'ab'.repeat(32) }
  return {
    displayName: 'Acme',
    privacyPolicy: policy,
    apiReaders: [{ name: 'Dewi', role: 'agent', organisation: 'Acme' }],
    processors: [{ name: 'HelpdeskCo', purposes: ['store', 'reply'], region: 'EU', retentionDays: 30, privacyPolicy: policy, endpoint: 'hooks.helpdesk.example' }]
  }
}
