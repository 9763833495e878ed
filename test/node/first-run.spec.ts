/**
 * A first-time user's node: alone, it says so (a lookup or send fails with
 * "your node has no peers" and what to do, at once, not after a DHT
 * timeout); an invite joins it to the network through a friend; a message
 * to someone offline says it waits in the outbox and why, then that it was
 * delivered, per device; text of white space only is refused; a contact can
 * be removed; and a log written before the state words changed reads in the
 * new words.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { KabarError } from '../../src/errors.ts'
import { parseInvite } from '../../src/node/invite.ts'
import type { KabarNode } from '../../src/node/kabar-node.ts'
import { MessageLog } from '../../src/node/messaging/log.ts'
import { openStore } from '../../src/store/index.ts'
import { createNode, publishConfirmed, stopAll, waitFor, waitForMessages, waitForStatus } from './helpers.ts'

const A_STRANGER = '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp'

describe('a first-time user', () => {
  const nodes: KabarNode[] = []
  const dirs: string[] = []
  after(async () => {
    await stopAll(nodes)
    await Promise.all(dirs.map(async (d) => rm(d, { recursive: true, force: true })))
  })
  async function node (init: Parameters<typeof createNode>[0] = {}): Promise<KabarNode> {
    const n = await createNode(init)
    nodes.push(n)
    return n
  }

  it('alone, is told "your node has no peers" and what to do, at once', async () => {
    const alone = await node({ dhtTimeoutMs: 30_000 })
    const started = Date.now()
    for (const attempt of [alone.send(A_STRANGER, 'hello?'), alone.lookup(A_STRANGER)]) {
      await assert.rejects(attempt, (err: Error) => {
        assert.ok(KabarError.is(err, 'NO_PEERS'), String(err))
        assert.match(err.message, /^your node has no peers, so it cannot (find|look up) 12D3KooW\w+: join a network with `kabar contacts add <invite>`/)
        return true
      })
    }
    assert.ok(Date.now() - started < 5_000, 'no 30 s DHT timeout first')
    const status = await alone.status()
    assert.equal(status.connections, 0)
    assert.equal(status.dhtPeers, 0)
  })

  it('refuses text that is only white space, as it refuses empty text', async () => {
    const n = await node()
    for (const text of ['', ' ', '\n\t  \n']) {
      await assert.rejects(n.send(A_STRANGER, text), (err: Error) => KabarError.is(err, 'INVALID_CONFIG') && /not only spaces/.test(err.message))
    }
  })

  it('joins the network through a friend\'s invite: the contact is added, named, dialled, and messages flow', async () => {
    const ana = await node()
    const ben = await node()
    const invite = await ana.invite({ name: 'Ana' })
    const parsed = parseInvite(invite.link)
    assert.equal(parsed.address, ana.address)
    assert.deepEqual(parsed.addrs, ana.multiaddrs)
    const joined = await ben.acceptInvite(invite.link)
    assert.equal(joined.connected, true)
    assert.equal(joined.via, ana.peerId)
    assert.deepEqual({ address: joined.contact.address, name: joined.contact.name }, { address: ana.address, name: 'Ana' })
    // Their own name wins over the one the invite suggests, and a second accept keeps it.
    await ben.addContact(ana.address, 'Ana K.')
    assert.equal((await ben.acceptInvite(invite.link)).contact.name, 'Ana K.')
    await publishConfirmed(ana)
    await publishConfirmed(ben)
    const sent = await ben.send(ana.address, 'found you through your invite')
    await waitForStatus(ben, sent.id, 'delivered')
    const got = await waitForMessages(ana, ben.address, 1)
    assert.equal(got[0]?.text, 'found you through your invite')
    const delivered = await ben.message(sent.id)
    assert.deepEqual(delivered?.devices?.map((d) => d.status), ['delivered'])
    assert.equal(delivered?.reason, undefined)
    // A third node joins through Ben's invite, which names Ana among its DHT peers to join through.
    const benInvite = await ben.invite()
    assert.ok(benInvite.bootstrap.some((b) => b.endsWith(`/p2p/${ana.peerId}`)), benInvite.bootstrap.join(' '))
    const removed = await ben.removeContact(ana.address)
    assert.equal(removed.name, 'Ana K.')
    assert.deepEqual((await ben.contacts()).map((c) => c.address), [])
    await assert.rejects(ben.removeContact(ana.address), (err: Error) => KabarError.is(err, 'NOT_FOUND'))
  })

  it('says a message to someone offline waits in the outbox and why, then that it was delivered', async () => {
    const seed = await node()
    const dir = await mkdtemp(join(tmpdir(), 'kabar-first-run-'))
    dirs.push(dir)
    const sender = await node({ bootstrap: seed.multiaddrs })
    let away = await node({ dataDir: dir, bootstrap: seed.multiaddrs })
    await publishConfirmed(sender)
    await publishConfirmed(away)
    const address = away.address
    await away.stop()
    const sent = await sender.send(address, 'are you there?')
    assert.equal(sent.status, 'waiting')
    await waitFor('the first attempt to fail', async () => {
      const m = await sender.message(sent.id)
      return m?.reason !== undefined && m.reason.code !== 'sending'
    })
    const waiting = await sender.message(sent.id)
    assert.equal(waiting?.status, 'waiting')
    assert.ok(waiting?.reason?.code === 'recipient-offline' || waiting?.reason?.code === 'no-address', JSON.stringify(waiting?.reason))
    assert.ok((waiting?.reason?.text.length ?? 0) > 20)
    assert.deepEqual(waiting?.devices?.map((d) => [d.device, d.status]), [[address, 'waiting']])
    away = await node({ dataDir: dir, bootstrap: seed.multiaddrs })
    await waitForStatus(sender, sent.id, 'delivered', 30_000)
    const done = await sender.message(sent.id)
    assert.equal(done?.reason, undefined)
    assert.deepEqual(done?.devices?.map((d) => [d.device, d.status]), [[address, 'delivered']])
  })

  it('reads a log written with the old words: queued and sent are waiting, a copy from another device is synced', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kabar-first-run-'))
    dirs.push(dir)
    const base = { peer: A_STRANGER, from: 'me', to: A_STRANGER, text: 'x', direction: 'out' as const, seq: 1, sentAt: 1 }
    const old = [
      { ...base, id: 'a'.repeat(32), index: 1, status: 'queued', pendingDevices: [A_STRANGER] },
      { ...base, id: 'b'.repeat(32), index: 2, status: 'sent', pendingDevices: [A_STRANGER] },
      { ...base, id: 'c'.repeat(32), index: 3, status: 'sent' },
      { ...base, id: 'd'.repeat(32), index: 4, status: 'delivered', pendingDevices: [] }
    ]
    let store = await openStore({ dir })
    const batch = store.batch()
    for (const m of old) {
      batch.putJson('messages', String(m.index).padStart(16, '0'), m)
      batch.putJson('message-ids', m.id, m.index)
    }
    await batch.write()
    await store.close()
    store = await openStore({ dir })
    try {
      const log = await MessageLog.open(store)
      const statuses = await Promise.all(old.map(async (m) => (await log.get(m.id))?.status))
      assert.deepEqual(statuses, ['waiting', 'waiting', 'synced', 'delivered'])
    } finally {
      await store.close()
    }
  })
})
