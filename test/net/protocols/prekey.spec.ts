/**
 * /kabar/prekey/1.0.0 between real nodes (memory transport and TCP
 * loopback): a fetch returns exactly the key the device provides, undefined
 * when it has none, refuses keys that are not 32 bytes (from a rogue server
 * too), and every failure is bounded.
 */
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import type { PeerId, Stream } from '@libp2p/interface'
import { KabarError } from '../../../src/errors.ts'
import { KABAR_PREKEY_PROTOCOL } from '../../../src/net/constants.ts'
import type { KabarLibp2p } from '../../../src/net/libp2p.ts'
import { encodeFrame, FrameStream } from '../../../src/net/protocols/frames.ts'
import { fetchOneTimePrekey, handlePrekeyProtocol } from '../../../src/net/protocols/prekey.ts'
import type { OneTimePrekey } from '../../../src/net/protocols/prekey.ts'
import { delivery, MAX_PREKEY_FRAME_SIZE } from '../../../src/wire/index.ts'
import { createTestNode, stopAll } from '../helpers.ts'
import { concatBytes, connectedNode, expectRemoteReset, rawStream, timed, varint, writeRaw } from './helpers.ts'
import type { Transport } from './helpers.ts'

const key = (id: number, length = 32): OneTimePrekey => ({ id, publicKey: new Uint8Array(randomBytes(length)) })

const isCode = (code: string) => (err: unknown): boolean => KabarError.is(err) && err.code === code

for (const transport of ['memory', 'tcp'] as const satisfies readonly Transport[]) {
  describe(`net/protocols/prekey over ${transport}`, { timeout: 60_000 }, () => {
    let device: KabarLibp2p
    let rogue: KabarLibp2p
    let client: KabarLibp2p
    let stock: OneTimePrekey[] = []
    let provide: (from: PeerId) => Promise<OneTimePrekey | undefined> = () => Promise.resolve(stock.shift())
    const askedBy: PeerId[] = []
    let rogueResponse: Uint8Array = new Uint8Array()

    /** Answers every request with `rogueResponse`, unchecked. */
    const serveRogue = async (stream: Stream): Promise<void> => {
      const frames = new FrameStream(stream, MAX_PREKEY_FRAME_SIZE)
      await frames.next({ signal: AbortSignal.timeout(5_000) })
      await frames.write(encodeFrame(rogueResponse))
      await stream.close()
    }

    before(async () => {
      device = await createTestNode({ transport })
      rogue = await createTestNode({ transport })
      await handlePrekeyProtocol(device, async (from) => {
        askedBy.push(from)
        return provide(from)
      }, { timeoutMs: 500 })
      await rogue.handle(KABAR_PREKEY_PROTOCOL, async (stream) => {
        await serveRogue(stream).catch((err: unknown) => { stream.abort(err instanceof Error ? err : new Error(String(err))) })
      })
      client = await connectedNode(transport, device)
      await client.dial(rogue.getMultiaddrs(), { signal: AbortSignal.timeout(10_000) })
    })

    after(async () => { await stopAll([client, device, rogue]) })

    it('returns the provided key, one per fetch, and the provider sees who asked', async () => {
      provide = () => Promise.resolve(stock.shift())
      const keys = [key(7), key(0), key(0xffffffff)]
      stock = keys.slice()
      for (const expected of keys) {
        const got = await fetchOneTimePrekey(client, device.peerId)
        assert.deepEqual(got, expected)
      }
      assert.ok(askedBy.length >= 3 && askedBy.every((p) => p.equals(client.peerId)))
    })

    it('returns undefined when the device has none left', async () => {
      provide = () => Promise.resolve(stock.shift())
      stock = []
      assert.equal(await fetchOneTimePrekey(client, device.peerId), undefined)
    })

    for (const length of [31, 33, 0]) {
      it(`rejects a ${length}-byte key from a rogue device`, async () => {
        rogueResponse = delivery.PrekeyResponse.encode({ oneTimePrekeyId: 1, oneTimePrekey: new Uint8Array(length) })
        await assert.rejects(fetchOneTimePrekey(client, rogue.peerId), isCode('INVALID_PREKEY_BUNDLE'))
      })
    }

    it('rejects an id without a key, and garbage', async () => {
      rogueResponse = delivery.PrekeyResponse.encode({ oneTimePrekeyId: 1 })
      await assert.rejects(fetchOneTimePrekey(client, rogue.peerId), isCode('INVALID_PREKEY_BUNDLE'))
      rogueResponse = concatBytes(Uint8Array.of(0xff), randomBytes(20))
      await assert.rejects(fetchOneTimePrekey(client, rogue.peerId), isCode('DECODE_FAILED'))
    })

    it('the device refuses to send a bad-length key from its own provider', async () => {
      provide = () => Promise.resolve(key(3, 31))
      await assert.rejects(fetchOneTimePrekey(client, device.peerId), isCode('DELIVERY_FAILED'))
      provide = () => Promise.resolve(key(4))
      assert.equal((await fetchOneTimePrekey(client, device.peerId))?.id, 4)
    })

    it('resets a malformed or oversized request and keeps serving', async () => {
      provide = () => Promise.resolve(key(5))
      const garbage = await rawStream(client, device.peerId, KABAR_PREKEY_PROTOCOL)
      await writeRaw(garbage, encodeFrame(concatBytes(Uint8Array.of(0xff), randomBytes(8))))
      await expectRemoteReset(garbage)
      const oversized = await rawStream(client, device.peerId, KABAR_PREKEY_PROTOCOL)
      await writeRaw(oversized, varint(MAX_PREKEY_FRAME_SIZE + 1))
      await expectRemoteReset(oversized)
      assert.equal((await fetchOneTimePrekey(client, device.peerId))?.id, 5)
    })

    it('bounded: a provider that never answers resets the stream after the device\'s timeout', async () => {
      provide = () => new Promise<undefined>(() => {})
      const ms = await timed(async () => assert.rejects(fetchOneTimePrekey(client, device.peerId), isCode('DELIVERY_FAILED')))
      assert.ok(ms >= 400 && ms < 3_000, `took ${ms} ms`)
    })

    it('bounded: the fetch gives up after its own timeout', async () => {
      const mute = await createTestNode({ transport })
      try {
        await mute.handle(KABAR_PREKEY_PROTOCOL, () => {})
        await client.dial(mute.getMultiaddrs(), { signal: AbortSignal.timeout(10_000) })
        const ms = await timed(async () => assert.rejects(fetchOneTimePrekey(client, mute.peerId, { timeoutMs: 300 }), isCode('DELIVERY_FAILED')))
        assert.ok(ms >= 250 && ms < 3_000, `took ${ms} ms`)
      } finally {
        await stopAll([mute])
      }
    })

    it('fails fast to a peer that does not speak the protocol', async () => {
      await assert.rejects(fetchOneTimePrekey(device, client.peerId), isCode('DELIVERY_FAILED'))
    })
  })
}
