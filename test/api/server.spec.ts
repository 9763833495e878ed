/**
 * api/server over a FakeNode: auth, every route's happy path, the HTTP
 * errors (400/401/404/405/413), input validation, node errors mapped to
 * statuses without leaking internals, and the event WebSocket. After every
 * bad request the same server must still answer.
 */
import assert from 'node:assert/strict'
import { request as httpRequest } from 'node:http'
import { after, before, describe, it } from 'node:test'
import { WebSocket } from 'ws'
import { startApiServer } from '../../src/api/server.ts'
import { KabarError } from '../../src/errors.ts'
import type { MessageView } from '../../src/node/types.ts'
import { testAddress } from './fake-node.ts'
import { TOKEN, errorOf, request, startHarness } from './helpers.ts'
import type { Harness, RequestOptions } from './helpers.ts'

const PEER = testAddress(7)

describe('api/server', () => {
  let h: Harness
  before(async () => { h = await startHarness() })
  after(async () => { await h.api.close() })

  /** A request that must fail with `status` and `code`; then the server must still serve. */
  async function expectError (path: string, options: RequestOptions, status: number, code: string, message?: RegExp): Promise<string> {
    const reply = await request(h.api, path, options)
    assert.equal(reply.status, status, JSON.stringify(reply.body))
    const error = errorOf(reply)
    assert.equal(error.code, code)
    if (message !== undefined) assert.match(error.message, message)
    assert.equal((await request(h.api, '/v1/status')).status, 200, 'the server still serves after a bad request')
    return error.message
  }

  describe('auth', () => {
    it('serves /v1/health without a token', async () => {
      const reply = await request(h.api, '/v1/health', { token: null })
      assert.equal(reply.status, 200)
      assert.deepEqual(Object.keys(reply.body as object).sort(), ['ok', 'uptime'], 'nothing about the node but that it answers')
      assert.equal((reply.body as { ok: boolean }).ok, true)
    })

    it('refuses a missing token with 401 and WWW-Authenticate', async () => {
      const reply = await request(h.api, '/v1/status', { token: null })
      assert.equal(reply.status, 401)
      assert.equal(reply.headers.get('www-authenticate'), 'Bearer')
      await expectError('/v1/status', { token: null }, 401, 'UNAUTHORIZED')
    })

    it('refuses a wrong token, one of another length, and routes it does not reveal', async () => {
      await expectError('/v1/status', { token: TOKEN.replace(/.$/, 'X') }, 401, 'UNAUTHORIZED')
      await expectError('/v1/contacts', { token: 'short' }, 401, 'UNAUTHORIZED')
      await expectError('/v1/no-such-route', { token: null }, 401, 'UNAUTHORIZED')
      await expectError('/v1/status?token=' + TOKEN, { token: null }, 401, 'UNAUTHORIZED')
    })

    it('refuses to start with a short token', async () => {
      await assert.rejects(startApiServer({ node: h.node, token: 'abc' }), (err) => KabarError.is(err, 'INVALID_CONFIG'))
    })
  })

  describe('routes', () => {
    it('GET /v1/status', async () => {
      const reply = await request(h.api, '/v1/status')
      assert.equal(reply.status, 200)
      assert.equal((reply.body as { address: string }).address, h.node.address)
    })

    it('POST /v1/messages → 201 with id, status and Location', async () => {
      const reply = await request(h.api, '/v1/messages', { method: 'POST', body: { to: PEER, text: 'hello ✓' } })
      assert.equal(reply.status, 201)
      const m = reply.body as MessageView
      assert.match(m.id, /^[0-9a-f]{32}$/)
      assert.equal(m.status, 'waiting')
      assert.equal(m.text, 'hello ✓')
      assert.equal(reply.headers.get('location'), `/v1/messages/${m.id}`)
      assert.deepEqual(h.node.calls.at(-1), { op: 'send', args: [PEER, 'hello ✓'] })
    })

    it('GET /v1/messages passes peer, after and limit to the node', async () => {
      const reply = await request(h.api, `/v1/messages?peer=${PEER}&after=0&limit=10`)
      assert.equal(reply.status, 200)
      assert.ok(Array.isArray(reply.body))
      assert.ok((reply.body as MessageView[]).every((m) => m.peer === PEER))
      assert.deepEqual(h.node.calls.at(-1), { op: 'messages', args: [{ peer: PEER, after: 0, limit: 10 }] })
      await request(h.api, '/v1/messages')
      assert.deepEqual(h.node.calls.at(-1), { op: 'messages', args: [{}] })
    })

    it('GET /v1/messages/:id, and 404 for an unknown id', async () => {
      const m = h.node.addMessage()
      const reply = await request(h.api, `/v1/messages/${m.id}`)
      assert.equal(reply.status, 200)
      assert.deepEqual(reply.body, m)
      await expectError(`/v1/messages/${'0'.repeat(32)}`, {}, 404, 'NOT_FOUND', /no message with id 0{32}/)
    })

    it('GET and POST /v1/contacts', async () => {
      const added = await request(h.api, '/v1/contacts', { method: 'POST', body: { address: PEER, name: 'Ada' } })
      assert.equal(added.status, 201)
      assert.deepEqual(added.body, { address: PEER, name: 'Ada', verified: false, addedAt: 1_700_000_000_000 })
      const anonymous = await request(h.api, '/v1/contacts', { method: 'POST', body: { address: testAddress(8) } })
      assert.equal(anonymous.status, 201)
      assert.deepEqual(h.node.calls.at(-1), { op: 'addContact', args: [testAddress(8), undefined] })
      const list = await request(h.api, '/v1/contacts')
      assert.equal(list.status, 200)
      assert.equal((list.body as unknown[]).length, 2)
    })

    it('POST /v1/contacts/:address/verify', async () => {
      const reply = await request(h.api, `/v1/contacts/${PEER}/verify`, { method: 'POST' })
      assert.equal(reply.status, 200)
      assert.equal((reply.body as { verified: boolean }).verified, true)
    })

    it('GET /v1/peers/:id (lookup) and /v1/peers/:id/safety-number', async () => {
      const lookup = await request(h.api, `/v1/peers/${PEER}`)
      assert.equal(lookup.status, 200)
      assert.deepEqual(lookup.body, { address: PEER, prekeys: {}, multiaddrs: [] })
      const sn = await request(h.api, `/v1/peers/${PEER}/safety-number`)
      assert.equal(sn.status, 200)
      assert.deepEqual(sn.body, { address: PEER, safetyNumber: '1234567890'.repeat(6) })
    })
  })

  describe('HTTP errors', () => {
    it('bad JSON → 400 BAD_JSON; an empty body → 400', async () => {
      await expectError('/v1/messages', { method: 'POST', body: '{"to": ' }, 400, 'BAD_JSON', /not valid JSON/)
      await expectError('/v1/messages', { method: 'POST' }, 400, 'BAD_REQUEST', /must be a JSON object/)
      await expectError('/v1/contacts', { method: 'POST', body: '[1]' }, 400, 'BAD_REQUEST', /must be a JSON object/)
    })

    it('a body over 1 MiB → 413, by Content-Length', async () => {
      const text = 'x'.repeat(1024 * 1024 + 1)
      await expectError('/v1/messages', { method: 'POST', body: { to: PEER, text } }, 413, 'PAYLOAD_TOO_LARGE')
    })

    it('a chunked body over 1 MiB → 413 as soon as it passes the limit', async () => {
      const url = new URL(`${h.api.url}/v1/messages`)
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(url, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'transfer-encoding': 'chunked' } }, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        })
        req.on('error', reject)
        const chunk = Buffer.alloc(64 * 1024, 0x20)
        for (let i = 0; i < 20; i++) req.write(chunk)
        req.end()
      })
      assert.equal(status, 413)
      assert.equal((await request(h.api, '/v1/status')).status, 200)
    })

    it('unknown route → 404, wrong method → 405 with Allow', async () => {
      await expectError('/v1/nope', {}, 404, 'NOT_FOUND', /no route for GET \/v1\/nope/)
      await expectError('/v2/status', {}, 404, 'NOT_FOUND')
      await expectError('/v1/status/', {}, 404, 'NOT_FOUND')
      const reply = await request(h.api, '/v1/status', { method: 'DELETE' })
      assert.equal(reply.status, 405)
      assert.equal(reply.headers.get('allow'), 'GET')
      await expectError('/v1/messages', { method: 'PUT', body: {} }, 405, 'METHOD_NOT_ALLOWED', /allowed: POST, GET/)
    })
  })

  describe('validation', () => {
    const send = async (body: unknown, code: string, message: RegExp): Promise<string> =>
      expectError('/v1/messages', { method: 'POST', body }, 400, code, message)

    it('checks to and text', async () => {
      await send({ text: 'hi' }, 'BAD_REQUEST', /^to must be a string/)
      await send({ to: 42, text: 'hi' }, 'BAD_REQUEST', /^to must be a string/)
      await send({ to: 'bob', text: 'hi' }, 'INVALID_ADDRESS', /^invalid address "bob"$/)
      await send({ to: PEER }, 'BAD_REQUEST', /^text must be a non-empty string \(not only spaces or line breaks\)$/)
      await send({ to: PEER, text: '' }, 'BAD_REQUEST', /^text must be a non-empty string \(not only spaces or line breaks\)$/)
      // Whitespace alone would be an empty bubble on the other side.
      await send({ to: PEER, text: ' \n\t ' }, 'BAD_REQUEST', /^text must be a non-empty string \(not only spaces or line breaks\)$/)
      await send({ to: PEER, text: 'é'.repeat(32 * 1024 + 1) }, 'BAD_REQUEST', /^text must be at most 65536 bytes \(UTF-8\), got 65538$/)
      await send({ to: PEER, text: 'hi', txt: 'typo' }, 'BAD_REQUEST', /^unknown field "txt"/)
    })

    it('checks limit, after and peer of GET /v1/messages', async () => {
      for (const q of ['limit=0', 'limit=1001', 'limit=abc', 'limit=1.5', 'limit=']) {
        await expectError(`/v1/messages?${q}`, {}, 400, 'BAD_REQUEST', /^limit must be an integer from 1 to 1000/)
      }
      for (const q of ['after=-1', 'after=x', 'after=99999999999999999']) {
        await expectError(`/v1/messages?${q}`, {}, 400, 'BAD_REQUEST', /^after must be an integer ≥ 0/)
      }
      await expectError('/v1/messages?peer=zzz', {}, 400, 'INVALID_ADDRESS', /^invalid address "zzz"$/)
      await expectError('/v1/messages?since=1', {}, 400, 'BAD_REQUEST', /unknown query parameter "since"/)
    })

    it('checks path parameters and contact names', async () => {
      await expectError('/v1/messages/not-an-id', {}, 400, 'BAD_REQUEST', /32 lowercase hex/)
      await expectError('/v1/peers/alice', {}, 400, 'INVALID_ADDRESS', /invalid address "alice"/)
      await expectError('/v1/peers/%E0%A4%A/safety-number', {}, 400, 'BAD_REQUEST', /percent-encoding/)
      await expectError('/v1/contacts/x/verify', { method: 'POST' }, 400, 'INVALID_ADDRESS')
      await expectError('/v1/contacts', { method: 'POST', body: { address: PEER, name: '' } }, 400, 'BAD_REQUEST', /^name must be/)
      await expectError('/v1/contacts', { method: 'POST', body: { address: PEER, name: 'n'.repeat(257) } }, 400, 'BAD_REQUEST', /^name must be/)
    })
  })

  describe('node errors', () => {
    it('maps KabarError codes to statuses, keeping code and message', async () => {
      const cases: Array<[KabarError, number]> = [
        [new KabarError('UNTRUSTED_IDENTITY', 'the identity key of bob changed'), 409],
        [new KabarError('RECIPIENT_UNKNOWN', 'no records found'), 404],
        [new KabarError('NODE_STOPPED', 'the node is not running'), 503],
        [new KabarError('DELIVERY_FAILED', 'no ack'), 502],
        [new KabarError('INVALID_CONFIG', 'cannot send a message to yourself'), 400]
      ]
      for (const [err, status] of cases) {
        h.node.failNext(err)
        const message = await expectError('/v1/messages', { method: 'POST', body: { to: PEER, text: 'x' } }, status, err.code)
        assert.equal(message, err.message)
      }
    })

    it('hides anything else behind 500 INTERNAL, and reports it to onError', async () => {
      const before = h.internalErrors.length
      h.node.failNext(new Error('EACCES: /home/secret/.kabar/db/LOCK'))
      const message = await expectError('/v1/status', {}, 500, 'INTERNAL', /^internal error$/)
      assert.doesNotMatch(message, /secret/)
      h.node.failNext(new KabarError('STORE_CORRUPT', 'value at /home/secret is damaged'))
      await expectError('/v1/contacts', {}, 500, 'INTERNAL', /^internal error$/)
      assert.equal(h.internalErrors.length, before + 2)
    })
  })

  describe('events', () => {
    const open = async (url: string, headers: Record<string, string> = {}): Promise<WebSocket> => {
      const ws = new WebSocket(url, { headers })
      await new Promise<void>((resolve, reject) => { ws.once('open', () => { resolve() }); ws.once('error', reject) })
      return ws
    }
    const nextFrame = async (ws: WebSocket): Promise<unknown> => new Promise((resolve) => {
      ws.once('message', (data: Buffer) => { resolve(JSON.parse(data.toString('utf8'))) })
    })
    const refusal = async (url: string, headers: Record<string, string> = {}): Promise<number> => new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers })
      ws.once('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0); ws.terminate() })
      ws.once('open', () => { reject(new Error('the socket opened')) })
      ws.on('error', () => {})
    })
    const wsUrl = (): string => `${h.api.url.replace('http', 'ws')}/v1/events`

    it('fans node events out as { type, ...payload }, by header or ?token=', async () => {
      const a = await open(wsUrl(), { authorization: `Bearer ${TOKEN}` })
      const b = await open(`${wsUrl()}?token=${TOKEN}`)
      try {
        const frames = Promise.all([nextFrame(a), nextFrame(b)])
        h.node.emit('message:status', { id: 'ab'.repeat(16), peer: PEER, status: 'delivered' })
        for (const frame of await frames) assert.deepEqual(frame, { type: 'message:status', id: 'ab'.repeat(16), peer: PEER, status: 'delivered' })
        const m = h.node.addMessage()
        const next = nextFrame(a)
        h.node.emit('message', m)
        assert.deepEqual(await next, { type: 'message', ...m })
        const connect = nextFrame(a)
        h.node.emit('peer:connect', { peerId: PEER })
        assert.deepEqual(await connect, { type: 'peer:connect', peerId: PEER })
      } finally {
        a.close()
        b.close()
      }
    })

    it('refuses a wrong or missing token (401) and other paths (404)', async () => {
      assert.equal(await refusal(wsUrl(), { authorization: 'Bearer wrong-token-wrong-token' }), 401)
      assert.equal(await refusal(`${wsUrl()}?token=nope`), 401)
      assert.equal(await refusal(wsUrl()), 401)
      assert.equal(await refusal(`${h.api.url.replace('http', 'ws')}/v1/status?token=${TOKEN}`), 404)
      assert.equal((await request(h.api, '/v1/status')).status, 200)
    })

    it('close() ends event sockets, removes node listeners and can be called twice', async () => {
      const other = await startHarness()
      const ws = await open(`${other.api.url.replace('http', 'ws')}/v1/events?token=${TOKEN}`)
      const closed = new Promise<number>((resolve) => { ws.once('close', (code) => { resolve(code) }) })
      assert.equal(other.node.listenerCount('message'), 1)
      await other.api.close()
      await other.api.close()
      assert.equal(await closed, 1001)
      assert.equal(other.node.listenerCount('message'), 0)
      await assert.rejects(fetch(`${other.api.url}/v1/health`))
    })
  })
})
