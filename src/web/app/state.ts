/**
 * What the page knows: this node, contacts, the message log by conversation,
 * business disclosures, and what the person has read. Read positions live in
 * localStorage (per node address), since the node keeps no read state.
 */
import type { BusinessProfileView, Contact, DeviceDelivery, DisclosureView, MessageStatus, MessageView, NodeStatus, StateReason } from '../../node/types.ts'

export interface Conversation {
  /** The conversation's key: the other party's address, or DIRECT-suffixed for a customer's thread with an agent's own device. */
  peer: string
  messages: MessageView[]
  /** Largest log index in it (0 when empty). */
  last: number
}

export type DisclosureState =
  | { kind: 'loading' }
  | { kind: 'none' }
  | { kind: 'ok', view: DisclosureView }
  | { kind: 'error', message: string }

export interface PageState {
  me: NodeStatus
  /** Business mode: this node publishes a profile, or is an agent's device (`name`: its business's, from the business's own record). */
  business: { profile?: BusinessProfileView, name?: string, role: string } | undefined
  contacts: Map<string, Contact>
  conversations: Map<string, Conversation>
  /** Largest message index seen: the `after` cursor to catch up from. */
  lastIndex: number
  disclosures: Map<string, DisclosureState>
  selected: string | undefined
}

export function newState (me: NodeStatus): PageState {
  return { me, business: undefined, contacts: new Map(), conversations: new Map(), lastIndex: 0, disclosures: new Map(), selected: undefined }
}

/** The key of a customer's thread with this agent's own device, beside the business's thread with them. */
export const DIRECT = '~direct'

/** The address a conversation key names. */
export function addressOf (key: string): string {
  return key.endsWith(DIRECT) ? key.slice(0, -DIRECT.length) : key
}

export function isDirect (key: string): boolean {
  return key.endsWith(DIRECT)
}

/**
 * The conversation a message belongs to. On a business's device, a customer's message to this
 * device's own address (not the business's) is a thread of its own: the business's other readers
 * never see it, so it must not read as part of the business's conversation with that customer.
 */
export function threadOf (state: PageState, m: MessageView): string {
  const device = state.me.address !== state.me.account && m.direction === 'in' && m.to === state.me.address
  return device ? m.peer + DIRECT : m.peer
}

/** Adds or updates a message; true when it was new. */
export function addMessage (state: PageState, m: MessageView): boolean {
  const thread = threadOf(state, m)
  let conv = state.conversations.get(thread)
  if (conv === undefined) {
    conv = { peer: thread, messages: [], last: 0 }
    state.conversations.set(thread, conv)
  }
  state.lastIndex = Math.max(state.lastIndex, m.index)
  const existing = conv.messages.findIndex((x) => x.id === m.id && x.direction === m.direction)
  if (existing !== -1) {
    conv.messages[existing] = m
    return false
  }
  conv.messages.push(m)
  conv.messages.sort((a, b) => a.index - b.index)
  conv.last = Math.max(conv.last, m.index)
  return true
}

/** Applies a status change (with its reason and devices, which replace the old ones); the message, when known. */
export function setStatus (state: PageState, change: { id: string, peer: string, status: MessageStatus, reason?: StateReason, devices?: DeviceDelivery[] }): MessageView | undefined {
  const m = state.conversations.get(change.peer)?.messages.find((x) => x.id === change.id && x.direction === 'out')
  if (m === undefined) return undefined
  m.status = change.status
  if (change.reason === undefined) delete m.reason
  else m.reason = change.reason
  if (change.devices !== undefined) m.devices = change.devices
  return m
}

export function displayName (state: PageState, key: string): string {
  const address = addressOf(key)
  const contact = state.contacts.get(address)
  const disclosure = state.disclosures.get(address)
  const name = contact?.name ?? (disclosure?.kind === 'ok' ? disclosure.view.profile.displayName : `${address.slice(0, 12)}…${address.slice(-6)}`)
  return isDirect(key) ? `${name} (to you directly)` : name
}

/** Conversations and contacts without messages, most recent first. */
export function conversationList (state: PageState): Conversation[] {
  const list = [...state.conversations.values()]
  for (const address of state.contacts.keys()) {
    if (!state.conversations.has(address)) list.push({ peer: address, messages: [], last: 0 })
  }
  return list.sort((a, b) => b.last - a.last || displayName(state, a.peer).localeCompare(displayName(state, b.peer)))
}

const key = (state: PageState, what: string, peer: string): string => `kabar:${state.me.address}:${what}:${peer}`

function readNumber (k: string): number {
  try {
    return Number(localStorage.getItem(k) ?? 0) || 0
  } catch {
    return 0
  }
}

function writeNumber (k: string, value: number): void {
  try {
    localStorage.setItem(k, String(value))
  } catch { /* storage full or disabled: read state is a convenience */ }
}

export function unreadCount (state: PageState, conv: Conversation): number {
  const read = readNumber(key(state, 'read', conv.peer))
  return conv.messages.filter((m) => m.direction === 'in' && m.index > read).length
}

export function markRead (state: PageState, peer: string): void {
  const conv = state.conversations.get(peer)
  if (conv !== undefined && conv.last > readNumber(key(state, 'read', peer))) writeNumber(key(state, 'read', peer), conv.last)
}

/** The latest key-change event the person has not acknowledged (by comparing and verifying again), if any. */
export function pendingKeyChange (state: PageState, peer: string): MessageView | undefined {
  const conv = state.conversations.get(peer)
  const changed = conv?.messages.filter((m) => m.direction === 'system' && m.system?.type === 'identity-changed').at(-1)
  if (changed === undefined) return undefined
  return changed.index > readNumber(key(state, 'key-ack', peer)) ? changed : undefined
}

export function acknowledgeKeyChange (state: PageState, peer: string): void {
  const conv = state.conversations.get(peer)
  if (conv !== undefined) writeNumber(key(state, 'key-ack', peer), conv.last)
}

/** True when the conversation holds disclosure events, i.e. the peer is a business even if its disclosure cannot be loaded. */
export function looksLikeBusiness (state: PageState, peer: string): boolean {
  return state.conversations.get(peer)?.messages.some((m) => m.system?.type.startsWith('disclosure-') === true) ?? false
}
