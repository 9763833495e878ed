/**
 * What dht-guard.ts closes in kad-dht: provider messages refused, stored
 * record keys capped per peer and in total (overwrites always taken), and the
 * peers DHT answers name capped in addresses and rate-limited. The first test
 * checks the real kad-dht still has the shape the guard wraps: if an upgrade
 * changes it, guardDht returns false and this fails.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import type { PeerId, PeerInfo } from '@libp2p/interface'
import { MAX_ADDRESSES_PER_PEER } from '../../src/net/constants.ts'
import { guardDht } from '../../src/net/dht-guard.ts'
import type { KabarLibp2p } from '../../src/net/libp2p.ts'
import { createTestNode, stopAll } from './helpers.ts'

interface Msg { type: string, key?: Uint8Array }

/** A stand-in with kad-dht's shape: records what reached the real handlers and listeners. */
function fakeDht (): { dht: { rpc: { handlers: Record<string, { handle: (p: PeerId, m: Msg) => Promise<Msg | undefined> }> }, dispatchEvent: (e: Event) => boolean }, stored: string[], dispatched: PeerInfo[] } {
  const stored: string[] = []
  const dispatched: PeerInfo[] = []
  const handle = async (_p: PeerId, m: Msg): Promise<Msg> => Promise.resolve(m)
  return {
    stored,
    dispatched,
    dht: {
      rpc: {
        handlers: {
          PUT_VALUE: { handle: async (_p, m) => { stored.push(Buffer.from(m.key ?? []).toString()); return Promise.resolve(m) } },
          ADD_PROVIDER: { handle },
          GET_PROVIDERS: { handle }
        }
      },
      dispatchEvent: (e) => { dispatched.push((e as CustomEvent<PeerInfo>).detail); return true }
    }
  }
}

const peer = async (): Promise<PeerId> => peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
const put = (key: string): Msg => ({ type: 'PUT_VALUE', key: new TextEncoder().encode(key) })

describe('net/dht-guard', () => {
  let node: KabarLibp2p | undefined

  before(async () => { node = await createTestNode({ transport: 'memory' }) })
  after(async () => { await stopAll([node]) })

  it('is applied to every kabar node\'s kad-dht, and refuses both provider messages there', async () => {
    assert.ok(node !== undefined)
    assert.equal(guardDht(node), true)
    assert.equal(guardDht({ services: { dht: {} } }), false, 'another shape is left alone')
    const handlers = (node.services.dht as unknown as { rpc: { handlers: Record<string, { handle: (p: PeerId, m: Msg) => Promise<unknown> }> } }).rpc.handlers
    const from = await peer()
    for (const type of ['ADD_PROVIDER', 'GET_PROVIDERS']) {
      await assert.rejects(handlers[type]?.handle(from, { type }) ?? Promise.resolve(), /refused: kabar keeps no provider records/)
    }
  })

  it('stores at most recordKeysPerPeer keys for one peer and recordKeys in all, always takes an overwrite, and forgets keys after quotaMs', async () => {
    const { dht, stored } = fakeDht()
    const clock = { now: 0 }
    assert.equal(guardDht({ services: { dht } }, { recordKeysPerPeer: 3, recordKeys: 5, quotaMs: 1000, clock: () => clock.now }), true)
    const [a, b] = [await peer(), await peer()]
    const handle = dht.rpc.handlers.PUT_VALUE?.handle
    assert.ok(handle !== undefined)
    for (let i = 0; i < 5; i++) assert.deepEqual(await handle(a, put(`a${i}`)), put(`a${i}`), 'every put is acked')
    assert.deepEqual(stored, ['a0', 'a1', 'a2'], 'past its quota a peer\'s new keys are not stored')
    await handle(b, put('a0'))
    assert.equal(stored.at(-1), 'a0', 'a key we hold is always overwritten')
    for (let i = 0; i < 3; i++) await handle(b, put(`b${i}`))
    assert.deepEqual(stored.slice(4), ['b0', 'b1'], 'the total holds across peers')
    clock.now = 1000
    await handle(a, put('a9'))
    assert.equal(stored.at(-1), 'a9', 'counted keys age out')
  })

  it('caps the addresses of the peers answers name, and how many one answer names', async () => {
    const { dht, dispatched } = fakeDht()
    guardDht({ services: { dht } }, { peersPerAnswer: 10 })
    const many = Array.from({ length: 100 }, (_, i) => multiaddr(`/ip4/203.0.113.1/tcp/${3000 + i}`))
    const id = await peer()
    for (let i = 0; i < 50; i++) dht.dispatchEvent(new CustomEvent('peer', { detail: { id, multiaddrs: many } }))
    assert.equal(dispatched.length, 10, 'the first ten of one answer, then nothing')
    assert.ok(dispatched.every((p) => p.multiaddrs.length === MAX_ADDRESSES_PER_PEER))
    await Promise.resolve()
    for (let i = 0; i < 5; i++) dht.dispatchEvent(new CustomEvent('peer', { detail: { id, multiaddrs: many.slice(0, 2) } }))
    assert.equal(dispatched.length, 15, 'the next answer is counted afresh')
    assert.equal(dispatched.at(-1)?.multiaddrs.length, 2)
  })
})
