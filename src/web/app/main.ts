/**
 * The local web page of a kabar node (docs/WEB.md): log in with the one-time
 * code of `kabar open`, then chats (or, for a business, the shared inbox),
 * live over /v1/events.
 */
import type { BusinessProfileView, Contact, DisclosureView, MessageView, NodeStatus } from '../../node/types.ts'
import { ApiError, openEvents, optional, request, seg } from './api.ts'
import type { EventsHandle, PageEvent } from './api.ts'
import { acceptCard, disclosureCard, verificationBadge } from './disclosure.ts'
import { byId, h, replace, shortAddress } from './dom.ts'
import { INVITE_PREFIX, addFromInvite, showInvite } from './invite.ts'
import { addMessage, addressOf, conversationList, displayName, isDirect, looksLikeBusiness, markRead, newState, pendingKeyChange, setStatus, threadOf } from './state.ts'
import type { PageState } from './state.ts'
import { openSafetyNumber } from './safety.ts'
import { describeError, loadMessages, logIn, showLogin } from './session.ts'
import { addressLine, conversationRow, messageItem, statusLabel } from './views.ts'

let state: PageState
let events: EventsHandle | undefined

/** Business mode: this node publishes a profile, or is an agent of a business. A failing endpoint just means "not known". */
async function detectBusiness (me: NodeStatus): Promise<PageState['business']> {
  let profile: BusinessProfileView | undefined
  try {
    profile = await optional<BusinessProfileView>('/business/profile')
  } catch (err) {
    console.warn('business profile unavailable:', describeError(err))
  }
  if (profile !== undefined) return { role: me.role, profile }
  if (me.role !== 'agent') return undefined
  // An agent's device publishes no profile of its own: the business's name is in its account's.
  const name = await optional<DisclosureView>(`/disclosures/${seg(me.account)}`).then((d) => d?.profile.displayName, () => undefined)
  return { role: me.role, ...(name === undefined ? {} : { name }) }
}

// ---------------------------------------------------------------- rendering

function renderHeader (): void {
  const { me, business } = state
  const businessName = business?.profile?.displayName ?? business?.name ?? shortAddress(me.account)
  byId('me-title').textContent = business === undefined ? 'kabar' : `Inbox — ${businessName}`
  byId('me-address').textContent = shortAddress(me.address)
  byId('me-address').setAttribute('aria-label', `Your address ${me.address}: copy`)
  byId('list-title').textContent = business === undefined ? 'Chats' : 'Customer conversations'
  document.title = business === undefined ? 'kabar' : `Inbox — ${businessName}`
}

function renderList (): void {
  const list = byId('conversations')
  const rows = conversationList(state).map((conv) => conversationRow(state, conv, (peer) => { void openConversation(peer) }))
  if (rows.length === 0) replace(list, h('li', { class: 'muted empty-list' }, state.business === undefined ? 'No chats yet.' : 'No customer has written yet.'))
  else replace(list, ...rows)
}

function renderConversationHeader (key: string): void {
  const peer = addressOf(key)
  const contact = state.contacts.get(peer)
  const disclosure = state.disclosures.get(peer)
  const header = byId('conv-header')
  header.hidden = false
  replace(header,
    h('div', { class: 'conv-title' },
      h('h2', { id: 'conv-name' }, displayName(state, key)),
      h('div', { class: 'conv-sub' },
        addressLine(peer),
        disclosure?.kind === 'ok'
          ? verificationBadge(disclosure.view.verification)
          : contact?.verified === true
            ? h('span', { class: 'badge badge-verified', 'data-testid': 'contact-verified' }, h('span', { 'aria-hidden': 'true' }, '✔ '), 'Verified')
            : h('span', { class: 'badge badge-unverified' }, 'Not verified'))),
    contact === undefined
      ? h('button', { type: 'button', id: 'add-this-contact', onclick: () => { prefillContact(peer) } }, 'Add to contacts')
      : null,
    h('button', { type: 'button', id: 'safety-button', onclick: () => { void showSafetyNumber(peer) } }, 'Safety number'))
}

