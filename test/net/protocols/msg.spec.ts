/**
 * /kabar/msg/1.0.0 between real nodes, over the memory transport and over TCP
 * loopback: acks carry the receiver's verdict, pipelined envelopes stay in
 * order, every way a sender can break the framing resets only its own stream
 * (the same node serves a good stream right after), and every wait is bounded.
 *
 * The test receiver's verdict is chosen by the payload's first byte (see
 * `Tag`), so one handler serves every case.
 */
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import type { AbortOptions, PeerId } from '@libp2p/interface'
import { KabarError } from '../../../src/errors.ts'
import { KABAR_MSG_PROTOCOL } from '../../../src/net/constants.ts'
import type { KabarLibp2p } from '../../../src/net/libp2p.ts'
import { AckStatus, handleMsgProtocol, newEnvelopeId, openMsgStream } from '../../../src/net/protocols/msg.ts'
import type { Envelope } from '../../../src/net/protocols/msg.ts'
import { delivery, ENVELOPE_ID_LENGTH, MAX_FRAME_SIZE, MAX_SESSION_MESSAGE } from '../../../src/wire/index.ts'
import { createTestNode, stopAll, waitFor } from '../helpers.ts'
import { concatBytes, connectedNode, freshId, expectRemoteReset, payload, rawStream, timed, varint, writeRaw } from './helpers.ts'
import type { Transport } from './helpers.ts'

const Tag = {
  DELIVERED: AckStatus.DELIVERED,
  REJECTED: AckStatus.REJECTED,
  RETRY_LATER: AckStatus.RETRY_LATER,
  SLOW: 0xbb,
  NOT_A_STATUS: 0xcc,
  HANG: 0xdd,
  THROW: 0xee,
  WATCH_SIGNAL: 0xaa
} as const

interface Received { from: PeerId, id: Uint8Array, payload: Uint8Array }

const envelope = (tag: number, length?: number): Envelope => ({ id: newEnvelopeId(), payload: payload(tag, length) })

const isDeliveryFailed = (err: unknown): boolean => KabarError.is(err, 'DELIVERY_FAILED')

/** A well-formed frame holding `message` (an encoded MsgFrame). */
const frame = (message: Uint8Array): Uint8Array => concatBytes(varint(message.byteLength), message)

/** Everything a correct sender never sends. `end` closes the sender's side after the bytes. */
const MISBEHAVIOUR: ReadonlyArray<{ name: string, bytes: () => Uint8Array, end: boolean }> = [
  // 0xff starts a tag whose wire type is 7, which protobuf does not have, so this never decodes.
  { name: 'a malformed frame (random bytes in a valid length prefix)', bytes: () => frame(concatBytes(Uint8Array.of(0xff), randomBytes(63))), end: false },
  { name: 'an oversized frame (length prefix over MAX_FRAME_SIZE)', bytes: () => varint(MAX_FRAME_SIZE + 1), end: false },
  { name: 'a length prefix longer than any allowed length', bytes: () => Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x01), end: false },
  { name: 'a non-minimal length prefix', bytes: () => Uint8Array.of(0x85, 0x00, 1, 2, 3, 4, 5), end: false },
  { name: 'a truncated frame (prefix says 100, the stream ends after 10)', bytes: () => concatBytes(varint(100), randomBytes(10)), end: true },
  { name: 'a stream that ends inside a length prefix', bytes: () => Uint8Array.of(0x80), end: true },
  { name: 'a frame with an ack instead of an envelope', bytes: () => frame(delivery.MsgFrame.encode({ ack: { id: freshId(), status: 1 } })), end: false },
  { name: 'an empty frame', bytes: () => frame(new Uint8Array()), end: false },
  { name: 'a frame with both an envelope and an ack', bytes: () => frame(delivery.MsgFrame.encode({ envelope: { id: freshId(), payload: payload(1) }, ack: { id: freshId(), status: 1 } })), end: false },
  { name: 'an envelope id of 15 bytes', bytes: () => frame(delivery.MsgFrame.encode({ envelope: { id: freshId().subarray(1), payload: payload(1) } })), end: false },
  { name: 'an envelope with an empty payload', bytes: () => frame(delivery.MsgFrame.encode({ envelope: { id: freshId(), payload: new Uint8Array() } })), end: false }
]

