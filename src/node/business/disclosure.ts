/**
 * Consent-bound disclosure, the customer's side (DESIGN.md "Consent-bound
 * disclosure"): what a business's profile says in words, what changed between
 * two versions, and the decision a send makes from the profile the user
 * accepted and the one the DHT serves now.
 *
 * - No accepted version yet: the first message accepts the profile shown.
 * - The same hash: send.
 * - A newer version whose chain (`prev`, `earlier`) contains the accepted
 *   hash: applied at once when it adds no reader or processor, else held
 *   until the user accepts the diff.
 * - An older version (rolled back), the same version with another hash
 *   (equivocation), or a newer one that does not descend from the accepted
 *   one (swapped): rejected, loudly; nothing is sent until a profile that
 *   descends from the accepted one appears.
 */
import { fromHex, toHex } from '../../crypto/index.ts'
import { chainDistance, decodeBusinessProfile, peerIdStringFromEd25519, profileHash } from '../../records/index.ts'
import type { BusinessProfile } from '../../records/index.ts'
import type { ApiReaderView, AttestationView, BusinessProfileView, DisclosureDiff, ProcessorView, ReaderView } from '../types.ts'

/** A profile version as a customer keeps it: its exact bytes (hex), version and hash (hex). */
export interface KeptProfile {
  version: number
  hash: string
  bytes: string
}

/** The per-business consent state a customer's node keeps (sublevel `disclosures`). */
export interface DisclosureState {
  accepted?: KeptProfile
  pending?: KeptProfile
  /** Why the profile the DHT serves is refused (cleared when a good one appears). */
  rejected?: string
  /** Hash of every version seen, by version: the same version with another hash is equivocation. */
  seen: Record<string, string>
  /** Ids of messages held until `pending` is accepted, in order. */
  held: string[]
}

export type Decision =
  | { kind: 'send', accepted: KeptProfile, first: boolean, updated?: { from: KeptProfile, diff: DisclosureDiff } }
  | { kind: 'hold', pending: KeptProfile, diff: DisclosureDiff, fresh: boolean }
  | { kind: 'reject', reason: string, fresh: boolean }

export function keep (bytes: Uint8Array, profile: BusinessProfile): KeptProfile {
  return { version: profile.version, hash: toHex(profileHash(bytes)), bytes: toHex(bytes) }
}

export function keptProfile (kept: KeptProfile): BusinessProfile {
  return decodeBusinessProfile(fromHex(kept.bytes))
}

/**
 * What sending to a business whose DHT profile is `current` means, given the
 * user's state; returns the decision and the state to store.
 */
export function decide (state: DisclosureState, currentBytes: Uint8Array, current: BusinessProfile): { decision: Decision, state: DisclosureState } {
  const now = keep(currentBytes, current)
  const seen = { ...state.seen }
  const seenHash = seen[String(now.version)]
  const next: DisclosureState = { ...state, seen }
  const reject = (reason: string): { decision: Decision, state: DisclosureState } => {
    const fresh = state.rejected !== reason
    return { decision: { kind: 'reject', reason, fresh }, state: { ...next, rejected: reason } }
  }
  if (seenHash !== undefined && seenHash !== now.hash) {
    return reject(`the business published two different profiles as version ${now.version} (equivocation)`)
  }
  seen[String(now.version)] = now.hash
  const accepted = state.accepted
  if (accepted === undefined) {
    const { rejected: _r, ...clean } = next
    return { decision: { kind: 'send', accepted: now, first: true }, state: { ...clean, accepted: now } }
  }
  if (accepted.hash === now.hash) {
    const { rejected: _r, ...clean } = next
    return { decision: { kind: 'send', accepted, first: false }, state: clean }
  }
  if (now.version < accepted.version) return reject(`the profile went back from version ${accepted.version} to ${now.version} (rolled back)`)
  if (now.version === accepted.version) return reject(`the business published two different profiles as version ${now.version} (equivocation)`)
  const distance = chainDistance(current, currentBytes, fromHex(accepted.hash))
  if (distance === undefined || distance !== now.version - accepted.version) {
    return reject(`profile version ${now.version} does not descend from version ${accepted.version} that you accepted (swapped)`)
  }
  const diff = diffProfiles(keptProfile(accepted), current)
  const { rejected: _r, ...clean } = next
  if (!diff.widens) {
    const { pending: _p, ...rest } = clean
    return { decision: { kind: 'send', accepted: now, first: false, updated: { from: accepted, diff } }, state: { ...rest, accepted: now } }
  }
  const fresh = state.pending?.hash !== now.hash
  return { decision: { kind: 'hold', pending: now, diff, fresh }, state: { ...clean, pending: now } }
}

