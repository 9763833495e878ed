/**
 * /kabar/group-sync/1.0.0: catch-up between two member devices of a group
 * (docs/PROTOCOL.md §15.5). The asker sends one GroupSyncRequest (the
 * group's topic, the ids of the messages it holds, its log heads) and closes
 * its side; the answerer sends one GroupSyncResponse (the published bytes of
 * the messages the asker lacks, and its log when the heads differ) and
 * closes. What travels is what gossipsub carried: sender-key ciphertexts and
 * signed log entries, nothing the asker could not have received anyway.
 *
 * Registered without `runOnLimitedConnection`: a relay never carries it.
 * Bounded by STREAM_TIMEOUT_MS on each side; a malformed frame resets the stream.
 */
import type { AbortOptions, PeerId, Stream } from '@libp2p/interface'
import { KabarError } from '../../errors.ts'
import { decodeBounded } from '../../wire/index.ts'
import { group } from '../../wire/group.ts'
import { GROUP_SYNC_MAX_STREAMS, KABAR_GROUP_SYNC_PROTOCOL, MAX_GROUP_SYNC_FRAME, MAX_GROUP_SYNC_IDS, MAX_GROUP_SYNC_MESSAGES, STREAM_TIMEOUT_MS } from '../constants.ts'
import { encodeFrame, FrameStream } from './frames.ts'
import { asError, raceAbort, wireBytes } from './helpers.ts'
import type { ProtocolNode } from './helpers.ts'

export interface SyncRequest { topic: Uint8Array, have: Uint8Array[], heads: Uint8Array[] }
export interface SyncResponse { messages: Uint8Array[], entries: Uint8Array[] }
export type SyncHandler = (from: PeerId, request: SyncRequest) => Promise<SyncResponse>

const LIMITS = { have: MAX_GROUP_SYNC_IDS, heads: 16, messages: MAX_GROUP_SYNC_MESSAGES, entries: 10_000 }

function checkIds (ids: Uint8Array[], what: string): void {
  for (const id of ids) if (id.length !== 32) throw new KabarError('DECODE_FAILED', `GroupSyncRequest ${what}: expected 32 bytes`)
}

/** Registers the handler; an asker the handler refuses gets an empty answer. */
export async function handleGroupSyncProtocol (node: ProtocolNode, handler: SyncHandler): Promise<void> {
  const log = node.logger.forComponent('kabar:net:group-sync')
  await node.handle(KABAR_GROUP_SYNC_PROTOCOL, async (stream, connection) => {
    const signal = AbortSignal.timeout(STREAM_TIMEOUT_MS)
    const frames = new FrameStream(stream, MAX_GROUP_SYNC_FRAME)
    try {
      const frame = await frames.next({ signal })
      if (frame === null) throw new KabarError('DECODE_FAILED', 'stream ended before the GroupSyncRequest')
      const request = decodeBounded(group.GroupSyncRequest, frame, MAX_GROUP_SYNC_FRAME, 'GroupSyncRequest', LIMITS)
      if (request.topic.length !== 32) throw new KabarError('DECODE_FAILED', 'GroupSyncRequest topic: expected 32 bytes')
      checkIds(request.have, 'have')
      checkIds(request.heads, 'heads')
      const answer = await raceAbort(handler(connection.remotePeer, request), signal)
      const response = group.GroupSyncResponse.encode({ messages: answer.messages.slice(0, MAX_GROUP_SYNC_MESSAGES).map(wireBytes), entries: answer.entries.map(wireBytes) })
      await frames.write(encodeFrame(response), { signal })
      await stream.close({ signal })
    } catch (err) {
      log('resetting group-sync stream %s from %p - %e', stream.id, connection.remotePeer, err)
      stream.abort(asError(err))
    }
  }, { maxInboundStreams: GROUP_SYNC_MAX_STREAMS, maxOutboundStreams: GROUP_SYNC_MAX_STREAMS })
}

/** Asks `peer` for what we lack; DELIVERY_FAILED when it cannot be reached or answers nonsense. */
export async function requestGroupSync (node: ProtocolNode, peer: PeerId, request: SyncRequest, options: AbortOptions = {}): Promise<SyncResponse> {
  const timeout = AbortSignal.timeout(STREAM_TIMEOUT_MS)
  const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout])
  let stream: Stream
  try {
    stream = await node.dialProtocol(peer, KABAR_GROUP_SYNC_PROTOCOL, { signal })
  } catch (err) {
    throw new KabarError('DELIVERY_FAILED', `cannot reach ${peer.toString()} for group sync`, { cause: err })
  }
  try {
    const frames = new FrameStream(stream, MAX_GROUP_SYNC_FRAME)
    const body = group.GroupSyncRequest.encode({ topic: wireBytes(request.topic), have: request.have.slice(0, MAX_GROUP_SYNC_IDS).map(wireBytes), heads: request.heads.slice(0, 16).map(wireBytes) })
    await frames.write(encodeFrame(body), { signal })
    await stream.close({ signal })
    const frame = await frames.next({ signal })
    if (frame === null) throw new KabarError('DELIVERY_FAILED', `${peer.toString()} closed group sync without answering`)
    const response = decodeBounded(group.GroupSyncResponse, frame, MAX_GROUP_SYNC_FRAME, 'GroupSyncResponse', LIMITS)
    return { messages: response.messages, entries: response.entries }
  } catch (err) {
    stream.abort(asError(err))
    if (KabarError.is(err)) throw err
    throw new KabarError('DELIVERY_FAILED', `group sync with ${peer.toString()} failed`, { cause: err })
  }
}
