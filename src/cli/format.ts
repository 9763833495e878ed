/**
 * Human-readable lines for the CLI's results (output.ts decides whether they
 * are used). Times are shown in UTC, ISO-like, so lines sort and compare
 * the same on every machine.
 */
import { describeState, stateTag } from '../node/messaging/states.ts'
import type { Contact, DisclosureView, LookupResult, MessageView, NodeStatus } from '../node/types.ts'

export function formatTime (ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '-'
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z')
}

/** `Name (address)` when the contact has a name, else the address. */
export function peerLabel (address: string, names: ReadonlyMap<string, string> = new Map()): string {
  const name = names.get(address)
  return name === undefined ? address : `${name} (${address})`
}

/** `2025-01-02 15:04:05Z  → peer  [waiting: recipient offline]  text`, continuation lines indented. */
export function formatMessage (m: MessageView, names?: ReadonlyMap<string, string>): string {
  const arrow = m.direction === 'out' ? '→' : m.direction === 'system' ? '•' : '←'
  const by = m.sentBy === undefined ? '' : ` (${m.sentBy})`
  const head = `${formatTime(m.sentAt)}  ${arrow} ${peerLabel(m.peer, names)}${by}  [${m.direction === 'system' ? m.system?.type ?? 'system' : stateTag(m)}]  `
  return head + m.text.split('\n').join('\n' + ' '.repeat(4))
}

/** `waiting in your outbox: the recipient's device did not answer … (id …, to Bob (12D3…))`. */
export function formatSent (m: MessageView, names?: ReadonlyMap<string, string>): string {
  return `${describeState(m)} (message ${m.id} to ${peerLabel(m.to, names)})`
}

export function formatContact (c: Contact): string {
  const mark = c.verified ? 'verified  ' : 'unverified'
  return `${mark}  ${c.name === undefined ? c.address : `${c.name}  ${c.address}`}`
}

/** What a node alone is told, at start and by `kabar status`: how to join a network. */
export const JOIN_HINT = [
  'no peers: this node is on its own, so it can find nobody and nobody can find it. To join a network:',
  '  - ask someone for their invite (`kabar invite` on their node) and run `kabar contacts add <invite>`, or',
  '  - start with `kabar start --bootstrap /ip4/…/tcp/7744/p2p/12D3KooW…` (any kabar node you can reach), or',
  '  - give your own invite (`kabar invite`) to someone who is in a network already.'
]

export function formatStatus (s: NodeStatus): string[] {
  return [
    `address:     ${s.address}`,
    ...(s.peerId === s.address ? [] : [`device:      ${s.peerId}`]),
    `version:     ${s.version}`,
    `started:     ${formatTime(s.startedAt)}`,
    `peers:       ${s.connections} connected, ${s.dhtPeers} in the DHT routing table`,
    `outbox:      ${s.outbox} envelope(s) waiting for an ack`,
    'listening:',
    ...(s.multiaddrs.length === 0 ? ['  (none)'] : s.multiaddrs.map((m) => `  ${m}`)),
    ...(s.mailbox === undefined ? [] : formatMailbox(s.mailbox)),
    ...(s.connections === 0 && s.dhtPeers === 0 ? JOIN_HINT : [])
  ]
}

/** What a mailbox holds (ciphertext only), for which of its owner's devices, and its limits. */
function formatMailbox (m: NonNullable<NodeStatus['mailbox']>): string[] {
  const q = m.quotas
  const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
  return [
    `mailbox:     ${m.envelopes} envelope(s), ${mib(m.bytes)}, from ${m.depositors} sender device(s); encrypted to your devices, unreadable here`,
    ...m.devices.map((d) => `  for ${d.device}: ${d.envelopes} envelope(s), ${mib(d.bytes)}`),
    `  quotas: ${q.perDepositor} envelopes and ${mib(q.bytesPerDepositor)} per sender, ${q.total} envelopes and ${mib(q.bytesTotal)} in all; kept ${Math.round(q.retentionMs / 86_400_000)} days`
  ]
}

