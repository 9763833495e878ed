/**
 * The KabarNode contract that the API, the CLI, the web page and simulation
 * scripts rely on. Everything here is plain data (JSON-safe), so the same
 * shapes travel over the HTTP API unchanged.
 */

/**
 * What happened to a message (messaging/states.ts has the words the CLI, the
 * API docs and the web page share):
 * - held: written, not yet encrypted: the business it goes to changed who can
 *   read, and the user has not accepted the change yet;
 * - waiting: encrypted and in this node's outbox, not yet acknowledged by
 *   every recipient device; `reason` says why (`devices` per device);
 * - deposited: every recipient device not yet reached has it waiting in the
 *   recipient's mailbox (ciphertext only; node/mailbox/), which hands it over
 *   when the device comes online;
 * - delivered: stored by every recipient device (each acknowledged it, directly
 *   or by a receipt after fetching it from its mailbox);
 * - failed: a recipient device refused it for good;
 * - synced: a copy of a message another device of this account sent (its
 *   delivery is known to that device);
 * - received: an incoming message.
 * Values may be added: treat an unknown
 * one as "not delivered yet".
 */
import type { GroupMessageView, GroupsApi } from './group-types.ts'
export type { GroupMemberView, GroupMessageView, GroupMissingView, GroupView, GroupsApi } from './group-types.ts'
export type MessageStatus = 'held' | 'waiting' | 'deposited' | 'delivered' | 'failed' | 'synced' | 'received'

/**
 * Why a message waits (or failed), as a stable code and a sentence for a person.
 * Codes may be added (NAT traversal will add some): show `text` for a code you do not know.
 * - sending: being handed over now (or not tried yet since the node started);
 * - recipient-offline: the device's node did not answer at the addresses known;
 * - no-address: no path found: no address is known for the device;
 * - no-peers: our node has no peers, so it cannot look the device up;
 * - retry-later: the device's node asked to be sent it later;
 * - refused: (failed) the device can never decrypt it;
 * - deposited: (deposited) the recipient's mailbox holds it until the device comes online;
 * - mailbox-full: the recipient's mailbox refused it (a quota): it waits here and is retried;
 * - expired: (failed) the recipient's mailbox dropped it undelivered after its retention period.
 */
export type ReasonCode = 'sending' | 'recipient-offline' | 'no-address' | 'no-peers' | 'retry-later' | 'refused' | 'deposited' | 'mailbox-full' | 'expired'

/** What a mailbox holds (`kabar status` on a mailbox): envelopes per owner device, and its limits. */
export interface MailboxStatus {
  envelopes: number
  bytes: number
  devices: Array<{ device: string, envelopes: number, bytes: number }>
  /** How many depositing devices have envelopes here. */
  depositors: number
  quotas: { perDepositor: number, bytesPerDepositor: number, total: number, bytesTotal: number, retentionMs: number }
}

export interface StateReason {
  code: ReasonCode
  text: string
}

/** One device an outgoing message went to: a recipient's, or (`own`) another of our account's, for its copy. */
export interface DeviceDelivery {
  device: string
  status: 'waiting' | 'deposited' | 'delivered' | 'failed'
  reason?: StateReason
  own?: boolean
}

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
  /** 'system': an event in the conversation (a disclosure shown or changed, a key changed), not a message. */
  direction: 'in' | 'out' | 'system'
  /** Order within the conversation, per sender: 1, 2, 3, … */
  seq: number
  /** Sender's clock, ms since epoch. */
  sentAt: number
  /** Our clock when it arrived (incoming) or was acked by all devices (outgoing). */
  receivedAt?: number
  status: MessageStatus
  /** With status waiting or failed: why (the first recipient device's reason). */
  reason?: StateReason
  /** Outgoing messages: each device it was encrypted to, and how far it got. */
  devices?: DeviceDelivery[]
  /** For a conversation with a business: the profile version this message was sent (or, at the business, received) under. */
  disclosureVersion?: number
  /** Who wrote it, within an account: a device label or an API token name ("Alice (agent)"). */
  sentBy?: string
  /** The device that sent an incoming message (PeerId), when it is not the account's own key. */
  device?: string
  /** Set on direction 'system'. */
  system?: SystemEvent
}

