/**
 * The KabarNode contract that the API, the CLI, the web page and simulation
 * scripts rely on. Everything here is plain data (JSON-safe), so the same
 * shapes travel over the HTTP API unchanged.
 */

/**
 * queued: encrypted and stored, not yet handed over; sent: on its way to the
 * recipient's devices; delivered: acked by every recipient device; failed: a
 * recipient device refused it for good; received: an incoming message.
 */
export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'failed' | 'received'

export interface MessageView {
  /** 128-bit random id, 32 hex characters. */
  id: string
  /** Local, increasing position in this node's message log: the cursor for `after`. */
  index: number
  /** The other party's address (account PeerId): the conversation this message belongs to. */
  peer: string
  from: string
  to: string
  text: string
  direction: 'in' | 'out'
  /** Order within the conversation, per sender: 1, 2, 3, … */
  seq: number
  /** Sender's clock, ms since epoch. */
  sentAt: number
  /** Our clock when it arrived (incoming) or was acked by all devices (outgoing). */
  receivedAt?: number
  status: MessageStatus
}

export interface Contact {
  address: string
  name?: string
  /** The account key was compared out of band (safety number) and pinned. */
  verified: boolean
  addedAt: number
}

export interface DeviceView {
  peerId: string
  role: string
  label: string
  /** The device's X25519 identity key, hex. */
  identityKey: string
  expires?: number
}

export interface LookupResult {
  address: string
  /** The validated account record, or undefined when none was found in the DHT. */
  account?: { seq: number, created: number, expires: number, devices: DeviceView[] }
  /** Validated prekey records by device PeerId. */
  prekeys: Record<string, { seq: number, created: number, expires: number, signedPrekeyId: number, pqPrekeyId: number }>
  /** Multiaddrs known for the account's devices. */
  multiaddrs: string[]
}

export interface NodeStatus {
  address: string
  peerId: string
  multiaddrs: string[]
  /** Peers we hold a connection to. */
  connections: number
  /** Peers in the DHT routing table. */
  dhtPeers: number
  /** Envelopes waiting for an ack, across all peers. */
  outbox: number
  startedAt: number
  version: string
}

/** Events a node emits; the API fans them out on /v1/events as `{ type, ...payload }`. */
export interface NodeEvents {
  'message': MessageView
  'message:status': { id: string, peer: string, status: MessageStatus }
  'peer:connect': { peerId: string }
  'peer:disconnect': { peerId: string }
}

export type NodeEventName = keyof NodeEvents

/** The operations the API and CLI call. KabarNode implements it. */
export interface NodeApi {
  readonly address: string
  status: () => Promise<NodeStatus>
  send: (to: string, text: string) => Promise<MessageView>
  message: (id: string) => Promise<MessageView | undefined>
  /** Messages in log order (oldest first); `after` is an `index` cursor, `peer` filters one conversation. */
  messages: (query: { peer?: string, after?: number, limit?: number }) => Promise<MessageView[]>
  contacts: () => Promise<Contact[]>
  addContact: (address: string, name?: string) => Promise<Contact>
  lookup: (address: string) => Promise<LookupResult>
  safetyNumber: (address: string) => Promise<string>
  verify: (address: string) => Promise<Contact>
  on: <E extends NodeEventName>(event: E, listener: (payload: NodeEvents[E]) => void) => void
  off: <E extends NodeEventName>(event: E, listener: (payload: NodeEvents[E]) => void) => void
}