/** A business's disclosure as a customer reads it: who can read, who it shares with, who vouched, and where consent stands. */
export function formatDisclosure (d: DisclosureView): string[] {
  const p = d.profile
  const lines = [`business: ${p.displayName} (profile version ${p.version}, published ${formatTime(p.published)})`]
  for (const sentence of d.summary) lines.push(`  ${sentence}`)
  lines.push('  readers (end to end):')
  for (const r of p.readers) lines.push(`    ${readerName(r)}, ${r.organisation}  ${r.peerId}`)
  for (const r of p.apiReaders) lines.push(`    ${r.name}  ${r.role} through the business node's API, ${r.organisation}`)
  if (p.processors.length > 0) lines.push('  shared outside end-to-end encryption:')
  for (const x of p.processors) lines.push(`    ${x.name}  ${x.purposes.join(', ')}; ${x.region}; kept ${x.retentionDays} days; policy ${x.privacyPolicy.url} (sha256 ${x.privacyPolicy.sha256})`)
  lines.push(`  privacy policy: ${p.privacyPolicy.url} (sha256 ${p.privacyPolicy.sha256})`)
  if (d.rejected !== undefined) lines.push(`  REFUSED: ${d.rejected}. Nothing is sent to this business until it is resolved.`)
  if (d.pending !== undefined) {
    lines.push(`  CHANGED since the version you accepted (${d.pending.from} → ${d.pending.to}); your messages wait until you run \`kabar business accept ${d.address}\`:`)
    for (const r of d.pending.addedReaders) lines.push(`    + reader ${r.label} (${r.role}, ${r.organisation})`)
    for (const r of d.pending.removedReaders) lines.push(`    - reader ${r.label} (${r.role}, ${r.organisation})`)
    for (const r of d.pending.addedApiReaders) lines.push(`    + API reader ${r.name} (${r.role}, ${r.organisation})`)
    for (const r of d.pending.removedApiReaders) lines.push(`    - API reader ${r.name}`)
    for (const x of d.pending.addedProcessors) lines.push(`    + processor ${x.name} (${x.purposes.join(', ')}, ${x.region}, kept ${x.retentionDays} days)`)
    for (const x of d.pending.removedProcessors) lines.push(`    - processor ${x.name}`)
    for (const c of d.pending.changedProcessors) for (const f of c.changes) lines.push(`    ~ ${c.name} ${f.field}: ${f.from} → ${f.to}`)
    for (const c of d.pending.changes) lines.push(`    ~ ${c.field}: ${c.from} → ${c.to}`)
  } else if (d.acceptedVersion !== undefined) {
    lines.push(`  you accepted version ${d.acceptedVersion}`)
  } else {
    lines.push('  you have not messaged this business yet: your first message accepts this disclosure')
  }
  return lines
}

/** A reader device in words: "Dewi (agent)", "the business's own node" — never "primary  primary". */
export function readerName (r: { role: string, label: string }): string {
  const role = r.role === 'primary' ? 'the account\'s own node' : r.role
  return r.label.length === 0 || r.label === r.role ? role : `${r.label} (${role})`
}

export function formatLookup (r: LookupResult, names?: ReadonlyMap<string, string>): string[] {
  const lines = [`address: ${peerLabel(r.address, names)}`]
  if (r.business !== undefined) lines.push(...formatDisclosure(r.business))
  if (r.account === undefined) {
    lines.push('account: no record found in the DHT')
  } else {
    // seq is the publication time in ms (records/): shown as the time it is, not as a number.
    lines.push(`account: record published ${formatTime(r.account.seq)}, created ${formatTime(r.account.created)}, expires ${formatTime(r.account.expires)}`)
    lines.push('devices:')
    for (const d of r.account.devices) lines.push(`  ${d.peerId}  ${readerName(d)}`)
  }
  const prekeys = Object.entries(r.prekeys)
  lines.push(prekeys.length === 0 ? 'prekeys: none found' : 'prekeys:')
  for (const [device, p] of prekeys) lines.push(`  ${device}  published ${formatTime(p.seq)}: signed prekey #${p.signedPrekeyId}, PQ prekey #${p.pqPrekeyId}, expires ${formatTime(p.expires)}`)
  lines.push(r.multiaddrs.length === 0 ? 'multiaddrs: none known' : 'multiaddrs:')
  for (const m of r.multiaddrs) lines.push(`  ${m}`)
  return lines
}

/** 60 digits as 12 groups of 5, four groups a line, as Signal shows them; anything else unchanged. */
export function formatSafetyNumber (digits: string): string[] {
  if (!/^\d{60}$/.test(digits)) return [digits]
  const groups = digits.match(/\d{5}/g) ?? []
  return [0, 4, 8].map((i) => groups.slice(i, i + 4).join(' '))
}
