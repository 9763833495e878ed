/**
 * What `kabar lookup` and `kabar messages` print about a business: the
 * disclosure in sentences, every reader and processor, and a pending change
 * as a diff with the command that accepts it.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatDisclosure, formatLookup, formatMessage } from '../../src/cli/format.ts'
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
})
