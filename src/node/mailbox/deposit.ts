/**
 * The sender's side: when a device cannot be reached, delivery (messaging/
 * delivery.ts) hands its envelopes — the same ciphertext, encrypted to that
 * device alone — to a mailbox its account lists, trying each in turn. What
 * a mailbox took is `deposited`; what it refused keeps waiting here, with the
 * mailbox's reason.
 */
import type { DepositOutcome, DeliveryFallback, OutboxEntry } from '../messaging/delivery.ts'
import { fromHex } from '../../crypto/index.ts'
import type { MailboxClient, MailboxItem } from '../../net/protocols/mailbox.ts'
import { ed25519FromPeerIdString } from '../../records/index.ts'
import { MAILBOX_BATCH, MAILBOX_BATCH_BYTES, MAILBOX_TIMEOUT_MS } from '../constants.ts'

/** Cuts `entries` into deposits of at most MAILBOX_BATCH envelopes and MAILBOX_BATCH_BYTES. */
function chunks (entries: OutboxEntry[]): OutboxEntry[][] {
  const out: OutboxEntry[][] = []
  let current: OutboxEntry[] = []
  let bytes = 0
  for (const e of entries) {
    const size = e.payload.length / 2
    if (current.length > 0 && (current.length >= MAILBOX_BATCH || bytes + size > MAILBOX_BATCH_BYTES)) {
      out.push(current)
      current = []
      bytes = 0
    }
    current.push(e)
    bytes += size
  }
  if (current.length > 0) out.push(current)
  return out
}

export function depositFallback (open: (peerId: string, signal: AbortSignal) => Promise<MailboxClient>, onDeposited?: (count: number) => void): DeliveryFallback {
  return async (device, entries, stop): Promise<DepositOutcome> => {
    const taken: DepositOutcome['taken'] = new Map()
    let refused: string | undefined
    const deviceKey = ed25519FromPeerIdString(device)
    for (const mailbox of entries[0]?.mailboxes ?? []) {
      const left = entries.filter((e) => !taken.has(e.envelopeId))
      if (left.length === 0 || mailbox === device) break
      const signal = AbortSignal.any([stop, AbortSignal.timeout(MAILBOX_TIMEOUT_MS)])
      let client: MailboxClient | undefined
      try {
        client = await open(mailbox, signal)
        for (const chunk of chunks(left)) {
          const items: MailboxItem[] = chunk.map((e) => ({ id: fromHex(e.envelopeId), device: deviceKey, sender: new Uint8Array(0), payload: fromHex(e.payload), depositedAt: 0 }))
          const results = await client.deposit(items, { signal })
          chunk.forEach((e, i) => {
            const r = results[i]
            if (r?.status === 'stored') taken.set(e.envelopeId, { mailbox, expiresAt: r.expiresAt })
            else if (r?.status === 'refused') refused = r.reason
          })
        }
      } catch { /* that mailbox is unreachable too: the next one, or wait */ } finally {
        await client?.close()
      }
    }
    if (taken.size > 0) onDeposited?.(taken.size)
    return { taken, ...(refused === undefined ? {} : { refused }) }
  }
}
