/**
 * Groups between real nodes (memory transport): sender keys over the
 * pairwise sessions, messages over gossipsub, each shown exactly once and in
 * its sender's order; a removed member reads nothing sent after its removal;
 * a member offline for the whole conversation catches up fully; a forged
 * change by a non-admin changes nothing; group state survives a restart.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { KabarNode } from '../../src/node/kabar-node.ts'
import type { GroupsApi } from '../../src/node/types.ts'
import { createNode, publishConfirmed, stopAll, waitFor } from './helpers.ts'

const groupsOf = (node: KabarNode): GroupsApi => node.groups

async function texts (node: KabarNode, group: string): Promise<string[]> {
  return (await groupsOf(node).messages(group)).map((m) => m.text)
}

async function waitForTexts (node: KabarNode, group: string, expected: string[], timeoutMs = 30_000): Promise<void> {
  await waitFor(`${node.address.slice(-6)} to show ${expected.length} messages`, async () => {
    const got = await texts(node, group)
    return expected.every((t) => got.includes(t))
  }, timeoutMs)
}

describe('groups between nodes', () => {
  const nodes: KabarNode[] = []
  const dirs: string[] = []
  let seed: KabarNode, alice: KabarNode, bob: KabarNode, carol: KabarNode, dave: KabarNode
  let daveDir: string

  async function node (dataDir?: string): Promise<KabarNode> {
    const n = await createNode({ bootstrap: seed.multiaddrs, ...(dataDir === undefined ? {} : { dataDir }) })
    nodes.push(n)
    return n
  }

  before(async () => {
    seed = await createNode()
    nodes.push(seed)
    daveDir = await mkdtemp(join(tmpdir(), 'kabar-group-'))
    dirs.push(daveDir)
    alice = await node()
    bob = await node()
    carol = await node()
    dave = await node(daveDir)
    await Promise.all([alice, bob, carol, dave].map(publishConfirmed))
  })

  after(async () => {
    await stopAll(nodes)
    await Promise.all(dirs.map(async (d) => { await rm(d, { recursive: true, force: true }) }))
  })

  let group = ''

  it('creates a group; every member gets the log and each member\'s key; messages arrive exactly once, in each sender\'s order', async () => {
    const view = await alice.groups.create({ name: 'climbers', members: [bob.address, carol.address] })
    group = view.id
    assert.equal(view.members.length, 3)
    assert.equal(view.admin, true)
    for (const n of [bob, carol]) await waitFor('the group reaches members', async () => (await n.groups.list()).some((g) => g.id === group))
    const bobView = await bob.groups.show(group)
    assert.equal(bobView.name, 'climbers')
    assert.equal(bobView.admin, false)
    await alice.groups.send(group, 'a1')
    await alice.groups.send(group, 'a2')
    await bob.groups.send(group, 'b1')
    await alice.groups.send(group, 'a3')
    for (const n of [alice, bob, carol]) await waitForTexts(n, group, ['a1', 'a2', 'a3', 'b1'])
    const carolTexts = await texts(carol, group)
    assert.equal(carolTexts.length, 4, 'exactly once')
    assert.deepEqual(carolTexts.filter((t) => t.startsWith('a')), ['a1', 'a2', 'a3'], 'alice\'s in her order')
    const shown = await carol.groups.messages(group)
    assert.deepEqual(shown.map((m) => m.index), [1, 2, 3, 4])
    assert.equal(shown.find((m) => m.text === 'b1')?.from, bob.address)
  })

  it('a member offline for the whole conversation catches up fully when it returns', async () => {
    await dave.stop()
    await alice.groups.add(group, [dave.address])
    // Sender keys: a new member reads each sender from where that sender learned of the addition.
    await waitFor('bob applies the addition', async () => (await bob.groups.show(group)).members.some((m) => m.address === dave.address))
    for (let i = 1; i <= 5; i++) await (i % 2 === 0 ? bob : alice).groups.send(group, `while away ${i}`)
    dave = await node(daveDir)
    await waitFor('dave learns of the group', async () => (await dave.groups.list()).some((g) => g.id === group), 30_000)
    await waitForTexts(dave, group, [1, 2, 3, 4, 5].map((i) => `while away ${i}`), 40_000).catch(async (err: unknown) => {
      console.log('dave sees', await texts(dave, group), JSON.stringify(await dave.groups.show(group)))
      throw err
    })
    assert.equal((await texts(dave, group)).filter((t) => t.startsWith('while away')).length, 5)
    assert.deepEqual((await dave.groups.show(group)).missing, [])
  })

  it('a removed member reads nothing sent after its removal; the others do', async () => {
    await alice.groups.remove(group, [carol.address])
    await waitFor('bob applies the removal', async () => (await bob.groups.show(group)).members.every((m) => m.address !== carol.address))
    await waitFor('carol learns she was removed', async () => !(await carol.groups.show(group)).member)
    await bob.groups.send(group, 'after removal (bob)')
    await alice.groups.send(group, 'after removal (alice)')
    await waitForTexts(dave, group, ['after removal (bob)', 'after removal (alice)'])
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const carolTexts = await texts(carol, group)
    assert.ok(!carolTexts.some((t) => t.startsWith('after removal')), 'nothing sent after the removal reached carol')
    await assert.rejects(carol.groups.send(group, 'still here?'), /not a member/)
  })

  it('a non-admin cannot change the group', async () => {
    await assert.rejects(bob.groups.add(group, [carol.address]), (err: unknown) => (err as { code?: string }).code === 'FORBIDDEN')
    assert.ok(!(await bob.groups.show(group)).members.some((m) => m.address === carol.address))
  })

  it('group state and messages survive a restart', async () => {
    const before = await texts(dave, group)
    await dave.stop()
    dave = await node(daveDir)
    assert.deepEqual(await texts(dave, group), before)
    await alice.groups.send(group, 'after restart')
    await waitForTexts(dave, group, ['after restart'])
    const view = await dave.groups.show(group)
    assert.equal(view.member, true)
    assert.equal(view.messages, before.length + 1)
  })
})
