/**
 * Nothing is lost while a recipient is offline, nor when the sender restarts
 * with a full outbox: messages wait in the sender's outbox and arrive when
 * the recipient is back. Nodes keep their data on disk across restarts.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import type { KabarNode } from '../../src/node/kabar-node.ts'
import { createNode, publishConfirmed, stopAll, waitFor, waitForMessages, waitForStatus } from './helpers.ts'

describe('offline recipients and restarts', () => {
  const dirs: string[] = []
  const nodes: KabarNode[] = []

  async function tempDir (): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'kabar-node-'))
    dirs.push(dir)
    return dir
  }

  async function track (node: Promise<KabarNode>): Promise<KabarNode> {
    const n = await node
    nodes.push(n)
    return n
  }

  after(async () => {
    await stopAll(nodes)
    await Promise.all(dirs.map(async (d) => { await rm(d, { recursive: true, force: true }) }))
  })

  it('holds messages for an offline recipient and delivers them when it returns', async () => {
    const seed = await track(createNode())
    const bootstrap = seed.multiaddrs
    const aDir = await tempDir()
    const bDir = await tempDir()
    let a = await track(createNode({ dataDir: aDir, bootstrap }))
    let b = await track(createNode({ dataDir: bDir, bootstrap }))
    await publishConfirmed(a)
    await publishConfirmed(b)
    const bAddress = b.address
    await b.stop()

    const first = await a.send(bAddress, 'while you were away 1')
    const second = await a.send(bAddress, 'while you were away 2')
    assert.equal(first.status, 'waiting')
    await new Promise((resolve) => setTimeout(resolve, 500))
    assert.notEqual((await a.message(first.id))?.status, 'delivered')

    // The sender restarts too, with its outbox full: nothing may be lost.
    await a.stop()
    a = await track(createNode({ dataDir: aDir, bootstrap }))
    assert.equal((await a.status()).outbox, 2)

    b = await track(createNode({ dataDir: bDir, bootstrap }))
    assert.equal(b.address, bAddress)
    const received = await waitForMessages(b, a.address, 2, 30_000)
    assert.deepEqual(received.map((m) => m.text), ['while you were away 1', 'while you were away 2'])
    await waitForStatus(a, second.id, 'delivered', 30_000)
    await waitFor('the outbox to drain', async () => (await a.status()).outbox === 0)

    // And the conversation goes on both ways on the same sessions.
    const reply = await b.send(a.address, 'back now')
    await waitForStatus(b, reply.id, 'delivered')
    assert.equal((await waitForMessages(a, b.address, 1))[0]?.text, 'back now')
  })
})
