/**
 * What `kabar lookup` and `kabar messages` print about a business: the
 * disclosure in sentences, every reader and processor, and a pending change
 * as a diff with the command that accepts it.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { JOIN_HINT, formatDisclosure, formatLookup, formatMessage, formatStatus } from '../../src/cli/format.ts'
import type { DisclosureView, MessageView } from '../../src/node/types.ts'

const helpdesk = { name: 'HelpdeskCo', purposes: ['store' as const, 'reply' as const], region: 'EU', retentionDays: 30, privacyPolicy: { url: 'https://helpdesk.example/p', sha256: 'cd'.repeat(32) }, endpoint: 'hooks.helpdesk.example' }

const view: DisclosureView = {
  address: '12D3KooWAcme',
  profile: {
    address: '12D3KooWAcme',
    version: 4,
    hash: 'aa'.repeat(32),
    prev: 'bb'.repeat(32),
    displayName: 'Acme',
    privacyPolicy: { url: 'https://acme.example/p', sha256: 'ab'.repeat(32) },
    readers: [{ peerId: '12D3KooWAcme', role: 'primary', label: 'primary', organisation: 'Acme' }, { peerId: '12D3KooWDewi', role: 'agent', label: 'Dewi', organisation: 'Acme' }],
    apiReaders: [{ name: 'Night shift', role: 'agent', organisation: 'Acme' }],
    processors: [helpdesk],
    attestations: [],
    published: Date.UTC(2026, 10, 1)
  },
  summary: ['2 people at Acme and 1 device of Acme can read your messages.', 'Acme shares messages with HelpdeskCo to store and reply, in EU, kept 30 days (outside end-to-end encryption).'],
  verification: { verified: false, required: 1, attestations: [] },
  acceptedVersion: 3,
  pending: {
    from: 3, to: 4, addedReaders: [], removedReaders: [], addedApiReaders: [], removedApiReaders: [],
    addedProcessors: [helpdesk], removedProcessors: [], changedProcessors: [], changes: [], widens: true
  }
}

describe('cli: business disclosure output', () => {
  it('prints the sentences, the readers, the processors and the pending diff', () => {
    const lines = formatDisclosure(view)
    assert.equal(lines[0], 'business: Acme (profile version 4, published 2026-11-01 00:00:00Z)')
    assert.ok(lines.includes('  2 people at Acme and 1 device of Acme can read your messages.'))
    assert.ok(lines.some((l) => l.includes('Dewi (agent), Acme  12D3KooWDewi')))
    assert.ok(lines.some((l) => l.includes("Night shift  agent through the business node's API")))
    assert.ok(lines.some((l) => l.includes('HelpdeskCo  store, reply; EU; kept 30 days')))
    assert.ok(lines.some((l) => l.includes('kabar business accept 12D3KooWAcme')))
    assert.ok(lines.includes('    + processor HelpdeskCo (store, reply, EU, kept 30 days)'))
    assert.deepEqual(formatLookup({ address: '12D3KooWAcme', prekeys: {}, multiaddrs: [], business: view }).slice(1, 3), lines.slice(0, 2))
  })

  it('a refused profile says so loudly; a first contact says what the first message accepts', () => {
    const { pending: _p, acceptedVersion: _a, ...fresh } = view
    assert.ok(formatDisclosure(fresh).some((l) => /first message accepts this disclosure/.test(l)))
    assert.ok(formatDisclosure({ ...fresh, rejected: 'equivocation' }).some((l) => l.startsWith('  REFUSED: equivocation.')))
  })

  it('messages show who wrote them and system events by type', () => {
    const base: MessageView = { id: '00', index: 1, peer: '12D3KooWAcme', from: '12D3KooWAcme', to: 'me', text: 'Hi', direction: 'in', seq: 1, sentAt: 0, status: 'received' }
    assert.match(formatMessage({ ...base, sentBy: 'Dewi' }), /← 12D3KooWAcme \(Dewi\) {2}\[received\] {2}Hi$/)
    assert.match(formatMessage({ ...base, direction: 'system', text: 'Acme updated…', system: { type: 'disclosure-changed', summary: 'Acme updated…' } }), /• 12D3KooWAcme {2}\[disclosure-changed\] {2}Acme updated…$/)
  })

  it('the business\'s own node reads as that, not "primary  primary"', () => {
    const lines = formatDisclosure(view)
    assert.ok(lines.includes("    the account's own node, Acme  12D3KooWAcme"), lines.join('\n'))
    assert.ok(!lines.some((l) => /primary {2}primary/.test(l)))
  })

  it('a waiting message says why in its tag', () => {
    const out: MessageView = { id: '00', index: 1, peer: '12D3KooWBob', from: 'me', to: '12D3KooWBob', text: 'Hi', direction: 'out', seq: 1, sentAt: 0, status: 'waiting', reason: { code: 'recipient-offline', text: '…' } }
    assert.match(formatMessage(out), /→ 12D3KooWBob {2}\[waiting: recipient offline\] {2}Hi$/)
    assert.match(formatMessage({ ...out, status: 'delivered', reason: undefined }), /\[delivered\]/)
  })
})

describe('cli: status and lookup output', () => {
  const status = { address: '12D3KooWMe', peerId: '12D3KooWMe', multiaddrs: [], connections: 0, dhtPeers: 0, outbox: 0, account: '12D3KooWMe', role: 'primary', startedAt: 0, version: '0.1.0' }
  it('a node with no peers says so and how to join', () => {
    const lines = formatStatus(status)
    assert.ok(lines.includes('peers:       0 connected, 0 in the DHT routing table'))
    for (const l of JOIN_HINT) assert.ok(lines.includes(l))
    assert.match(JOIN_HINT.join('\n'), /kabar contacts add <invite>/)
    assert.ok(!formatStatus({ ...status, connections: 1, dhtPeers: 1 }).includes(JOIN_HINT[0] ?? ''))
  })

  it('a mailbox says how many envelopes it holds, for which devices, and its quotas', () => {
    const mailbox = { envelopes: 3, bytes: 3 * 1024 * 1024, devices: [{ device: '12D3KooWLaptop', envelopes: 3, bytes: 3 * 1024 * 1024 }], depositors: 2, quotas: { perDepositor: 5000, bytesPerDepositor: 64 * 1024 * 1024, total: 100_000, bytesTotal: 1024 ** 3, retentionMs: 30 * 86_400_000 } }
    const lines = formatStatus({ ...status, connections: 1, dhtPeers: 1, role: 'mailbox', mailbox })
    assert.ok(lines.includes('mailbox:     3 envelope(s), 3.0 MiB, from 2 sender device(s); encrypted to your devices, unreadable here'), lines.join('\n'))
    assert.ok(lines.includes('  for 12D3KooWLaptop: 3 envelope(s), 3.0 MiB'))
    assert.ok(lines.includes('  quotas: 5000 envelopes and 64.0 MiB per sender, 100000 envelopes and 1024.0 MiB in all; kept 30 days'))
    assert.ok(!formatStatus(status).some((l) => l.startsWith('mailbox:')))
  })

  it('shows record times as times, not numbers', () => {
    const at = Date.UTC(2026, 10, 30, 12)
    const lines = formatLookup({ address: '12D3KooWBob', account: { seq: at, created: at, expires: at, devices: [{ peerId: '12D3KooWBob', role: 'primary', label: '', identityKey: '00', expires: at }] }, prekeys: { '12D3KooWBob': { seq: at, created: at, expires: at, signedPrekeyId: 7, pqPrekeyId: 9 } }, multiaddrs: [] }, new Map([['12D3KooWBob', 'Bob']]))
    assert.equal(lines[0], 'address: Bob (12D3KooWBob)')
    assert.ok(lines.includes('account: record published 2026-11-30 12:00:00Z, created 2026-11-30 12:00:00Z, expires 2026-11-30 12:00:00Z'), lines.join('\n'))
    assert.ok(!lines.some((l) => /#\d{10,}/.test(l)), 'no timestamp shown as a record number')
  })
})