function renderBanners (peer: string): void {
  const banners = byId('banners')
  const changed = pendingKeyChange(state, peer)
  const disclosure = state.disclosures.get(peer)
  const held = state.conversations.get(peer)?.messages.filter((m) => m.direction === 'out' && m.status === 'held').length ?? 0
  replace(banners,
    // The accept step stays in view above the messages: sending holds until the person decides.
    disclosure?.kind === 'ok' && disclosure.view.pending !== undefined ? acceptCard(disclosure.view, held, () => { void acceptDisclosure(peer) }) : null,
    changed === undefined
      ? null
      : h('div', { class: 'banner danger', role: 'alert', 'data-testid': 'key-changed' },
        h('strong', {}, h('span', { 'aria-hidden': 'true' }, '⚠ '), `${displayName(state, peer)}'s safety number has changed. `),
        'Someone may be pretending to be them, or they reinstalled kabar. Sending is blocked until you compare the new safety number with them and mark it verified. ',
        h('button', { type: 'button', onclick: () => { void showSafetyNumber(peer) } }, 'Compare safety numbers')),
    disclosure?.kind === 'ok' && disclosure.view.rejected !== undefined
      ? h('div', { class: 'banner danger', role: 'alert', 'data-testid': 'disclosure-rejected' },
        h('strong', {}, 'This business\'s disclosure was refused. '), disclosure.view.rejected, ' Nothing is sent until it is resolved.')
      : null,
    isDirect(peer)
      ? h('div', { class: 'banner', role: 'note', 'data-testid': 'direct-thread' },
        `${displayName(state, addressOf(peer))} wrote to your own device, not to ${state.business?.profile?.displayName ?? state.business?.name ?? 'the business'}: this thread is not part of the business's inbox, and its other readers do not see it. Replies from this page go out as the business, in its conversation with them.`)
      : null,
    disclosure?.kind === 'error' && looksLikeBusiness(state, peer)
      ? h('div', { class: 'banner warn', role: 'status' }, `Could not load this business's current disclosure (${disclosure.message}). The events below are what your node recorded.`)
      : null)
}

function renderBusinessPanel (peer: string): void {
  const panel = byId('business-panel')
  const disclosure = state.disclosures.get(peer)
  if (disclosure?.kind !== 'ok') {
    replace(panel)
    return
  }
  replace(panel, disclosureCard(disclosure.view, (verifier, label) => { void trustVerifier(peer, verifier, label) }))
}

function renderMessages (peer: string): void {
  const messages = state.conversations.get(peer)?.messages ?? []
  replace(byId('messages'), ...messages.map((m) => messageItem(state, m)))
  scrollToEnd()
}

function scrollToEnd (): void {
  const scroller = byId('scroller')
  scroller.scrollTop = scroller.scrollHeight
}

function renderConversation (peer: string): void {
  byId('empty').hidden = true
  // A customer's thread with this device is read here; answers go out as the business, in its thread.
  byId('composer').hidden = isDirect(peer)
  renderConversationHeader(peer)
  renderBanners(peer)
  renderBusinessPanel(peer)
  renderMessages(peer)
}

// ---------------------------------------------------------------- actions

async function openConversation (peer: string, focus = true): Promise<void> {
  state.selected = peer
  if (location.hash !== `#${peer}`) history.replaceState(null, '', `/#${peer}`)
  markRead(state, peer)
  renderList()
  renderConversation(peer)
  byId('composer-error').textContent = ''
  if (focus) byId('composer-text').focus()
  if (!state.disclosures.has(peer)) await loadDisclosure(peer)
}

async function loadDisclosure (peer: string): Promise<void> {
  if (isDirect(peer)) return
  state.disclosures.set(peer, { kind: 'loading' })
  try {
    const view = await optional<DisclosureView>(`/disclosures/${seg(peer)}`)
    state.disclosures.set(peer, view === undefined ? { kind: 'none' } : { kind: 'ok', view })
  } catch (err) {
    // The business endpoints may be missing or failing: the chat still works, without the panel.
    state.disclosures.set(peer, { kind: 'error', message: describeError(err) })
  }
  if (state.selected === peer) renderConversation(peer)
  renderList()
}

/** The customer trusts a verifier from the disclosure card; the disclosure is then read again, verified or not. */
async function trustVerifier (peer: string, verifier: string, label: string): Promise<void> {
  try {
    await request('POST', '/trust/verifiers', label.includes('…') ? { address: verifier } : { address: verifier, label })
    announce(`You now trust ${label} as a verifier.`)
  } catch (err) {
    byId('composer-error').textContent = `Could not trust ${label}: ${describeError(err)}`
  }
  await loadDisclosure(peer)
}

