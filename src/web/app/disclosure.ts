/**
 * A business's disclosure as the customer sees it: who can read their
 * messages, which third parties receive them and why, who vouched for the
 * business, and, when the business widened the list, the change field by
 * field with the step that accepts it.
 */
import type { ApiReaderView, DisclosureDiff, DisclosureView, ProcessorView, ReaderView, VerificationView } from '../../node/types.ts'
import { formatDate, h, withCode } from './dom.ts'
import type { Child } from './dom.ts'

const PURPOSES: Record<string, string> = { store: 'store', read: 'read', reply: 'reply', automated: 'automated processing' }

/** Field names of the diff, as a person reads them. */
const FIELDS: Record<string, string> = {
  retentionDays: 'kept (days)',
  purposes: 'purposes',
  region: 'region',
  endpoint: 'webhook host',
  privacyPolicy: 'privacy policy',
  displayName: 'name',
  organisation: 'organisation'
}
const field = (name: string): string => FIELDS[name] ?? name

function list (items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`
}

function policyLink (url: string, label: string): HTMLElement {
  // A policy URL from a signed record: shown as a link only when it is http(s).
  return /^https?:\/\//i.test(url)
    ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, label)
    : h('span', {}, label)
}

function readerLine (r: ReaderView): string {
  return `${r.label} (${r.role}) — ${r.organisation}`
}

function apiReaderLine (r: ApiReaderView): string {
  return `${r.name} (${r.role}, through the business's node) — ${r.organisation}`
}

function processorLine (p: ProcessorView): string {
  return `${p.name}: ${list(p.purposes.map((x) => PURPOSES[x] ?? x))}; ${p.region}; kept ${p.retentionDays} days`
}

/** The verified badge naming who vouched, or a plain "not verified". */
export function verificationBadge (v: VerificationView): HTMLElement {
  const counting = v.attestations.filter((a) => a.counts)
  if (v.verified) {
    const names = counting.map((a) => a.verifierLabel ?? `${a.verifier.slice(0, 12)}…`)
    const legal = counting[0]?.legalName
    return h('span', { class: 'badge badge-verified', 'data-testid': 'business-verified' },
      h('span', { 'aria-hidden': 'true' }, '✔ '), `Verified by ${list(names)}`, legal === undefined ? null : ` as ${legal}`)
  }
  const reasons = v.attestations.map((a) => a.reason).filter((r) => r !== undefined)
  return h('span', { class: 'badge badge-unverified', 'data-testid': 'business-unverified' },
    v.attestations.length === 0 ? 'Not verified by anyone' : `Not verified by anyone you trust${reasons.length > 0 ? ` (${list([...new Set(reasons)])})` : ''}`)
}

/**
 * The customer's trust control: each verifier who vouches for this business
 * but whom the user does not trust yet, with a button to trust it (what
 * `kabar trust add-verifier` does). Trusting is the user's choice: the page
 * never does it on its own.
 */
function trustControls (view: DisclosureView, onTrust: (verifier: string, label: string) => void): HTMLElement | null {
  const byVerifier = new Map(view.verification.attestations.filter((a) => a.reason === 'untrusted').map((a) => [a.verifier, a]))
  const untrusted = [...byVerifier.values()]
  if (untrusted.length === 0) return null
  return h('div', { class: 'trust-controls', 'data-testid': 'trust-controls' },
    h('p', {}, untrusted.length === 1 ? 'A verifier you do not trust yet vouches for this business:' : 'Verifiers you do not trust yet vouch for this business:'),
    h('ul', {}, ...untrusted.map((a) => {
      const name = a.verifierLabel ?? `${a.verifier.slice(0, 12)}…${a.verifier.slice(-6)}`
      return h('li', {},
        `${name}: ${a.legalName}, ${a.domain}. `,
        h('button', { type: 'button', 'data-testid': 'trust-verifier', 'data-verifier': a.verifier, onclick: () => { onTrust(a.verifier, name) } }, `Trust ${name}`))
    })),
    h('p', { class: 'muted small' }, 'Trust a verifier only if you know who it is: a business it vouches for then shows as verified, here and for every other business it vouches for.'))
}

/** The disclosure card shown at the top of a conversation with a business (before the first message). */
export function disclosureCard (view: DisclosureView, onTrust?: (verifier: string, label: string) => void): HTMLElement {
  const p = view.profile
  const readers: Child[] = [...p.readers.map(readerLine), ...p.apiReaders.map(apiReaderLine)].map((line) => h('li', {}, line))
  return h('section', { class: 'disclosure', 'aria-labelledby': 'disclosure-title', 'data-testid': 'disclosure' },
    h('div', { class: 'disclosure-head' },
      h('h3', { id: 'disclosure-title' }, `Who can read your messages to ${p.displayName}`),
      verificationBadge(view.verification)),
    h('ul', { class: 'summary' }, ...view.summary.map((s) => h('li', {}, ...withCode(s)))),
    onTrust === undefined ? null : trustControls(view, onTrust),
    h('details', { class: 'disclosure-details' },
      h('summary', {}, `The full disclosure (version ${p.version}, published ${formatDate(p.published)})`),
      h('h4', {}, 'Can read your messages'),
      readers.length === 0 ? h('p', {}, 'Nobody besides the business\'s own node.') : h('ul', {}, ...readers),
      h('h4', {}, 'Receive your messages outside end-to-end encryption'),
      p.processors.length === 0
        ? h('p', {}, 'No third party.')
        : h('table', { class: 'processors' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Processor'), h('th', { scope: 'col' }, 'Purposes'), h('th', { scope: 'col' }, 'Region'), h('th', { scope: 'col' }, 'Kept'), h('th', { scope: 'col' }, 'Policy'))),
          h('tbody', {}, ...p.processors.map((x) => h('tr', {},
            h('td', {}, x.name), h('td', {}, list(x.purposes.map((u) => PURPOSES[u] ?? u))), h('td', {}, x.region), h('td', {}, `${x.retentionDays} days`), h('td', {}, policyLink(x.privacyPolicy.url, 'privacy policy')))))),
      h('p', {}, policyLink(p.privacyPolicy.url, `${p.displayName}'s privacy policy`), h('span', { class: 'muted' }, ` · SHA-256 ${p.privacyPolicy.sha256.slice(0, 16)}…`))))
}

function diffRows (d: DisclosureDiff): HTMLElement[] {
  const rows: HTMLElement[] = []
  const row = (kind: 'added' | 'removed' | 'changed', what: string, detail: Child): void => {
    const sign = kind === 'added' ? '+' : kind === 'removed' ? '−' : '~'
    rows.push(h('li', { class: `diff-${kind}` }, h('span', { class: 'diff-sign', 'aria-hidden': 'true' }, sign), h('span', { class: 'visually-hidden' }, `${kind}: `), h('strong', {}, what), ' ', detail))
  }
  for (const r of d.addedReaders) row('added', 'Reader', readerLine(r))
  for (const r of d.addedApiReaders) row('added', 'Reader', apiReaderLine(r))
  for (const p of d.addedProcessors) row('added', 'Processor', processorLine(p))
  for (const c of d.changedProcessors) {
    for (const f of c.changes) row('changed', `${c.name} · ${field(f.field)}`, h('span', {}, h('del', {}, f.from), ' → ', h('ins', {}, f.to)))
  }
  for (const f of d.changes) row('changed', field(f.field), h('span', {}, h('del', {}, f.from), ' → ', h('ins', {}, f.to)))
  for (const r of d.removedReaders) row('removed', 'Reader', readerLine(r))
  for (const r of d.removedApiReaders) row('removed', 'Reader', apiReaderLine(r))
  for (const p of d.removedProcessors) row('removed', 'Processor', processorLine(p))
  return rows
}

/** The changed-disclosure step: the diff, the held messages, the accept button. */
export function acceptCard (view: DisclosureView, held: number, onAccept: () => void): HTMLElement {
  const d = view.pending
  if (d === undefined) return h('div')
  return h('section', { class: 'accept', role: 'alert', 'aria-labelledby': 'accept-title', 'data-testid': 'accept-diff' },
    h('h3', { id: 'accept-title' }, `${view.profile.displayName} changed who can read your messages`),
    h('p', {}, `Version ${d.from} → ${d.to}. ${d.widens ? 'More people or companies can now read what you send.' : 'Nobody new can read.'} ` +
      (held > 0 ? `${held} message${held === 1 ? ' is' : 's are'} held and will be sent only if you accept.` : 'New messages wait until you accept.')),
    h('ul', { class: 'diff' }, ...diffRows(d)),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', onclick: onAccept, 'data-testid': 'accept-button' }, held > 0 ? `Accept and send ${held} held message${held === 1 ? '' : 's'}` : 'Accept the new disclosure')))
}

/** The inline diff of a 'disclosure-changed' system event (same rows, compact). */
export function diffList (d: DisclosureDiff): HTMLElement {
  return h('ul', { class: 'diff compact' }, ...diffRows(d))
}
