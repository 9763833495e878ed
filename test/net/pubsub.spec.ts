/**
 * Gossipsub as kabar configures it, between real libp2p nodes: unsigned
 * messages (nothing names the author), content-addressed ids, delivery
 * through a relaying member, a message that fails the topic's validator
 * stopped at the first hop, and a non-member's publish dropped at the first
 * hop because no member scores it in.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { multiaddr } from '@multiformats/multiaddr'
import type { KabarLibp2p } from '../../src/net/libp2p.ts'
import { Pubsub, PubsubScores, UNKNOWN_PEER_SCORE, pubsubMessageId, topicForSecret } from '../../src/net/pubsub.ts'
import { toHex } from '../../src/crypto/index.ts'
import { addrsOf, createTestNode, encode, stopAll, waitFor } from './helpers.ts'

/** Two methods the GossipSub class has and its exported interface does not declare. */
interface RouterInternals { getMeshPeers: (topic: string) => string[], getScore: (peer: string) => number }
const internals = (p: Peer): RouterInternals => p.node.services.pubsub as unknown as RouterInternals

interface Peer { node: KabarLibp2p, pubsub: Pubsub, got: Array<{ text: string, id: string }>, rejected: number }

const TOPIC = topicForSecret(new Uint8Array(32).fill(1))
const text = (b: Uint8Array): string => new TextDecoder().decode(b)

async function peer (vouch: (id: string) => boolean): Promise<Peer> {
  const scores = new PubsubScores()
  scores.add(vouch)
  const node = await createTestNode({ transport: 'memory', pubsub: true, pubsubScores: scores, dhtServer: true })
  const router = node.services.pubsub
  assert.ok(router !== undefined)
  const p: Peer = { node, pubsub: new Pubsub(router), got: [], rejected: 0 }
  p.pubsub.join(TOPIC, {
    validate: (data) => {
      if (text(data).startsWith('ok:')) return 'accept'
      p.rejected++
      return 'reject'
    },
    deliver: (data, id) => { p.got.push({ text: text(data), id }) }
  })
  return p
}

describe('pubsub (gossipsub for private topics)', () => {
  let a: Peer, b: Peer, c: Peer, x: Peer
  const members = new Set<string>()

  before(async () => {
    a = await peer((id) => members.has(id))
    b = await peer((id) => members.has(id))
    c = await peer((id) => members.has(id))
    for (const p of [a, b, c]) members.add(p.node.peerId.toString())
    // The outsider would gladly talk to anyone.
    x = await peer(() => true)
    // a — b — c in a line; the outsider next to a and b.
    await a.node.dial(multiaddr(addrsOf(b.node)[0]))
    await b.node.dial(multiaddr(addrsOf(c.node)[0]))
    await x.node.dial(multiaddr(addrsOf(a.node)[0]))
    await x.node.dial(multiaddr(addrsOf(b.node)[0]))
    await waitFor('members see each other on the topic', () => a.pubsub.peers(TOPIC).length >= 1 && c.pubsub.peers(TOPIC).length >= 1 && b.pubsub.peers(TOPIC).length >= 2)
  })

  after(async () => {
    for (const p of [a, b, c, x]) p.pubsub.close()
    await stopAll([a?.node, b?.node, c?.node, x?.node])
  })

  it('names topics opaquely: the same secret gives the same 64-hex name, another secret another', () => {
    assert.match(TOPIC, /^[0-9a-f]{64}$/)
    assert.equal(topicForSecret(new Uint8Array(32).fill(1)), TOPIC)
    assert.notEqual(topicForSecret(new Uint8Array(32).fill(2)), TOPIC)
  })

  it('delivers a member\'s message through a relaying member, with a content-addressed id and no author on the wire', async () => {
    const data = encode('ok:hello')
    const { id } = await a.pubsub.publish(TOPIC, data)
    assert.equal(id, toHex(pubsubMessageId(data)))
    await waitFor('c gets the message via b', () => c.got.some((m) => m.text === 'ok:hello'))
    assert.deepEqual(c.got.find((m) => m.text === 'ok:hello')?.id, id)
    assert.equal(b.got.filter((m) => m.text === 'ok:hello').length, 1)
    assert.equal(b.node.services.pubsub?.globalSignaturePolicy, 'StrictNoSign')
  })

  it('stops a message that fails the validator at the first hop', async () => {
    const before = b.rejected
    await a.pubsub.publish(TOPIC, encode('bad:forged'))
    await waitFor('b rejects it', () => b.rejected > before)
    await a.pubsub.publish(TOPIC, encode('ok:after'))
    await waitFor('c gets the next good message', () => c.got.some((m) => m.text === 'ok:after'))
    assert.equal(c.rejected, 0, 'the bad message never reached c')
    assert.ok(!c.got.some((m) => m.text.startsWith('bad:')))
  })

  it('keeps a non-member out: not in any member\'s mesh, sent nothing, and its publish is stopped at the first hop', async () => {
    const xId = x.node.peerId.toString()
    const rejectedBefore = a.rejected + b.rejected
    const { recipients } = await x.pubsub.publish(TOPIC, encode('bad:from-outsider'))
    assert.ok(recipients >= 1, 'the outsider did send it')
    await a.pubsub.publish(TOPIC, encode('ok:marker'))
    await waitFor('the marker arrives at every member', () => [b, c].every((p) => p.got.some((m) => m.text === 'ok:marker')))
    await waitFor('the first hop rejects the outsider\'s message', () => a.rejected + b.rejected > rejectedBefore)
    assert.equal(c.rejected, 0, 'it went no further')
    assert.ok(!x.got.some((m) => m.text === 'ok:marker'), 'members send the outsider nothing')
    for (const p of [a, b]) {
      assert.ok(internals(p).getScore(xId) <= UNKNOWN_PEER_SCORE * 10)
      assert.ok(!internals(p).getMeshPeers(TOPIC).includes(xId))
    }
  })

})
