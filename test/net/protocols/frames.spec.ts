/**
 * kabar's frame reader and writer against the reference framing: the bytes
 * {@link encodeFrame} writes are exactly those of it-length-prefixed (what
 * `lpStream` peers read), frames split at any byte boundary reassemble, a
 * clean end is told apart from a truncated frame, and a bad prefix is refused
 * before its data is awaited. Runs on @libp2p/utils' in-process stream pair.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { lpStream, streamPair } from '@libp2p/utils'
import * as lp from 'it-length-prefixed'
import { KabarError } from '../../../src/errors.ts'
import { encodeFrame, encodeFrames, FrameStream, varintLength } from '../../../src/net/protocols/frames.ts'
import { waitFor } from '../helpers.ts'
import { writeRaw } from './helpers.ts'

const LENGTHS = [0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152]
const isDecodeFailed = (err: unknown): boolean => KabarError.is(err, 'DECODE_FAILED')

describe('net/protocols/frames', { timeout: 30_000 }, () => {
  it('writes exactly the bytes of it-length-prefixed, one contiguous buffer per frame or batch', () => {
    for (const length of LENGTHS) {
      const message = new Uint8Array(randomBytes(length))
      const frame = encodeFrame(message)
      assert.ok(frame instanceof Uint8Array)
      assert.deepEqual(frame, lp.encode.single(message).subarray(), `length ${length}`)
      assert.equal(frame.byteLength, varintLength(length) + length)
    }
    const messages = [randomBytes(3), randomBytes(200), new Uint8Array()].map((m) => new Uint8Array(m))
    const joined = messages.map((m) => encodeFrame(m))
    assert.deepEqual(encodeFrames(messages), new Uint8Array(Buffer.concat(joined)))
  })

  it('reads frames split at every byte boundary, then null at a clean end', async () => {
    const [outbound, inbound] = await streamPair({ delay: 0 })
    const messages = [new Uint8Array(), new Uint8Array(randomBytes(130)), new Uint8Array(randomBytes(5))]
    const bytes = encodeFrames(messages)
    const reader = new FrameStream(inbound, 1_000)
    const writing = (async () => {
      for (let i = 0; i < bytes.byteLength; i++) await writeRaw(outbound, bytes.subarray(i, i + 1))
      await outbound.close()
    })()
    const got = []
    for (let frame = await reader.next(); frame !== null; frame = await reader.next()) got.push(frame)
    await writing
    assert.deepEqual(got.map((f) => new Uint8Array(f)), messages)
  })

  it('interoperates with lpStream in both directions', async () => {
    const [a, b] = await streamPair({ delay: 0 })
    const message = new Uint8Array(randomBytes(1_000))
    const theirs = lpStream(b)
    const ours = new FrameStream(a, 2_000)
    await ours.write(encodeFrame(message))
    assert.deepEqual((await theirs.read()).subarray(), message)
    await theirs.write(message)
    assert.deepEqual(await ours.next(), message)
  })

  it('tells a truncated frame and a cut length prefix from a clean end', async () => {
    for (const bytes of [Uint8Array.of(100, 1, 2, 3), Uint8Array.of(0x80)]) {
      const [outbound, inbound] = await streamPair({ delay: 0 })
      const reader = new FrameStream(inbound, 1_000)
      await writeRaw(outbound, bytes)
      await outbound.close()
      await assert.rejects(reader.next(), isDecodeFailed)
    }
  })

  it('refuses an oversized, over-long or non-minimal prefix without waiting for data', async () => {
    for (const bytes of [lp.encode.single(new Uint8Array(11)).subarray(0, 1), Uint8Array.of(0x80, 0x80, 0x01), Uint8Array.of(0x81, 0x00)]) {
      const [outbound, inbound] = await streamPair({ delay: 0 })
      const reader = new FrameStream(inbound, 10)
      await writeRaw(outbound, bytes)
      await assert.rejects(reader.next({ signal: AbortSignal.timeout(2_000) }), isDecodeFailed)
    }
  })

  it('reports a reset that lands before the read as a failure, not as a clean end', async () => {
    const [outbound, inbound] = await streamPair({ delay: 0 })
    outbound.abort(new Error('gone'))
    await waitFor('the reset to arrive', () => inbound.status !== 'open', 2_000)
    await assert.rejects(new FrameStream(inbound, 1_000).next())
  })
})
