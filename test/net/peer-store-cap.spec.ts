/**
 * The peer store of a kabar node keeps at most MAX_ADDRESSES_PER_PEER
 * addresses and MAX_PROTOCOLS_PER_PEER protocols per remote peer, however they
 * are written (merge, patch, save), and leaves the node's own entry alone. If
 * @libp2p/peer-store changes shape, capPeerStore returns false and the first
 * test fails.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { MAX_ADDRESSES_PER_PEER, MAX_PROTOCOLS_PER_PEER } from '../../src/net/constants.ts'
import type { KabarLibp2p } from '../../src/net/libp2p.ts'
import { capPeerStore } from '../../src/net/peer-store-cap.ts'
import { createTestNode, stopAll } from './helpers.ts'

const addrs = (n: number, from = 0): ReturnType<typeof multiaddr>[] => Array.from({ length: n }, (_, i) => multiaddr(`/ip4/203.0.113.${(i + from) % 250 + 1}/tcp/${2000 + i + from}`))

describe('net/peer-store-cap', () => {
  let node: KabarLibp2p | undefined

  before(async () => { node = await createTestNode({ transport: 'memory' }) })
  after(async () => { await stopAll([node]) })

  it('is applied to every kabar node (the store still has the shape it wraps)', () => {
    assert.ok(node !== undefined)
    assert.equal(capPeerStore(node), true)
    assert.equal(capPeerStore({ peerId: node.peerId, peerStore: {} as KabarLibp2p['peerStore'] }), false, 'a store of another shape is left alone')
  })

  it('merges add addresses only while there is room, however many writers race', async () => {
    assert.ok(node !== undefined)
    const peer = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
    const store = node.peerStore
    await store.merge(peer, { multiaddrs: addrs(5) })
    await Promise.all(Array.from({ length: 10 }, async (_, i) => store.merge(peer, { multiaddrs: addrs(200, 10 + i * 200) })))
    const held = (await store.get(peer)).addresses
    assert.equal(held.length, MAX_ADDRESSES_PER_PEER)
    for (const a of addrs(5)) assert.ok(held.some((h) => h.multiaddr.equals(a)), 'what was there first stays')
    await store.merge(peer, { protocols: ['/kabar/msg/1.0.0'] })
    assert.equal((await store.get(peer)).addresses.length, MAX_ADDRESSES_PER_PEER, 'a write of protocols only keeps the addresses')
  })

  it('patches and saves keep the first addresses, certified ones first, and the first protocols', async () => {
    assert.ok(node !== undefined)
    const peer = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
    const store = node.peerStore
    const certified = addrs(3, 900).map((m) => ({ multiaddr: m, isCertified: true }))
    const protocols = Array.from({ length: 200 }, (_, i) => `/junk/${i}`)
    await store.patch(peer, { multiaddrs: addrs(100), addresses: certified, protocols })
    const patched = await store.get(peer)
    assert.equal(patched.addresses.length, MAX_ADDRESSES_PER_PEER)
    assert.equal(patched.addresses.filter((a) => a.isCertified).length, 3, 'certified addresses are kept first')
    assert.equal(patched.protocols.length, MAX_PROTOCOLS_PER_PEER)
    await store.save(peer, { multiaddrs: addrs(50, 300) })
    assert.equal((await store.get(peer)).addresses.length, MAX_ADDRESSES_PER_PEER)
  })

  it('leaves the node\'s own entry uncapped', async () => {
    assert.ok(node !== undefined)
    await node.peerStore.merge(node.peerId, { multiaddrs: addrs(MAX_ADDRESSES_PER_PEER + 4, 600) })
    assert.ok((await node.peerStore.get(node.peerId)).addresses.length >= MAX_ADDRESSES_PER_PEER + 4)
  })
})
