import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { Level } from 'level'
import { KabarError } from '../../src/errors.ts'
import { openStore, SEALED_OVERHEAD } from '../../src/store/index.ts'
import { createValueSealer } from '../../src/store/sealed-encoding.ts'
import { seededRandom } from '../utils/random.ts'
import { bytes, makeTmpDir, removeDir, text } from './helpers.ts'

const isCorrupt = (where: RegExp) => (err: unknown): boolean => {
  assert.ok(KabarError.is(err, 'STORE_CORRUPT'), `expected STORE_CORRUPT, got ${String(err)}`)
  assert.match(err.message, where)
  assert.ok(err.cause === undefined || KabarError.is(err.cause, 'DECRYPT_FAILED'))
  return true
}

describe('sealed values', () => {
  const dataKey = seededRandom('sealed-spec')(32)

  it('adds 29 bytes (format byte, nonce, tag) and never repeats a box', () => {
    const sealer = createValueSealer(dataKey)
    const a = sealer.seal('sessions', 'k', bytes('same'))
    const b = sealer.seal('sessions', 'k', bytes('same'))
    assert.equal(a.length, 4 + SEALED_OVERHEAD)
    assert.equal(a[0], 1)
    assert.notDeepEqual(a, b)
    assert.equal(text(sealer.open('sessions', 'k', a)), 'same')
    assert.equal(text(sealer.open('sessions', 'k', b)), 'same')
  })

  it('binds the sublevel and the key: a box opens only where it was sealed', () => {
    const sealer = createValueSealer(dataKey)
    const box = sealer.seal('sessions', 'alice', bytes('state'))
    assert.throws(() => sealer.open('sessions', 'bob', box), isCorrupt(/sessions\/"bob"/))
    assert.throws(() => sealer.open('outbox', 'alice', box), isCorrupt(/outbox\/"alice"/))
    assert.throws(() => createValueSealer(seededRandom('other')(32)).open('sessions', 'alice', box), isCorrupt(/another data key/))
  })

  it('rejects every flipped byte and every truncation with STORE_CORRUPT', () => {
    const sealer = createValueSealer(dataKey)
    const box = sealer.seal('messages', 'm', bytes('hello'))
    for (let i = 0; i < box.length; i++) {
      const bad = box.slice()
      bad[i] = (bad[i] ?? 0) ^ 0x01
      assert.throws(() => sealer.open('messages', 'm', bad), isCorrupt(/messages\/"m"/))
    }
    for (let n = 0; n < box.length; n++) {
      assert.throws(() => sealer.open('messages', 'm', box.subarray(0, n)), isCorrupt(/messages\/"m"/))
    }
  })

  it('refuses to work once destroyed', () => {
    const sealer = createValueSealer(dataKey)
    sealer.destroy()
    assert.throws(() => sealer.seal('meta', 'k', bytes('v')), (err) => KabarError.is(err, 'STORE_FAILED'))
  })
})

describe('tampered database files', () => {
  it('a value copied to another key (or sublevel) fails to open with STORE_CORRUPT naming it', async () => {
    const dir = await makeTmpDir()
    try {
      const store = await openStore({ dir })
      await store.put('sessions', 'alice', bytes('alice state'))
      await store.close()

      const raw = new Level<string, Uint8Array>(join(dir, 'db'), { valueEncoding: 'view' })
      const box = await raw.get('!sessions!alice')
      assert.ok(box !== undefined)
      await raw.put('!sessions!bob', box)
      await raw.put('!contacts!alice', box)
      await raw.close()

      const reopened = await openStore({ dir })
      assert.equal(text(await reopened.get('sessions', 'alice')), 'alice state')
      await assert.rejects(reopened.get('sessions', 'bob'), isCorrupt(/sessions\/"bob"/))
      await assert.rejects(reopened.get('contacts', 'alice'), isCorrupt(/contacts\/"alice"/))
      await assert.rejects(async () => {
        for await (const entry of reopened.iterate('sessions')) assert.ok(entry)
      }, isCorrupt(/sessions\/"bob"/))
      await reopened.close()
    } finally {
      await removeDir(dir)
    }
  })
})
