/**
 * `kabar send <to> <text> [--wait [--timeout S]]`: hands a message to the
 * running daemon. <to> is an address or a contact's name; <text> `-` reads
 * the message from stdin (a long message does not fit on a command line).
 * Without --wait it returns once the message is encrypted and in the
 * outbox; with --wait it exits 0 only once every recipient device has
 * acknowledged it, and 1 when it failed or the time ran out (the node keeps
 * retrying a message that timed out here).
 */
import { ApiClient } from '../../api/client.ts'
import type { EventStream } from '../../api/client.ts'
import { MAX_TEXT_BYTES } from '../../api/constants.ts'
import { KabarError } from '../../errors.ts'
import { describeState } from '../../node/messaging/states.ts'
import { formatSent } from '../format.ts'
import type { Output } from '../output.ts'
import { addressOnly, contactNames, resolvePeer } from '../peers.ts'
import { waitForSettled } from '../wait.ts'

export const DEFAULT_WAIT_SECONDS = 60

export interface SendOptions {
  dataDir: string
  /** An address or a contact's name. */
  to: string
  /** The text, or '-' to read it from `stdin`. */
  text: string
  wait: boolean
  /** Only with `wait`; default DEFAULT_WAIT_SECONDS. */
  timeoutSeconds?: number
  /** Where `-` reads from (tests); default process.stdin. */
  stdin?: AsyncIterable<Buffer | string>
}

/** All of stdin, refused as soon as it passes the API's limit rather than after reading everything. */
export async function readText (input: AsyncIterable<Buffer | string>): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += buf.length
    if (size > MAX_TEXT_BYTES) throw new KabarError('BAD_REQUEST', `the message on stdin is over ${MAX_TEXT_BYTES} bytes`)
    chunks.push(buf)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export async function send (options: SendOptions, out: Output): Promise<void> {
  const text = options.text === '-' ? await readText(options.stdin ?? process.stdin) : options.text
  if (text.trim().length === 0) throw new KabarError('BAD_REQUEST', options.text === '-' ? 'the message on stdin is empty (or only spaces and line breaks)' : 'the message text is empty (or only spaces and line breaks)')
  addressOnly(options.to)
  const client = await ApiClient.fromDataDir(options.dataDir)
  const to = await resolvePeer(client, options.to)
  const names = out.json ? new Map<string, string>() : await contactNames(client)
  if (!options.wait) {
    out.result(await client.send(to, text), (m) => formatSent(m, names))
    return
  }
  const seconds = options.timeoutSeconds ?? DEFAULT_WAIT_SECONDS
  let events: EventStream | undefined = client.events()
  try {
    // Subscribe before sending, so no status change can slip past; without events the poll still works.
    await events.opened.catch(() => { events = undefined })
    const sent = await client.send(to, text)
    out.notice(`${formatSent(sent, names)}; waiting up to ${seconds} s for delivery…`)
    const final = await waitForSettled(client, sent, { timeoutMs: seconds * 1000, ...(events === undefined ? {} : { events }) })
    if (out.json || final.status === 'delivered') out.result(final, (m) => formatSent(m, names))
    if (final.status === 'failed') throw new KabarError('DELIVERY_FAILED', `message ${final.id} to ${to}: ${describeState(final)}`)
    if (final.status !== 'delivered') {
      throw new KabarError('TIMEOUT', `message ${final.id} was not delivered within ${seconds} s: ${describeState(final)}; the node keeps trying`)
    }
  } finally {
    events?.close()
  }
}
