/**
 * Human lines for business, verifier and trust results. Secrets (a token, a
 * webhook secret) are printed once, alone on their line, so they can be
 * copied or piped; everything else reads as sentences.
 */
import type { TokenView, WebhookView } from '../api/client.ts'
import type { BusinessProfileView, DeviceView, DisclosureView, LinkCode, Membership, TrustSettings } from '../node/types.ts'
import { formatTime } from './format.ts'

export function formatProfile (p: BusinessProfileView): string[] {
  const lines = [
    `business:   ${p.displayName} (${p.address})`,
    `version:    ${p.version}, published ${formatTime(p.published)}`,
    `hash:       ${p.hash}`,
    `privacy:    ${p.privacyPolicy.url} (sha256 ${p.privacyPolicy.sha256})`,
    p.readers.length === 0 ? 'devices that read: none' : 'devices that read:'
  ]
  for (const r of p.readers) lines.push(`  ${r.peerId}  ${r.role}  "${r.label}"  (${r.organisation})`)
  lines.push(p.apiReaders.length === 0 ? 'API readers: none' : 'API readers:')
  for (const r of p.apiReaders) lines.push(`  ${r.name}  ${r.role}  (${r.organisation})`)
  lines.push(p.processors.length === 0 ? 'processors (outside end-to-end encryption): none' : 'processors (outside end-to-end encryption):')
  for (const x of p.processors) lines.push(`  ${x.name}  ${x.purposes.join(', ')}  region ${x.region}, kept ${x.retentionDays} days, webhooks to ${x.endpoint}`)
  lines.push(p.attestations.length === 0 ? 'attestations: none' : 'attestations:')
  for (const a of p.attestations) lines.push(`  ${a.legalName} (${a.domain}) by ${a.verifier}, expires ${formatTime(a.expires)}`)
  return lines
}

export function formatDevices (devices: DeviceView[]): string[] {
  if (devices.length === 0) return ['no devices']
  return devices.map((d) => `${d.peerId}  ${d.role}${d.label.length > 0 ? `  "${d.label}"` : ''}${d.expires === undefined ? '' : `  expires ${formatTime(d.expires)}`}`)
}

export function formatLinkCode (c: LinkCode): string[] {
  return [
    `link code for ${c.role} "${c.label}" (one use, expires ${formatTime(c.expires)}); on the new device run:`,
    `  kabar link ${c.code}`
  ]
}

export function formatMembership (m: Membership): string {
  return `this node is now ${m.role} "${m.label}" of account ${m.account}`
}

export function formatDisclosure (d: DisclosureView): string[] {
  const lines = [`${d.profile.displayName} (${d.address}), profile version ${d.profile.version}`, ...d.summary.map((s) => `  ${s}`)]
  if (d.acceptedVersion !== undefined) lines.push(`accepted version: ${d.acceptedVersion}`)
  if (d.rejected !== undefined) lines.push(`REJECTED: ${d.rejected}`)
  return lines
}

export function formatTokens (tokens: TokenView[]): string[] {
  if (tokens.length === 0) return ['no reader tokens']
  return tokens.map((t) => `${t.name}  ${t.role}  since ${formatTime(t.createdAt)}`)
}

export function formatWebhooks (hooks: WebhookView[]): string[] {
  if (hooks.length === 0) return ['no webhooks']
  return hooks.map((h) => {
    const problem = h.lastError === undefined ? '' : `, last error: ${h.lastError}`
    return `${h.processor}  ${h.url}  ${h.state}, ${h.queueDepth} waiting${h.failures > 0 ? `, ${h.failures} failed attempts` : ''}${problem}`
  })
}

export function formatTrust (t: TrustSettings): string[] {
  const lines = [`a business shows as verified with attestations from ${t.threshold} of these ${t.verifiers.length} verifier(s):`]
  if (t.verifiers.length === 0) lines.push('  (none: no business shows as verified)')
  for (const v of t.verifiers) lines.push(`  ${v.address}${v.label === undefined ? '' : `  ${v.label}`}`)
  return lines
}
