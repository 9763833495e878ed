/**
 * `kabar send <address> <text> [--wait [--timeout S]]`: hands a message to
 * the running daemon. Without --wait it returns once the message is
 * encrypted and queued; with --wait it exits 0 only once every recipient
 * device has acknowledged it, and 1 when it failed or the time ran out
 * (the node keeps retrying a message that timed out here).
 */
import { ApiClient } from '../../api/client.ts'
import type { EventStream } from '../../api/client.ts'
import { parseAddress } from '../../api/validate.ts'
import { KabarError } from '../../errors.ts'
import { formatSent } from '../format.ts'
import type { Output } from '../output.ts'
import { waitForSettled } from '../wait.ts'

export const DEFAULT_WAIT_SECONDS = 60

export interface SendOptions {
  dataDir: string
  to: string
  text: string
  wait: boolean
  /** Only with `wait`; default DEFAULT_WAIT_SECONDS. */
  timeoutSeconds?: number
}

export async function send (options: SendOptions, out: Output): Promise<void> {
  const to = parseAddress(options.to)
  if (options.text.length === 0) throw new KabarError('BAD_REQUEST', 'the message text is empty')
  const client = await ApiClient.fromDataDir(options.dataDir)
  if (!options.wait) {
    out.result(await client.send(to, options.text), formatSent)
    return
  }
  const seconds = options.timeoutSeconds ?? DEFAULT_WAIT_SECONDS
  let events: EventStream | undefined = client.events()
  try {
    // Subscribe before sending, so no status change can slip past; without events the poll still works.
    await events.opened.catch(() => { events = undefined })
    const sent = await client.send(to, options.text)
    out.notice(`sent ${sent.id}, waiting up to ${seconds} s for delivery…`)
    const final = await waitForSettled(client, sent, { timeoutMs: seconds * 1000, ...(events === undefined ? {} : { events }) })
    if (out.json || final.status === 'delivered') out.result(final, formatSent)
    if (final.status === 'failed') throw new KabarError('DELIVERY_FAILED', `message ${final.id} to ${to} failed: a recipient device refused it`)
    if (final.status !== 'delivered') {
      throw new KabarError('TIMEOUT', `message ${final.id} was not delivered within ${seconds} s (status: ${final.status}); the node keeps retrying it`)
    }
  } finally {
    events?.close()
  }
}
