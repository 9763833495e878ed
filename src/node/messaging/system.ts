/**
 * System messages: events in a conversation (a disclosure shown, changed,
 * accepted or refused) written into the message log beside the messages, in
 * the caller's batch, so the event and the state change it reports are one
 * atomic write.
 */
import { toHex } from '../../crypto/index.ts'
import type { StoreBatch } from '../../store/index.ts'
import type { NodeComponents } from '../components.ts'
import type { SystemEvent } from '../types.ts'
import type { StoredMessage } from './log.ts'

export type SystemMessageComponents = Pick<NodeComponents, 'clock' | 'random' | 'log' | 'account'>

/** Adds the system event `system` to the conversation with `peer`, in `batch`; the caller writes it and emits it. */
export function systemMessage (c: SystemMessageComponents, peer: string, system: SystemEvent, batch: StoreBatch): StoredMessage {
  const now = c.clock()
  const message: StoredMessage = {
    id: toHex(c.random(16)),
    index: c.log.takeIndex(),
    peer,
    from: peer,
    to: c.account.account,
    text: system.summary,
    direction: 'system',
    seq: 0,
    sentAt: now,
    receivedAt: now,
    status: 'received',
    ...(system.version === undefined ? {} : { disclosureVersion: system.version }),
    system
  }
  c.log.put(batch, message)
  return message
}
