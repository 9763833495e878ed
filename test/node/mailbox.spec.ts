/**
 * A person's own mailbox (node/mailbox/): messages arrive when sender and
 * recipient are never online together, each exactly once, and the sender
 * learns `delivered` from the recipient's receipt. In-process nodes over the
 * memory transport; the people keep their data on disk across restarts.
 */
import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { defaultRandom } from '../../src/crypto/index.ts'
import { loadOrCreateIdentity } from '../../src/node/identity.ts'
import type { KabarNode } from '../../src/node/kabar-node.ts'
import { Prekeys } from '../../src/node/prekeys.ts'
import { ed25519FromPeerIdString } from '../../src/records/index.ts'
import { SessionRecord } from '../../src/session/index.ts'
import { openStore } from '../../src/store/index.ts'
import type { NodeInit } from '../../src/node/config.ts'
import { createNode, publishConfirmed, stopAll, waitFor, waitForMessages, waitForStatus } from './helpers.ts'

async function filesUnder (dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

describe('mailboxes', { timeout: 240_000 }, () => {
  const dirs: string[] = []
  const nodes: KabarNode[] = []
  let counter = 0

  async function tempDir (): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'kabar-mailbox-'))
    dirs.push(dir)
    return dir
  }

  async function track (init: NodeInit): Promise<KabarNode> {
    const n = await createNode(init)
    nodes.push(n)
    return n
  }

  after(async () => {
    await stopAll(nodes)
    await Promise.all(dirs.map(async (d) => { await rm(d, { recursive: true, force: true }) }))
  })

  /** A seed, Alice, Bob and Bob's mailbox; Alice and Bob on disk at fixed memory addresses, so they can restart. */
  async function people (boxInit: NodeInit = {}, aliceInit: NodeInit = {}): Promise<{ bootstrap: string[], alice: KabarNode, bob: KabarNode, box: KabarNode, aliceInit: NodeInit, bobInit: NodeInit }> {
    const seed = await track({})
    const bootstrap = seed.multiaddrs
    const id = `${process.pid}-${++counter}`
    const fullAlice: NodeInit = { dataDir: await tempDir(), bootstrap, listen: [`/memory/alice-${id}`], ...aliceInit }
    const bobInit: NodeInit = { dataDir: await tempDir(), bootstrap, listen: [`/memory/bob-${id}`] }
    const alice = await track(fullAlice)
    const bob = await track(bobInit)
    const box = await track({ dataDir: await tempDir(), bootstrap, ...boxInit })
    const code = await bob.addDevice({ role: 'mailbox', label: 'home mailbox' })
    const membership = await box.link(code.code)
    assert.equal(membership.role, 'mailbox')
    await publishConfirmed(bob)
    await publishConfirmed(alice)
    await publishConfirmed(box)
    assert.deepEqual((await bob.devices()).map((d) => d.role), ['primary', 'mailbox'])
    return { bootstrap, alice, bob, box, aliceInit: fullAlice, bobInit }
  }

  it('never online together: deposited, fetched once, then delivered by receipt', async () => {
    const { alice: a, bob: b, box, aliceInit, bobInit } = await people()
    const bobAddress = b.address
    await b.stop()

    const sent = await a.send(bobAddress, 'while your laptop sleeps')
    await waitForStatus(a, sent.id, 'deposited', 30_000)
    const deposited = await a.message(sent.id)
    assert.equal(deposited?.reason?.code, 'deposited')
    assert.equal(deposited?.devices?.find((d) => d.device === bobAddress)?.status, 'deposited')
    assert.equal((await box.status()).mailbox?.envelopes, 1)
    await a.stop()

    const bob = await track(bobInit)
    const received = await waitForMessages(bob, a.address, 1, 30_000)
    assert.deepEqual(received.map((m) => m.text), ['while your laptop sleeps'])
    await waitFor('the mailbox to let go of the envelope', async () => (await box.status()).mailbox?.envelopes === 0, 30_000)

    const alice = await track(aliceInit)
    await waitForStatus(alice, sent.id, 'delivered', 40_000)
    await waitFor('Alice\'s outbox to drain', async () => (await alice.status()).outbox === 0)
    // Exactly once on every device.
    assert.equal((await bob.messages({ peer: alice.address })).filter((m) => m.direction === 'in').length, 1)
    assert.equal((await bob.status()).fromMailbox, 1)
  })

  it('a message delivered directly and also deposited is shown once', async () => {
    const { alice, bob: b, box, bobInit } = await people()
    const bobAddress = b.address
    await b.stop()
    const sent = await alice.send(bobAddress, 'two roads, one message')
    await waitForStatus(alice, sent.id, 'deposited', 30_000)

    // Bob returns while Alice is online: she sends it directly on connect, and his mailbox pushes it too.
    const bob = await track(bobInit)
    await waitForStatus(alice, sent.id, 'delivered', 40_000)
    await waitFor('the mailbox to be empty', async () => (await box.status()).mailbox?.envelopes === 0, 30_000)
    await new Promise((resolve) => setTimeout(resolve, 500))
    const shown = (await bob.messages({ peer: alice.address })).filter((m) => m.direction === 'in')
    assert.deepEqual(shown.map((m) => m.text), ['two roads, one message'])
  })

  it('the mailbox\'s data directory holds no plaintext and no key that decrypts the envelopes', async () => {
    const boxDir = await tempDir()
    const { alice, bob, box } = await people({ dataDir: boxDir })
    await bob.stop()
    const texts = ['the secret plan is at noon', 'bring the blue folder', 'zebra-quartz-7741']
    const ids: string[] = []
    for (const text of texts) ids.push((await alice.send(bob.address, text)).id)
    for (const id of ids) await waitForStatus(alice, id, 'deposited', 30_000)
    await box.stop()

    // The raw files: no text, in any encoding the store could have used.
    const needles = texts.flatMap((t) => [Buffer.from(t, 'utf8'), Buffer.from(Buffer.from(t, 'utf8').toString('hex')), Buffer.from(Buffer.from(t, 'utf8').toString('base64'))])
    for (const file of await filesUnder(boxDir)) {
      const bytes = await readFile(file)
      for (const needle of needles) assert.equal(bytes.indexOf(needle), -1, `${file} holds a plaintext`)
    }

    // Everything the mailbox holds, opened with its own data key: its identity, prekeys and sessions decrypt nothing.
    const store = await openStore({ dir: boxDir })
    try {
      const { identity } = await loadOrCreateIdentity(store, Date.now())
      const prekeys = await Prekeys.load(store, Date.now(), defaultRandom)
      const sessions: SessionRecord[] = [SessionRecord.empty()]
      for await (const { value } of store.iterate('sessions')) sessions.push(SessionRecord.deserialize(value))
      const held: Array<{ payload: string, sender: string }> = []
      for await (const { key, value } of store.iterateJson<{ payload: string, sender: string }>('mailbox')) if (key.startsWith('q/')) held.push(value)
      assert.equal(held.length, texts.length)
      for (const item of held) {
        const payload = Buffer.from(item.payload, 'hex')
        for (const needle of needles) assert.equal(payload.indexOf(needle), -1)
        for (const session of sessions) {
          assert.throws(() => session.decrypt(payload, { identity, prekeys: prekeys.lookup(), random: defaultRandom, expectedSigningKey: ed25519FromPeerIdString(item.sender) }))
        }
      }
    } finally {
      await store.close()
    }
  })

  it('a full mailbox refuses with a reason: the message waits in the sender\'s outbox and says why', async () => {
    const { alice, bob, box } = await people({ mailbox: { perDepositor: 1 } })
    await bob.stop()
    const first = await alice.send(bob.address, 'fits')
    await waitForStatus(alice, first.id, 'deposited', 30_000)
    const second = await alice.send(bob.address, 'does not fit')
    await waitFor('the refusal to show', async () => (await alice.message(second.id))?.reason?.code === 'mailbox-full', 30_000)
    const view = await alice.message(second.id)
    assert.equal(view?.status, 'waiting')
    assert.match(view?.reason?.text ?? '', /mailbox refused it/)
    assert.equal((await box.status()).mailbox?.envelopes, 1)
    assert.equal((await alice.status()).outbox, 2)
  })

  it('an envelope past the retention period is dropped by the mailbox and failed by the sender (clock injected)', async () => {
    let now = Date.now()
    const clock = (): number => now
    const { alice, bob, box } = await people({ clock, mailbox: { retentionMs: 60_000, sweepMs: 200 } }, { clock, mailbox: { sweepMs: 200 } })
    await bob.stop()
    const sent = await alice.send(bob.address, 'you will never read this')
    await waitForStatus(alice, sent.id, 'deposited', 30_000)
    assert.equal((await box.status()).mailbox?.envelopes, 1)
    now += 61_000
    await waitFor('the mailbox to drop it', async () => (await box.status()).mailbox?.envelopes === 0, 10_000)
    await waitForStatus(alice, sent.id, 'failed', 10_000)
    const view = await alice.message(sent.id)
    assert.equal(view?.reason?.code, 'expired')
    assert.equal((await alice.status()).outbox, 0)
  })
})