export type SystemEventType =
  /** The disclosure the user saw before the first message to a business. */
  | 'disclosure-shown'
  /** A newer profile that adds readers or processors; sending holds until accepted. */
  | 'disclosure-changed'
  /** The user accepted a changed disclosure. */
  | 'disclosure-accepted'
  /** A newer profile that adds no reader (applied without asking). */
  | 'disclosure-updated'
  /** A profile that is swapped, rolled back or equivocating: the session fails loudly. */
  | 'disclosure-rejected'
  /** The contact's account key changed (a pinned contact). */
  | 'identity-changed'

export interface SystemEvent {
  type: SystemEventType
  /** One sentence a person understands. */
  summary: string
  version?: number
  diff?: DisclosureDiff
}

export interface Contact {
  address: string
  name?: string
  /** The account key was compared out of band (safety number) and pinned. */
  verified: boolean
  addedAt: number
}

/** This node's invite (node/invite.ts): the link to give, and what it carries. */
export interface InviteView {
  /** `kabar-invite:…`: paste it into `kabar contacts add`, or the web page's Add. */
  link: string
  address: string
  name?: string
  /** This node's multiaddrs now, each ending in /p2p/<PeerId>. */
  addrs: string[]
  /** DHT peers to join through when the inviter is offline. */
  bootstrap: string[]
}

/** What adding a contact from an invite did. */
export interface JoinResult {
  contact: Contact
  /** A connection was made: to the inviter, or to one of the invite's bootstrap peers (`via` names the peer). */
  connected: boolean
  via?: string
}

export interface DeviceView {
  peerId: string
  role: string
  label: string
  /** The device's X25519 identity key, hex. */
  identityKey: string
  expires?: number
}

export type Purpose = 'store' | 'read' | 'reply' | 'automated'

export interface PolicyRefView { url: string, sha256: string }

/** A device that can read, from the business profile (and its certificate). */
export interface ReaderView { peerId: string, role: string, label: string, organisation: string }

/** Someone who reads through the business node's API with a token of their own. */
export interface ApiReaderView { name: string, role: 'agent' | 'processor', organisation: string }

/** A third party receiving messages by webhook, outside the end-to-end boundary. */
export interface ProcessorView {
  name: string
  purposes: Purpose[]
  region: string
  retentionDays: number
  privacyPolicy: PolicyRefView
  /** The host name webhooks for this processor go to. */
  endpoint: string
}

export interface AttestationView {
  /** SHA-256 of the signed attestation, hex: what a verifier revokes. */
  id: string
  verifier: string
  business: string
  legalName: string
  domain: string
  scope: string
  issued: number
  expires: number
}

export interface BusinessProfileView {
  /** The business account's address. */
  address: string
  version: number
  /** SHA-256 of the encoded profile, hex: what customers bind into their sessions. */
  hash: string
  /** SHA-256 of the previous version, hex ('' for version 1). */
  prev: string
  displayName: string
  privacyPolicy: PolicyRefView
  readers: ReaderView[]
  apiReaders: ApiReaderView[]
  processors: ProcessorView[]
  attestations: AttestationView[]
  published: number
}

/** What changed between two profile versions, field by field. */
export interface DisclosureDiff {
  from: number
  to: number
  addedReaders: ReaderView[]
  removedReaders: ReaderView[]
  addedApiReaders: ApiReaderView[]
  removedApiReaders: ApiReaderView[]
  addedProcessors: ProcessorView[]
  removedProcessors: ProcessorView[]
  /** Processors present in both whose fields changed: name, then each field's old and new value. */
  changedProcessors: Array<{ name: string, changes: Array<{ field: string, from: string, to: string }> }>
  /** Other fields (displayName, privacyPolicy): old and new value as text. */
  changes: Array<{ field: string, from: string, to: string }>
  /** True when anyone new can read: sending holds until accepted. */
  widens: boolean
}

