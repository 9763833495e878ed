import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { Level } from 'level'
import { openStore } from '../../src/store/index.ts'
import type { OpenStoreOptions } from '../../src/store/index.ts'
import { bytes, FAST_SCRYPT, filesContaining, makeTmpDir, readAllFiles, removeDir, text } from './helpers.ts'

const SECRET_TEXT = 'attack at dawn 7f3c'
/** A key string: keys are plaintext by design, so the scan must find it (proof that it reads the database files). */
const CANARY_KEY = 'canary-key-visible-5d1e'

/** Every form in which the secrets must not appear: UTF-8 text, raw key bytes, hex, base64, base64url. */
function needles (privateKey: Buffer): Array<{ name: string, bytes: Uint8Array }> {
  return [
    { name: 'text (UTF-8)', bytes: bytes(SECRET_TEXT) },
    { name: 'key bytes', bytes: privateKey },
    { name: 'key hex', bytes: bytes(privateKey.toString('hex')) },
    { name: 'key HEX', bytes: bytes(privateKey.toString('hex').toUpperCase()) },
    { name: 'key base64', bytes: bytes(privateKey.toString('base64')) },
    { name: 'key base64url', bytes: bytes(privateKey.toString('base64url')) }
  ]
}

async function assertNothingReadable (dir: string, privateKey: Buffer): Promise<void> {
  const files = await readAllFiles(dir)
  assert.ok(files.some((f) => f.path.includes(`${join(dir, 'db')}`) && f.bytes.length > 0), 'the database wrote files')
  assert.ok((await filesContaining(dir, bytes(CANARY_KEY))).length > 0, 'the scan sees plaintext keys, so it reads the data')
  for (const needle of needles(privateKey)) {
    assert.deepEqual(await filesContaining(dir, needle.bytes), [], `${needle.name} found in the data directory`)
  }
}

const modes: Array<{ name: string, options: Omit<OpenStoreOptions, 'dir'>, reopen: Omit<OpenStoreOptions, 'dir'> }> = [
  { name: 'passphrase', options: { passphrase: 'correct horse battery staple', scrypt: FAST_SCRYPT }, reopen: { passphrase: 'correct horse battery staple' } },
  { name: 'key file', options: {}, reopen: {} }
]

describe('encrypted at rest', () => {
  for (const mode of modes) {
    it(`leaves no message text and no private key readable in any file (${mode.name})`, async () => {
      const dir = await makeTmpDir()
      const privateKey = randomBytes(32)
      try {
        const store = await openStore({ dir, ...mode.options })
        await store.batch()
          .put('identity', 'device', privateKey)
          .putJson('prekeys', 'signed!1', { privateKey: privateKey.toString('hex'), b64: privateKey.toString('base64'), url: privateKey.toString('base64url') })
          .put('sessions', '12D3KooWpeer', Buffer.concat([privateKey, bytes(SECRET_TEXT)]))
          .put('messages', '12D3KooWpeer!000001', bytes(SECRET_TEXT))
          .putJson('outbox', 'env-1', { text: SECRET_TEXT, HEX: privateKey.toString('hex').toUpperCase() })
          .put('inbox', CANARY_KEY, bytes(SECRET_TEXT))
          .write()
        await store.close()
        await assertNothingReadable(dir, privateKey)

        // Reopening replays LevelDB's log into a table file; check that form too.
        const again = await openStore({ dir, ...mode.reopen })
        assert.deepEqual(new Uint8Array(privateKey), await again.get('identity', 'device'))
        assert.equal(text(await again.get('messages', '12D3KooWpeer!000001')), SECRET_TEXT)
        assert.equal(((await again.getJson('outbox', 'env-1')) as { text: string }).text, SECRET_TEXT)
        assert.equal(((await again.getJson('prekeys', 'signed!1')) as { privateKey: string }).privateKey, privateKey.toString('hex'))
        await again.close()
        await assertNothingReadable(dir, privateKey)
      } finally {
        await removeDir(dir)
      }
    })
  }

  it('control: the same scan finds the secrets when values are not sealed', async () => {
    const dir = await makeTmpDir()
    const privateKey = randomBytes(32)
    try {
      const raw = new Level<string, Uint8Array>(join(dir, 'db'), { valueEncoding: 'view' })
      await raw.put('identity', privateKey)
      await raw.put('message', bytes(SECRET_TEXT))
      await raw.close()
      assert.ok((await filesContaining(dir, privateKey)).length > 0)
      assert.ok((await filesContaining(dir, bytes(SECRET_TEXT))).length > 0)
    } finally {
      await removeDir(dir)
    }
  })
})
