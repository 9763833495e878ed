/**
 * kabar's X25519 for Noise (src/net/noise-crypto.ts) computes what
 * @chainsafe/libp2p-noise's default computes, so a kabar node's handshakes
 * interoperate with any other libp2p node: the same shared secrets for random
 * keys in both directions, the same public key from a seed, chunked keys
 * accepted, a low-order point refused, and a real handshake with a stock node.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { noise } from '@chainsafe/libp2p-noise'
import { defaultCrypto } from '@chainsafe/libp2p-noise/crypto'
import { identify } from '@libp2p/identify'
import { memory } from '@libp2p/memory'
import { yamux } from '@libp2p/yamux'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import type { Libp2p } from '@libp2p/interface'
import { Uint8ArrayList } from 'uint8arraylist'
import { kabarNoiseCrypto } from '../../src/net/noise-crypto.ts'
import { privateKeyFromSeed } from '../../src/net/peer-id.ts'
import { createTestNode, memoryAddr, stopAll, waitFor } from './helpers.ts'
import type { KabarLibp2p } from '../../src/net/libp2p.ts'

type NoiseKey = Parameters<typeof kabarNoiseCrypto.generateX25519SharedKey>[0]

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

describe('net/noise-crypto', { timeout: 30_000 }, () => {
  it('agrees with the default crypto on 50 random key pairs, both ways', () => {
    for (let i = 0; i < 50; i++) {
      const a = kabarNoiseCrypto.generateX25519KeyPair()
      const b = defaultCrypto.generateX25519KeyPair()
      const ours = kabarNoiseCrypto.generateX25519SharedKey(a.privateKey, b.publicKey)
      assert.equal(ours.length, 32)
      assert.equal(hex(ours), hex(defaultCrypto.generateX25519SharedKey(a.privateKey, b.publicKey)))
      assert.equal(hex(ours), hex(kabarNoiseCrypto.generateX25519SharedKey(b.privateKey, a.publicKey)))
      // The same private key again (Noise reuses its ephemeral and static keys): the same answer.
      assert.equal(hex(kabarNoiseCrypto.generateX25519SharedKey(a.privateKey, b.publicKey)), hex(ours))
    }
  })

  it('derives the public key of a seed as the default does, and keeps the seed as the private key', () => {
    const seed = new Uint8Array(randomBytes(32))
    const ours = kabarNoiseCrypto.generateX25519KeyPairFromSeed(seed)
    const theirs = defaultCrypto.generateX25519KeyPairFromSeed(seed)
    assert.equal(hex(ours.publicKey), hex(theirs.publicKey))
    assert.equal(hex(ours.privateKey), hex(seed))
  })

  it('takes keys split across a Uint8ArrayList', () => {
    const a = kabarNoiseCrypto.generateX25519KeyPair()
    const b = kabarNoiseCrypto.generateX25519KeyPair()
    // Noise 17 bundles uint8arraylist 2; a list of v3 has the same runtime shape (subarray()).
    const split = (k: Uint8Array): NoiseKey => new Uint8ArrayList(k.slice(0, 7), k.slice(7)) as unknown as NoiseKey
    const whole = kabarNoiseCrypto.generateX25519SharedKey(a.privateKey, b.publicKey)
    assert.equal(hex(kabarNoiseCrypto.generateX25519SharedKey(split(a.privateKey), split(b.publicKey))), hex(whole))
  })

  it('refuses a low-order public key instead of returning an all-zero secret', () => {
    const a = kabarNoiseCrypto.generateX25519KeyPair()
    assert.throws(() => kabarNoiseCrypto.generateX25519SharedKey(a.privateKey, new Uint8Array(32)))
  })

  it('completes a handshake with a node on the stock Noise crypto, both directions', async () => {
    let stock: Libp2p | undefined
    let ours: KabarLibp2p | undefined
    try {
      stock = await createLibp2p({
        privateKey: privateKeyFromSeed(randomBytes(32)),
        addresses: { listen: [memoryAddr()] },
        transports: [memory()],
        connectionEncrypters: [noise()],
        streamMuxers: [yamux()],
        connectionMonitor: { enabled: false },
        services: { identify: identify() }
      })
      ours = await createTestNode({ transport: 'memory' })
      const out = await ours.dial(stock.getMultiaddrs(), { signal: AbortSignal.timeout(10_000) })
      assert.equal(out.remotePeer.toString(), stock.peerId.toString())
      assert.equal(out.encryption, '/noise')
      await ours.hangUp(stock.peerId)
      const [s0, o0] = [stock, ours]
      await waitFor('the stock side to see the connection closed', () => s0.getConnections(o0.peerId).length === 0)
      const back = await stock.dial(multiaddr(ours.getMultiaddrs()[0]?.toString() ?? ''), { signal: AbortSignal.timeout(10_000) })
      assert.equal(back.remotePeer.toString(), ours.peerId.toString())
      assert.equal(back.status, 'open')
    } finally {
      await stock?.stop()
      await stopAll([ours])
    }
  })
})
