/**
 * Webhook delivery against a real HTTP receiver on 127.0.0.1: signed POSTs a
 * processor can verify, nothing lost while the processor is down or the
 * daemon restarts, and no POST to a processor the published profile does not
 * name (at add time and at delivery time).
 */
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { IncomingHttpHeaders, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { WebhookDispatcher } from '../../src/api/webhooks.ts'
import type { WebhookEvent } from '../../src/api/webhooks.ts'
import { signWebhook, verifyWebhookSignature } from '../../src/api/webhook-signature.ts'
import { KabarError } from '../../src/errors.ts'
import { openStore } from '../../src/store/index.ts'
import type { KabarStore } from '../../src/store/index.ts'
import { waitFor } from '../utils/wait.ts'
import { FakeNode, testProfile } from './fake-node.ts'

interface Received { headers: IncomingHttpHeaders, body: string }

/** A processor's endpoint: records every POST and answers with `status()`. */
class Receiver {
  readonly received: Received[] = []
  status = (): number => 200
  server: Server | undefined
  port = 0

  async listen (port = 0): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const status = this.status()
        if (status >= 200 && status < 300) this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
        res.writeHead(status, status === 302 ? { location: 'http://127.0.0.1:1/elsewhere' } : {}).end()
      })
    })
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
  }

  async close (): Promise<void> {
    const server = this.server
    if (server === undefined) return
    this.server = undefined
    await new Promise<void>((resolve) => { server.close(() => { resolve() }); server.closeAllConnections() })
  }

  get url (): string { return `http://127.0.0.1:${this.port}/kabar` }

  events (): WebhookEvent[] { return this.received.map((r) => JSON.parse(r.body) as WebhookEvent) }
}

const FAST = { minBackoffMs: 20, maxBackoffMs: 100, gapGraceMs: 50, timeoutMs: 2000 }

