/**
 * /kabar/mailbox/1.0.0 (docs/PROTOCOL.md "Mailbox protocol"): custody of
 * end-to-end encrypted envelopes for a person's devices. The dialer sends
 * Request frames and the listener answers each with one Response, in order,
 * until the dialer closes its side. Noise has authenticated both ends, so the
 * handlers get the remote PeerId and decide what it may do (node/mailbox/).
 *
 * Registered without `runOnLimitedConnection` (so never over a relay's
 * limited connection). A malformed frame or a bound exceeded resets the
 * stream; the node goes on.
 */
import type { AbortOptions, PeerId, Stream } from '@libp2p/interface'
import { copyBytes } from '../../crypto/bytes.ts'
import { KabarError } from '../../errors.ts'
import { decodeBounded, ENVELOPE_ID_LENGTH, KEY_LENGTH, mailbox, MAX_MAILBOX_FRAME_SIZE, MAX_MAILBOX_ITEMS, MAX_SESSION_MESSAGE } from '../../wire/index.ts'
import { KABAR_MAILBOX_PROTOCOL, MAILBOX_MAX_REQUESTS, MAILBOX_MAX_STREAMS, STREAM_TIMEOUT_MS } from '../constants.ts'
import { encodeFrame, FrameStream } from './frames.ts'
import { asError, raceAbort, wireBytes } from './helpers.ts'
import type { ProtocolNode } from './helpers.ts'

export const MAILBOX_OP = { deposit: 1, fetch: 2, ack: 3, push: 4 } as const

/** One envelope in custody. `sender` and `depositedAt` are the mailbox's to set. */
export interface MailboxItem {
  id: Uint8Array
  device: Uint8Array
  sender: Uint8Array
  payload: Uint8Array
  depositedAt: number
}

export type DepositStatus = 'stored' | 'refused' | 'not-accepted'

export interface DepositResult { id: Uint8Array, status: DepositStatus, reason: string, expiresAt: number }

export interface MailboxHandlers {
  /** A sender deposits envelopes for the owner's devices: one result each, in order. */
  deposit: (from: PeerId, items: MailboxItem[]) => Promise<DepositResult[]>
  /** An owner's device fetches what waits for it (at most `limit`); a string refuses. */
  fetch: (from: PeerId, limit: number) => Promise<{ items: MailboxItem[], more: boolean } | string>
  /** An owner's device says these ids are stored (or cannot be read): the mailbox forgets them. */
  ack: (from: PeerId, ids: Uint8Array[]) => Promise<void>
  /** On a device: its mailbox pushes envelopes; resolves the ids stored (or seen). */
  push: (from: PeerId, items: MailboxItem[]) => Promise<Uint8Array[]>
}

const STATUS_CODES: Record<DepositStatus, number> = { stored: 1, refused: 2, 'not-accepted': 3 }

function statusName (code: number): DepositStatus {
  return code === 1 ? 'stored' : code === 2 ? 'refused' : 'not-accepted'
}

function toWireItem (item: MailboxItem): mailbox.Item {
  return { id: wireBytes(item.id), device: wireBytes(item.device), sender: wireBytes(item.sender), payload: wireBytes(item.payload), depositedAt: BigInt(item.depositedAt) }
}

/** Checks an item's lengths; a peer that sends another shape gets its stream reset. */
function fromWireItem (item: mailbox.Item): MailboxItem {
  if (item.id.length !== ENVELOPE_ID_LENGTH) throw new KabarError('DECODE_FAILED', `mailbox item id must be ${ENVELOPE_ID_LENGTH} bytes`)
  if (item.device.length !== KEY_LENGTH) throw new KabarError('DECODE_FAILED', `mailbox item device must be ${KEY_LENGTH} bytes`)
  if (item.sender.length !== 0 && item.sender.length !== KEY_LENGTH) throw new KabarError('DECODE_FAILED', `mailbox item sender must be empty or ${KEY_LENGTH} bytes`)
  if (item.payload.length === 0 || item.payload.length > MAX_SESSION_MESSAGE) throw new KabarError('DECODE_FAILED', 'mailbox item payload is empty or too large')
  return { id: copyBytes(item.id), device: copyBytes(item.device), sender: copyBytes(item.sender), payload: copyBytes(item.payload), depositedAt: Number(item.depositedAt) }
}

function ids (list: Uint8Array[]): Uint8Array[] {
  if (list.length > MAX_MAILBOX_ITEMS) throw new KabarError('DECODE_FAILED', `more than ${MAX_MAILBOX_ITEMS} ids`)
  return list.map((id) => {
    if (id.length !== ENVELOPE_ID_LENGTH) throw new KabarError('DECODE_FAILED', `mailbox ids must be ${ENVELOPE_ID_LENGTH} bytes`)
    return copyBytes(id)
  })
}

const LIMITS = { items: MAX_MAILBOX_ITEMS, ids: MAX_MAILBOX_ITEMS, results: MAX_MAILBOX_ITEMS }
const EMPTY: mailbox.Response = { results: [], items: [], more: false, ids: [], error: '' }

