/**
 * Scenes for the web page against FakeNode (an in-memory NodeApi behind the
 * real API server): a customer talking to a business whose disclosure
 * changed, a business's agent inbox, and a person's chats. The browser tests
 * and `npm run screenshots` use the same scenes.
 */
import { after, before } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { startApiServer } from '../../src/api/server.ts'
import type { ApiServer } from '../../src/api/server.ts'
import type { BusinessProfileView, DisclosureDiff, DisclosureView, MessageView } from '../../src/node/types.ts'
import { FakeNode, testAddress } from '../api/fake-node.ts'
import { launchBrowser, logIn } from './browser.ts'
import type { TestBrowser } from './browser.ts'

/** The built page, beside the compiled tests (dist/test/web → dist/src/web). */
export const WEB_ROOT = fileURLToPath(new URL('../../src/web/', import.meta.url))
export const TOKEN = 'web-test-token-0123456789abcdef'

export const ACME = testAddress(10)
export const VERIFIER = testAddress(11)
export const BOB = testAddress(12)
export const CAROL = testAddress(13)
export const DAVID = testAddress(14)

const DAY = 86_400_000
/** "Now" in the scenes: today at 11:30 UTC, so times read as today's (hh:mm) and screenshots stay the same. */
const today = new Date()
export const T0 = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 11, 30)

const policy = { url: 'https://acme.example/privacy', sha256: 'a3f1c2d4e5b60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90' }

export function acmeProfile (version: number): BusinessProfileView {
  const base: BusinessProfileView = {
    address: ACME,
    version,
    hash: 'ab'.repeat(32),
    prev: version === 1 ? '' : 'cd'.repeat(32),
    displayName: 'Acme Bikes',
    privacyPolicy: policy,
    readers: [
      { peerId: testAddress(20), role: 'agent', label: 'Alice', organisation: 'Acme Bikes' },
      { peerId: testAddress(21), role: 'agent', label: 'Ben', organisation: 'Acme Bikes' }
    ],
    apiReaders: [],
    processors: [
      { name: 'CloudStore', purposes: ['store'], region: 'EU (Frankfurt)', retentionDays: 30, privacyPolicy: { url: 'https://cloudstore.example/privacy', sha256: '11'.repeat(32) }, endpoint: 'hooks.cloudstore.example' }
    ],
    attestations: [
      { id: 'ee'.repeat(32), verifier: VERIFIER, business: ACME, legalName: 'Acme Bikes GmbH', domain: 'acme.example', scope: 'business identity', issued: T0 - 90 * DAY, expires: T0 + 275 * DAY }
    ],
    published: T0 - 40 * DAY
  }
  if (version < 4) return base
  return {
    ...base,
    published: T0 - 2 * 3_600_000,
    readers: [...base.readers, { peerId: testAddress(22), role: 'agent', label: 'Dana', organisation: 'Acme Bikes' }],
    processors: [
      { ...(base.processors[0]), retentionDays: 90 },
      { name: 'HelpdeskCo', purposes: ['read', 'reply'], region: 'US (Virginia)', retentionDays: 365, privacyPolicy: { url: 'https://helpdesk.example/privacy', sha256: '22'.repeat(32) }, endpoint: 'in.helpdesk.example' }
    ]
  }
}

export const ACME_DIFF: DisclosureDiff = {
  from: 3,
  to: 4,
  addedReaders: [{ peerId: testAddress(22), role: 'agent', label: 'Dana', organisation: 'Acme Bikes' }],
  removedReaders: [],
  addedApiReaders: [],
  removedApiReaders: [],
  addedProcessors: [acmeProfile(4).processors[1]],
  removedProcessors: [],
  changedProcessors: [{ name: 'CloudStore', changes: [{ field: 'retentionDays', from: '30', to: '90' }] }],
  changes: [],
  widens: true
}

