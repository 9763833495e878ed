/**
 * The membership log: only an admin's signed, chained entry changes who is
 * in a group. A forged entry (non-admin, wrong signature, broken chain,
 * replayed, from another group) is rejected and the log is unchanged; two
 * admins changing it at once converge to the same membership whatever order
 * a member receives their entries in.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { Ed25519KeyPair, toHex } from '../../src/crypto/index.ts'
import { KabarError } from '../../src/errors.ts'
import { GroupLog, InvalidRecordError, signGroupEntry } from '../../src/records/index.ts'
import { group } from '../../src/wire/group.ts'
import { seededRandom } from '../utils/random.ts'

const random = seededRandom('group-log')
const keys = Array.from({ length: 6 }, () => Ed25519KeyPair.generate(random))
const [alice, bob, carol, dave, erin, frank] = keys as [Ed25519KeyPair, Ed25519KeyPair, Ed25519KeyPair, Ed25519KeyPair, Ed25519KeyPair, Ed25519KeyPair]
const hex = (k: Ed25519KeyPair): string => toHex(k.publicKey)
const NOW = 1_800_000_000_000

function newGroup (): GroupLog {
  return GroupLog.create(alice, 'friends', [bob.publicKey, carol.publicKey], NOW, random)
}

function rejected (fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof InvalidRecordError && pattern.test(err.message))
}

describe('group membership log', () => {
  it('a create entry makes its author the first admin and names the first members', () => {
    const log = newGroup()
    const state = log.state()
    assert.deepEqual([...state.members].sort(), [hex(alice), hex(bob), hex(carol)].sort())
    assert.deepEqual([...state.admins], [hex(alice)])
    assert.equal(state.name, 'friends')
    assert.equal(state.groupId, log.groupHex)
    assert.deepEqual(log.heads(), [log.groupHex])
  })

  it('admins add, remove, promote, demote and rename; a member may leave', () => {
    let log = newGroup()
    log = log.change(alice, { kind: 'add', accounts: [dave.publicKey], createdAt: NOW }, random).log
    log = log.change(alice, { kind: 'makeAdmin', accounts: [bob.publicKey], createdAt: NOW }, random).log
    log = log.change(bob, { kind: 'remove', accounts: [carol.publicKey], createdAt: NOW }, random).log
    log = log.change(bob, { kind: 'rename', name: 'family', createdAt: NOW }, random).log
    log = log.change(dave, { kind: 'remove', accounts: [dave.publicKey], createdAt: NOW }, random).log
    log = log.change(bob, { kind: 'dropAdmin', accounts: [alice.publicKey], createdAt: NOW }, random).log
    const state = log.state()
    assert.deepEqual([...state.members].sort(), [hex(alice), hex(bob)].sort())
    assert.deepEqual([...state.admins], [hex(bob)])
    assert.equal(state.name, 'family')
    assert.equal(log.size, 7)
    // The whole chain verifies again from its bytes, in any order.
    const again = GroupLog.fromEntries([...log.encoded()].reverse())
    assert.deepEqual([...again.state().members].sort(), [...state.members].sort())
    assert.deepEqual(again.heads(), log.heads())
  })

  it('rejects a change by a non-admin member, and by an outsider', () => {
    const log = newGroup()
    const heads = [log.groupId]
    for (const author of [bob, frank]) {
      const forged = signGroupEntry(author, log.groupId, heads, { kind: 'add', accounts: [erin.publicKey], createdAt: NOW }, random)
      rejected(() => log.add(forged), /may not make this change/)
    }
    // A non-member cannot "leave" its way in either, nor a member remove someone else as a leave.
    rejected(() => log.add(signGroupEntry(bob, log.groupId, heads, { kind: 'remove', accounts: [carol.publicKey], createdAt: NOW }, random)), /may not/)
    assert.equal(log.size, 1)
    assert.equal(log.state().members.has(hex(erin)), false)
  })

  it('rejects an entry whose signature does not verify (any changed field, or another key)', () => {
    const log = newGroup()
    const good = signGroupEntry(alice, log.groupId, [log.groupId], { kind: 'add', accounts: [dave.publicKey], createdAt: NOW }, random)
    const wire = group.GroupEntry.decode(good)
    const swapped = group.GroupEntry.encode({ ...wire, accounts: [erin.publicKey as Uint8Array<ArrayBuffer>] })
    rejected(() => log.add(swapped), /signature/)
    const resigned = group.GroupEntry.encode({ ...wire, signature: bob.sign(good) as Uint8Array<ArrayBuffer> })
    rejected(() => log.add(resigned), /signature/)
    const claimed = group.GroupEntry.encode({ ...wire, author: bob.publicKey as Uint8Array<ArrayBuffer> })
    rejected(() => log.add(claimed), /signature/)
    assert.equal(log.add(good).result, 'added')
  })

  it('rejects a broken chain (unknown parent) and an entry of another group', () => {
    const log = newGroup()
    const other = GroupLog.create(alice, 'other', [bob.publicKey], NOW, random)
    rejected(() => log.add(signGroupEntry(alice, log.groupId, [new Uint8Array(32).fill(7)], { kind: 'add', accounts: [dave.publicKey], createdAt: NOW }, random)), /unknown parent/)
    rejected(() => log.add(signGroupEntry(alice, other.groupId, [other.groupId], { kind: 'add', accounts: [dave.publicKey], createdAt: NOW }, random)), /another group/)
    rejected(() => log.add(other.encoded()[0]), /one create entry/)
    rejected(() => GroupLog.fromEntries([log.encoded()[0], signGroupEntry(alice, log.groupId, [new Uint8Array(32)], { kind: 'rename', name: 'x', createdAt: NOW }, random)]), /unknown parent/)
  })

  it('a replayed old entry changes nothing: a removed member stays removed', () => {
    let log = newGroup()
    const added = log.change(alice, { kind: 'add', accounts: [dave.publicKey], createdAt: NOW }, random)
    log = added.log.change(alice, { kind: 'remove', accounts: [dave.publicKey], createdAt: NOW }, random).log
    const replay = log.add(added.entry.bytes)
    assert.equal(replay.result, 'duplicate')
    assert.equal(replay.log, log)
    assert.equal(log.state().members.has(hex(dave)), false)
  })

  it('an admin removed concurrently with its own change loses that change (revocations first)', () => {
    let base = newGroup().change(alice, { kind: 'makeAdmin', accounts: [bob.publicKey], createdAt: NOW }, random).log
    base = base.change(alice, { kind: 'add', accounts: [dave.publicKey], createdAt: NOW }, random).log
    const byAlice = base.change(alice, { kind: 'remove', accounts: [bob.publicKey], createdAt: NOW }, random).entry
    const byBob = base.change(bob, { kind: 'add', accounts: [erin.publicKey], createdAt: NOW }, random).entry
    const one = base.add(byAlice.bytes).log.add(byBob.bytes).log
    const two = base.add(byBob.bytes).log.add(byAlice.bytes).log
    for (const log of [one, two]) {
      assert.equal(log.state().members.has(hex(erin)), false)
      assert.equal(log.state().members.has(hex(bob)), false)
      assert.ok(log.state().ineffective.has(byBob.hex))
    }
    assert.deepEqual(one.heads(), two.heads())
    // The next entry merges both heads.
    const merged = one.change(alice, { kind: 'rename', name: 'merged', createdAt: NOW }, random).log
    assert.equal(merged.heads().length, 1)
  })

  it('property: concurrent admin changes converge to the same membership in every delivery order', () => {
    const actors = [alice, bob, carol]
    const targets = [dave, erin, frank, carol, bob]
    const kinds = ['add', 'remove', 'makeAdmin', 'dropAdmin'] as const
    const change = fc.record({ actor: fc.nat(actors.length - 1), kind: fc.constantFrom(...kinds), target: fc.nat(targets.length - 1), fork: fc.boolean() })
    fc.assert(fc.property(fc.array(change, { minLength: 1, maxLength: 12 }), fc.nat(), (changes, shuffleSeed) => {
      // Three admins, each signing on its own view (its own branch) or on the merged heads.
      let log = newGroup().change(alice, { kind: 'makeAdmin', accounts: [bob.publicKey, carol.publicKey], createdAt: NOW }, random).log
      const views = actors.map(() => log)
      const produced: Uint8Array[] = []
      for (const c of changes) {
        const actor = actors[c.actor]
        const view = c.fork ? views[c.actor] : log
        let signed
        try {
          signed = view.change(actor, { kind: c.kind, accounts: [(targets[c.target]).publicKey], createdAt: NOW }, random)
        } catch (err) {
          if (err instanceof InvalidRecordError) continue // not an admin in its own view: refused locally
          throw err
        }
        views[c.actor] = signed.log
        produced.push(signed.entry.bytes)
        log = log.add(signed.entry.bytes).log
      }
      // Every member receives all the entries in its own order (parents before children, as catch-up does).
      const shuffle = seededRandom(shuffleSeed)
      const order = [...produced]
      for (let i = order.length - 1; i > 0; i--) {
        const j = (shuffle(1)[0]) % (i + 1)
        ;[order[i], order[j]] = [order[j], order[i]]
      }
      const other = GroupLog.fromEntries([...order, ...log.encoded().slice(0, 2)])
      assert.deepEqual([...other.state().members].sort(), [...log.state().members].sort())
      assert.deepEqual([...other.state().admins].sort(), [...log.state().admins].sort())
      assert.deepEqual(other.heads(), log.heads())
    }), { numRuns: 60 })
  })

  it('property: no entry signed by a non-admin is ever accepted, whatever it says', () => {
    const log = newGroup()
    const kinds = ['add', 'remove', 'makeAdmin', 'dropAdmin', 'rename'] as const
    fc.assert(fc.property(fc.constantFrom(bob, carol, frank), fc.constantFrom(...kinds), fc.constantFrom(alice, bob, carol, dave), (author, kind, target) => {
      if (kind === 'remove' && author === target) return // leaving is allowed to members
      const entry = signGroupEntry(author, log.groupId, [log.groupId], kind === 'rename' ? { kind, name: 'x', createdAt: NOW } : { kind, accounts: [target.publicKey], createdAt: NOW }, random)
      assert.throws(() => log.add(entry), InvalidRecordError)
    }), { numRuns: 40 })
  })

  it('rejects malformed entries with a clear error: bad lengths, kinds, names, repeated accounts', () => {
    const log = newGroup()
    const good = group.GroupEntry.decode(signGroupEntry(alice, log.groupId, [log.groupId], { kind: 'add', accounts: [dave.publicKey], createdAt: NOW }, random))
    const cases: Array<[Partial<group.GroupEntry>, RegExp]> = [
      [{ kind: 9 }, /unknown group entry kind/],
      [{ author: new Uint8Array(31) }, /author/],
      [{ accounts: [dave.publicKey, dave.publicKey] as Array<Uint8Array<ArrayBuffer>> }, /repeated/],
      [{ accounts: [] }, /at least one account/],
      [{ parents: [] }, /at least one parent/],
      [{ name: 'x' }, /only create and rename/]
    ]
    for (const [patch, pattern] of cases) rejected(() => log.add(group.GroupEntry.encode({ ...good, ...patch })), pattern)
    assert.throws(() => log.add(new Uint8Array([0xff, 0xff, 0xff])), (err: unknown) => KabarError.is(err, 'DECODE_FAILED'))
    assert.equal(log.size, 1)
  })
})
