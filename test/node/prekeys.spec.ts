/**
 * The device's prekeys: one-time prekeys are handed out once, metered per
 * requesting peer, refilled locally, expired when unused, and consumed with
 * the session they create; each hand-out writes only the key it changed. The
 * signed prekey rotates weekly and the previous one keeps working for its grace
 * period, then is dropped.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { defaultRandom, toHex, X25519KeyPair } from '../../src/crypto/index.ts'
import { MAX_OUTSTANDING_ONE_TIME_PREKEYS, ONE_TIME_PREKEY_POOL, ONE_TIME_PREKEY_UNUSED_MS, ONE_TIME_PREKEY_WINDOW_MS, ONE_TIME_PREKEYS_PER_KNOWN_PEER, ONE_TIME_PREKEYS_PER_PEER, SIGNED_PREKEY_GRACE_MS, SIGNED_PREKEY_ROTATION_MS } from '../../src/node/constants.ts'
import { Prekeys } from '../../src/node/prekeys.ts'
import { openStore } from '../../src/store/index.ts'
import type { KabarStore } from '../../src/store/index.ts'

const DAY = 24 * 3600_000

async function withStore (fn: (store: KabarStore) => Promise<void>): Promise<void> {
  const store = await openStore({ memory: true })
  try {
    await fn(store)
  } finally {
    await store.close()
  }
}

/** Entries of the prekeys sublevel, by key. */
async function entries (store: KabarStore): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for await (const { key, value } of store.iterate('prekeys')) out.set(key, toHex(value))
  return out
}

describe('node prekeys: one-time hand-out', () => {
  it('hands each key out once, consumes it atomically with its session, and survives a reload', async () => {
    await withStore(async (store) => {
      const prekeys = await Prekeys.load(store, 0, defaultRandom)
      const given = new Set<number>()
      for (let i = 0; i < 3 * ONE_TIME_PREKEY_POOL; i++) {
        // Distinct peers, so no quota applies: the pool refills itself and never runs dry.
        const key = await prekeys.handOut(`peer-${i}`, 1)
        assert.ok(key !== undefined, `hand-out ${i}`)
        assert.equal(key.publicKey.length, 32)
        assert.equal(given.has(key.id), false, 'never the same one-time prekey twice')
        given.add(key.id)
      }
      assert.ok(prekeys.available >= 5, 'refilled locally, without a publication')
      const first = [...given][0] ?? 0
      assert.ok(prekeys.lookup().oneTimePrekey(first) !== undefined, 'handed out but unused: still usable')
      const batch = store.batch()
      const apply = prekeys.consumeInBatch(batch, first)
      await batch.write()
      apply()
      assert.equal(prekeys.lookup().oneTimePrekey(first), undefined)

      const reloaded = await Prekeys.load(store, 2, defaultRandom)
      assert.equal(reloaded.lookup().oneTimePrekey(first), undefined, 'the consumption is stored')
      const second = [...given][1] ?? 0
      assert.deepEqual(reloaded.lookup().oneTimePrekey(second)?.publicKey, prekeys.lookup().oneTimePrekey(second)?.publicKey, 'handed-out keys are stored')
      assert.equal(reloaded.stats().outstanding, prekeys.stats().outstanding)
      const next = await reloaded.handOut('someone-new', 3)
      assert.ok(next !== undefined && !given.has(next.id), 'a reload never hands a key out again')
    })
  })

  it('gives a stranger a few keys per window, a known peer more, then none until the window passes', async () => {
    await withStore(async (store) => {
      const prekeys = await Prekeys.load(store, 0, defaultRandom)
      for (let i = 0; i < ONE_TIME_PREKEYS_PER_PEER; i++) assert.ok(await prekeys.handOut('stranger', 10 + i) !== undefined)
      assert.equal(await prekeys.handOut('stranger', 20), undefined, 'quota spent: the initiator uses the last-resort keys')
      assert.equal(prekeys.stats().refused, 1)
      assert.ok(await prekeys.handOut('stranger', 10 + ONE_TIME_PREKEY_WINDOW_MS) !== undefined, 'the window passed')
      for (let i = 0; i < ONE_TIME_PREKEYS_PER_KNOWN_PEER; i++) assert.ok(await prekeys.handOut('contact', 30 + i, true) !== undefined, `known peer's key ${i}`)
      assert.equal(await prekeys.handOut('contact', 99, true), undefined)
    })
  })

  it('hands strangers nothing once MAX_OUTSTANDING keys are out, and removes keys unused for ONE_TIME_PREKEY_UNUSED_MS', async () => {
    await withStore(async (store) => {
      const prekeys = await Prekeys.load(store, 0, defaultRandom)
      for (let i = 0; i < MAX_OUTSTANDING_ONE_TIME_PREKEYS; i++) assert.ok(await prekeys.handOut(`sybil-${i}`, 100) !== undefined)
      assert.equal(await prekeys.handOut('one-more-sybil', 101), undefined, 'the outstanding limit holds against fresh identities')
      assert.ok(await prekeys.handOut('contact', 101, true) !== undefined, 'a known peer still gets one')
      const stored = [...(await entries(store)).keys()].filter((k) => k.startsWith('ot!')).length
      assert.ok(stored <= MAX_OUTSTANDING_ONE_TIME_PREKEYS + 1 + ONE_TIME_PREKEY_POOL, `the data stays bounded (${stored} keys)`)

      const later = 100 + ONE_TIME_PREKEY_UNUSED_MS
      assert.ok(await prekeys.handOut('after-a-week', later) !== undefined, 'expired keys free their places')
      assert.equal(prekeys.stats().expired, MAX_OUTSTANDING_ONE_TIME_PREKEYS)
      assert.equal(prekeys.stats().outstanding, 2)
      const left = [...(await entries(store)).keys()].filter((k) => k.startsWith('ot!')).length
      assert.equal(left, prekeys.available + 2, 'expired keys are deleted from the store')
    })
  })

  it('writes only the key it hands out (and, when the pool runs low, the new keys and the next id)', async () => {
    await withStore(async (store) => {
      const prekeys = await Prekeys.load(store, 0, defaultRandom)
      const before = await entries(store)
      const key = await prekeys.handOut('peer', 1)
      assert.ok(key !== undefined)
      const after = await entries(store)
      const changed = [...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => k)
      assert.deepEqual(changed, [`ot!${String(key.id).padStart(10, '0')}`])
    })
  })

  it('moves a store of the first layout (one-time keys inside the state) to a key per entry', async () => {
    await withStore(async (store) => {
      const pair = (): { privateKey: string, publicKey: string } => {
        const p = X25519KeyPair.generate(defaultRandom)
        return { privateKey: toHex(p.privateKey), publicKey: toHex(p.publicKey) }
      }
      const fresh = await Prekeys.load(store, 0, defaultRandom)
      const state = await store.getJson<Record<string, unknown>>('prekeys', 'state')
      assert.ok(state !== undefined)
      for (const k of (await entries(store)).keys()) if (k !== 'state') await store.del('prekeys', k)
      const old = { ...state, version: 1, nextId: 12, oneTime: [{ id: 10, ...pair(), created: 0, handedOut: true }, { id: 11, ...pair(), created: 0, handedOut: false }] }
      await store.putJson('prekeys', 'state', old)

      const migrated = await Prekeys.load(store, 5, defaultRandom)
      assert.equal(migrated.signed.id, fresh.signed.id)
      assert.ok(migrated.lookup().oneTimePrekey(10) !== undefined, 'a key handed out before the upgrade still opens its session')
      assert.equal(migrated.stats().outstanding, 1)
      assert.equal((await store.getJson<{ version: number }>('prekeys', 'state'))?.version, 2)
      const again = await Prekeys.load(store, 6, defaultRandom)
      assert.ok(again.lookup().oneTimePrekey(11) !== undefined)
    })
  })
})

