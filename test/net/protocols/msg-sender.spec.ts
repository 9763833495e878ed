/**
 * The sending end of /kabar/msg/1.0.0 against a receiver that breaks the
 * protocol: an ack for another id, an unknown status, an envelope or garbage
 * instead of an ack, an ack for nothing, an oversized frame, or a stream
 * closed before the ack. The sender must fail the session (DELIVERY_FAILED,
 * nothing counted as delivered) instead of trusting a wrong answer.
 */
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import type { Stream } from '@libp2p/interface'
import { KabarError } from '../../../src/errors.ts'
import { KABAR_MSG_PROTOCOL } from '../../../src/net/constants.ts'
import type { KabarLibp2p } from '../../../src/net/libp2p.ts'
import { decodeEnvelopeFrame, encodeAckFrame, encodeEnvelopeFrame } from '../../../src/net/protocols/envelope.ts'
import { encodeFrame, FrameStream } from '../../../src/net/protocols/frames.ts'
import { AckStatus, newEnvelopeId, openMsgStream } from '../../../src/net/protocols/msg.ts'
import { delivery, MAX_FRAME_SIZE } from '../../../src/wire/index.ts'
import { createTestNode, stopAll, waitFor } from '../helpers.ts'
import { concatBytes, connectedNode, payload, varint } from './helpers.ts'

type Reply = (id: Uint8Array) => Uint8Array | null

const REPLIES: ReadonlyArray<{ name: string, reply: Reply }> = [
  { name: 'an ack for another id', reply: () => encodeFrame(encodeAckFrame({ id: newEnvelopeId(), status: AckStatus.DELIVERED })) },
  { name: 'an ack with an unknown status', reply: (id) => encodeFrame(delivery.MsgFrame.encode({ ack: { id: new Uint8Array(id), status: 7 } })) },
  { name: 'an envelope instead of an ack', reply: (id) => encodeFrame(encodeEnvelopeFrame({ id, payload: payload(1) })) },
  { name: 'garbage in a valid length prefix', reply: () => encodeFrame(concatBytes(Uint8Array.of(0xff), randomBytes(20))) },
  { name: 'an oversized ack frame', reply: () => concatBytes(varint(65), randomBytes(65)) },
  { name: 'no ack: the stream is closed instead', reply: () => null }
]

const isDeliveryFailed = (err: unknown): boolean => KabarError.is(err, 'DELIVERY_FAILED')

describe('net/protocols/msg: a receiver that breaks the protocol', { timeout: 60_000 }, () => {
  let rogue: KabarLibp2p
  let client: KabarLibp2p
  let reply: Reply = () => null
  let extraAck = false

  const serve = async (stream: Stream): Promise<void> => {
    const frames = new FrameStream(stream, MAX_FRAME_SIZE)
    try {
      for (let frame = await frames.next(); frame !== null; frame = await frames.next()) {
        const { id } = decodeEnvelopeFrame(frame)
        const answer = reply(id)
        if (answer === null) break
        await frames.write(answer)
        if (extraAck) await frames.write(encodeFrame(encodeAckFrame({ id: newEnvelopeId(), status: AckStatus.DELIVERED })))
      }
      await stream.close()
    } catch (err) {
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    }
  }

  before(async () => {
    rogue = await createTestNode({ transport: 'memory' })
    await rogue.handle(KABAR_MSG_PROTOCOL, serve)
    client = await connectedNode('memory', rogue)
  })

  after(async () => { await stopAll([client, rogue]) })

  for (const { name, reply: r } of REPLIES) {
    it(`fails the session on ${name}`, async () => {
      reply = r
      extraAck = false
      const session = await openMsgStream(client, rogue.peerId, { ackTimeoutMs: 2_000 })
      const acked: number[] = []
      await assert.rejects(session.sendMany([{ id: newEnvelopeId(), payload: payload(1) }], {
        onAck: (index) => { acked.push(index) }
      }), isDeliveryFailed)
      assert.deepEqual(acked, [])
      assert.equal(session.open, false)
    })
  }

  it('fails the session on an ack for nothing in flight (after the right ack)', async () => {
    reply = (id) => encodeFrame(encodeAckFrame({ id, status: AckStatus.DELIVERED }))
    extraAck = true
    const session = await openMsgStream(client, rogue.peerId)
    assert.equal(await session.send({ id: newEnvelopeId(), payload: payload(1) }), AckStatus.DELIVERED)
    await waitFor('the session to fail', () => !session.open, 5_000)
    await assert.rejects(session.send({ id: newEnvelopeId(), payload: payload(1) }), isDeliveryFailed)
  })
})
