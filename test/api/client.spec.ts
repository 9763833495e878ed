/**
 * api/client against a real server over a FakeNode: one call per endpoint,
 * server errors rethrown as KabarErrors with the server's code, an
 * unreachable daemon as NOT_RUNNING, node.json reading, and the event
 * stream (delivery, close, refusal, back-pressure bound).
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ApiClient, readNodeInfo } from '../../src/api/client.ts'
import { KabarError } from '../../src/errors.ts'
import { testAddress } from './fake-node.ts'
import { TOKEN, startHarness } from './helpers.ts'
import type { Harness } from './helpers.ts'

const PEER = testAddress(9)

describe('api/client', () => {
  let h: Harness
  let client: ApiClient
  let dir: string
  before(async () => {
    h = await startHarness()
    client = new ApiClient({ url: h.api.url + '/', token: TOKEN })
    dir = await mkdtemp(join(tmpdir(), 'kabar-client-'))
  })
  after(async () => {
    await h.api.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('calls every endpoint', async () => {
    const health = await client.health()
    assert.equal(health.ok, true)
    assert.equal(typeof health.uptime, 'number')
    assert.equal((await client.status()).address, h.node.address)
    const sent = await client.send(PEER, 'hi')
    assert.equal(sent.to, PEER)
    assert.deepEqual(await client.message(sent.id), sent)
    assert.equal(await client.message('f'.repeat(32)), undefined)
    assert.deepEqual(await client.messages({ peer: PEER, after: 0, limit: 5 }), [sent])
    assert.deepEqual(h.node.calls.at(-1), { op: 'messages', args: [{ peer: PEER, after: 0, limit: 5 }] })
    assert.equal((await client.addContact(PEER, 'Bo')).name, 'Bo')
    assert.equal((await client.contacts()).length, 1)
    assert.equal((await client.verify(PEER)).verified, true)
    assert.equal((await client.lookup(PEER)).address, PEER)
    assert.equal(await client.safetyNumber(PEER), '1234567890'.repeat(6))
  })

  it('rethrows server errors as KabarErrors with the server\'s code and message', async () => {
    await assert.rejects(client.send('nobody', 'hi'), (err) => KabarError.is(err, 'INVALID_ADDRESS') && err.message === 'invalid address "nobody"')
    h.node.failNext(new KabarError('UNTRUSTED_IDENTITY', 'key changed'))
    await assert.rejects(client.send(PEER, 'hi'), (err) => KabarError.is(err, 'UNTRUSTED_IDENTITY') && err.message === 'key changed')
    const wrong = new ApiClient({ url: h.api.url, token: 'wrong-token-wrong-token' })
    await assert.rejects(wrong.status(), (err) => KabarError.is(err, 'UNAUTHORIZED'))
  })

  it('reports an unreachable API as NOT_RUNNING', async () => {
    const closed = await startHarness()
    await closed.api.close()
    const dead = new ApiClient({ url: closed.api.url, token: TOKEN, unreachableMessage: 'nobody home' })
    await assert.rejects(dead.status(), (err) => KabarError.is(err, 'NOT_RUNNING') && err.message === 'nobody home')
  })

  it('readNodeInfo: NOT_RUNNING with the `kabar start` hint when node.json is missing or damaged', async () => {
    const message = `no node running for ${dir}: start one with \`kabar start\``
    await assert.rejects(readNodeInfo(dir), (err) => KabarError.is(err, 'NOT_RUNNING') && err.message === message)
    await writeFile(join(dir, 'node.json'), '{"peerId": ')
    await assert.rejects(readNodeInfo(dir), (err) => KabarError.is(err, 'NOT_RUNNING') && err.message.startsWith(message))
    await writeFile(join(dir, 'node.json'), JSON.stringify({ peerId: PEER, multiaddrs: [] }))
    await assert.rejects(readNodeInfo(dir), (err) => KabarError.is(err, 'NOT_RUNNING') && /lacks/.test(err.message))
    const info = { peerId: PEER, multiaddrs: ['/ip4/127.0.0.1/tcp/1'], api: { url: h.api.url, token: TOKEN } }
    await writeFile(join(dir, 'node.json'), JSON.stringify(info))
    assert.deepEqual(await readNodeInfo(dir), info)
    assert.equal((await (await ApiClient.fromDataDir(dir)).status()).address, h.node.address)
  })

  it('streams events until closed', async () => {
    const events = client.events()
    await events.opened
    h.node.emit('peer:connect', { peerId: PEER })
    h.node.emit('peer:disconnect', { peerId: PEER })
    const seen = []
    for await (const event of events) {
      seen.push(event)
      if (seen.length === 2) events.close()
    }
    assert.deepEqual(seen, [{ type: 'peer:connect', peerId: PEER }, { type: 'peer:disconnect', peerId: PEER }])
    assert.deepEqual(await events.next(), { value: undefined, done: true })
  })

  it('pauses the socket past highWaterMark instead of buffering every event, and loses none', async () => {
    const events = client.events({ highWaterMark: 4 })
    await events.opened
    const COUNT = 3000
    const pad = 'x'.repeat(100)
    for (let i = 0; i < COUNT; i++) h.node.emit('peer:connect', { peerId: `${i}:${pad}` })
    await new Promise((resolve) => setTimeout(resolve, 200))
    // Paused at 4, plus what the socket had already read (one chunk, up to 64 KiB ≈ 550 of these frames).
    assert.ok(events.buffered < 1000, `buffered ${events.buffered} of ${COUNT}`)
    let expected = 0
    for await (const event of events) {
      assert.equal(event.type === 'peer:connect' && event.peerId, `${expected}:${pad}`)
      if (++expected === COUNT) break
    }
    assert.equal(events.buffered, 0)
  })

  it('ends the stream with an error when the token is refused or the server goes away', async () => {
    const refused = new ApiClient({ url: h.api.url, token: 'wrong-token-wrong-token' }).events()
    await assert.rejects(refused.opened, (err) => KabarError.is(err, 'UNAUTHORIZED'))
    await assert.rejects(refused.next(), (err) => KabarError.is(err, 'UNAUTHORIZED'))

    const other = await startHarness()
    const events = new ApiClient({ url: other.api.url, token: TOKEN }).events()
    await events.opened
    await other.api.close()
    await assert.rejects(events.next(), (err) => KabarError.is(err, 'NOT_RUNNING') && /1001/.test(err.message))
  })
})
