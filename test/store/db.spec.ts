import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { KabarError } from '../../src/errors.ts'
import { openStore, SCHEMA_VERSION, SUBLEVELS } from '../../src/store/index.ts'
import type { KabarStore, SublevelName } from '../../src/store/index.ts'
import { bytes, FAST_SCRYPT, makeTmpDir, removeDir, text } from './helpers.ts'

async function collect (iterable: AsyncIterable<{ key: string, value: Uint8Array }>): Promise<string[]> {
  const out: string[] = []
  for await (const { key, value } of iterable) out.push(`${key}=${text(value)}`)
  return out
}

const backends = [
  { name: 'memory', open: async (): Promise<KabarStore> => openStore({ memory: true }) },
  { name: 'disk', open: async (dir: string): Promise<KabarStore> => openStore({ dir, passphrase: 'correct horse', scrypt: FAST_SCRYPT }) }
]

for (const backend of backends) {
  describe(`store round trip (${backend.name})`, () => {
    let dir: string
    let store: KabarStore
    before(async () => {
      dir = await makeTmpDir()
      store = await backend.open(dir)
    })
    after(async () => {
      await store.close()
      await removeDir(dir)
    })

    it('puts, gets and deletes bytes in every sublevel, keeping them apart', async () => {
      for (const sub of SUBLEVELS) await store.put(sub, 'same-key', bytes(`value of ${sub}`))
      for (const sub of SUBLEVELS) assert.equal(text(await store.get(sub, 'same-key')), `value of ${sub}`)
      await store.del('sessions', 'same-key')
      assert.equal(await store.get('sessions', 'same-key'), undefined)
      assert.equal(text(await store.get('contacts', 'same-key')), 'value of contacts')
    })

    it('returns undefined for a missing key and round-trips empty and large values', async () => {
      assert.equal(await store.get('inbox', 'nothing-here'), undefined)
      await store.put('inbox', 'empty', new Uint8Array(0))
      assert.deepEqual(await store.get('inbox', 'empty'), new Uint8Array(0))
      const big = new Uint8Array(256 * 1024).map((_, i) => i % 251)
      await store.put('inbox', 'big', big)
      assert.deepEqual(await store.get('inbox', 'big'), big)
    })

    it('round-trips JSON', async () => {
      const contact = { name: 'Ayşe', verified: true, devices: ['12D3KooWa', '12D3KooWb'] }
      await store.putJson('contacts', '12D3KooWx', contact)
      assert.deepEqual(await store.getJson('contacts', '12D3KooWx'), contact)
      assert.equal(await store.getJson('contacts', 'missing'), undefined)
      assert.throws(() => store.batch().putJson('contacts', 'x', undefined), TypeError)
    })

    it('iterates in key order with ranges, limit and reverse', async () => {
      for (const n of [3, 1, 4, 15, 9, 2]) await store.put('messages', `peer!${String(n).padStart(4, '0')}`, bytes(`m${n}`))
      await store.put('messages', 'other!0001', bytes('x'))
      const range = { gte: 'peer!', lt: 'peer!~' }
      assert.deepEqual(await collect(store.iterate('messages', range)),
        ['peer!0001=m1', 'peer!0002=m2', 'peer!0003=m3', 'peer!0004=m4', 'peer!0009=m9', 'peer!0015=m15'])
      assert.deepEqual(await collect(store.iterate('messages', { ...range, reverse: true, limit: 2 })), ['peer!0015=m15', 'peer!0009=m9'])
      assert.deepEqual(await collect(store.iterate('messages', { gt: 'peer!0002', lte: 'peer!0004' })), ['peer!0003=m3', 'peer!0004=m4'])
      assert.deepEqual(await collect(store.iterate('messages', { ...range, limit: 0 })), [])
      assert.deepEqual(await collect(store.iterate('outbox', { gt: 'zzz' })), [])
    })

    it('stops cleanly when the caller breaks out of an iteration', async () => {
      let seen = 0
      for await (const entry of store.iterate('messages')) {
        assert.ok(entry.value instanceof Uint8Array)
        if (++seen === 2) break
      }
      assert.equal(seen, 2)
      assert.equal(text(await store.get('messages', 'peer!0001')), 'm1')
    })

    it('records the schema version and reserves its key', async () => {
      assert.equal(store.schemaVersion, SCHEMA_VERSION)
      assert.deepEqual(await store.getJson('meta', 'schema'), { version: SCHEMA_VERSION })
      await assert.rejects(store.put('meta', 'schema', bytes('{"version":99}')), TypeError)
      assert.throws(() => store.batch().del('meta', 'schema'), TypeError)
    })

    it('rejects an unknown sublevel, a non-string key and a non-byte value', async () => {
      await assert.rejects(store.get('passwords' as SublevelName, 'k'), /unknown sublevel "passwords"/)
      await assert.rejects(store.put('inbox', 42 as unknown as string, bytes('v')), TypeError)
      await assert.rejects(store.put('inbox', 'k', 'v' as unknown as Uint8Array), TypeError)
      assert.throws(() => store.iterate('inbox', { limit: -1 }), RangeError)
      assert.throws(() => store.iterate('inbox', { gt: 7 as unknown as string }), TypeError)
    })
  })
}

describe('store on disk across restarts', () => {
  it('reads back after close and reopen, with the same key file', async () => {
    const dir = await makeTmpDir()
    try {
      const first = await openStore({ dir })
      await first.batch().put('identity', 'device', bytes('seed')).putJson('meta', 'created', { at: 1 }).write()
      await first.close()
      const second = await openStore({ dir })
      assert.equal(text(await second.get('identity', 'device')), 'seed')
      assert.deepEqual(await second.getJson('meta', 'created'), { at: 1 })
      assert.deepEqual(second.warnings, [])
      await second.close()
    } finally {
      await removeDir(dir)
    }
  })

  it('refuses a second open of the same directory with STORE_LOCKED and leaves the first working', async () => {
    const dir = await makeTmpDir()
    try {
      const first = await openStore({ dir })
      await assert.rejects(openStore({ dir }), (err) => KabarError.is(err, 'STORE_LOCKED') && err.cause !== undefined)
      await first.put('seen', 'id', new Uint8Array(0))
      assert.deepEqual(await first.get('seen', 'id'), new Uint8Array(0))
      await first.close()
    } finally {
      await removeDir(dir)
    }
  })

  it('fails with STORE_FAILED (keeping the level error as cause) once closed', async () => {
    const store = await openStore({ memory: true })
    await store.close()
    await store.close()
    await assert.rejects(store.get('inbox', 'k'), (err) => KabarError.is(err, 'STORE_FAILED') && err.cause !== undefined)
    await assert.rejects(store.put('inbox', 'k', bytes('v')), (err) => KabarError.is(err, 'STORE_FAILED'))
  })

  it('needs a directory unless in memory, and not both', async () => {
    await assert.rejects(openStore({}), TypeError)
    await assert.rejects(openStore({ memory: true, dir: '/tmp/x' }), TypeError)
  })
})
