/**
 * /kabar/link/1.0.0: a new node redeems a one-time link code with the node of
 * the account it joins (a business adding an agent, a person adding a
 * laptop). Noise has already authenticated the dialer as its own PeerId, so
 * the certificate the account signs names exactly the key at the other end.
 *
 * One stream, one exchange: the dialer sends one LinkRequest and closes its
 * side; the listener answers one LinkResponse and closes. Bounded by
 * STREAM_TIMEOUT_MS on each side; a malformed frame resets the stream.
 */
import type { AbortOptions, PeerId, Stream } from '@libp2p/interface'
import { copyBytes } from '../../crypto/bytes.ts'
import { KabarError } from '../../errors.ts'
import { decodeBounded, delivery, KEY_LENGTH, MAX_LINK_FRAME_SIZE } from '../../wire/index.ts'
import { KABAR_LINK_PROTOCOL, LINK_MAX_STREAMS, STREAM_TIMEOUT_MS } from '../constants.ts'
import { encodeFrame, FrameStream } from './frames.ts'
import { asError, raceAbort, wireBytes } from './helpers.ts'
import type { ProtocolNode } from './helpers.ts'

export interface LinkRequest {
  /** The code's secret (16 bytes). */
  secret: Uint8Array
  /** The new device's X25519 identity key (32 bytes). */
  identityKey: Uint8Array
}

export type LinkAnswer =
  | { ok: true, accountKey: Uint8Array, certificate: Uint8Array }
  | { ok: false, error: string }

export type LinkHandler = (from: PeerId, request: LinkRequest, options: AbortOptions) => Promise<LinkAnswer>

const SECRET_LENGTH = 16

/** Registers the /kabar/link/1.0.0 handler on `node`. */
export async function handleLinkProtocol (node: ProtocolNode, handler: LinkHandler): Promise<void> {
  const log = node.logger.forComponent('kabar:net:link')
  await node.handle(KABAR_LINK_PROTOCOL, async (stream, connection) => {
    const signal = AbortSignal.timeout(STREAM_TIMEOUT_MS)
    const frames = new FrameStream(stream, MAX_LINK_FRAME_SIZE)
    try {
      const frame = await frames.next({ signal })
      if (frame === null) throw new KabarError('DECODE_FAILED', 'stream ended before the LinkRequest')
      const request = decodeBounded(delivery.LinkRequest, frame, MAX_LINK_FRAME_SIZE, 'LinkRequest')
      if (request.secret.length !== SECRET_LENGTH || request.identityKey.length !== KEY_LENGTH) {
        throw new KabarError('DECODE_FAILED', 'LinkRequest has a secret or identity key of the wrong length')
      }
      const answer = await raceAbort(handler(connection.remotePeer, { secret: copyBytes(request.secret), identityKey: copyBytes(request.identityKey) }, { signal }), signal)
      const response = answer.ok
        ? delivery.LinkResponse.encode({ accountKey: wireBytes(answer.accountKey), certificate: wireBytes(answer.certificate), error: '' })
        : delivery.LinkResponse.encode({ accountKey: new Uint8Array(0), certificate: new Uint8Array(0), error: answer.error.slice(0, 200) })
      await frames.write(encodeFrame(response), { signal })
      await stream.close({ signal })
    } catch (err) {
      log('resetting link stream %s from %p - %e', stream.id, connection.remotePeer, err)
      stream.abort(asError(err))
    }
  }, { maxInboundStreams: LINK_MAX_STREAMS, maxOutboundStreams: LINK_MAX_STREAMS })
}

/**
 * Redeems a link code with `peer`. Resolves the account's key and the
 * encoded certificate; throws LINK_REFUSED with the account node's reason,
 * or DELIVERY_FAILED when it cannot be reached or answers nonsense.
 */
export async function requestLink (node: ProtocolNode, peer: PeerId, request: LinkRequest, options: AbortOptions = {}): Promise<{ accountKey: Uint8Array, certificate: Uint8Array }> {
  const timeout = AbortSignal.timeout(STREAM_TIMEOUT_MS)
  const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout])
  let stream: Stream
  try {
    stream = await node.dialProtocol(peer, KABAR_LINK_PROTOCOL, { signal })
  } catch (err) {
    throw new KabarError('DELIVERY_FAILED', `cannot reach the account's node ${peer.toString()}`, { cause: err })
  }
  try {
    const frames = new FrameStream(stream, MAX_LINK_FRAME_SIZE)
    await frames.write(encodeFrame(delivery.LinkRequest.encode({ secret: wireBytes(request.secret), identityKey: wireBytes(request.identityKey) })), { signal })
    await stream.close({ signal })
    const frame = await frames.next({ signal })
    if (frame === null) throw new KabarError('DELIVERY_FAILED', `${peer.toString()} closed ${KABAR_LINK_PROTOCOL} without answering`)
    const response = decodeBounded(delivery.LinkResponse, frame, MAX_LINK_FRAME_SIZE, 'LinkResponse')
    if (response.error !== '' || response.accountKey.length !== KEY_LENGTH) {
      throw new KabarError('LINK_REFUSED', `the account's node refused the link: ${response.error === '' ? 'no reason given' : response.error}`)
    }
    return { accountKey: copyBytes(response.accountKey), certificate: copyBytes(response.certificate) }
  } catch (err) {
    stream.abort(asError(err))
    if (KabarError.is(err)) throw err
    throw new KabarError('DELIVERY_FAILED', `${KABAR_LINK_PROTOCOL} exchange with ${peer.toString()} failed`, { cause: err })
  }
}
