/**
 * Rendering of the conversation list and of messages. Pure functions of the
 * page state: they build elements, and main.ts puts them in place.
 */
import type { MessageStatus, MessageView } from '../../node/types.ts'
import { diffList } from './disclosure.ts'
import { formatTime, h, shortAddress } from './dom.ts'
import { addressOf, displayName, unreadCount } from './state.ts'
import { STATUS_ICON, statusText } from './words.ts'
import type { Conversation, PageState } from './state.ts'

function preview (m: MessageView | undefined): string {
  if (m === undefined) return 'No messages yet'
  if (m.direction === 'system') return m.system?.summary ?? m.text
  if (m.direction === 'in') return m.text
  return `${m.sentBy ?? 'You'}: ${m.text}`
}

/** One row of the conversation list: name, last message, unread badge; in the inbox also who answered last. */
export function conversationRow (state: PageState, conv: Conversation, onOpen: (peer: string) => void): HTMLElement {
  const unread = unreadCount(state, conv)
  const last = conv.messages.at(-1)
  const lastAnswer = [...conv.messages].reverse().find((m) => m.direction === 'out')
  const contact = state.contacts.get(addressOf(conv.peer))
  const selected = state.selected === conv.peer
  const name = displayName(state, conv.peer)
  return h('li', {},
    h('button', {
      type: 'button',
      class: `conv-row${selected ? ' selected' : ''}${unread > 0 ? ' unread' : ''}`,
      'aria-current': selected ? 'true' : undefined,
      'data-peer': conv.peer,
      onclick: () => { onOpen(conv.peer) }
    },
    h('span', { class: 'avatar', 'aria-hidden': 'true' }, name.slice(0, 1).toUpperCase()),
    h('span', { class: 'conv-text' },
      h('span', { class: 'conv-name' }, name, contact?.verified === true ? h('span', { class: 'tick', title: 'Verified' }, h('span', { 'aria-hidden': 'true' }, ' ✔'), h('span', { class: 'visually-hidden' }, ' (verified)')) : null),
      h('span', { class: 'conv-preview' }, preview(last)),
      // When the customer spoke last, say who answered before (the preview names the writer otherwise).
      state.business !== undefined && lastAnswer !== undefined && last?.direction === 'in'
        ? h('span', { class: 'conv-answered' }, `Answered by ${lastAnswer.sentBy ?? 'the business node'}`)
        : null),
    h('span', { class: 'conv-meta' },
      last === undefined ? null : h('span', { class: 'conv-time' }, formatTime(last.receivedAt ?? last.sentAt)),
      unread > 0 ? h('span', { class: 'unread-badge', 'data-testid': 'unread', 'aria-label': `${unread} unread` }, String(unread)) : null))
  )
}

/** One message (or system event) of a conversation. */
export function messageItem (state: PageState, m: MessageView): HTMLElement {
  if (m.direction === 'system') {
    const type = m.system?.type ?? 'system'
    const loud = type === 'identity-changed' || type === 'disclosure-rejected'
    return h('li', { class: `system system-${type}${loud ? ' loud' : ''}`, 'data-id': m.id, 'data-testid': `system-${type}` },
      h('p', {}, m.system?.summary ?? m.text),
      m.system?.diff === undefined ? null : diffList(m.system.diff),
      h('time', { datetime: new Date(m.sentAt).toISOString() }, formatTime(m.sentAt)))
  }
  const out = m.direction === 'out'
  const who = out ? (m.sentBy === undefined ? 'You' : m.sentBy) : displayName(state, m.peer)
  return h('li', { class: `msg ${out ? 'out' : 'in'}`, 'data-id': m.id },
    h('div', { class: 'bubble' },
      h('span', { class: 'visually-hidden' }, `${who}: `),
      out && m.sentBy !== undefined ? h('span', { class: 'sent-by', 'data-testid': 'sent-by' }, m.sentBy) : null,
      !out && m.sentBy !== undefined ? h('span', { class: 'sent-by' }, m.sentBy) : null,
      h('p', { class: 'text' }, m.text),
      h('span', { class: 'meta' },
        h('time', { datetime: new Date(m.sentAt).toISOString() }, formatTime(out ? m.sentAt : (m.receivedAt ?? m.sentAt))),
        out ? statusLabel(m) : null)))
}

/** A message's state: icon and words, and while it waits the reason as a line of its own. */
export function statusLabel (m: Pick<MessageView, 'status' | 'reason' | 'devices'>): HTMLElement {
  const status: MessageStatus = m.status
  return h('span', { class: `status status-${status}`, 'data-status': status, 'data-testid': 'status', ...(m.reason === undefined ? {} : { 'data-reason': m.reason.code, title: m.reason.text }) },
    h('span', { 'aria-hidden': 'true' }, STATUS_ICON[status] ?? '', ' '), statusText(m),
    m.reason === undefined || status !== 'waiting' ? null : h('span', { class: 'status-reason', 'data-testid': 'status-reason' }, ` — ${m.reason.text}`))
}

/** The 60 digits as 12 groups of 5, in 3 rows: what two people read to each other. */
export function safetyDigits (digits: string): HTMLElement[] {
  const groups = digits.match(/.{1,5}/g) ?? []
  return groups.map((g) => h('span', {}, g))
}

export function addressLine (address: string): HTMLElement {
  return h('span', { class: 'mono address', title: address }, shortAddress(address))
}
