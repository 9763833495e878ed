/**
 * The device's prekeys: one-time prekeys are handed out once and consumed
 * with the session they create; the signed prekey rotates weekly and the
 * previous one keeps working for its grace period, then is dropped.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { defaultRandom } from '../../src/crypto/index.ts'
import { ONE_TIME_PREKEY_POOL, SIGNED_PREKEY_GRACE_MS, SIGNED_PREKEY_ROTATION_MS } from '../../src/node/constants.ts'
import { Prekeys } from '../../src/node/prekeys.ts'
import { openStore } from '../../src/store/index.ts'

const DAY = 24 * 3600_000

describe('node prekeys', () => {
  it('hands each one-time prekey out once, consumes it atomically, and tops the pool up', async () => {
    const store = await openStore({ memory: true })
    try {
      const prekeys = await Prekeys.load(store, 0, defaultRandom)
      const given = new Set<number>()
      for (let i = 0; i < ONE_TIME_PREKEY_POOL; i++) {
        const key = await prekeys.handOut()
        assert.ok(key !== undefined)
        assert.equal(key.publicKey.length, 32)
        assert.equal(given.has(key.id), false, 'never the same one-time prekey twice')
        given.add(key.id)
      }
      assert.equal(await prekeys.handOut(), undefined, 'none left until replenished')
      const first = [...given][0] ?? 0
      assert.ok(prekeys.lookup().oneTimePrekey(first) !== undefined, 'handed out but unused: still usable')
      const batch = store.batch()
      const apply = prekeys.consumeInBatch(batch, first)
      await batch.write()
      apply()
      assert.equal(prekeys.lookup().oneTimePrekey(first), undefined)
      assert.equal(await prekeys.replenish(1), true)
      assert.ok(await prekeys.handOut() !== undefined)

      // The consumption survives a reload from the store.
      const reloaded = await Prekeys.load(store, 2, defaultRandom)
      assert.equal(reloaded.lookup().oneTimePrekey(first), undefined)
    } finally {
      await store.close()
    }
  })

  it('rotates the signed prekey weekly and keeps the previous one for the grace period', async () => {
    const store = await openStore({ memory: true })
    try {
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
    } finally {
      await store.close()
    }
  })
})
