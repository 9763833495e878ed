/**
 * Small helpers shared by the net specs: test nodes with a trivial `kabar-test`
 * DHT namespace, bounded polling, and stopping nodes without masking a test
 * failure. Every wait here has a deadline, so a broken network fails a test
 * instead of hanging the run.
 */
import { randomBytes } from 'node:crypto'
import { createKabarLibp2p } from '../../src/net/libp2p.ts'
import type { KabarLibp2p, KabarLibp2pInit } from '../../src/net/libp2p.ts'
import { privateKeyFromSeed } from '../../src/net/peer-id.ts'
import { waitFor as waitForAny } from '../utils/wait.ts'

export const TEST_NAMESPACE = 'kabar-test'
const VALID_PREFIX = new TextEncoder().encode('ok:')

/** Accepts values starting with `ok:`; anything else is a forgery. */
export function testValidator (_key: Uint8Array, value: Uint8Array): void {
  if (value.length < VALID_PREFIX.length || VALID_PREFIX.some((b, i) => value[i] !== b)) {
    throw new Error('forged kabar-test record')
  }
}

/** Picks the longest value, so a "newer" record can be told apart in tests. */
export function testSelector (_key: Uint8Array, values: Uint8Array[]): number {
  let best = 0
  values.forEach((v, i) => { if (v.length > (values[best]?.length ?? 0)) best = i })
  return best
}

export const encode = (s: string): Uint8Array => new TextEncoder().encode(s)

let counter = 0
/** A `/memory/…` address unique within this process. */
export function memoryAddr (): string {
  return `/memory/kabar-test-${process.pid}-${++counter}-${randomBytes(4).toString('hex')}`
}

export type TestNodeInit = Partial<KabarLibp2pInit> & Pick<KabarLibp2pInit, 'transport'>

/** A started node with the `kabar-test` namespace registered and a fresh key. */
export async function createTestNode (init: TestNodeInit): Promise<KabarLibp2p> {
  return createKabarLibp2p({
    privateKey: privateKeyFromSeed(randomBytes(32)),
    listen: init.transport === 'tcp' ? ['/ip4/127.0.0.1/tcp/0'] : [memoryAddr()],
    dhtValidators: { [TEST_NAMESPACE]: testValidator },
    dhtSelectors: { [TEST_NAMESPACE]: testSelector },
    allowLoopback: true,
    ...init
  })
}

/** Dialable addresses of `node`, each ending in `/p2p/<id>`. */
export function addrsOf (node: KabarLibp2p): string[] {
  return node.getMultiaddrs().map((ma) => ma.toString())
}

/** {@link waitForAny} with this suite's default deadline. */
export async function waitFor (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  await waitForAny(what, check, timeoutMs)
}

/** Stops every node, each bounded, reporting the first failure only after all were tried. */
export async function stopAll (nodes: Array<KabarLibp2p | undefined>): Promise<void> {
  const results = await Promise.allSettled(nodes.map(async (node) => {
    if (node === undefined) return
    await Promise.race([
      node.stop(),
      new Promise((_resolve, reject) => setTimeout(() => { reject(new Error('node.stop() took over 10 s')) }, 10_000).unref())
    ])
  }))
  const failed = results.find((r) => r.status === 'rejected')
  if (failed !== undefined) throw failed.reason
}

/** True when `a` holds at least one open connection to `b`. */
export function connected (a: KabarLibp2p, b: KabarLibp2p): boolean {
  return a.getConnections(b.peerId).some((c) => c.status === 'open')
}
