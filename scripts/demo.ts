/**
 * `npm run demo`: a small kabar network on loopback — a bootstrap node and two
 * people, each in a temporary data directory — that finds each other through
 * the DHT, exchanges messages both ways, and prints the transcript with the
 * delivery state of every message. Everything is removed afterwards.
 */
import '../src/polyfill.ts'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KabarNode } from '../src/node/kabar-node.ts'
import type { MessageView } from '../src/node/types.ts'

const LISTEN = ['/ip4/127.0.0.1/tcp/0']

async function waitFor (check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return false
}

const short = (address: string): string => `${address.slice(0, 12)}…${address.slice(-4)}`

async function main (): Promise<number> {
  const root = await mkdtemp(join(tmpdir(), 'kabar-demo-'))
  const nodes: KabarNode[] = []
  try {
    const seed = await KabarNode.create({ dataDir: join(root, 'bootstrap'), listen: LISTEN })
    nodes.push(seed)
    await seed.start()
    console.log(`bootstrap  ${seed.multiaddrs[0] ?? ''}`)
    const [alice, bob] = await Promise.all(['alice', 'bob'].map(async (name) => {
      const node = await KabarNode.create({ dataDir: join(root, name), listen: LISTEN, bootstrap: seed.multiaddrs })
      nodes.push(node)
      await node.start()
      console.log(`${name.padEnd(10)} ${node.address}`)
      return node
    })) as [KabarNode, KabarNode]

    for (const node of [alice, bob]) {
      const ok = await waitFor(async () => { const r = await node.publish(); return r.account > 0 && r.prekey > 0 }, 30_000)
      if (!ok) throw new Error('records were not published to the DHT in time')
    }
    console.log('\nboth published their records to the DHT; alice knows only bob\'s address\n')

    const script: Array<[KabarNode, KabarNode, string]> = [
      [alice, bob, 'Hi Bob! Found you through the DHT.'],
      [bob, alice, 'Hi Alice. End to end, PQXDH + Double Ratchet, no relay.'],
      [alice, bob, 'Nothing between us but a Noise stream.'],
      [bob, alice, 'And our safety numbers match.']
    ]
    const sent: Array<[KabarNode, MessageView]> = []
    for (const [from, to, text] of script) {
      const message = await from.send(to.address, text)
      sent.push([from, message])
      await waitFor(async () => (await from.message(message.id))?.status === 'delivered', 30_000)
    }

    console.log('transcript:')
    for (const [from, message] of sent) {
      const now = await from.message(message.id)
      const who = from === alice ? 'alice' : 'bob'
      console.log(`  #${message.seq} ${who.padEnd(5)} → ${short(message.to)}  [${now?.status ?? '?'}]  ${message.text}`)
    }
    console.log(`\nsafety number (both sides): ${await alice.safetyNumber(bob.address)}`)
    const allDelivered = (await Promise.all(sent.map(async ([from, m]) => (await from.message(m.id))?.status === 'delivered'))).every(Boolean)
    const atBob = (await bob.messages({ peer: alice.address })).filter((m) => m.direction === 'in').length
    const atAlice = (await alice.messages({ peer: bob.address })).filter((m) => m.direction === 'in').length
    console.log(`received: bob ${atBob}, alice ${atAlice}; all delivered: ${allDelivered ? 'yes' : 'no'}`)
    return allDelivered && atBob === 2 && atAlice === 2 ? 0 : 1
  } finally {
    await Promise.allSettled(nodes.map(async (n) => { await n.stop() }))
    await rm(root, { recursive: true, force: true })
  }
}

main().then((code) => { process.exitCode = code }, (err: unknown) => {
  console.error(`demo: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
})