export interface VerificationView {
  /** Attestations from trusted verifiers meet the rule (k of them). */
  verified: boolean
  /** k. */
  required: number
  /** Every attestation in the profile and whether it counts, with the reason when it does not. */
  attestations: Array<AttestationView & { verifierLabel?: string, counts: boolean, reason?: 'untrusted' | 'expired' | 'revoked' | 'invalid' | 'wrong-business' }>
}

/** What a customer is shown about a business: the profile, in words, and where they stand. */
export interface DisclosureView {
  address: string
  /** The latest valid profile found. */
  profile: BusinessProfileView
  /** Sentences for a person: "3 people at Acme can read your messages", "Acme shares messages with HelpdeskCo to store and reply, kept 30 days", "Verified by X". */
  summary: string[]
  verification: VerificationView
  /** The version this user accepted (undefined: never messaged this business). */
  acceptedVersion?: number
  /** A newer profile waiting for acceptance, with its diff (sending holds). */
  pending?: DisclosureDiff
  /** Set when the profile seen is swapped, rolled back or equivocating: sending fails until resolved. */
  rejected?: string
}

/** The JSON a business writes for `kabar business publish --profile FILE` (readers come from its devices). */
export interface BusinessProfileInput {
  displayName: string
  privacyPolicy: PolicyRefView
  /** Per device PeerId, the organisation that runs it (default: displayName). */
  organisations?: Record<string, string>
  apiReaders?: ApiReaderView[]
  processors?: ProcessorView[]
  /** Attestations from verifiers, base64 as `kabar verifier attest` prints them. */
  attestations?: string[]
}

export interface TrustedVerifier { address: string, label?: string, addedAt: number }

export interface TrustSettings { verifiers: TrustedVerifier[], threshold: number }

/** A one-time code that links a new device to this account. */
export interface LinkCode { code: string, role: string, label: string, expires: number }

/** This node's place in an account: its own, or a business's it was linked to. */
export interface Membership { account: string, role: string, label: string }

export interface LookupResult {
  address: string
  /** The validated account record, or undefined when none was found in the DHT. */
  account?: { seq: number, created: number, expires: number, devices: DeviceView[] }
  /** Validated prekey records by device PeerId. */
  prekeys: Record<string, { seq: number, created: number, expires: number, signedPrekeyId: number, pqPrekeyId: number }>
  /** Multiaddrs known for the account's devices. */
  multiaddrs: string[]
  /** For a business: its disclosure as this user sees it. */
  business?: DisclosureView
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
  /** The account this node reads and writes for (its own address, or the business it was linked to). */
  account: string
  role: string
  /** When our records were last confirmed stored by a DHT peer (ms since epoch). */
  recordsPublishedAt?: number
  startedAt: number
  version: string
  /** What remote peers' input cost and what the node refused them (docs/OPERATING.md "Hostile peers"). */
  guard?: GuardStatus
  /** On a mailbox: what it holds for which devices, and its quotas. */
  mailbox?: MailboxStatus
  /** Envelopes this device took from its own mailbox since it started. */
  fromMailbox?: number
}

/** Counters of the per-peer budget (net/peer-guard.ts) and the one-time prekey hand-out (prekeys.ts). */
export interface GuardStatus {
  /** Peers denied right now. */
  denied: number
  /** Times any peer went over its budget and was denied. */
  denials: number
  /** Connections refused: their peer was denied or held too many connections. */
  refused: number
  /** Cost charged to peers, by kind: stream, connection, bytes (in bytes), fault, rejected. */
  charged: Record<string, number>
  /** Peers whose costs are tracked. */
  tracked: number
  prekeys: { handedOut: number, refused: number, expired: number, outstanding: number }
}

