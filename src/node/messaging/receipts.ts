/**
 * Receipts: a device that took envelopes from its mailbox tells each sending
 * device which ones it stored, end to end, over the pairwise session (a
 * Content with `receipts` and no text), through the outbox like any envelope:
 * retried until acked, and deposited at the sender's own mailbox when the
 * sender is offline. The sender then shows the message `delivered`
 * (delivery.ts `receipted`). A receipt has no entry in the message log.
 */
import { fromHex, toHex } from '../../crypto/index.ts'
import { content as contentWire } from '../../wire/index.ts'
import type { NodeComponents } from '../components.ts'
import { mailboxesIn } from '../directory.ts'
import { withLocks } from '../lock.ts'
import type { Delivery } from './delivery.ts'
import { sessionTargets } from './sessions.ts'

/** The messageId of a receipt's outbox entries: no message of the log has it. */
export const RECEIPT_MESSAGE_ID = 'receipt'

export type ReceiptComponents = Pick<NodeComponents, 'store' | 'random' | 'identity' | 'directory' | 'network' | 'lock' | 'clock'>

export async function queueReceipt (c: ReceiptComponents, delivery: Delivery, device: string, envelopeIds: string[]): Promise<void> {
  if (envelopeIds.length === 0) return
  const now = c.clock()
  const record = await c.directory.account(device, false).catch(() => undefined)
  const mailboxes = mailboxesIn(record, now)
  await withLocks(c.lock, [device], async () => {
    const [target] = await sessionTargets(c, [{ peerId: device }], [], undefined)
    if (target === undefined) return
    const plaintext = contentWire.Content.encode({
      messageId: c.random(16) as Uint8Array<ArrayBuffer>,
      seq: 0n,
      sentAt: BigInt(now),
      text: '',
      disclosureVersion: 0n,
      disclosureHash: new Uint8Array(0),
      senderAccount: new Uint8Array(0),
      senderCertificate: new Uint8Array(0),
      syncTo: new Uint8Array(0),
      sentBy: '',
      receipts: envelopeIds.map((id) => fromHex(id) as Uint8Array<ArrayBuffer>)
    })
    const { record: session, message } = target.session.encrypt(plaintext)
    const batch = c.store.batch().put('sessions', device, session.serialize())
    delivery.enqueue(batch, { envelopeId: toHex(c.random(16)), messageId: RECEIPT_MESSAGE_ID, device, payload: toHex(message), createdAt: now, ...(mailboxes.length === 0 ? {} : { mailboxes }) })
    await batch.write()
    delivery.committed(1)
  })
  delivery.flush(device)
}