const roleNames: Record<string, string> = { primary: 'the business\'s own node', linked: 'a linked device', mailbox: 'a mailbox', agent: 'agent', processor: 'processor' }

export function readerViews (profile: BusinessProfile): ReaderView[] {
  return profile.readers.map((r) => ({ peerId: peerIdStringFromEd25519(r.deviceKey), role: r.role, label: r.label, organisation: r.organisation }))
}

export function processorViews (profile: BusinessProfile): ProcessorView[] {
  return profile.processors.map((x) => ({
    name: x.name,
    purposes: [...x.purposes],
    region: x.region,
    retentionDays: x.retentionDays,
    privacyPolicy: { url: x.privacyPolicy.url, sha256: toHex(x.privacyPolicy.sha256) },
    endpoint: x.endpoint
  }))
}

export function profileView (address: string, bytes: Uint8Array, profile: BusinessProfile, attestations: AttestationView[]): BusinessProfileView {
  return {
    address,
    version: profile.version,
    hash: toHex(profileHash(bytes)),
    prev: toHex(profile.prev),
    displayName: profile.displayName,
    privacyPolicy: { url: profile.privacyPolicy.url, sha256: toHex(profile.privacyPolicy.sha256) },
    readers: readerViews(profile),
    apiReaders: profile.apiReaders.map((r): ApiReaderView => ({ name: r.name, role: r.role, organisation: r.organisation })),
    processors: processorViews(profile),
    attestations,
    published: profile.published
  }
}

function processorFields (x: ProcessorView): Record<string, string> {
  return {
    purposes: x.purposes.join(', '),
    region: x.region,
    retentionDays: String(x.retentionDays),
    privacyPolicy: `${x.privacyPolicy.url} (${x.privacyPolicy.sha256.slice(0, 16)}…)`,
    endpoint: x.endpoint
  }
}

/** Field by field, what changed from `before` to `after`; `widens` when anyone new can read or a processor may do more. */
export function diffProfiles (before: BusinessProfile, after: BusinessProfile): DisclosureDiff {
  const rb = readerViews(before)
  const ra = readerViews(after)
  const addedReaders = ra.filter((r) => !rb.some((x) => x.peerId === r.peerId))
  const removedReaders = rb.filter((r) => !ra.some((x) => x.peerId === r.peerId))
  const ab = before.apiReaders
  const aa = after.apiReaders
  const addedApiReaders = aa.filter((r) => !ab.some((x) => x.name === r.name))
  const removedApiReaders = ab.filter((r) => !aa.some((x) => x.name === r.name))
  const pb = processorViews(before)
  const pa = processorViews(after)
  const addedProcessors = pa.filter((x) => !pb.some((y) => y.name === x.name))
  const removedProcessors = pb.filter((x) => !pa.some((y) => y.name === x.name))
  const changedProcessors: DisclosureDiff['changedProcessors'] = []
  let processorWidens = false
  for (const x of pa) {
    const old = pb.find((y) => y.name === x.name)
    if (old === undefined) continue
    const f0 = processorFields(old)
    const f1 = processorFields(x)
    const changes = Object.keys(f1).filter((k) => f0[k] !== f1[k]).map((field) => ({ field, from: f0[field] ?? '', to: f1[field] ?? '' }))
    if (changes.length > 0) changedProcessors.push({ name: x.name, changes })
    if (x.purposes.some((u) => !old.purposes.includes(u)) || x.retentionDays > old.retentionDays || x.region !== old.region || x.endpoint !== old.endpoint) processorWidens = true
  }
  const changes: DisclosureDiff['changes'] = []
  if (before.displayName !== after.displayName) changes.push({ field: 'displayName', from: before.displayName, to: after.displayName })
  if (before.privacyPolicy.url !== after.privacyPolicy.url || toHex(before.privacyPolicy.sha256) !== toHex(after.privacyPolicy.sha256)) {
    changes.push({ field: 'privacyPolicy', from: `${before.privacyPolicy.url} (${toHex(before.privacyPolicy.sha256).slice(0, 16)}…)`, to: `${after.privacyPolicy.url} (${toHex(after.privacyPolicy.sha256).slice(0, 16)}…)` })
  }
  const roleChanged = ra.some((r) => rb.some((x) => x.peerId === r.peerId && (x.role !== r.role || x.organisation !== r.organisation)))
  return {
    from: before.version,
    to: after.version,
    addedReaders,
    removedReaders,
    addedApiReaders: addedApiReaders.map((r) => ({ ...r })),
    removedApiReaders: removedApiReaders.map((r) => ({ ...r })),
    addedProcessors,
    removedProcessors,
    changedProcessors,
    changes,
    widens: addedReaders.length > 0 || addedApiReaders.length > 0 || addedProcessors.length > 0 || processorWidens || roleChanged || changes.some((c) => c.field === 'privacyPolicy')
  }
}