describe('api/webhooks', () => {
  let node: FakeNode
  let store: KabarStore
  let receiver: Receiver
  let dispatchers: WebhookDispatcher[]

  beforeEach(async () => {
    node = new FakeNode()
    node.profileView = testProfile(node.address)
    store = await openStore({ memory: true })
    receiver = new Receiver()
    await receiver.listen()
    dispatchers = []
  })
  afterEach(async () => {
    for (const d of dispatchers) await d.stop(100)
    await receiver.close()
    await store.close()
  })

  async function open (): Promise<WebhookDispatcher> {
    const d = await WebhookDispatcher.open({ node, store, ...FAST })
    dispatchers.push(d)
    d.start()
    return d
  }

  /** An incoming message in the fake node's log, announced as the node does. */
  function incoming (text: string): void {
    node.emit('message', node.addMessage({ text }))
  }

  it('POSTs each new message, signed so the processor can verify it; earlier messages are not sent', async () => {
    incoming('before the webhook existed')
    const d = await open()
    const { secret, webhook } = await d.add('HelpdeskCo', receiver.url)
    assert.match(secret, /^[0-9a-f]{64}$/)
    assert.equal(webhook.cursor, 1)
    assert.equal('secret' in webhook, false, 'the view never carries the secret')
    incoming('hello business')
    const reply = await node.send(node.log[0]?.peer ?? '', 'hello customer')
    node.emit('message', reply)
    await waitFor('two webhooks', () => receiver.received.length === 2)

    const [first, second] = receiver.received
    assert.ok(first !== undefined && second !== undefined)
    const check = verifyWebhookSignature(secret, first.headers['kabar-signature'] as string, first.body, Date.now())
    assert.equal(check.ok, true)
    const event = JSON.parse(first.body) as WebhookEvent
    assert.equal(event.type, 'message.received')
    assert.equal(event.message.text, 'hello business')
    assert.equal(event.business, node.address)
    assert.equal(first.headers['kabar-event-id'], event.id)
    assert.equal(first.headers['content-type'], 'application/json')
    assert.equal((JSON.parse(second.body) as WebhookEvent).type, 'message.sent')
    // A wrong secret, a changed body or a stale timestamp fail.
    assert.deepEqual(verifyWebhookSignature('0'.repeat(64), first.headers['kabar-signature'] as string, first.body), { ok: false, reason: 'mismatch' })
    assert.deepEqual(verifyWebhookSignature(secret, first.headers['kabar-signature'] as string, first.body.replace('hello', 'HELLO')), { ok: false, reason: 'mismatch' })
    assert.deepEqual(verifyWebhookSignature(secret, first.headers['kabar-signature'] as string, first.body, Date.now() + 6 * 60_000), { ok: false, reason: 'expired' })
    await waitFor('cursor at the end', () => d.list()[0]?.cursor === 3)
    assert.equal(d.list()[0]?.queueDepth, 0)
    assert.deepEqual(d.deliveries(), [{ processor: 'HelpdeskCo', result: 'ok', count: 2 }])
  })

  it('loses nothing while the processor is down, and delivers in order once it is back', async () => {
    const d = await open()
    await d.add('HelpdeskCo', receiver.url)
    receiver.status = () => 503
    for (let i = 1; i <= 5; i++) incoming(`m${i}`)
    await waitFor('a few failed attempts', () => (d.list()[0]?.failures ?? 0) >= 3)
    assert.equal(receiver.received.length, 0)
    assert.equal(d.list()[0]?.state, 'retrying')
    assert.equal(d.list()[0]?.queueDepth, 5)
    receiver.status = () => 200
    await waitFor('all five delivered', () => receiver.received.length === 5)
    assert.deepEqual(receiver.events().map((e) => e.message.text), ['m1', 'm2', 'm3', 'm4', 'm5'])
    await waitFor('an empty queue', () => d.list()[0]?.queueDepth === 0)
  })

  it('resumes from its stored cursor after a restart, with the processor down meanwhile', async () => {
    const first = await open()
    const { secret } = await first.add('HelpdeskCo', receiver.url)
    incoming('m1')
    await waitFor('m1 delivered', () => receiver.received.length === 1)
    await first.stop(100)
    const port = receiver.port
    await receiver.close()
    // Messages arrive while the daemon is down and so is the processor.
    incoming('m2')
    incoming('m3')
    const second = await open()
    assert.equal(second.list()[0]?.queueDepth, 2)
    await waitFor('a failed attempt', () => (second.list()[0]?.failures ?? 0) >= 1)
    await receiver.listen(port)
    await waitFor('m2 and m3 delivered', () => receiver.received.length === 3)
    assert.deepEqual(receiver.events().map((e) => e.message.text), ['m1', 'm2', 'm3'])
    const last = receiver.received[2]
    assert.equal(verifyWebhookSignature(secret, last?.headers['kabar-signature'] as string, last?.body ?? '').ok, true, 'the secret survives the restart')
  })

  it('refuses a webhook for a processor the profile does not name, or at another host', async () => {
    const d = await open()
    await assert.rejects(d.add('NotListed', receiver.url), (err) => KabarError.is(err, 'UNDISCLOSED') && /not named/.test(err.message))
    await assert.rejects(d.add('HelpdeskCo', `http://localhost:${receiver.port}/kabar`), (err) => KabarError.is(err, 'UNDISCLOSED') && /endpoint/.test(err.message))
    await assert.rejects(d.add('HelpdeskCo', 'http://helpdesk.example/hook'), (err) => KabarError.is(err, 'BAD_REQUEST') && /https/.test(err.message))
    await assert.rejects(d.add('HelpdeskCo', 'https://user:pw@127.0.0.1/hook'), (err) => KabarError.is(err, 'BAD_REQUEST'))
    node.profileView = undefined
    await assert.rejects(d.add('HelpdeskCo', receiver.url), (err) => KabarError.is(err, 'UNDISCLOSED') && /publishes no business profile/.test(err.message))
    assert.deepEqual(d.list(), [])
    assert.equal(await store.getJson('webhooks', 'hook:HelpdeskCo'), undefined)
  })

  it('stops sending to a processor dropped from a later profile, and never sends it what was written without it', async () => {
    const d = await open()
    await d.add('HelpdeskCo', receiver.url)
    const say = (text: string, disclosureVersion: number): void => { node.emit('message', node.addMessage({ text, disclosureVersion })) }
    say('m1', 1)
    await waitFor('m1 delivered', () => receiver.received.length === 1)
    const profile = testProfile(node.address)
    node.profileView = { ...profile, version: 2, processors: [] }
    say('m2 (processor no longer disclosed)', 2)
    await waitFor('m2 skipped', () => d.list()[0]?.cursor === 2)
    assert.equal(d.list()[0]?.state, 'undisclosed')
    node.profileView = { ...profile, version: 3 }
    say('m2b (written under version 2, arriving late)', 2)
    say('m3', 3)
    await waitFor('m3 delivered', () => receiver.received.length === 2)
    assert.deepEqual(receiver.events().map((e) => e.message.text), ['m1', 'm3'])
    assert.deepEqual(d.deliveries().sort((a, b) => a.result.localeCompare(b.result)), [
      { processor: 'HelpdeskCo', result: 'ok', count: 2 },
      { processor: 'HelpdeskCo', result: 'undisclosed', count: 2 }
    ])
  })

  it('does not send a message written under a profile older than the one that named the processor', async () => {
    node.profileView = { ...testProfile(node.address), version: 3 }
    const d = await open()
    await d.add('HelpdeskCo', receiver.url)
    node.emit('message', node.addMessage({ text: 'under version 2', disclosureVersion: 2 }))
    node.emit('message', node.addMessage({ text: 'under version 3', disclosureVersion: 3 }))
    node.emit('message', node.addMessage({ text: 'no version (not a business conversation)' }))
    await waitFor('two delivered', () => receiver.received.length === 2)
    await waitFor('all handled', () => d.list()[0]?.cursor === 3)
    assert.deepEqual(receiver.events().map((e) => e.message.text), ['under version 3', 'no version (not a business conversation)'])
  })

  it('does not follow a redirect (it could lead to a host the profile does not name)', async () => {
    const d = await open()
    await d.add('HelpdeskCo', receiver.url)
    receiver.status = () => 302
    incoming('m1')
    await waitFor('two failed attempts', () => (d.list()[0]?.failures ?? 0) >= 2)
    assert.match(d.list()[0]?.lastError ?? '', /HTTP 302/)
    assert.equal(receiver.received.length, 0)
  })

  it('passes a hole in the log indices after the grace period', async () => {
    const d = await open()
    await d.add('HelpdeskCo', receiver.url)
    // Index 1 was reserved but never written (a failed write): only 2 is in the log.
    node.emit('message', node.addMessage({ text: 'after the hole', index: 2 }))
    await waitFor('delivered past the hole', () => receiver.received.length === 1)
    assert.equal(receiver.events()[0]?.message.text, 'after the hole')
  })

  it('removes a webhook: nothing more is sent to it', async () => {
    const d = await open()
    await d.add('HelpdeskCo', receiver.url)
    await d.remove('HelpdeskCo')
    await assert.rejects(d.remove('HelpdeskCo'), (err) => KabarError.is(err, 'NOT_FOUND'))
    incoming('m1')
    await new Promise((resolve) => setTimeout(resolve, 100))
    assert.equal(receiver.received.length, 0)
    assert.deepEqual(d.list(), [])
  })
})

