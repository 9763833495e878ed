/**
 * The words for a message's state, once, for every place that shows one:
 * the CLI (`[waiting: recipient offline]`), the web page ("Waiting in your
 * outbox — …"), the API's `reason.text` and docs/API.md. Pure data, no
 * imports beyond types, so the CLI and the web page can load it.
 */
import type { DeviceDelivery, MessageStatus, MessageView, ReasonCode, StateReason } from '../types.ts'

/** A state in a few words: the CLI's tag and the web page's label. */
export const STATUS_WORDS: Readonly<Record<MessageStatus, string>> = {
  held: 'held for your consent',
  waiting: 'waiting in your outbox',
  deposited: 'deposited in the recipient\'s mailbox',
  delivered: 'delivered',
  failed: 'failed',
  synced: 'sent from another of your devices',
  received: 'received'
}

/** Each reason in a few words (the CLI's tag) and as a sentence (`reason.text`). */
export const REASONS: Readonly<Record<ReasonCode, { short: string, text: string }>> = {
  sending: { short: 'sending', text: 'being handed to the recipient\'s device now' },
  'recipient-offline': { short: 'recipient offline', text: 'the recipient\'s device did not answer (offline?): it goes as soon as the device is back' },
  'no-address': { short: 'no path found', text: 'no path found: no address is known for the recipient\'s device yet; it goes once one is found' },
  'no-peers': { short: 'no peers', text: 'your node has no peers, so it cannot find the recipient\'s device: join a network with `kabar contacts add <invite>`' },
  'retry-later': { short: 'recipient busy', text: 'the recipient\'s node asked to be sent it later' },
  refused: { short: 'refused', text: 'a recipient device refused it for good: it cannot decrypt it' },
  deposited: { short: 'in their mailbox', text: 'the recipient\'s mailbox holds it (encrypted, unreadable to the mailbox) until their device comes online' },
  'mailbox-full': { short: 'mailbox full', text: 'the recipient\'s device is offline and its mailbox refused it (over a quota): it waits here and is retried' },
  expired: { short: 'expired in mailbox', text: 'the recipient\'s mailbox dropped it undelivered after its retention period (30 days by default)' }
}

export function reason (code: ReasonCode): StateReason {
  return { code, text: REASONS[code].text }
}

/** `[waiting: recipient offline]`-style tag of the CLI's message lines. */
export function stateTag (m: Pick<MessageView, 'status' | 'reason' | 'devices'>): string {
  const words = m.status === 'waiting' ? 'waiting' : m.status === 'deposited' ? 'deposited' : m.status === 'synced' ? 'from another device' : m.status === 'held' ? 'held' : m.status
  const why = m.reason === undefined ? undefined : REASONS[m.reason.code]?.short ?? m.reason.code
  return why === undefined ? words : `${words}: ${why}`
}

/** The recipients' devices (not our own copies) that a message reached, e.g. "1 of 2 devices". */
export function deliveredCount (devices: readonly DeviceDelivery[] | undefined): { delivered: number, of: number } | undefined {
  const theirs = (devices ?? []).filter((d) => d.own !== true)
  if (theirs.length === 0) return undefined
  return { delivered: theirs.filter((d) => d.status === 'delivered').length, of: theirs.length }
}

/** One sentence: "waiting in your outbox: the recipient's device did not answer …". */
export function describeState (m: Pick<MessageView, 'status' | 'reason' | 'devices'>): string {
  const count = deliveredCount(m.devices)
  const partly = (m.status === 'waiting' || m.status === 'deposited') && count !== undefined && count.delivered > 0 ? ` (delivered to ${count.delivered} of ${count.of} devices)` : ''
  const text = m.reason?.text ?? (m.status === 'failed' ? REASONS.refused.text : undefined)
  const why = text === undefined ? '' : `: ${text}`
  return `${STATUS_WORDS[m.status] ?? m.status}${partly}${why}`
}
