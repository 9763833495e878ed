/**
 * The guard between two real nodes over TCP: every stream a peer opens is
 * charged (also those past a protocol's stream limit), a stream our handler
 * aborts is a fault, and a peer over budget is told of once, disconnected,
 * forgotten by the peer store and refused, while a trusted peer doing the
 * same stays. The first test checks that libp2p's connections still carry the
 * muxer the guard counts streams on; if an upgrade removes it, it fails.
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import type { Stream } from '@libp2p/interface'
import { PeerGuard } from '../../src/net/peer-guard.ts'
import type { KabarLibp2p } from '../../src/net/libp2p.ts'
import { createTestNode, stopAll, waitFor } from './helpers.ts'

const STRICT = '/kabar-test/strict/1.0.0'

describe('net/peer-guard', { timeout: 60_000 }, () => {
  const nodes: KabarLibp2p[] = []
  after(async () => { await stopAll(nodes) })

  async function victim (trusted: string[] = []): Promise<{ node: KabarLibp2p, denied: string[] }> {
    const denied: string[] = []
    const node = await createTestNode({ transport: 'tcp', guard: { burst: 300, trusted: (p) => trusted.includes(p), onDeny: (peer, reason) => { denied.push(`${peer} ${reason}`) } } })
    nodes.push(node)
    // A handler that finds every stream malformed.
    await node.handle(STRICT, (stream: Stream) => { stream.abort(new Error('malformed')) }, { maxInboundStreams: 2 })
    return { node, denied }
  }

  async function open (from: KabarLibp2p, to: KabarLibp2p): Promise<boolean> {
    try {
      const stream = await from.dialProtocol(to.peerId, STRICT, { signal: AbortSignal.timeout(2_000) })
      await new Promise((resolve) => { stream.addEventListener('close', resolve, { once: true }); setTimeout(resolve, 500) })
      return true
    } catch {
      return false
    }
  }

  it('counts the streams of real connections, and refuses a peer whose faults spend its budget', async () => {
    const { node: v, denied } = await victim()
    const mallory = await createTestNode({ transport: 'tcp' })
    nodes.push(mallory)
    await mallory.dial(v.getMultiaddrs()[0])
    await waitFor('the connection', () => v.getConnections(mallory.peerId).length > 0)
    const connection = v.getConnections(mallory.peerId)[0]
    assert.ok(connection !== undefined && PeerGuard.countsStreams(connection), 'libp2p connections still carry the muxer the guard listens to')

    for (let i = 0; i < 20 && v.getConnections(mallory.peerId).length > 0; i++) await open(mallory, v)
    await waitFor('mallory to be refused', () => v.services.guard.budget.isDenied(mallory.peerId.toString()) && v.getConnections(mallory.peerId).length === 0)
    assert.equal(denied.length, 1, 'told once')
    assert.match(denied[0] ?? '', new RegExp(`^${mallory.peerId.toString()} over budget: \\d+ faults`))
    assert.equal(await v.peerStore.has(mallory.peerId), false, 'what it planted in the peer store is gone')
    // Its handshake may complete on its side (Noise negotiates the muxer), but the victim drops it at once.
    await mallory.dial(v.getMultiaddrs()[0], { signal: AbortSignal.timeout(3_000) }).catch(() => undefined)
    assert.equal(await open(mallory, v), false, 'a new connection is refused')
    assert.equal(v.getConnections(mallory.peerId).length, 0)
    const stats = v.services.guard.stats()
    assert.ok(stats.charged.stream >= 5 && stats.charged.fault >= 5 && stats.refused >= 1 && stats.denials === 1)
  })

  it('gives a trusted peer the larger budget', async () => {
    const alice = await createTestNode({ transport: 'tcp' })
    nodes.push(alice)
    const { node: v, denied } = await victim([alice.peerId.toString()])
    await alice.dial(v.getMultiaddrs()[0])
    for (let i = 0; i < 10; i++) await open(alice, v)
    assert.deepEqual(denied, [])
    assert.ok(v.getConnections(alice.peerId).length > 0)
  })
})