describe('node prekeys: signed prekey', () => {
  it('rotates weekly and keeps the previous one for the grace period', async () => {
    await withStore(async (store) => {
      const prekeys = await Prekeys.load(store, 0, defaultRandom)
      const original = prekeys.signed
      assert.equal(await prekeys.rotateIfDue(SIGNED_PREKEY_ROTATION_MS - 1), false)
      assert.equal(prekeys.signed.id, original.id)

      const rotatedAt = SIGNED_PREKEY_ROTATION_MS
      assert.equal(await prekeys.rotateIfDue(rotatedAt), true)
      const rotated = prekeys.signed
      assert.notEqual(rotated.id, original.id)
      assert.notDeepEqual(rotated.publicKey, original.publicKey)
      const lookup = prekeys.lookup()
      assert.deepEqual(lookup.signedPrekey(original.id)?.publicKey, original.publicKey, 'previous key still opens sessions during the grace period')
      assert.deepEqual(lookup.signedPrekey(rotated.id)?.publicKey, rotated.publicKey)

      // Weekly rotations inside the grace period keep every retired key usable.
      await prekeys.rotateIfDue(rotatedAt + SIGNED_PREKEY_ROTATION_MS)
      await prekeys.rotateIfDue(rotatedAt + SIGNED_PREKEY_GRACE_MS - DAY)
      assert.ok(prekeys.lookup().signedPrekey(original.id) !== undefined)
      assert.ok(prekeys.lookup().signedPrekey(rotated.id) !== undefined)
      await prekeys.rotateIfDue(rotatedAt + SIGNED_PREKEY_GRACE_MS + 1)
      assert.equal(prekeys.lookup().signedPrekey(original.id), undefined, 'dropped after the grace period')

      const reloaded = await Prekeys.load(store, rotatedAt + SIGNED_PREKEY_GRACE_MS + 2, defaultRandom)
      assert.equal(reloaded.signed.id, prekeys.signed.id)
    })
  })
})