describe('api/webhook-signature', () => {
  it('matches the vector in docs/OPERATING.md', () => {
    const secret = '0123456789abcdef'.repeat(4)
    const body = '{"type":"message.received","id":"00112233445566778899aabbccddeeff"}'
    const header = 't=1767366245123,v1=e524525d6bb772e8578652535b475b3e6858682d1a7b26c0b2f557b17a53a1be'
    assert.equal(signWebhook(secret, body, 1_767_366_245_123), header)
    assert.deepEqual(verifyWebhookSignature(secret, header, body, 1_767_366_245_123 + 60_000), { ok: true, timestamp: 1_767_366_245_123 })
  })

  it('accepts its own signature within the window and refuses malformed headers', () => {
    const now = 1_700_000_000_000
    const header = signWebhook('s3cret', '{"a":1}', now)
    assert.match(header, /^t=1700000000000,v1=[0-9a-f]{64}$/)
    assert.deepEqual(verifyWebhookSignature('s3cret', header, '{"a":1}', now + 1000), { ok: true, timestamp: now })
    assert.deepEqual(verifyWebhookSignature('s3cret', header, Buffer.from('{"a":1}'), now - 1000), { ok: true, timestamp: now })
    assert.equal(verifyWebhookSignature('s3cret', header, '{"a":1}', now + 301_000).ok, false)
    assert.equal(verifyWebhookSignature('s3cret', header, '{"a":1}', now + 60_000, 30_000).ok, false)
    for (const bad of [undefined, '', 'v1=abc', `t=${now}`, `t=x,v1=${'0'.repeat(64)}`, 'garbage', 'x'.repeat(2000)]) {
      assert.deepEqual(verifyWebhookSignature('s3cret', bad, '{"a":1}', now), { ok: false, reason: 'malformed' }, String(bad))
    }
    // A second signature (secret rotation) is accepted when either matches.
    const rotated = `${header},v1=${'ab'.repeat(32)}`
    assert.equal(verifyWebhookSignature('s3cret', rotated, '{"a":1}', now).ok, true)
  })
})