async function acceptDisclosure (peer: string): Promise<void> {
  try {
    const view = await request<DisclosureView>('POST', `/disclosures/${seg(peer)}/accept`)
    state.disclosures.set(peer, { kind: 'ok', view })
    for (const m of await loadMessages(0, peer)) addMessage(state, m)
    announce(`You accepted ${view.profile.displayName}'s new disclosure.`)
  } catch (err) {
    byId('composer-error').textContent = `Could not accept: ${describeError(err)}`
  }
  if (state.selected === peer) renderConversation(peer)
  renderList()
}

async function send (text: string): Promise<void> {
  const peer = state.selected
  if (peer === undefined) return
  const error = byId('composer-error')
  error.textContent = ''
  try {
    const m = await request<MessageView>('POST', '/messages', { to: peer, text })
    if (addMessage(state, m) && state.selected === peer) {
      byId('messages').append(messageItem(state, m))
      scrollToEnd()
    }
    renderList()
    if (m.status === 'held') renderBanners(peer)
  } catch (err) {
    const code = err instanceof ApiError ? err.code : ''
    error.textContent = code === 'UNTRUSTED_IDENTITY'
      ? `Not sent: ${displayName(state, peer)}'s safety number changed. Compare it and mark it verified first.`
      : code === 'DISCLOSURE_REJECTED'
        ? `Not sent: ${describeError(err)}`
        : `Not sent: ${describeError(err)}`
    throw err
  }
}

async function showSafetyNumber (peer: string): Promise<void> {
  await openSafetyNumber(state, peer, (name) => {
    renderConversation(peer)
    renderList()
    announce(`${name} is now verified.`)
  })
}

async function addContact (form: HTMLFormElement): Promise<void> {
  const address = byId<HTMLInputElement>('contact-address').value.trim()
  const name = byId<HTMLInputElement>('contact-name').value.trim()
  const error = byId('add-contact-error')
  error.textContent = ''
  try {
    let contact: Contact
    if (address.startsWith(INVITE_PREFIX)) {
      const { result, said } = await addFromInvite(address, name)
      contact = result.contact
      announce(said)
    } else {
      contact = await request<Contact>('POST', '/contacts', name.length > 0 ? { address, name } : { address })
      announce(`Added ${contact.name ?? shortAddress(contact.address)}.`)
    }
    state.contacts.set(contact.address, contact)
    form.reset()
    await openConversation(contact.address)
  } catch (err) {
    error.textContent = describeError(err)
  }
}

/** Someone who wrote first is not a contact yet: the add form, filled in, with the focus on the name. */
function prefillContact (peer: string): void {
  byId<HTMLInputElement>('contact-address').value = peer
  byId<HTMLInputElement>('contact-name').focus()
}

async function logOut (): Promise<void> {
  try {
    await request('DELETE', '/session')
  } catch { /* the session may be gone already: the page ends either way */ }
  events?.close()
  showLogin('You have logged out. Run `kabar open` for a new link.')
}

function announce (text: string): void {
  const el = byId('announcer')
  el.textContent = ''
  // A fresh text node after clearing makes screen readers read it even when it repeats.
  setTimeout(() => { el.textContent = text }, 50)
}

// ---------------------------------------------------------------- live events

function onEvent (event: PageEvent): void {
  if (event.type === 'message') {
    const { type: _type, ...m } = event
    const isNew = addMessage(state, m)
    if (!isNew) return
    const thread = threadOf(state, m)
    const open = state.selected === thread
    if (open) {
      byId('messages').append(messageItem(state, m))
      scrollToEnd()
      if (document.visibilityState === 'visible') markRead(state, thread)
      if (m.direction === 'system') renderBanners(m.peer)
    } else if (m.direction === 'in') {
      announce(`New message from ${displayName(state, thread)}: ${m.text}`)
    }
    if (m.direction === 'system' && m.system?.type.startsWith('disclosure-') === true) void loadDisclosure(m.peer)
    renderList()
  } else if (event.type === 'message:status') {
    const m = setStatus(state, event)
    if (m === undefined) return
    const item = document.querySelector(`#messages li[data-id="${CSS.escape(event.id)}"] [data-testid="status"]`)
    item?.replaceWith(statusLabel(m))
    if (state.selected === event.peer) renderBanners(event.peer)
  } else if (event.type === 'disclosure') {
    const { type: _type, ...view } = event
    state.disclosures.set(view.address, { kind: 'ok', view })
    if (state.selected === view.address) renderConversation(view.address)
    renderList()
  }
}