/** Events a node emits; the API fans them out on /v1/events as `{ type, ...payload }`. */
export interface NodeEvents {
  'message': MessageView
  /** A group message shown (each sender's in order). */
  'group:message': GroupMessageView
  /** A group was created, joined, or its membership or name changed. */
  'group:change': { group: string, name: string, members: number, member: boolean }
  'message:status': { id: string, peer: string, status: MessageStatus, reason?: StateReason, devices?: DeviceDelivery[] }
  /** A business's disclosure changed, was accepted or was rejected (the system message is also emitted as 'message'). */
  'disclosure': DisclosureView
  'peer:connect': { peerId: string }
  'peer:disconnect': { peerId: string }
  /** A peer went over its budget and is refused for `seconds` (net/peer-guard.ts). */
  'peer:denied': { peerId: string, reason: string, seconds: number }
}

export type NodeEventName = keyof NodeEvents

/** The operations the API and CLI call. KabarNode implements it. */
export interface NodeApi {
  readonly address: string
  status: () => Promise<NodeStatus>
  /** `sentBy` attributes the message within this account (an API token's name); it travels to the recipient. */
  send: (to: string, text: string, options?: { sentBy?: string }) => Promise<MessageView>
  message: (id: string) => Promise<MessageView | undefined>
  /** Messages in log order (oldest first); `after` is an `index` cursor, `peer` filters one conversation. */
  messages: (query: { peer?: string, after?: number, limit?: number }) => Promise<MessageView[]>
  contacts: () => Promise<Contact[]>
  addContact: (address: string, name?: string) => Promise<Contact>
  /** Removes a contact (its conversation stays); NOT_FOUND when it is not one. */
  removeContact: (address: string) => Promise<Contact>
  /** This node's invite link (`name`: the name it suggests for you). */
  invite: (options?: { name?: string }) => Promise<InviteView>
  /** Adds the contact an invite names and dials into the network through it. */
  acceptInvite: (link: string, name?: string) => Promise<JoinResult>
  lookup: (address: string) => Promise<LookupResult>
  safetyNumber: (address: string) => Promise<string>
  verify: (address: string) => Promise<Contact>

  // Customer side of businesses
  /** The business's disclosure as this user sees it (fresh from the DHT); undefined when the address publishes no profile. */
  disclosure: (address: string) => Promise<DisclosureView | undefined>
  /** Accepts the pending disclosure change; held messages are then encrypted and sent. */
  acceptDisclosure: (address: string) => Promise<DisclosureView>

  // Business side
  /** Publishes (a new version of) this account's business profile. */
  publishProfile: (input: BusinessProfileInput) => Promise<BusinessProfileView>
  /** This account's published profile, if any. */
  profile: () => Promise<BusinessProfileView | undefined>
  /** This account's devices, as published. */
  devices: () => Promise<DeviceView[]>
  /** A one-time code that a new node redeems with `link` to become this account's device. */
  addDevice: (options: { role: 'agent' | 'processor' | 'linked' | 'mailbox', label: string }) => Promise<LinkCode>
  /** Removes a device's certificate and republishes: it reads nothing sent afterwards. */
  removeDevice: (peerId: string) => Promise<DeviceView[]>
  /** Redeems a link code from another account's node: this node becomes that account's device. */
  link: (code: string) => Promise<Membership>

  // Verifiers and trust
  /** Signs an attestation about a business as this account (a verifier); returns it base64-encoded with its view. */
  attest: (options: { business: string, legalName: string, domain: string, scope?: string, days: number }) => Promise<{ attestation: string, view: AttestationView }>
  /** Revokes an attestation this account issued (republishes the account record). */
  revokeAttestation: (id: string) => Promise<void>
  trust: () => Promise<TrustSettings>
  addVerifier: (address: string, label?: string) => Promise<TrustSettings>
  removeVerifier: (address: string) => Promise<TrustSettings>
  setTrustThreshold: (k: number) => Promise<TrustSettings>
  /** Groups (node/groups/). */
  groups?: GroupsApi
  on: <E extends NodeEventName>(event: E, listener: (payload: NodeEvents[E]) => void) => void
  off: <E extends NodeEventName>(event: E, listener: (payload: NodeEvents[E]) => void) => void
}
