/**
 * Human-readable lines for the CLI's results (output.ts decides whether they
 * are used). Times are shown in UTC, ISO-like, so lines sort and compare
 * the same on every machine.
 */
import type { Contact, LookupResult, MessageView, NodeStatus } from '../node/types.ts'

export function formatTime (ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '-'
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z')
}

/** `Name (address)` when the contact has a name, else the address. */
export function peerLabel (address: string, names: ReadonlyMap<string, string> = new Map()): string {
  const name = names.get(address)
  return name === undefined ? address : `${name} (${address})`
}

/** `2025-01-02 15:04:05Z  → peer  [status]  text`, continuation lines indented. */
export function formatMessage (m: MessageView, names?: ReadonlyMap<string, string>): string {
  const arrow = m.direction === 'out' ? '→' : '←'
  const head = `${formatTime(m.sentAt)}  ${arrow} ${peerLabel(m.peer, names)}  [${m.status}]  `
  return head + m.text.split('\n').join('\n' + ' '.repeat(4))
}

export function formatSent (m: MessageView): string {
  return `${m.status} ${m.id} to ${m.to}`
}

export function formatContact (c: Contact): string {
  const mark = c.verified ? 'verified  ' : 'unverified'
  return `${mark}  ${c.address}${c.name === undefined ? '' : `  ${c.name}`}`
}

export function formatStatus (s: NodeStatus): string[] {
  return [
    `address:     ${s.address}`,
    ...(s.peerId === s.address ? [] : [`device:      ${s.peerId}`]),
    `version:     ${s.version}`,
    `started:     ${formatTime(s.startedAt)}`,
    `connections: ${s.connections}`,
    `dht peers:   ${s.dhtPeers}`,
    `outbox:      ${s.outbox} envelope(s) waiting for an ack`,
    'listening:',
    ...(s.multiaddrs.length === 0 ? ['  (none)'] : s.multiaddrs.map((m) => `  ${m}`))
  ]
}

export function formatLookup (r: LookupResult): string[] {
  const lines = [`address: ${r.address}`]
  if (r.account === undefined) {
    lines.push('account: no record found in the DHT')
  } else {
    lines.push(`account: record #${r.account.seq}, created ${formatTime(r.account.created)}, expires ${formatTime(r.account.expires)}`)
    lines.push('devices:')
    for (const d of r.account.devices) lines.push(`  ${d.peerId}  ${d.role}${d.label.length > 0 ? ` "${d.label}"` : ''}`)
  }
  const prekeys = Object.entries(r.prekeys)
  lines.push(prekeys.length === 0 ? 'prekeys: none found' : 'prekeys:')
  for (const [device, p] of prekeys) lines.push(`  ${device}  record #${p.seq}, signed prekey ${p.signedPrekeyId}, PQ prekey ${p.pqPrekeyId}, expires ${formatTime(p.expires)}`)
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
