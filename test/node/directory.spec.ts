/**
 * The Directory's lookups over a counted, scripted DHT: two asks for the same
 * record while its walk is in flight make one walk; a cached record is used
 * within the cache lifetime, any cached record when freshness is waived, and
 * `{ maxAgeMs }` asks the DHT again and takes the newer record it finds.
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import type { DhtNode } from '../../src/net/dht.ts'
import { Directory, mailboxesIn } from '../../src/node/directory.ts'
import { accountKey, buildAccountRecord, peerIdStringFromEd25519, prekeyKey } from '../../src/records/index.ts'
import { openStore } from '../../src/store/index.ts'
import type { KabarStore } from '../../src/store/index.ts'
import { NOW, certify, device, prekeyRecordOf, resealAccount, soloAccount } from '../records/helpers.ts'

const text = (key: Uint8Array): string => new TextDecoder().decode(key)

/** A DHT that answers from a map, counts its walks, and can hold them until released. */
class ScriptedDht {
  readonly walks: string[] = []
  readonly values = new Map<string, Uint8Array>()
  hold: Promise<void> = Promise.resolve()
  readonly validators = {}
  readonly selectors = {}

  async * get (key: Uint8Array): AsyncGenerator<{ name: 'VALUE', value: Uint8Array }> {
    this.walks.push(text(key))
    await this.hold
    const value = this.values.get(text(key))
    if (value !== undefined) yield { name: 'VALUE', value }
  }
}

describe('node/directory', () => {
  const stores: KabarStore[] = []
  after(async () => { await Promise.all(stores.map(async (s) => { await s.close() })) })

  async function directory (dht: ScriptedDht): Promise<Directory> {
    const store = await openStore({ memory: true })
    stores.push(store)
    return new Directory({ dht: { services: { dht } } as unknown as DhtNode, store, clock: () => NOW, timeoutMs: 5_000, cacheMs: 60_000 })
  }

  it('joins a second ask for a record to the walk already in flight', async () => {
    const bob = device('bob')
    const dht = new ScriptedDht()
    const key = text(prekeyKey(bob.identity.public.signingKey))
    dht.values.set(key, prekeyRecordOf(bob))
    let release!: () => void
    dht.hold = new Promise((resolve) => { release = resolve })
    const dir = await directory(dht)
    const address = peerIdStringFromEd25519(bob.identity.public.signingKey)
    const first = dir.prekeys(address)
    const second = dir.prekeys(address)
    await new Promise((resolve) => setTimeout(resolve, 20))
    release()
    const [a, b] = await Promise.all([first, second])
    assert.deepEqual(dht.walks, [key])
    assert.equal(a?.seq, 1)
    assert.equal(b?.seq, 1)
  })

  it('uses the cache while fresh, any cached record when told, and asks again for { maxAgeMs }', async () => {
    const carol = device('carol')
    const dht = new ScriptedDht()
    const key = text(accountKey(carol.identity.public.signingKey))
    dht.values.set(key, soloAccount(carol, { seq: 1 }))
    const dir = await directory(dht)
    const address = peerIdStringFromEd25519(carol.identity.public.signingKey)
    assert.equal((await dir.account(address))?.seq, 1)
    dht.values.set(key, soloAccount(carol, { seq: 2 }))
    assert.equal((await dir.account(address))?.seq, 1, 'within the cache lifetime: no walk')
    assert.equal((await dir.account(address, false))?.seq, 1)
    assert.equal(dht.walks.length, 1)
    assert.equal((await dir.account(address, { maxAgeMs: 0 }))?.seq, 2, 'a refresh walks and takes the newer record')
    assert.equal(dht.walks.length, 2)
    assert.equal((await dir.account(address))?.seq, 2)
    assert.equal(dht.walks.length, 2)
  })

  it('a person\'s device list: readers exclude the mailbox; a rolled-back or forged list is not used', async () => {
    const bob = device('bob-devices')
    const laptop = device('bob-laptop')
    const box = device('bob-box')
    const account = bob.identity.signing
    const key = text(accountKey(account.publicKey))
    const primary = certify(account, bob, 'primary', 'primary')
    const dht = new ScriptedDht()
    const dir = await directory(dht)
    const address = peerIdStringFromEd25519(account.publicKey)
    const idOf = (d: typeof bob): string => peerIdStringFromEd25519(d.identity.public.signingKey)
    const devicesNow = async (): Promise<string[]> => (await dir.devices(address)).map((d) => d.peerId).sort()

    // seq 2 lists the laptop and a mailbox; the mailbox is not encrypted to, it is where envelopes wait.
    dht.values.set(key, buildAccountRecord({ seq: 2, created: NOW, devices: [primary, certify(account, laptop), certify(account, box, 'mailbox', 'home')] }, account))
    assert.deepEqual(await devicesNow(), [idOf(bob), idOf(laptop)].sort())
    assert.deepEqual(mailboxesIn(await dir.account(address, { maxAgeMs: 0 }), NOW), [idOf(box)])

    // seq 3 removes the laptop.
    dht.values.set(key, buildAccountRecord({ seq: 3, created: NOW, devices: [primary, certify(account, box, 'mailbox', 'home')] }, account))
    await dir.account(address, { maxAgeMs: 0 })
    assert.deepEqual(await devicesNow(), [idOf(bob)])

    // Rolled back: the DHT answers the older list again; the newer one stays.
    dht.values.set(key, buildAccountRecord({ seq: 2, created: NOW, devices: [primary, certify(account, laptop)] }, account))
    assert.equal((await dir.account(address, { maxAgeMs: 0 }))?.seq, 3)
    assert.deepEqual(await devicesNow(), [idOf(bob)])

    // Forged: a newer list that re-adds the laptop, signed by another key (the laptop's own).
    dht.values.set(key, resealAccount(buildAccountRecord({ seq: 9, created: NOW, devices: [primary, certify(account, laptop)] }, account), laptop.identity.signing, () => {}))
    assert.equal((await dir.account(address, { maxAgeMs: 0 }))?.seq, 3)
    // Forged: a record the account signed, whose laptop certificate it did not (one bit of its signature changed).
    dht.values.set(key, resealAccount(buildAccountRecord({ seq: 10, created: NOW, devices: [primary, certify(account, laptop)] }, account), account, (payload) => {
      const cert = payload.devices[1]
      if (cert !== undefined) cert.signature[0] = (cert.signature[0] ?? 0) ^ 1
    }))
    assert.equal((await dir.account(address, { maxAgeMs: 0 }))?.seq, 3)
    assert.deepEqual(await devicesNow(), [idOf(bob)])
  })
})