export function acmeDisclosure (pending: boolean): DisclosureView {
  const profile = acmeProfile(pending ? 3 : 4)
  const shown = pending ? profile : acmeProfile(4)
  return {
    address: ACME,
    profile: shown,
    summary: [
      `${shown.readers.length} people at Acme Bikes can read your messages: ${shown.readers.map((r) => r.label).join(', ')}.`,
      ...shown.processors.map((p) => `Acme Bikes shares your messages with ${p.name} to ${p.purposes.join(' and ')}, kept ${p.retentionDays} days (${p.region}).`),
      'Verified by Kabar Trust as Acme Bikes GmbH (acme.example).'
    ],
    verification: {
      verified: true,
      required: 1,
      attestations: shown.attestations.map((a) => ({ ...a, verifierLabel: 'Kabar Trust', counts: true }))
    },
    acceptedVersion: 3,
    ...(pending ? { pending: ACME_DIFF } : {})
  }
}

/** A FakeNode whose accept clears the pending diff and releases held messages, as the real node does. */
export class CustomerNode extends FakeNode {
  override async acceptDisclosure (address: string): Promise<DisclosureView> {
    await super.acceptDisclosure(address)
    this.disclosureView = acmeDisclosure(false)
    const accepted = this.addMessage({ peer: ACME, from: this.address, to: ACME, direction: 'system', text: '', status: 'received', sentAt: T0, receivedAt: T0, system: { type: 'disclosure-accepted', summary: 'You accepted Acme Bikes\'s disclosure version 4.', version: 4 } })
    this.emit('message', accepted)
    for (const m of this.log.filter((x) => x.peer === ACME && x.status === 'held')) {
      m.status = 'waiting'
      setTimeout(() => { this.setStatus(m.id, 'delivered') }, 100)
    }
    return this.disclosureView
  }
}

type Fields = Partial<MessageView>
const at = (minutes: number): number => T0 - minutes * 60_000

/** A customer of Acme whose disclosure changed: two messages held until accepted. */
export function customerScene (): CustomerNode {
  const node = new CustomerNode()
  node.disclosureView = acmeDisclosure(true)
  node.contactList.push({ address: ACME, name: 'Acme Bikes', verified: false, addedAt: at(600) }, { address: BOB, name: 'Bob', verified: true, addedAt: at(900) })
  const out = (text: string, minutes: number, fields: Fields = {}): MessageView => node.addMessage({ peer: ACME, from: node.address, to: ACME, direction: 'out', text, sentAt: at(minutes), receivedAt: at(minutes - 1), status: 'delivered', ...fields })
  const inc = (text: string, minutes: number, fields: Fields = {}): MessageView => node.addMessage({ peer: ACME, text, sentAt: at(minutes), receivedAt: at(minutes), ...fields })
  node.addMessage({ peer: ACME, from: node.address, to: ACME, direction: 'system', text: '', status: 'received', sentAt: at(300), receivedAt: at(300), system: { type: 'disclosure-shown', summary: 'Before your first message you were shown who can read it at Acme Bikes (version 3).', version: 3 } })
  out('Hi! My order #4471 arrived with a bent front wheel.', 299)
  inc('Sorry to hear that! Could you send the delivery note number?', 280, { sentBy: 'Alice (agent)' })
  out('Sure, it is DN-20931.', 270)
  inc('Thanks, a new wheel ships tomorrow.', 262, { sentBy: 'Ben (agent)' })
  node.addMessage({ peer: ACME, from: node.address, to: ACME, direction: 'system', text: '', status: 'received', sentAt: at(90), receivedAt: at(90), system: { type: 'disclosure-changed', summary: 'Acme Bikes changed who can read your messages (version 3 → 4). Your messages are held until you accept.', version: 4, diff: ACME_DIFF } })
  out('Any tracking number for the wheel?', 30, { status: 'held', receivedAt: undefined })
  out('And can I pay the difference for a carbon one?', 29, { status: 'held', receivedAt: undefined })
  node.addMessage({ peer: BOB, text: 'Are we still riding on Saturday?', sentAt: at(45), receivedAt: at(45) })
  return node
}

