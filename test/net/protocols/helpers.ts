/**
 * Helpers for the /kabar/msg and /kabar/prekey specs: connected node pairs,
 * raw protocol streams for sending bytes no correct peer sends, and a bounded
 * wait for "the remote reset this stream". Every wait has a deadline.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import type { PeerId, Stream } from '@libp2p/interface'
import type { KabarLibp2p } from '../../../src/net/libp2p.ts'
import { createTestNode, waitFor } from '../helpers.ts'

export type Transport = 'memory' | 'tcp'

/** A started node connected to `to` (dialled directly, no DHT). */
export async function connectedNode (transport: Transport, to: KabarLibp2p): Promise<KabarLibp2p> {
  const node = await createTestNode({ transport })
  await node.dial(to.getMultiaddrs(), { signal: AbortSignal.timeout(10_000) })
  return node
}

/** Opens `protocol` to `peer` without any of kabar's framing, for raw bytes. */
export async function rawStream (from: KabarLibp2p, peer: PeerId, protocol: string): Promise<Stream> {
  return from.dialProtocol(peer, protocol, { signal: AbortSignal.timeout(5_000) })
}

/** Writes `bytes` as they are, as one buffer. */
export async function writeRaw (stream: Stream, bytes: Uint8Array): Promise<void> {
  if (!stream.send(bytes)) await stream.onDrain({ signal: AbortSignal.timeout(5_000) })
}

/** Waits (bounded) until the remote has reset `stream`, and fails if it ended any other way. */
export async function expectRemoteReset (stream: Stream, timeoutMs = 5_000): Promise<void> {
  await waitFor(`stream ${stream.id} to end`, () => stream.status !== 'open', timeoutMs)
  assert.equal(stream.status, 'reset', `expected a remote reset, the stream ended as ${stream.status}`)
}

/** Resolves with how long `run` took in ms. */
export async function timed (run: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await run()
  return performance.now() - start
}

/** A random 16-byte envelope id, typed for protons' encoders. */
export function freshId (): Uint8Array<ArrayBuffer> {
  return new Uint8Array(randomBytes(16))
}

/** Bytes `[tag, ...filler]` of the given length: the payload's first byte tells the test receiver what to do. */
export function payload (tag: number, length = 32): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length).fill(0x5a)
  out[0] = tag
  return out
}

/** An unsigned varint, for hand-made length prefixes. */
export function varint (n: number): Uint8Array {
  const out: number[] = []
  let v = n
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80)
    v = Math.floor(v / 0x80)
  }
  out.push(v)
  return Uint8Array.from(out)
}

export function concatBytes (...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.byteLength
  }
  return out
}