async function answer (handlers: MailboxHandlers, from: PeerId, request: mailbox.Request): Promise<mailbox.Response> {
  switch (request.op) {
    case MAILBOX_OP.deposit: {
      const results = await handlers.deposit(from, request.items.map(fromWireItem))
      return { ...EMPTY, results: results.map((r) => ({ id: wireBytes(r.id), status: STATUS_CODES[r.status], reason: r.reason.slice(0, 200), expiresAt: BigInt(r.expiresAt) })) }
    }
    case MAILBOX_OP.fetch: {
      const got = await handlers.fetch(from, Math.min(Math.max(request.limit, 1), MAX_MAILBOX_ITEMS))
      return typeof got === 'string' ? { ...EMPTY, error: got.slice(0, 200) } : { ...EMPTY, items: got.items.map(toWireItem), more: got.more }
    }
    case MAILBOX_OP.ack:
      await handlers.ack(from, ids(request.ids))
      return EMPTY
    case MAILBOX_OP.push:
      return { ...EMPTY, ids: (await handlers.push(from, request.items.map(fromWireItem))).map(wireBytes) }
    default:
      throw new KabarError('DECODE_FAILED', `unknown mailbox op ${request.op}`)
  }
}

/** Registers the /kabar/mailbox/1.0.0 handler on `node`. */
export async function handleMailboxProtocol (node: ProtocolNode, handlers: MailboxHandlers): Promise<void> {
  const log = node.logger.forComponent('kabar:net:mailbox')
  await node.handle(KABAR_MAILBOX_PROTOCOL, async (stream, connection) => {
    const frames = new FrameStream(stream, MAX_MAILBOX_FRAME_SIZE)
    try {
      for (let n = 0; n < MAILBOX_MAX_REQUESTS; n++) {
        const signal = AbortSignal.timeout(STREAM_TIMEOUT_MS)
        const frame = await frames.next({ signal })
        if (frame === null) break
        const request = decodeBounded(mailbox.Request, frame, MAX_MAILBOX_FRAME_SIZE, 'mailbox Request', LIMITS)
        const response = await raceAbort(answer(handlers, connection.remotePeer, request), signal)
        await frames.write(encodeFrame(mailbox.Response.encode(response)), { signal })
      }
      await stream.close({ signal: AbortSignal.timeout(STREAM_TIMEOUT_MS) })
    } catch (err) {
      log('resetting mailbox stream %s from %p - %e', stream.id, connection.remotePeer, err)
      stream.abort(asError(err))
    }
  }, { maxInboundStreams: MAILBOX_MAX_STREAMS, maxOutboundStreams: MAILBOX_MAX_STREAMS })
}

/** One dialled mailbox stream: requests out, responses back, in order. */
export class MailboxClient {
  readonly #stream: Stream
  readonly #frames: FrameStream
  readonly #peer: PeerId

  private constructor (stream: Stream, peer: PeerId) {
    this.#stream = stream
    this.#frames = new FrameStream(stream, MAX_MAILBOX_FRAME_SIZE)
    this.#peer = peer
  }

  /** Opens a stream to `peer` (dialling it when needed); DELIVERY_FAILED when it cannot be reached. */
  static async open (node: ProtocolNode, peer: PeerId, options: AbortOptions = {}): Promise<MailboxClient> {
    try {
      return new MailboxClient(await node.dialProtocol(peer, KABAR_MAILBOX_PROTOCOL, options), peer)
    } catch (err) {
      throw new KabarError('DELIVERY_FAILED', `cannot reach the mailbox or device ${peer.toString()}`, { cause: err })
    }
  }

  async #request (request: mailbox.Request, options: AbortOptions): Promise<mailbox.Response> {
    const timeout = AbortSignal.timeout(STREAM_TIMEOUT_MS)
    const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout])
    try {
      await this.#frames.write(encodeFrame(mailbox.Request.encode(request)), { signal })
      const frame = await this.#frames.next({ signal })
      if (frame === null) throw new KabarError('DELIVERY_FAILED', `${this.#peer.toString()} closed ${KABAR_MAILBOX_PROTOCOL} without answering`)
      return decodeBounded(mailbox.Response, frame, MAX_MAILBOX_FRAME_SIZE, 'mailbox Response', LIMITS)
    } catch (err) {
      this.#stream.abort(asError(err))
      if (KabarError.is(err)) throw err
      throw new KabarError('DELIVERY_FAILED', `${KABAR_MAILBOX_PROTOCOL} exchange with ${this.#peer.toString()} failed`, { cause: err })
    }
  }

  async deposit (items: MailboxItem[], options: AbortOptions = {}): Promise<DepositResult[]> {
    const response = await this.#request({ op: MAILBOX_OP.deposit, items: items.map(toWireItem), ids: [], limit: 0 }, options)
    return response.results.map((r) => ({ id: copyBytes(r.id), status: statusName(r.status), reason: r.reason, expiresAt: Number(r.expiresAt) }))
  }

  async fetch (limit: number, options: AbortOptions = {}): Promise<{ items: MailboxItem[], more: boolean }> {
    const response = await this.#request({ op: MAILBOX_OP.fetch, items: [], ids: [], limit }, options)
    if (response.error !== '') throw new KabarError('FORBIDDEN', `the mailbox refused the fetch: ${response.error}`)
    return { items: response.items.map(fromWireItem), more: response.more }
  }

  async ack (acked: Uint8Array[], options: AbortOptions = {}): Promise<void> {
    await this.#request({ op: MAILBOX_OP.ack, items: [], ids: acked.map(wireBytes), limit: 0 }, options)
  }

  async push (items: MailboxItem[], options: AbortOptions = {}): Promise<Uint8Array[]> {
    const response = await this.#request({ op: MAILBOX_OP.push, items: items.map(toWireItem), ids: [], limit: 0 }, options)
    return ids(response.ids)
  }

  async close (): Promise<void> {
    await this.#stream.close({ signal: AbortSignal.timeout(STREAM_TIMEOUT_MS) }).catch(() => { this.#stream.abort(new Error('close failed')) })
  }
}