function plural (n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

function list (items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`
}

/** The disclosure in sentences a person understands. */
export function summarize (profile: BusinessProfileView, verificationLines: string[]): string[] {
  const name = profile.displayName
  const out: string[] = []
  const own = profile.readers.filter((r) => r.organisation === name)
  const outside = profile.readers.filter((r) => r.organisation !== name)
  const people = own.filter((r) => r.role === 'agent').length + profile.apiReaders.filter((r) => r.role === 'agent' && r.organisation === name).length
  const ownNodes = own.filter((r) => r.role !== 'agent').length
  const parts: string[] = []
  if (people > 0) parts.push(`${plural(people, 'person', 'people')} at ${name}`)
  if (ownNodes > 0) parts.push(`${plural(ownNodes, `device of ${name}`, `devices of ${name}`)}`)
  out.push(parts.length === 0 ? `Nobody at ${name} is listed as able to read your messages.` : `${list(parts)} can read your messages.`)
  const readerNames = [...own.filter((r) => r.role === 'agent').map((r) => r.label), ...profile.apiReaders.filter((r) => r.organisation === name).map((r) => r.name)]
  if (readerNames.length > 0) out.push(`Readers at ${name}: ${list(readerNames)}.`)
  const byOrg = new Map<string, string[]>()
  for (const r of [...outside.map((x) => ({ org: x.organisation, label: `${x.label} (${roleNames[x.role] ?? x.role})` })), ...profile.apiReaders.filter((r) => r.organisation !== name).map((x) => ({ org: x.organisation, label: `${x.name} (${x.role})` }))]) {
    byOrg.set(r.org, [...(byOrg.get(r.org) ?? []), r.label])
  }
  for (const [org, labels] of byOrg) out.push(`${org} can also read them, end to end: ${list(labels)}.`)
  for (const p of profile.processors) {
    out.push(`${name} shares messages with ${p.name} to ${list(p.purposes.map((u) => u === 'automated' ? 'answer automatically' : u))}, in ${p.region}, kept ${plural(p.retentionDays, 'day', 'days')} (outside end-to-end encryption).`)
  }
  if (profile.processors.length === 0) out.push(`${name} shares your messages with no other company.`)
  out.push(...verificationLines.map((line) => /[.!?]$/.test(line) ? line : `${line}.`))
  return out
}

/** One sentence for a diff, for the conversation's system event. */
export function describeDiff (name: string, diff: DisclosureDiff): string {
  const parts: string[] = []
  if (diff.addedReaders.length > 0) parts.push(`adds ${list(diff.addedReaders.map((r) => `${r.label} (${r.role}, ${r.organisation})`))} as ${diff.addedReaders.length === 1 ? 'a reader' : 'readers'}`)
  if (diff.addedApiReaders.length > 0) parts.push(`adds ${list(diff.addedApiReaders.map((r) => `${r.name} (${r.role}, ${r.organisation})`))} reading through its node`)
  if (diff.addedProcessors.length > 0) parts.push(`shares messages with ${list(diff.addedProcessors.map((p) => `${p.name} (${p.purposes.join(', ')}, kept ${p.retentionDays} days)`))}`)
  for (const c of diff.changedProcessors) parts.push(`changes ${c.name}: ${c.changes.map((x) => `${x.field} ${x.from} → ${x.to}`).join('; ')}`)
  if (diff.removedReaders.length > 0) parts.push(`removes ${list(diff.removedReaders.map((r) => r.label))}`)
  if (diff.removedApiReaders.length > 0) parts.push(`removes ${list(diff.removedApiReaders.map((r) => r.name))}`)
  if (diff.removedProcessors.length > 0) parts.push(`stops sharing with ${list(diff.removedProcessors.map((p) => p.name))}`)
  for (const c of diff.changes) parts.push(`changes ${c.field} from ${c.from} to ${c.to}`)
  const what = parts.length === 0 ? 'changes nothing you are shown' : list(parts)
  return `${name} updated who can read your messages (version ${diff.from} → ${diff.to}): it ${what}.${diff.widens ? ' Your messages wait until you accept.' : ''}`
}
