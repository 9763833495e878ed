/**
 * In-process kabar networks over the memory transport: a seed node every
 * other node bootstraps from, then people. Every wait is bounded.
 */
import { KabarNode } from '../../src/node/kabar-node.ts'
import type { NodeInit } from '../../src/node/config.ts'
import type { MessageView } from '../../src/node/types.ts'
import { waitFor as waitForAny } from '../utils/wait.ts'

export async function createNode (init: NodeInit = {}): Promise<KabarNode> {
  const node = await KabarNode.create({ transport: 'memory', allowLoopback: true, dhtTimeoutMs: 5_000, retryInitialMs: 100, retryMaxMs: 1_000, republishMs: 2_000, ...init })
  await node.start()
  return node
}

/** A seed and `count` nodes bootstrapped from it (only the seed's address is given to anyone). */
export async function createNetwork (count: number): Promise<{ seed: KabarNode, nodes: KabarNode[] }> {
  const seed = await createNode()
  const nodes: KabarNode[] = []
  for (let i = 0; i < count; i++) nodes.push(await createNode({ bootstrap: seed.multiaddrs }))
  return { seed, nodes }
}

export async function stopAll (nodes: Array<KabarNode | undefined>): Promise<void> {
  await Promise.allSettled(nodes.map(async (n) => { await n?.stop() }))
}

/** {@link waitForAny} with this suite's default deadline. */
export async function waitFor (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  await waitForAny(what, check, timeoutMs)
}

/** Waits until `node` has published records that at least one peer confirmed. */
export async function publishConfirmed (node: KabarNode, timeoutMs = 20_000): Promise<void> {
  await waitFor(`${node.address} to publish its records`, async () => {
    const r = await node.publish()
    return r.account > 0 && r.prekey > 0
  }, timeoutMs)
}

export async function waitForMessages (node: KabarNode, peer: string, count: number, timeoutMs = 20_000): Promise<MessageView[]> {
  let found: MessageView[] = []
  await waitFor(`${count} messages from ${peer}`, async () => {
    found = (await node.messages({ peer })).filter((m) => m.direction === 'in')
    return found.length >= count
  }, timeoutMs)
  return found
}

/** The message with `text` in `node`'s conversation with `peer`, once it is there (either direction). */
export async function waitForText (node: KabarNode, peer: string, text: string, timeoutMs = 20_000): Promise<MessageView> {
  let found: MessageView | undefined
  await waitFor(`"${text}" at ${node.address.slice(-6)}`, async () => {
    found = (await node.messages({ peer })).find((m) => m.text === text)
    return found !== undefined
  }, timeoutMs)
  return found as MessageView
}

export async function waitForStatus (node: KabarNode, id: string, status: string, timeoutMs = 20_000): Promise<void> {
  await waitFor(`message ${id} to be ${status}`, async () => (await node.message(id))?.status === status, timeoutMs)
}
