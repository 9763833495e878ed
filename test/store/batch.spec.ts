import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { KabarError } from '../../src/errors.ts'
import { openStore } from '../../src/store/index.ts'
import type { KabarStore, SublevelName } from '../../src/store/index.ts'
import { bytes, makeTmpDir, removeDir, text } from './helpers.ts'

/** The receive transition of DESIGN.md "Delivery": state + message + seen id. */
function receive (store: KabarStore, id: string): ReturnType<KabarStore['batch']> {
  return store.batch()
    .put('sessions', '12D3KooWpeer', bytes(`state after ${id}`))
    .put('messages', `12D3KooWpeer!${id}`, bytes(`hello ${id}`))
    .put('seen', id, new Uint8Array(0))
    .del('inbox', id)
}

async function snapshot (store: KabarStore, id: string): Promise<Array<string | undefined>> {
  return [
    text(await store.get('sessions', '12D3KooWpeer')),
    text(await store.get('messages', `12D3KooWpeer!${id}`)),
    text(await store.get('seen', id)),
    text(await store.get('inbox', id))
  ]
}

async function withStores (fn: (store: KabarStore) => Promise<void>): Promise<void> {
  const memory = await openStore({ memory: true })
  try {
    await fn(memory)
  } finally {
    await memory.close()
  }
  const dir = await makeTmpDir()
  const disk = await openStore({ dir })
  try {
    await fn(disk)
  } finally {
    await disk.close()
    await removeDir(dir)
  }
}

describe('atomic batch across sublevels', () => {
  it('commits puts and deletes to several sublevels in one write', async () => {
    await withStores(async (store) => {
      await store.put('inbox', 'a1', bytes('ciphertext'))
      const batch = receive(store, 'a1')
      assert.equal(batch.length, 4)
      assert.deepEqual(await snapshot(store, 'a1'), [undefined, undefined, undefined, 'ciphertext'], 'nothing is visible before write()')
      await batch.write()
      assert.deepEqual(await snapshot(store, 'a1'), ['state after a1', 'hello a1', '', undefined])
    })
  })

  it('writes nothing when building the batch throws midway', async () => {
    await withStores(async (store) => {
      assert.throws(() => receive(store, 'b1').put('nonsense' as SublevelName, 'x', bytes('y')), TypeError)
      assert.throws(() => {
        const batch = receive(store, 'b2')
        batch.put('outbox', 'o1', bytes('sealed'))
        throw new Error('the caller failed while building')
      }, /the caller failed/)
      assert.throws(() => receive(store, 'b3').putJson('contacts', 'c', () => 1), TypeError)
      for (const id of ['b1', 'b2', 'b3']) assert.deepEqual(await snapshot(store, id), [undefined, undefined, undefined, undefined])
      assert.equal(await store.get('outbox', 'o1'), undefined)
    })
  })

  it('is written at most once', async () => {
    await withStores(async (store) => {
      const batch = receive(store, 'c1')
      await batch.write()
      await assert.rejects(batch.write(), (err) => KabarError.is(err, 'STORE_FAILED'))
      assert.throws(() => batch.put('seen', 'late', new Uint8Array(0)), (err) => KabarError.is(err, 'STORE_FAILED'))
      assert.equal(await store.get('seen', 'late'), undefined)
    })
  })

  it('accepts an empty batch', async () => {
    await withStores(async (store) => {
      await store.batch().write()
    })
  })

  it('applies the last operation on the same key within one batch', async () => {
    await withStores(async (store) => {
      await store.batch().put('outbox', 'e', bytes('one')).put('outbox', 'e', bytes('two')).write()
      assert.equal(text(await store.get('outbox', 'e')), 'two')
      await store.batch().put('outbox', 'e', bytes('three')).del('outbox', 'e').write()
      assert.equal(await store.get('outbox', 'e'), undefined)
    })
  })
})
