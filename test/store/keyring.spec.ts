import assert from 'node:assert/strict'
import { chmod, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { KabarError } from '../../src/errors.ts'
import { loadDataKey, openStore, SCRYPT_DEFAULTS } from '../../src/store/index.ts'
import { bytes, FAST_SCRYPT, makeTmpDir, removeDir, snapshotDir, text } from './helpers.ts'

async function withDir (fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await makeTmpDir()
  try {
    await fn(dir)
  } finally {
    await removeDir(dir)
  }
}

const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o777

describe('keyring: passphrase-wrapped data key', () => {
  it('writes keyring.json (0600) with the default scrypt cost and reopens with the passphrase', async () => {
    await withDir(async (dir) => {
      const store = await openStore({ dir, passphrase: 'tr0ub4dor & 3' })
      await store.put('identity', 'device', bytes('secret seed'))
      await store.close()
      const path = join(dir, 'keyring.json')
      assert.equal(await mode(path), 0o600)
      const json = JSON.parse(await readFile(path, 'utf8')) as { version: number, kdf: Record<string, unknown>, wrapped: string }
      assert.equal(json.version, 1)
      assert.deepEqual({ ...json.kdf, salt: typeof json.kdf.salt }, { name: 'scrypt', ...SCRYPT_DEFAULTS, salt: 'string' })
      assert.equal(Buffer.from(json.wrapped, 'base64').length, 12 + 32 + 16)
      const again = await openStore({ dir, passphrase: 'tr0ub4dor & 3' })
      assert.equal(text(await again.get('identity', 'device')), 'secret seed')
      await again.close()
    })
  })

  it('refuses a wrong passphrase with WRONG_PASSPHRASE and changes nothing on disk', async () => {
    await withDir(async (dir) => {
      const store = await openStore({ dir, passphrase: 'right', scrypt: FAST_SCRYPT })
      await store.put('sessions', 'peer', bytes('state'))
      await store.close()
      const before = await snapshotDir(dir)
      const keyringBefore = await readFile(join(dir, 'keyring.json'))
      await assert.rejects(openStore({ dir, passphrase: 'wrong' }), (err) => {
        assert.ok(KabarError.is(err, 'WRONG_PASSPHRASE'))
        assert.match(err.message, /wrong passphrase/)
        assert.equal(err.name, 'WrongPassphraseError')
        return true
      })
      assert.deepEqual(await readFile(join(dir, 'keyring.json')), keyringBefore)
      assert.deepEqual(await snapshotDir(dir), before)
      const reopened = await openStore({ dir, passphrase: 'right' })
      assert.equal(text(await reopened.get('sessions', 'peer')), 'state')
      await reopened.close()
    })
  })

  it('asks for the passphrase (PASSPHRASE_REQUIRED) when none is given', async () => {
    await withDir(async (dir) => {
      await (await openStore({ dir, passphrase: 'p', scrypt: FAST_SCRYPT })).close()
      await assert.rejects(openStore({ dir }), (err) => KabarError.is(err, 'PASSPHRASE_REQUIRED'))
      await assert.rejects(openStore({ dir, passphrase: '' }), TypeError)
    })
  })

  it('normalises the passphrase to NFC', async () => {
    await withDir(async (dir) => {
      await (await openStore({ dir, passphrase: 'Ay\u015Fe', scrypt: FAST_SCRYPT })).close()
      await (await openStore({ dir, passphrase: 'Ays\u0327e' })).close()
    })
  })

  it('treats a damaged or out-of-bounds keyring.json as STORE_CORRUPT', async () => {
    await withDir(async (dir) => {
      await (await openStore({ dir, passphrase: 'p', scrypt: FAST_SCRYPT })).close()
      const path = join(dir, 'keyring.json')
      const good = await readFile(path, 'utf8')
      interface Keyring { version: number, kdf: { name: string, N: number, salt: string }, wrapped: string }
      const edits: Array<(k: Keyring) => void> = [
        (k) => { k.kdf.N = 2 ** 30 },
        (k) => { k.kdf.N = 1000 },
        (k) => { k.kdf.name = 'pbkdf2' },
        (k) => { k.wrapped = k.wrapped.slice(4) },
        (k) => { k.kdf.salt = '!!not base64!!' }
      ]
      for (const edit of edits) {
        const k = JSON.parse(good) as Keyring
        edit(k)
        await writeFile(path, JSON.stringify(k))
        await assert.rejects(openStore({ dir, passphrase: 'p' }), (err) => KabarError.is(err, 'STORE_CORRUPT'))
      }
      await writeFile(path, '{ not json')
      await assert.rejects(openStore({ dir, passphrase: 'p' }), (err) => KabarError.is(err, 'STORE_CORRUPT'))
      const newer = JSON.parse(good) as Record<string, unknown>
      newer.version = 2
      await writeFile(path, JSON.stringify(newer))
      await assert.rejects(openStore({ dir, passphrase: 'p' }), (err) => KabarError.is(err, 'STORE_VERSION_UNSUPPORTED'))
    })
  })
})

describe('keyring: key file without a passphrase', () => {
  it('creates data.key with 32 bytes and mode 0600, and warns when it is readable by others', async () => {
    await withDir(async (dir) => {
      const store = await openStore({ dir })
      assert.deepEqual(store.warnings, [])
      await store.close()
      const path = join(dir, 'data.key')
      assert.equal(await mode(path), 0o600)
      assert.equal((await readFile(path)).length, 32)
      assert.equal(await mode(dir) & 0o077, 0, 'the data directory is owner-only')
      await chmod(path, 0o644)
      const loose = await openStore({ dir })
      assert.equal(loose.warnings.length, 1)
      assert.equal(loose.warnings[0]?.code, 'KEY_FILE_PERMISSIONS')
      assert.equal(loose.warnings[0]?.mode, 0o644)
      assert.match(loose.warnings[0]?.message ?? '', /chmod 600/)
      await loose.close()
    })
  })

  it('refuses a passphrase for a directory that has none (WRONG_PASSPHRASE), changing nothing', async () => {
    await withDir(async (dir) => {
      await (await openStore({ dir })).close()
      const before = await snapshotDir(dir)
      await assert.rejects(openStore({ dir, passphrase: 'p' }), (err) => KabarError.is(err, 'WRONG_PASSPHRASE'))
      assert.deepEqual(await snapshotDir(dir), before)
    })
  })

  it('reports a swapped data.key as STORE_CORRUPT at open', async () => {
    await withDir(async (dir) => {
      await (await openStore({ dir })).close()
      await writeFile(join(dir, 'data.key'), new Uint8Array(32).fill(7), { mode: 0o600 })
      await assert.rejects(openStore({ dir }), (err) => KabarError.is(err, 'STORE_CORRUPT') && /data key does not open/.test(err.message))
      await writeFile(join(dir, 'data.key'), new Uint8Array(31))
      await assert.rejects(openStore({ dir }), (err) => KabarError.is(err, 'STORE_CORRUPT') && /32 bytes/.test(err.message))
    })
  })

  it('never replaces a lost key with a new one while a database exists', async () => {
    await withDir(async (dir) => {
      await (await openStore({ dir })).close()
      await rm(join(dir, 'data.key'))
      await assert.rejects(openStore({ dir }), (err) => KabarError.is(err, 'STORE_CORRUPT') && /data key is missing/.test(err.message))
      await assert.rejects(stat(join(dir, 'data.key')), { code: 'ENOENT' })
    })
  })

  it('refuses a directory holding both key files', async () => {
    await withDir(async (dir) => {
      await (await openStore({ dir })).close()
      await writeFile(join(dir, 'keyring.json'), '{}')
      await assert.rejects(openStore({ dir }), (err) => KabarError.is(err, 'STORE_CORRUPT') && /both/.test(err.message))
    })
  })

  it('gives concurrent initialisers the same key', async () => {
    await withDir(async (dir) => {
      const keys = await Promise.all([1, 2, 3, 4].map(async () => loadDataKey(dir, { create: true })))
      assert.equal(keys.filter((k) => k.created).length, 1)
      for (const k of keys) assert.deepEqual(k.key, keys[0]?.key)
    })
  })
})