for (const transport of ['memory', 'tcp'] as const satisfies readonly Transport[]) {
  describe(`net/protocols/msg over ${transport}`, { timeout: 120_000 }, () => {
    let server: KabarLibp2p
    let strict: KabarLibp2p
    let client: KabarLibp2p
    const received: Received[] = []
    const rejections: unknown[] = []
    const onRejection = (reason: unknown): void => { rejections.push(reason) }

    let signalAborted = false
    const onEnvelope = async (from: PeerId, env: Envelope, options: AbortOptions): Promise<AckStatus> => {
      received.push({ from, id: env.id, payload: env.payload })
      const tag = env.payload[0]
      if (tag === Tag.WATCH_SIGNAL) {
        return new Promise<AckStatus>((_resolve, reject) => {
          options.signal?.addEventListener('abort', () => {
            signalAborted = true
            reject(new Error('aborted'))
          }, { once: true })
        })
      }
      if (tag === Tag.THROW) throw new Error('storage failed')
      if (tag === Tag.HANG) return new Promise<AckStatus>(() => {})
      if (tag === Tag.NOT_A_STATUS) return 99 as AckStatus
      if (tag === Tag.SLOW) {
        await new Promise((resolve) => setTimeout(resolve, 5))
        return AckStatus.DELIVERED
      }
      return tag as AckStatus
    }

    /** The same node serves a fresh, good stream: the point of every misbehaviour test. */
    const assertStillServes = async (): Promise<void> => {
      const session = await openMsgStream(client, server.peerId)
      assert.equal(await session.send(envelope(Tag.DELIVERED)), AckStatus.DELIVERED)
      await session.close()
    }

    const outboundMsgStreams = (from: KabarLibp2p, to: KabarLibp2p): number =>
      from.getConnections(to.peerId).flatMap((c) => c.streams)
        .filter((s) => s.protocol === KABAR_MSG_PROTOCOL && s.direction === 'outbound' && s.status === 'open').length

    before(async () => {
      process.on('unhandledRejection', onRejection)
      server = await createTestNode({ transport })
      strict = await createTestNode({ transport })
      await handleMsgProtocol(server, onEnvelope)
      await handleMsgProtocol(strict, onEnvelope, { handlerTimeoutMs: 300, idleTimeoutMs: 500 })
      client = await connectedNode(transport, server)
      await client.dial(strict.getMultiaddrs(), { signal: AbortSignal.timeout(10_000) })
    })

    after(async () => {
      process.off('unhandledRejection', onRejection)
      await stopAll([client, server, strict])
      assert.deepEqual(rejections, [], 'no unhandled rejections')
    })

    it('round trip: each envelope is acked with the receiver\'s status, payload and sender intact', async () => {
      const session = await openMsgStream(client, server.peerId)
      const sent = [envelope(Tag.DELIVERED, 1), envelope(Tag.REJECTED, 4096), envelope(Tag.RETRY_LATER)]
      const start = received.length
      const statuses = []
      for (const env of sent) statuses.push(await session.send(env))
      assert.deepEqual(statuses, [AckStatus.DELIVERED, AckStatus.REJECTED, AckStatus.RETRY_LATER])
      const got = received.slice(start)
      assert.equal(got.length, 3)
      got.forEach((r, i) => {
        assert.ok(r.from.equals(client.peerId), 'the handler sees the Noise-authenticated sender')
        assert.deepEqual(r.id, sent[i]?.id)
        assert.deepEqual(r.payload, sent[i]?.payload)
      })
      await session.close()
      assert.equal(session.open, false)
      await waitFor('the stream to be released', () => outboundMsgStreams(client, server) === 0, 5_000)
    })

    it('pipelines 200 envelopes on one stream: handled and acked in order', async () => {
      const session = await openMsgStream(client, server.peerId)
      const sent = Array.from({ length: 200 }, (_, i) => envelope(Tag.DELIVERED, 64 + i))
      const acked: number[] = []
      const start = received.length
      const statuses = await session.sendMany(sent, { onAck: (index) => { acked.push(index) } })
      assert.deepEqual(statuses, sent.map(() => AckStatus.DELIVERED))
      assert.deepEqual(acked, sent.map((_, i) => i), 'acks arrive in send order')
      assert.deepEqual(received.slice(start).map((r) => r.id), sent.map((e) => e.id), 'handled in send order')
      assert.equal(outboundMsgStreams(client, server), 1, 'one stream carried all of them')
      await session.close()
    })

    it('carries the largest envelopes, pipelined within the byte window', async () => {
      const session = await openMsgStream(client, server.peerId)
      const sent = Array.from({ length: 8 }, () => envelope(Tag.DELIVERED, MAX_SESSION_MESSAGE))
      const start = received.length
      assert.deepEqual(await session.sendMany(sent), sent.map(() => AckStatus.DELIVERED))
      assert.deepEqual(received.slice(start).map((r) => r.payload), sent.map((e) => e.payload))
      await session.close()
    })

    it('keeps at most maxInFlight envelopes unacked', async () => {
      const session = await openMsgStream(client, server.peerId, { maxInFlight: 4 })
      let peak = 0
      const sending = session.sendMany(Array.from({ length: 24 }, () => envelope(Tag.SLOW)), {
        onAck: () => { peak = Math.max(peak, session.inFlight) }
      })
      const poll = setInterval(() => { peak = Math.max(peak, session.inFlight) }, 1)
      try {
        assert.equal((await sending).length, 24)
      } finally {
        clearInterval(poll)
      }
      assert.ok(peak >= 1 && peak <= 4, `peak in flight ${peak}`)
      await session.close()
    })

    it('a handler that throws: the sender sees the stream fail with no ack, and the next stream is served', async () => {
      const session = await openMsgStream(client, server.peerId)
      const acks: number[] = []
      await assert.rejects(session.sendMany([envelope(Tag.DELIVERED), envelope(Tag.THROW), envelope(Tag.DELIVERED)], {
        onAck: (index) => { acks.push(index) }
      }), isDeliveryFailed)
      assert.deepEqual(acks, [0], 'only the envelope before the failure was acked')
      assert.equal(session.open, false)
      await assert.rejects(session.send(envelope(Tag.DELIVERED)), isDeliveryFailed)
      await assertStillServes()
    })

    it('a handler that returns something other than a status resets the stream', async () => {
      const session = await openMsgStream(client, server.peerId)
      await assert.rejects(session.send(envelope(Tag.NOT_A_STATUS)), isDeliveryFailed)
      await assertStillServes()
    })

    for (const bad of MISBEHAVIOUR) {
      it(`resets only the stream that sends ${bad.name}`, async () => {
        const bystander = await openMsgStream(client, server.peerId)
        assert.equal(await bystander.send(envelope(Tag.DELIVERED)), AckStatus.DELIVERED)
        const handled = received.length
        const stream = await rawStream(client, server.peerId, KABAR_MSG_PROTOCOL)
        await writeRaw(stream, bad.bytes())
        if (bad.end) await stream.close({ signal: AbortSignal.timeout(5_000) })
        await expectRemoteReset(stream)
        assert.equal(received.length, handled, 'nothing reached the handler')
        assert.equal(await bystander.send(envelope(Tag.DELIVERED)), AckStatus.DELIVERED, 'a stream open alongside is untouched')
        await bystander.close()
        await assertStillServes()
      })
    }

    it('refuses an invalid envelope before sending anything, and the session stays usable', async () => {
      const session = await openMsgStream(client, server.peerId)
      const handled = received.length
      const isInvalid = (err: unknown): boolean => KabarError.is(err, 'INVALID_MESSAGE')
      await assert.rejects(session.send({ id: new Uint8Array(ENVELOPE_ID_LENGTH - 1), payload: payload(1) }), isInvalid)
      await assert.rejects(session.send({ id: newEnvelopeId(), payload: new Uint8Array() }), isInvalid)
      await assert.rejects(session.sendMany([envelope(Tag.DELIVERED), { id: newEnvelopeId(), payload: new Uint8Array(MAX_FRAME_SIZE) }]), isInvalid)
      assert.equal(received.length, handled)
      assert.equal(session.open, true)
      assert.equal(await session.send(envelope(Tag.DELIVERED)), AckStatus.DELIVERED)
      await session.close()
    })

    it('close() waits for the acks in flight, then refuses further sends', async () => {
      const session = await openMsgStream(client, server.peerId)
      const sending = session.sendMany(Array.from({ length: 10 }, () => envelope(Tag.SLOW)))
      await session.close()
      assert.deepEqual(await sending, Array.from({ length: 10 }, () => AckStatus.DELIVERED))
      await assert.rejects(session.send(envelope(Tag.DELIVERED)), isDeliveryFailed)
    })

    it('bounded: no ack within ackTimeoutMs fails the send', async () => {
      const session = await openMsgStream(client, server.peerId, { ackTimeoutMs: 300 })
      const ms = await timed(async () => assert.rejects(session.send(envelope(Tag.HANG)), isDeliveryFailed))
      assert.ok(ms >= 250 && ms < 3_000, `gave up after ${ms} ms`)
      await assertStillServes()
    })

    it('a sender that gives up aborts the receiver callback\'s signal', async () => {
      const session = await openMsgStream(client, server.peerId, { ackTimeoutMs: 200 })
      signalAborted = false
      await assert.rejects(session.send(envelope(Tag.WATCH_SIGNAL)), isDeliveryFailed)
      await waitFor('the callback\'s signal to abort', () => signalAborted, 5_000)
      await assertStillServes()
    })

    it('bounded: aborting the signal ends the session at once', async () => {
      const session = await openMsgStream(client, server.peerId)
      const controller = new AbortController()
      setTimeout(() => { controller.abort() }, 50)
      const ms = await timed(async () => assert.rejects(session.send(envelope(Tag.HANG), { signal: controller.signal }), isDeliveryFailed))
      assert.ok(ms < 3_000, `took ${ms} ms`)
      assert.equal(session.open, false)
    })

    it('bounded: a receiver callback over handlerTimeoutMs resets the stream without an ack', async () => {
      const session = await openMsgStream(client, strict.peerId)
      const ms = await timed(async () => assert.rejects(session.send(envelope(Tag.HANG)), isDeliveryFailed))
      assert.ok(ms >= 250 && ms < 3_000, `reset after ${ms} ms`)
      const again = await openMsgStream(client, strict.peerId)
      assert.equal(await again.send(envelope(Tag.DELIVERED)), AckStatus.DELIVERED)
      await again.close()
    })

    it('bounded: an idle stream, or one stalled inside a frame, is reset after idleTimeoutMs', async () => {
      const idle = await rawStream(client, strict.peerId, KABAR_MSG_PROTOCOL)
      const stalled = await rawStream(client, strict.peerId, KABAR_MSG_PROTOCOL)
      await writeRaw(stalled, concatBytes(varint(100), randomBytes(10)))
      const ms = await timed(async () => { await Promise.all([expectRemoteReset(idle), expectRemoteReset(stalled)]) })
      assert.ok(ms >= 400 && ms < 3_000, `reset after ${ms} ms`)
    })

    it('fails fast to a peer that does not speak the protocol', async () => {
      const ms = await timed(async () => assert.rejects(openMsgStream(server, client.peerId), isDeliveryFailed))
      assert.ok(ms < 5_000, `took ${ms} ms`)
    })

    it('bounded: opening a stream to an unreachable peer', async () => {
      const gone = await createTestNode({ transport })
      const addrs = gone.getMultiaddrs()
      await gone.stop()
      await client.peerStore.merge(gone.peerId, { multiaddrs: addrs })
      const ms = await timed(async () => assert.rejects(openMsgStream(client, gone.peerId, { timeoutMs: 1_000 }), isDeliveryFailed))
      assert.ok(ms < 3_000, `took ${ms} ms`)
    })
  })
}
