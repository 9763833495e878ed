/**
 * Three real `kabar` processes on loopback, driven only through the CLI:
 * init, start, send --wait, messages --json. The third node is the bootstrap
 * the other two know; they find each other through the DHT.
 */
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { kabar, startDaemon, stop, useScratch, waitFor } from './processes.ts'

describe('three kabar processes through the CLI', () => {
  const { daemons, root: scratch } = useScratch('kabar-cli-')

  it('init, start, send --wait and messages --json across three nodes', async () => {
    const root = await scratch()
    const dirs = ['seed', 'alice', 'bob'].map((n) => join(root, n))
    const ids = dirs.map((dir) => {
      const r = kabar(['init', '--data', dir, '--json'])
      assert.equal(r.status, 0, r.stderr)
      const parsed = JSON.parse(r.stdout) as { peerId: string }
      assert.match(parsed.peerId, /^12D3KooW/)
      return parsed.peerId
    })
    const [seedDir, aliceDir, bobDir] = dirs as [string, string, string]
    const seed = await startDaemon(seedDir)
    daemons.push(seed)
    assert.equal(seed.info.peerId, ids[0])
    const alice = await startDaemon(aliceDir, seed.info.multiaddrs)
    const bob = await startDaemon(bobDir, seed.info.multiaddrs)
    daemons.push(alice, bob)
    const [, aliceId, bobId] = ids as [string, string, string]

    // Wait until bob's records are findable, then alice sends and waits for delivery.
    await waitFor('bob to be found in the DHT', () => {
      const r = kabar(['lookup', bobId, '--data', aliceDir, '--json'])
      return r.status === 0 && (JSON.parse(r.stdout) as { account?: unknown }).account !== undefined
    }, 60_000)
    const sent = kabar(['send', bobId, 'hello bob, over three processes', '--wait', '--data', aliceDir, '--json'], 60_000)
    assert.equal(sent.status, 0, sent.stderr)
    assert.equal((JSON.parse(sent.stdout) as { status: string }).status, 'delivered')

    const atBob = kabar(['messages', '--data', bobDir, '--json'])
    assert.equal(atBob.status, 0, atBob.stderr)
    const received = JSON.parse(atBob.stdout) as Array<{ id: string, from: string, to: string, text: string, sentAt: number, status: string }>
    assert.equal(received.length, 1)
    assert.equal(received[0]?.text, 'hello bob, over three processes')
    assert.equal(received[0]?.from, aliceId)
    assert.equal(received[0]?.to, bobId)
    assert.equal(typeof received[0]?.sentAt, 'number')

    const reply = kabar(['send', aliceId, 'hi alice', '--wait', '--data', bobDir], 60_000)
    assert.equal(reply.status, 0, reply.stderr)
    const atAlice = JSON.parse(kabar(['messages', '--peer', bobId, '--data', aliceDir, '--json']).stdout) as Array<{ text: string, status: string }>
    assert.deepEqual(atAlice.map((m) => [m.text, m.status]), [['hello bob, over three processes', 'delivered'], ['hi alice', 'received']])

    for (const d of [bob, alice, seed]) assert.equal(await stop(d), 0, d.output())
  })
})