/** A person's chats: Bob (verified), Carol whose key changed, David not verified. */
export function personScene (): FakeNode {
  const node = new FakeNode()
  node.disclosureView = undefined
  node.contactList.push(
    { address: BOB, name: 'Bob', verified: true, addedAt: at(9000) },
    { address: CAROL, name: 'Carol', verified: false, addedAt: at(8000) },
    { address: DAVID, name: 'David', verified: false, addedAt: at(100) }
  )
  const talk = (peer: string, text: string, minutes: number, out: boolean, status: MessageView['status'] = out ? 'delivered' : 'received', reason?: MessageView['reason']): void => {
    node.addMessage(out
      ? { peer, from: node.address, to: peer, direction: 'out', text, sentAt: at(minutes), receivedAt: at(minutes - 1), status, ...(reason === undefined ? {} : { reason }) }
      : { peer, text, sentAt: at(minutes), receivedAt: at(minutes) })
  }
  talk(CAROL, 'Did you get the slides?', 500, false)
  talk(CAROL, 'Yes, thanks!', 498, true)
  node.addMessage({ peer: CAROL, from: CAROL, to: node.address, direction: 'system', text: '', status: 'received', sentAt: at(200), receivedAt: at(200), system: { type: 'identity-changed', summary: 'Carol\'s safety number changed.' } })
  talk(CAROL, 'New phone, same me :)', 199, false)
  talk(BOB, 'Are we still riding on Saturday?', 62, false)
  talk(BOB, 'Yes! 9:00 at the bridge.', 60, true)
  talk(BOB, 'Bring the spare tube, I used mine.', 58, false)
  talk(BOB, 'Will do. Forecast says sunny all day.', 20, true)
  talk(BOB, 'Perfect. See you there', 5, false)
  talk(BOB, 'See you!', 3, true, 'waiting')
  talk(DAVID, 'Hello David, this is Ana from the bike club.', 2, true, 'waiting', { code: 'recipient-offline', text: 'the recipient\'s device did not answer (offline?): it goes as soon as the device is back' })
  return node
}

/** Acme's own node: the shared inbox, each answer signed by the agent who wrote it. */
export function businessScene (): FakeNode {
  const node = new FakeNode()
  node.profileView = { ...acmeProfile(4), address: node.address }
  node.contactList.push({ address: BOB, name: 'Bob Meyer', verified: false, addedAt: at(900) }, { address: CAROL, name: 'Carol Diaz', verified: false, addedAt: at(800) })
  const inc = (peer: string, text: string, minutes: number): void => { node.addMessage({ peer, text, sentAt: at(minutes), receivedAt: at(minutes), disclosureVersion: 4 }) }
  const out = (peer: string, text: string, minutes: number, sentBy: string): void => { node.addMessage({ peer, from: node.address, to: peer, direction: 'out', text, sentAt: at(minutes), receivedAt: at(minutes - 1), status: 'delivered', sentBy, disclosureVersion: 4 }) }
  inc(CAROL, 'Do you have the Trail 29 in size M?', 180)
  out(CAROL, 'We do: two in stock at the city store.', 170, 'Ben (agent)')
  inc(DAVID, 'What are your opening hours on Sunday?', 95)
  out(DAVID, 'Closed on Sundays, open 9–18 Monday to Saturday.', 90, 'HelpdeskCo (processor)')
  inc(BOB, 'Hi, my order #4471 arrived with a bent front wheel.', 40)
  out(BOB, 'Sorry to hear that! Could you send the delivery note number?', 35, 'Alice (agent)')
  inc(BOB, 'Sure, it is DN-20931.', 20)
  out(BOB, 'Thanks, a new wheel ships tomorrow.', 12, 'Ben (agent)')
  inc(BOB, 'Great, and a tracking number?', 4)
  return node
}

export async function serve (node: FakeNode): Promise<ApiServer> {
  return startApiServer({ node, token: TOKEN, webRoot: WEB_ROOT })
}

/**
 * One browser for a describe block (launched before it, closed after) and `open(node)`: the
 * node's API served and a page logged in to it, the login code gone from the address bar.
 */
export function useBrowser (): { open: (node: FakeNode) => Promise<Page> } {
  let browser: TestBrowser
  const servers: ApiServer[] = []
  before(async () => { browser = await launchBrowser() })
  after(async () => {
    await Promise.all(servers.map(async (s) => s.close()))
    await browser.close()
  })
  return {
    open: async (node) => {
      const api = await serve(node)
      servers.push(api)
      const page = await browser.page()
      await logIn(page, api.loginLink().url)
      return page
    }
  }
}

