/**
 * At rest: after a conversation, no file under either data directory holds
 * the message text or any private key bytes (identity, prekeys, ratchet).
 */
import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { toHex } from '../../src/crypto/index.ts'
import type { KabarNode } from '../../src/node/kabar-node.ts'
import { SessionRecord } from '../../src/session/index.ts'
import { openStore } from '../../src/store/index.ts'
import { createNode, publishConfirmed, stopAll, waitForMessages, waitForStatus } from './helpers.ts'

async function files (dir: string): Promise<string[]> {
  const out: string[] = []
  for (const name of await readdir(dir)) {
    const path = join(dir, name)
    if ((await stat(path)).isDirectory()) out.push(...await files(path))
    else out.push(path)
  }
  return out
}

/** Every secret byte string a stopped node's store holds: identity, prekeys, session ratchet keys. */
async function secretsOf (dir: string): Promise<Uint8Array[]> {
  const store = await openStore({ dir })
  try {
    const secrets: Uint8Array[] = []
    const identity = await store.getJson<{ signingSeed: string, dhPrivateKey: string }>('identity', 'device')
    assert.ok(identity !== undefined)
    secrets.push(Buffer.from(identity.signingSeed, 'hex'), Buffer.from(identity.dhPrivateKey, 'hex'))
    const prekeys = await store.getJson<{ signed: { privateKey: string }, pq: { secretKey: string } }>('prekeys', 'state')
    assert.ok(prekeys !== undefined)
    secrets.push(Buffer.from(prekeys.signed.privateKey, 'hex'), Buffer.from(prekeys.pq.secretKey, 'hex').subarray(0, 64))
    for await (const { key, value } of store.iterateJson<{ privateKey: string }>('prekeys')) {
      if (key.startsWith('ot!')) secrets.push(Buffer.from(value.privateKey, 'hex'))
    }
    for await (const { value } of store.iterate('sessions')) {
      const record = SessionRecord.deserialize(value)
      if (record.current !== undefined) secrets.push(record.current.sendingRatchet.privateKey, record.current.rootKey)
    }
    return secrets
  } finally {
    await store.close()
  }
}

describe('data at rest', () => {
  const dirs: string[] = []
  const nodes: KabarNode[] = []
  after(async () => {
    await stopAll(nodes)
    await Promise.all(dirs.map(async (d) => { await rm(d, { recursive: true, force: true }) }))
  })

  it('holds no message text and no private key bytes in any file', async () => {
    const seed = await createNode()
    nodes.push(seed)
    const aDir = await mkdtemp(join(tmpdir(), 'kabar-rest-a-'))
    const bDir = await mkdtemp(join(tmpdir(), 'kabar-rest-b-'))
    dirs.push(aDir, bDir)
    const a = await createNode({ dataDir: aDir, bootstrap: seed.multiaddrs })
    const b = await createNode({ dataDir: bDir, bootstrap: seed.multiaddrs })
    nodes.push(a, b)
    await publishConfirmed(a)
    await publishConfirmed(b)
    const texts = ['the launch code is 7f3c-secret', 'meet at the old mill at dawn']
    const m1 = await a.send(b.address, texts[0] ?? '')
    await waitForStatus(a, m1.id, 'delivered')
    const m2 = await b.send(a.address, texts[1] ?? '')
    await waitForStatus(b, m2.id, 'delivered')
    await waitForMessages(a, b.address, 1)
    await a.stop()
    await b.stop()

    for (const dir of [aDir, bDir]) {
      const secrets = await secretsOf(dir)
      assert.ok(secrets.length >= 6)
      const needles: Array<[string, Buffer]> = []
      for (const t of texts) needles.push([`text "${t}"`, Buffer.from(t, 'utf8')])
      for (const s of secrets) {
        needles.push([`key ${toHex(s).slice(0, 8)}…`, Buffer.from(s)])
        needles.push([`hex key ${toHex(s).slice(0, 8)}…`, Buffer.from(toHex(s), 'utf8')])
      }
      for (const file of await files(dir)) {
        const bytes = await readFile(file)
        for (const [what, needle] of needles) assert.equal(bytes.includes(needle), false, `${file} contains ${what}`)
      }
    }
  })
})
