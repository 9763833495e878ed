/**
 * The page's words for a message's state: the same as the CLI's and the
 * API's (src/node/messaging/states.ts; test/web/words.spec.ts holds them
 * equal), capitalised for a label. The page cannot load that module (it
 * serves only src/web), so the words are repeated here, once.
 */
import type { MessageStatus, MessageView } from '../../node/types.ts'

export const STATUS_TEXT: Readonly<Record<MessageStatus, string>> = {
  held: 'Held for your consent',
  waiting: 'Waiting in your outbox',
  deposited: 'Deposited in the recipient\'s mailbox',
  delivered: 'Delivered',
  failed: 'Failed',
  synced: 'Sent from another of your devices',
  received: 'Received'
}

/** Plain glyphs every system font has (no emoji font is assumed); the words beside each are what counts. */
export const STATUS_ICON: Readonly<Record<MessageStatus, string>> = { held: '‖', waiting: '…', deposited: '✓', delivered: '✓✓', failed: '!', synced: '↗', received: '' }

/** The label of a status, with how far a message got across the recipient's devices ("Delivered to 1 of 2 devices"). */
export function statusText (m: Pick<MessageView, 'status' | 'devices'>): string {
  const words = STATUS_TEXT[m.status] ?? m.status
  const theirs = (m.devices ?? []).filter((d) => d.own !== true)
  const delivered = theirs.filter((d) => d.status === 'delivered').length
  if ((m.status === 'waiting' || m.status === 'deposited') && delivered > 0) return `Delivered to ${delivered} of ${theirs.length} devices`
  return words
}
