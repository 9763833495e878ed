/**
 * Graceful shutdown, bounded: the API lets a request in flight answer before
 * it closes, and the webhook dispatcher lets a POST in flight finish and
 * store its cursor, but aborts one that hangs past the grace period (to be
 * sent again after a restart).
 */
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, it } from 'node:test'
import { startApiServer } from '../../src/api/server.ts'
import { WebhookDispatcher } from '../../src/api/webhooks.ts'
import type { NodeStatus } from '../../src/node/types.ts'
import { openStore } from '../../src/store/index.ts'
import { waitFor } from '../utils/wait.ts'
import { FakeNode, testProfile } from './fake-node.ts'
import { TOKEN } from './helpers.ts'

/** A node whose status takes a while to answer. */
class SlowNode extends FakeNode {
  override async status (): Promise<NodeStatus> {
    await new Promise((resolve) => setTimeout(resolve, 300))
    return super.status()
  }
}

/** A processor endpoint that answers after `delayMs` (never, when Infinity). */
async function slowReceiver (delayMs: number): Promise<{ url: string, hits: () => number, close: () => Promise<void> }> {
  let hits = 0
  const server = createServer((req, res) => {
    hits++
    req.resume()
    if (Number.isFinite(delayMs)) setTimeout(() => { res.writeHead(204).end() }, delayMs)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    hits: () => hits,
    close: async () => { await new Promise<void>((resolve) => { server.close(() => { resolve() }); server.closeAllConnections() }) }
  }
}

describe('graceful shutdown', () => {
  it('the API answers a request in flight, then closes', async () => {
    const api = await startApiServer({ node: new SlowNode(), token: TOKEN })
    const pending = fetch(`${api.url}/v1/status`, { headers: { authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(5000) })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const started = Date.now()
    await api.close()
    const res = await pending
    assert.equal(res.status, 200)
    assert.ok(Date.now() - started < 3000, 'close waited for the request only')
    await assert.rejects(fetch(`${api.url}/v1/health`, { signal: AbortSignal.timeout(2000) }), 'no longer listening')
  })

  it('the API cuts a request that outlives the grace period', async () => {
    const api = await startApiServer({ node: new SlowNode(), token: TOKEN, closeGraceMs: 50 })
    const pending = fetch(`${api.url}/v1/status`, { headers: { authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(5000) })
    await new Promise((resolve) => setTimeout(resolve, 20))
    await api.close()
    await assert.rejects(pending)
  })

  it('a webhook POST in flight finishes and stores its cursor; one that hangs is aborted and kept for later', async () => {
    for (const [delayMs, graceMs, delivered] of [[300, 3000, true], [Infinity, 100, false]] as const) {
      const node = new FakeNode()
      node.profileView = testProfile(node.address)
      const store = await openStore({ memory: true })
      const receiver = await slowReceiver(delayMs)
      try {
        const dispatcher = await WebhookDispatcher.open({ node, store, minBackoffMs: 20, maxBackoffMs: 50 })
        dispatcher.start()
        await dispatcher.add('HelpdeskCo', receiver.url)
        node.emit('message', node.addMessage({ text: 'in flight at shutdown' }))
        await waitFor('the POST to start', () => receiver.hits() === 1)
        const started = Date.now()
        await dispatcher.stop(graceMs)
        assert.ok(Date.now() - started < graceMs + 1000, 'stop is bounded')
        const stored = await store.getJson<{ cursor: number }>('webhooks', 'hook:HelpdeskCo')
        assert.equal(stored?.cursor, delivered ? 1 : 0, `delay ${delayMs}`)
      } finally {
        await receiver.close()
        await store.close()
      }
    }
  })
})
