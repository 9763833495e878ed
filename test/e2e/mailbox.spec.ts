/**
 * A mailbox with real processes: Bob's laptop is off, Alice sends 200
 * messages, which go to Bob's mailbox; the mailbox is SIGKILLed in the middle
 * of the deposits and restarted; Alice's node stops; Bob's laptop starts and
 * shows all 200 exactly once; when Alice returns, every one is delivered.
 */
import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { crash, kabar, startDaemon, stop, useScratch, waitFor } from './processes.ts'

const BURST = 200

async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('a mailbox across crashes', { timeout: 400_000 }, () => {
  const { daemons, root: scratch } = useScratch('kabar-mailbox-')

  it('200 messages through a mailbox SIGKILLed mid-deposit: nothing lost, nothing twice, delivered when the sender returns', async () => {
    const root = await scratch()
    const [seedDir, aDir, bDir, boxDir] = ['seed', 'a', 'b', 'box'].map((n) => join(root, n)) as [string, string, string, string]
    for (const dir of [seedDir, aDir, bDir, boxDir]) assert.equal(kabar(['init', '--data', dir]).status, 0)
    const seed = await startDaemon(seedDir)
    daemons.push(seed)
    const bootstrap = seed.info.multiaddrs
    // Fixed ports for the nodes that restart, so the others' peer stores still reach them.
    const [aPort, bPort, boxPort] = [await freePort(), await freePort(), await freePort()]
    const at = (port: number): string[] => ['--listen', `/ip4/127.0.0.1/tcp/${port}`]
    let a = await startDaemon(aDir, bootstrap, 30_000, at(aPort))
    let b = await startDaemon(bDir, bootstrap, 30_000, at(bPort))
    let box = await startDaemon(boxDir, bootstrap, 30_000, at(boxPort))
    daemons.push(a, b, box)
    const aId = a.info.peerId
    const bId = b.info.peerId

    const linked = kabar(['link', (await b.client.addDevice('mailbox', 'home mailbox')).code, '--data', boxDir])
    assert.equal(linked.status, 0, linked.stderr)
    await waitFor('Alice to see Bob\'s mailbox', async () => (await a.client.lookup(bId)).account?.devices.some((d) => d.role === 'mailbox') === true, 60_000)
    await stop(b)

    const sent: string[] = []
    for (let i = 1; i <= BURST; i++) {
      sent.push((await a.client.send(bId, `through the mailbox ${i}`)).id)
      if (i === 40) await waitFor('the first deposits', async () => ((await box.client.status()).mailbox?.envelopes ?? 0) > 0, 60_000)
    }
    // Kill the mailbox while deposits are still coming.
    const depositedBefore = (await a.client.messages({ peer: bId, limit: 1000 })).filter((m) => m.status === 'deposited').length
    await crash(box)
    assert.ok(depositedBefore < BURST, `the mailbox must die mid-deposit (had ${depositedBefore} deposited)`)
    box = await startDaemon(boxDir, bootstrap, 30_000, at(boxPort))
    daemons.push(box)
    await waitFor('every message deposited', async () => (await a.client.messages({ peer: bId, limit: 1000 })).every((m) => m.status === 'deposited'), 180_000)
    assert.equal((await box.client.status()).mailbox?.envelopes, BURST, 'each envelope held once')
    await stop(a)

    b = await startDaemon(bDir, bootstrap, 30_000, at(bPort))
    daemons.push(b)
    await waitFor('Bob\'s laptop to show all of them', async () => (await b.client.messages({ peer: aId, limit: 1000 })).filter((m) => m.direction === 'in').length >= BURST, 90_000)
    await waitFor('the mailbox to be empty', async () => (await box.client.status()).mailbox?.envelopes === 0, 30_000)
    const received = (await b.client.messages({ peer: aId, limit: 1000 })).filter((m) => m.direction === 'in')
    assert.equal(received.length, BURST)
    assert.equal(new Set(received.map((m) => m.id)).size, BURST, 'none twice')
    assert.deepEqual(received.map((m) => m.id).sort(), [...sent].sort())
    assert.deepEqual(received.map((m) => m.seq).sort((x, y) => x - y), Array.from({ length: BURST }, (_, i) => i + 1))

    a = await startDaemon(aDir, bootstrap, 30_000, at(aPort))
    daemons.push(a)
    await waitFor('every message delivered', async () => (await a.client.messages({ peer: bId, limit: 1000 })).every((m) => m.status === 'delivered'), 120_000)
    await waitFor('Alice\'s outbox to drain', async () => (await a.client.status()).outbox === 0, 30_000)
  })
})
