/**
 * Crash safety with real processes: the receiver is SIGKILLed in the middle
 * of a 200-message burst, and the sender is SIGKILLed while its outbox still
 * holds messages. After both restart, every message is delivered exactly
 * once, in order.
 */
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { crash, kabar, startDaemon, useScratch, waitFor } from './processes.ts'

const BURST = 200

describe('crash safety', () => {
  const { daemons, root: scratch } = useScratch('kabar-crash-')

  it('delivers a 200-message burst exactly once, in order, across SIGKILLs of receiver and sender', async () => {
    const root = await scratch()
    const [seedDir, aDir, bDir] = ['seed', 'a', 'b'].map((n) => join(root, n)) as [string, string, string]
    for (const dir of [seedDir, aDir, bDir]) assert.equal(kabar(['init', '--data', dir]).status, 0)
    const seed = await startDaemon(seedDir)
    daemons.push(seed)
    const bootstrap = seed.info.multiaddrs
    let a = await startDaemon(aDir, bootstrap)
    let b = await startDaemon(bDir, bootstrap)
    daemons.push(a, b)
    const bId = b.info.peerId
    const aId = a.info.peerId
    await waitFor('b in the DHT', async () => (await a.client.lookup(bId)).account !== undefined, 60_000)

    const sent: string[] = []
    for (let i = 1; i <= BURST; i++) sent.push((await a.client.send(bId, `burst ${i}`)).id)
    // Kill the receiver while the burst is still arriving.
    await waitFor('part of the burst to arrive', async () => (await b.client.messages({ peer: aId })).length >= 20, 60_000)
    await crash(b)
    const delivered = (await a.client.messages({ peer: bId })).filter((m) => m.status === 'delivered').length
    assert.ok(delivered < BURST, `the receiver must die mid-burst (had ${delivered} delivered)`)

    // The sender dies too, with its outbox not empty.
    assert.ok((await a.client.status()).outbox > 0)
    await crash(a)

    a = await startDaemon(aDir, bootstrap)
    b = await startDaemon(bDir, bootstrap)
    daemons.push(a, b)
    await waitFor('every message delivered', async () => (await a.client.messages({ peer: bId })).every((m) => m.status === 'delivered'), 90_000)

    const received = (await b.client.messages({ peer: aId })).filter((m) => m.direction === 'in')
    assert.equal(received.length, BURST)
    assert.equal(new Set(received.map((m) => m.id)).size, BURST, 'no message delivered twice')
    assert.deepEqual(received.map((m) => m.id).sort(), [...sent].sort())
    assert.deepEqual(received.map((m) => m.seq), Array.from({ length: BURST }, (_, i) => i + 1), 'in order')
    assert.deepEqual(received.map((m) => m.text), Array.from({ length: BURST }, (_, i) => `burst ${i + 1}`))
  })
})
