/**
 * A person's own devices (not a business's): Bob links a laptop with a
 * one-time code; a message to Bob reaches both his devices, what the laptop
 * sends reaches Alice as Bob's and Bob's other device as a sync copy, and a
 * removed laptop gets nothing sent after the removal is published.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { KabarNode } from '../../src/node/kabar-node.ts'
import { createNode, publishConfirmed, stopAll, waitFor, waitForText, waitForStatus } from './helpers.ts'

const FAST = { recordCacheMs: 0, retryInitialMs: 100, retryMaxMs: 500 }

describe('a person\'s own devices', { timeout: 180_000 }, () => {
  let seed: KabarNode
  let alice: KabarNode
  let bob: KabarNode
  let laptop: KabarNode

  before(async () => {
    seed = await createNode()
    const join = { bootstrap: seed.multiaddrs, ...FAST }
    alice = await createNode(join)
    bob = await createNode(join)
    laptop = await createNode(join)
    const code = await bob.addDevice({ role: 'linked', label: 'laptop' })
    assert.deepEqual(await laptop.link(code.code), { account: bob.address, role: 'linked', label: 'laptop' })
    await publishConfirmed(laptop)
    await publishConfirmed(bob)
    await publishConfirmed(alice)
  })

  after(async () => { await stopAll([laptop, bob, alice, seed]) })

  it('lists the linked device, and a message to the person reaches every device', async () => {
    assert.deepEqual((await bob.devices()).map((d) => [d.role, d.label]), [['primary', 'primary'], ['linked', 'laptop']])
    const sent = await alice.send(bob.address, 'to all of you')
    await waitForStatus(alice, sent.id, 'delivered')
    assert.equal((await alice.message(sent.id))?.devices?.length, 2)
    assert.equal((await waitForText(bob, alice.address, 'to all of you')).direction, 'in')
    assert.equal((await waitForText(laptop, alice.address, 'to all of you')).direction, 'in')
  })

  it('what a device sends reaches the other side as the person\'s, and the other devices as a sync copy', async () => {
    const sent = await laptop.send(alice.address, 'from my laptop')
    await waitForStatus(laptop, sent.id, 'delivered')
    const got = await waitForText(alice, bob.address, 'from my laptop')
    assert.equal(got.from, bob.address)
    assert.equal(got.device, laptop.address)
    const copy = await waitForText(bob, alice.address, 'from my laptop')
    assert.equal(copy.direction, 'out')
    assert.equal(copy.status, 'synced')
  })

  it('a removed device receives nothing sent after the removal is published', async () => {
    const devices = await bob.removeDevice(laptop.address)
    assert.deepEqual(devices.map((d) => d.label), ['primary'])
    await waitFor('Alice to see the shorter device list', async () => (await alice.lookup(bob.address)).account?.devices.length === 1)
    const sent = await alice.send(bob.address, 'after the laptop left')
    await waitForStatus(alice, sent.id, 'delivered')
    assert.deepEqual((await alice.message(sent.id))?.devices?.map((d) => d.device), [bob.address])
    await waitForText(bob, alice.address, 'after the laptop left')
    // Nor as a sync copy of what Bob sends.
    const reply = await bob.send(alice.address, 'just me now')
    await waitForStatus(bob, reply.id, 'delivered')
    assert.deepEqual((await bob.message(reply.id))?.devices?.map((d) => d.device), [alice.address])
    await new Promise((resolve) => setTimeout(resolve, 500))
    const onLaptop = (await laptop.messages()).map((m) => m.text)
    assert.ok(!onLaptop.includes('after the laptop left'))
    assert.ok(!onLaptop.includes('just me now'))
  })
})
