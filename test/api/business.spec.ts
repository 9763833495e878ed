/**
 * The business routes over a FakeNode with a real (in-memory) store: reader
 * tokens and what they may do, the profile re-checked on every request,
 * webhooks through the API, profile-input validation naming the field,
 * verifier and trust routes, /metrics and /v1/health.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { WebSocket } from 'ws'
import { ApiClient } from '../../src/api/client.ts'
import { Metrics } from '../../src/api/metrics.ts'
import { parseProfileInput } from '../../src/api/profile-input.ts'
import { startApiServer } from '../../src/api/server.ts'
import type { ApiServer } from '../../src/api/server.ts'
import { TokenRegistry } from '../../src/api/tokens.ts'
import { WebhookDispatcher } from '../../src/api/webhooks.ts'
import { KabarError } from '../../src/errors.ts'
import { openStore } from '../../src/store/index.ts'
import type { KabarStore } from '../../src/store/index.ts'
import { FakeNode, testAddress, testProfile, testProfileInput } from './fake-node.ts'
import { TOKEN, errorOf, request } from './helpers.ts'

const CUSTOMER = testAddress(9)

const validInput = testProfileInput

describe('api business routes', () => {
  let node: FakeNode
  let store: KabarStore
  let api: ApiServer
  let webhooks: WebhookDispatcher
  let metrics: Metrics

  before(async () => {
    node = new FakeNode()
    node.profileView = testProfile(node.address)
    store = await openStore({ memory: true })
    const tokens = await TokenRegistry.open(store)
    webhooks = await WebhookDispatcher.open({ node, store })
    metrics = new Metrics({ node, webhooks })
    metrics.start()
    api = await startApiServer({ node, token: TOKEN, tokens, webhooks, metrics })
  })
  after(async () => {
    await api.close()
    await webhooks.stop(100)
    metrics.stop()
    await store.close()
  })

  describe('reader tokens', () => {
    let agentToken: string

    it('makes a token only for a reader the profile lists, in that role, once per name', async () => {
      const reply = await request(api, '/v1/business/tokens', { method: 'POST', body: { name: 'Dewi', role: 'agent' } })
      assert.equal(reply.status, 201, JSON.stringify(reply.body))
      const made = reply.body as { token: string, name: string, role: string }
      assert.match(made.token, /^kabar_r_[0-9a-f]{64}$/)
      assert.equal(made.role, 'agent')
      agentToken = made.token

      const refused = [
        [{ name: 'Mallory', role: 'agent' }, 409, 'UNDISCLOSED'],
        [{ name: 'Dewi', role: 'processor' }, 409, 'UNDISCLOSED'],
        [{ name: 'Dewi', role: 'agent' }, 409, 'CONFLICT'],
        [{ name: 'Dewi', role: 'boss' }, 400, 'BAD_REQUEST'],
        [{ name: '', role: 'agent' }, 400, 'BAD_REQUEST']
      ] as const
      for (const [body, status, code] of refused) {
        const r = await request(api, '/v1/business/tokens', { method: 'POST', body })
        assert.equal(r.status, status, JSON.stringify(body))
        assert.equal(errorOf(r).code, code)
      }
      // A processor named in `processors` (not in apiReaders) may have one too.
      assert.equal((await request(api, '/v1/business/tokens', { method: 'POST', body: { name: 'HelpdeskCo', role: 'processor' } })).status, 201)
      const list = await request(api, '/v1/business/tokens')
      assert.deepEqual((list.body as Array<{ name: string }>).map((t) => t.name), ['Dewi', 'HelpdeskCo'])
      assert.equal(JSON.stringify(list.body).includes('kabar_r_'), false, 'the list never shows a token')
    })

    it('lets an agent read and send (attributed to its name), and nothing else', async () => {
      const agent = new ApiClient({ url: api.url, token: agentToken })
      node.addMessage({ peer: CUSTOMER, text: 'hi Acme' })
      assert.equal((await agent.messages()).length > 0, true)
      assert.equal((await agent.status()).address, node.address)
      const sent = await agent.send(CUSTOMER, 'hello from Dewi')
      assert.equal(sent.sentBy, 'Dewi')
      assert.deepEqual(node.calls.filter((c) => c.op === 'send').at(-1)?.args, [CUSTOMER, 'hello from Dewi', { sentBy: 'Dewi' }])
      for (const [method, path, body] of [
        ['GET', '/v1/business/tokens', undefined],
        ['POST', '/v1/business/tokens', { name: 'Dewi', role: 'agent' }],
        ['PUT', '/v1/business/profile', validInput()],
        ['GET', '/v1/business/webhooks', undefined],
        ['POST', '/v1/contacts', { address: CUSTOMER }],
        ['GET', '/v1/trust', undefined],
        ['GET', '/metrics', undefined]
      ] as const) {
        const r = await request(api, path, { method, body, token: agentToken })
        assert.equal(r.status, 403, `${method} ${path}`)
        assert.equal(errorOf(r).code, 'FORBIDDEN')
      }
      // The owner's own messages carry no sentBy from the API.
      await request(api, '/v1/messages', { method: 'POST', body: { to: CUSTOMER, text: 'owner' } })
      assert.deepEqual(node.calls.filter((c) => c.op === 'send').at(-1)?.args, [CUSTOMER, 'owner'])
    })

    it('lets an agent follow /v1/events, and refuses a wrong token', async () => {
      const ws = new WebSocket(`${api.url.replace('http', 'ws')}/v1/events`, { headers: { authorization: `Bearer ${agentToken}` } })
      await new Promise<void>((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject) })
      ws.close()
      const bad = new WebSocket(`${api.url.replace('http', 'ws')}/v1/events`, { headers: { authorization: 'Bearer kabar_r_' + '0'.repeat(64) } })
      const status = await new Promise<number>((resolve) => { bad.once('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0) }); bad.once('error', () => { resolve(-1) }) })
      assert.equal(status, 401)
    })

    it('refuses a reader the current profile no longer lists (403), and a removed token (401)', async () => {
      const saved = node.profileView
      node.profileView = saved === undefined ? undefined : { ...saved, version: 2, apiReaders: [] }
      try {
        const r = await request(api, '/v1/messages', { token: agentToken })
        assert.equal(r.status, 403)
        assert.match(errorOf(r).message, /no longer listed/)
        const ws = new WebSocket(`${api.url.replace('http', 'ws')}/v1/events`, { headers: { authorization: `Bearer ${agentToken}` } })
        const status = await new Promise<number>((resolve) => { ws.once('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0) }); ws.once('error', () => { resolve(-1) }) })
        assert.equal(status, 403)
      } finally {
        node.profileView = saved
      }
      assert.equal((await request(api, '/v1/messages', { token: agentToken })).status, 200, 'listed again: allowed again')
      assert.equal((await request(api, '/v1/business/tokens/Dewi', { method: 'DELETE' })).status, 204)
      assert.equal((await request(api, '/v1/messages', { token: agentToken })).status, 401)
      assert.equal(errorOf(await request(api, '/v1/business/tokens/Dewi', { method: 'DELETE' })).code, 'NOT_FOUND')
    })
  })

  describe('webhooks through the API', () => {
    it('adds a webhook for a disclosed processor (secret shown once), refuses others, lists and removes', async () => {
      const refused = await request(api, '/v1/business/webhooks', { method: 'POST', body: { processor: 'Unknown', url: 'http://127.0.0.1:9/x' } })
      assert.equal(refused.status, 409)
      assert.equal(errorOf(refused).code, 'UNDISCLOSED')
      const wrongHost = await request(api, '/v1/business/webhooks', { method: 'POST', body: { processor: 'HelpdeskCo', url: 'https://evil.example/x' } })
      assert.equal(errorOf(wrongHost).code, 'UNDISCLOSED')
      const typo = await request(api, '/v1/business/webhooks', { method: 'POST', body: { processor: 'HelpdeskCo', uri: 'x' } })
      assert.match(errorOf(typo).message, /unknown field "uri"/)
      const made = await request(api, '/v1/business/webhooks', { method: 'POST', body: { processor: 'HelpdeskCo', url: 'http://127.0.0.1:9/x' } })
      assert.equal(made.status, 201)
      assert.match((made.body as { secret: string }).secret, /^[0-9a-f]{64}$/)
      const list = await request(api, '/v1/business/webhooks')
      assert.equal((list.body as Array<{ processor: string }>)[0]?.processor, 'HelpdeskCo')
      assert.equal(JSON.stringify(list.body).includes((made.body as { secret: string }).secret), false)
      const text = await new ApiClient({ url: api.url, token: TOKEN }).metrics()
      assert.match(text, /^kabar_webhook_queue_depth\{webhook="HelpdeskCo"\} 0$/m)
      assert.equal((await request(api, '/v1/business/webhooks/HelpdeskCo', { method: 'DELETE' })).status, 204)
      assert.equal(errorOf(await request(api, '/v1/business/webhooks/HelpdeskCo', { method: 'DELETE' })).code, 'NOT_FOUND')
    })
  })

  describe('profile, devices, disclosures, link', () => {
    it('validates the profile input, naming the field, before the node sees it', async () => {
      const cases: Array<[unknown, RegExp]> = [
        [{ ...validInput(), processors: [{ ...validInput().processors?.[0], retentionDays: 40000 }] }, /^processors\[0\]\.retentionDays must be an integer from 0 to 36500$/],
        [{ ...validInput(), processors: [{ ...validInput().processors?.[0], purposes: ['sell'] }] }, /^processors\[0\]\.purposes\[0\] must be one of store, read, reply, automated$/],
        [{ ...validInput(), processors: [{ ...validInput().processors?.[0], endpoint: 'https://x.example/' }] }, /^processors\[0\]\.endpoint must be a lowercase host name/],
        [{ ...validInput(), privacyPolicy: { url: 'http://acme.example', sha256: 'ab'.repeat(32) } }, /^privacyPolicy\.url must be an https URL/],
        [{ ...validInput(), privacyPolicy: { url: 'https://acme.example', sha256: 'xyz' } }, /^privacyPolicy\.sha256 must be 64 hex characters/],
        [{ ...validInput(), apiReaders: [{ name: 'A', role: 'boss', organisation: 'Acme' }] }, /^apiReaders\[0\]\.role must be "agent" or "processor"$/],
        [{ ...validInput(), apiReaders: [{ name: 'A', role: 'agent', organisation: 'Acme' }, { name: 'A', role: 'agent', organisation: 'Acme' }] }, /^apiReaders\[1\]\.name "A" is listed twice$/],
        [{ ...validInput(), displayname: 'x' }, /unknown field "displayname"/],
        [{ privacyPolicy: validInput().privacyPolicy }, /^displayName is missing$/],
        [{ ...validInput(), organisations: { nope: 'Acme' } }, /^organisations: key "nope" is not a device PeerId$/],
        [{ ...validInput(), attestations: ['not base64!'] }, /^attestations\[0\] must be a base64 attestation/]
      ]
      for (const [body, message] of cases) {
        const r = await request(api, '/v1/business/profile', { method: 'PUT', body })
        assert.equal(r.status, 400, JSON.stringify(body))
        assert.match(errorOf(r).message, message)
        assert.throws(() => parseProfileInput(body), (err) => KabarError.is(err, 'BAD_REQUEST') && message.test(err.message))
      }
      assert.equal(node.calls.some((c) => c.op === 'publishProfile'), false)
      const r = await request(api, '/v1/business/profile', { method: 'PUT', body: validInput() })
      assert.equal(r.status, 200)
      assert.deepEqual(node.calls.at(-1), { op: 'publishProfile', args: [validInput()] })
    })

    it('serves the profile, devices, link codes and disclosures', async () => {
      assert.equal(((await request(api, '/v1/business/profile')).body as { displayName: string }).displayName, 'Acme')
      const code = await request(api, '/v1/business/devices', { method: 'POST', body: { role: 'agent', label: 'Dewi laptop' } })
      assert.equal(code.status, 201)
      assert.equal((code.body as { code: string }).code, 'kabar-link:test')
      assert.equal(errorOf(await request(api, '/v1/business/devices', { method: 'POST', body: { role: 'owner', label: 'x' } })).code, 'BAD_REQUEST')
      assert.equal((await request(api, `/v1/business/devices/${CUSTOMER}`, { method: 'DELETE' })).status, 200)
      assert.equal(errorOf(await request(api, '/v1/business/devices/nope', { method: 'DELETE' })).code, 'INVALID_ADDRESS')
      // A person's own devices: the same calls under /v1/devices.
      assert.equal((await request(api, '/v1/devices', { method: 'POST', body: { role: 'mailbox', label: 'home' } })).status, 201)
      assert.deepEqual(node.calls.at(-1), { op: 'addDevice', args: [{ role: 'mailbox', label: 'home' }] })
      assert.equal((await request(api, '/v1/devices')).status, 200)
      assert.equal((await request(api, `/v1/devices/${CUSTOMER}`, { method: 'DELETE' })).status, 200)
      assert.deepEqual(node.calls.at(-1), { op: 'removeDevice', args: [CUSTOMER] })
      assert.equal((await request(api, '/v1/link', { method: 'POST', body: { code: 'kabar-link:abc' } })).status, 200)
      assert.deepEqual(node.calls.at(-1), { op: 'link', args: ['kabar-link:abc'] })
      node.disclosureView = undefined
      assert.equal((await request(api, `/v1/disclosures/${CUSTOMER}`)).status, 404)
      const client = new ApiClient({ url: api.url, token: TOKEN })
      assert.equal(await client.disclosure(CUSTOMER), undefined)
      node.failNext(new KabarError('CONFLICT', 'nothing to accept'))
      await assert.rejects(client.acceptDisclosure(CUSTOMER), (err) => KabarError.is(err, 'CONFLICT'))
      node.profileView = undefined
      assert.equal(await client.profile(), undefined)
      node.profileView = testProfile(node.address)
    })
  })

  describe('verifiers and trust', () => {
    it('attests, revokes and manages trusted verifiers through the client', async () => {
      const client = new ApiClient({ url: api.url, token: TOKEN })
      const issued = await client.attest({ business: CUSTOMER, legalName: 'Acme B.V.', domain: 'acme.example', days: 365 })
      assert.equal(issued.view.legalName, 'Acme B.V.')
      await assert.rejects(client.attest({ business: CUSTOMER, legalName: 'Acme', domain: 'acme.example', days: 0 }), (err) => KabarError.is(err, 'BAD_REQUEST') && /days must be an integer from 1 to 398/.test(err.message))
      await assert.rejects(client.attest({ business: CUSTOMER, legalName: 'Acme', domain: 'not a domain', days: 1 }), (err) => KabarError.is(err, 'BAD_REQUEST') && /domain/.test(err.message))
      await client.revokeAttestation('00'.repeat(32))
      await assert.rejects(client.revokeAttestation('xyz'), (err) => KabarError.is(err, 'BAD_REQUEST'))
      assert.deepEqual((await client.addVerifier(CUSTOMER, 'Chamber of Commerce')).verifiers.map((v) => v.label), ['Chamber of Commerce'])
      assert.equal((await client.setTrustThreshold(2)).threshold, 2)
      await assert.rejects(client.setTrustThreshold(0), (err) => KabarError.is(err, 'BAD_REQUEST'))
      assert.deepEqual((await client.removeVerifier(CUSTOMER)).verifiers, [])
      assert.equal((await client.trust()).threshold, 2)
    })
  })

  describe('operations', () => {
    it('/metrics needs the owner token and speaks the Prometheus text format', async () => {
      assert.equal((await request(api, '/metrics', { token: null })).status, 401)
      node.emit('message', node.addMessage({ text: 'counted' }))
      const res = await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
      assert.equal(res.status, 200)
      assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8')
      const text = await res.text()
      for (const name of ['kabar_messages_received_total', 'kabar_messages_sent_total', 'kabar_outbox_depth', 'kabar_dht_peers', 'kabar_connections', 'kabar_webhook_deliveries_total', 'process_resident_memory_bytes', 'process_cpu_seconds_total']) {
        assert.match(text, new RegExp(`^# TYPE ${name} (counter|gauge)$`, 'm'), name)
      }
      assert.match(text, /^kabar_messages_received_total [1-9]\d*$/m)
      assert.match(text, /^kabar_dht_peers 5$/m)
      assert.equal(text.includes('counted'), false, 'no message text in metrics')
      for (const line of text.trim().split('\n')) assert.match(line, /^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? [-\d.e+NaInf]+)$/, line)
    })

    it('/v1/health answers 503 when the node does not', async () => {
      node.failNext(new KabarError('NODE_STOPPED', 'stopped'))
      const r = await request(api, '/v1/health', { token: null })
      assert.equal(r.status, 503)
      assert.deepEqual({ ...(r.body as object), uptime: 0 }, { ok: false, uptime: 0, error: 'NODE_STOPPED' })
    })
  })
})