function setConnection (s: 'open' | 'closed' | 'ended'): void {
  const el = byId('connection')
  el.className = `connection ${s}`
  el.setAttribute('aria-label', s === 'open' ? 'Live updates: connected' : s === 'closed' ? 'Live updates: reconnecting' : 'Live updates: logged out')
  el.title = el.getAttribute('aria-label') ?? ''
  if (s === 'ended') showLogin('Your session has ended. Run `kabar open` for a new link.')
}

/** Outgoing messages whose state can still change: a status event for them may have been missed while disconnected. */
const PENDING = new Set(['waiting', 'held'])
const MAX_STATUS_REFRESH = 50

/** After a (re)connection: everything logged since the last index seen, and the state of messages still under way. */
async function catchUp (): Promise<void> {
  try {
    let changed = false
    for (const m of await loadMessages(state.lastIndex)) changed = addMessage(state, m) || changed
    const pending = [...state.conversations.values()].flatMap((c) => c.messages).filter((m) => m.direction === 'out' && PENDING.has(m.status))
    for (const m of pending.slice(-MAX_STATUS_REFRESH)) {
      const now = await optional<MessageView>(`/messages/${seg(m.id)}`)
      if (now !== undefined && now.status !== m.status) changed = addMessage(state, now) || true
    }
    if (changed) {
      renderList()
      if (state.selected !== undefined) renderConversation(state.selected)
    }
  } catch (err) {
    console.warn('catching up failed:', describeError(err))
  }
}

// ---------------------------------------------------------------- start

function wire (): void {
  byId<HTMLFormElement>('add-contact').addEventListener('submit', (e) => {
    e.preventDefault()
    void addContact(e.currentTarget as HTMLFormElement)
  })
  const composer = byId<HTMLFormElement>('composer')
  const text = byId<HTMLTextAreaElement>('composer-text')
  const submit = (): void => {
    const value = text.value
    if (value.trim().length === 0) return
    text.value = ''
    text.rows = 1
    send(value).catch(() => { text.value = value })
  }
  composer.addEventListener('submit', (e) => { e.preventDefault(); submit() })
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault()
      submit()
    }
  })
  text.addEventListener('input', () => { text.rows = Math.min(6, Math.max(1, text.value.split('\n').length)) })
  byId('logout').addEventListener('click', () => { void logOut() })
  byId('invite-button').addEventListener('click', () => { void showInvite(announce) })
  byId('me-address').addEventListener('click', () => {
    void navigator.clipboard?.writeText(state.me.address).then(() => { announce('Your address was copied.') }, () => {})
  })
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && state.selected !== undefined) {
      markRead(state, state.selected)
      renderList()
    }
  })
  window.addEventListener('hashchange', () => {
    const peer = location.hash.slice(1)
    if (peer.length > 0 && peer !== state.selected) void openConversation(peer)
  })
}

async function start (): Promise<void> {
  if (!await logIn()) return
  try {
    const me = await request<NodeStatus>('GET', '/status')
    state = newState(me)
    state.business = await detectBusiness(me)
    for (const c of await request<Contact[]>('GET', '/contacts')) state.contacts.set(c.address, c)
    for (const m of await loadMessages(0)) addMessage(state, m)
  } catch (err) {
    showLogin(`Cannot load your node's data: ${describeError(err)}`)
    return
  }
  byId('login').hidden = true
  byId('app').hidden = false
  wire()
  renderHeader()
  renderList()
  events = openEvents(onEvent, setConnection, () => { void catchUp() })
  const fromHash = location.hash.slice(1)
  if (/^[1-9A-HJ-NP-Za-km-z]{40,60}$/.test(fromHash)) await openConversation(fromHash, false)
  document.body.dataset.ready = 'true'
}

void start()
