/**
 * A hostile peer for test/e2e/hostile.spec.ts: a stock libp2p node built from
 * the libp2p packages directly (TCP, the noise package's own defaults, yamux,
 * identify) — no kabar assembly — that speaks kabar's protocols and the kad
 * protocol by hand, badly on purpose. Every loop here is bounded in count, and
 * every wait in time; every failure to reach the victim is counted, never thrown.
 */
import { randomBytes } from 'node:crypto'
import { noise } from '@chainsafe/libp2p-noise'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { identify } from '@libp2p/identify'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { yamux } from '@libp2p/yamux'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import type { Libp2p, PeerId, Stream } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import { varint } from '../net/protocols/helpers.ts'

export const KAD = '/kabar/kad/1.0.0'
export const MSG = '/kabar/msg/1.0.0'
export const PREKEY = '/kabar/prekey/1.0.0'
export const LINK = '/kabar/link/1.0.0'

// ---- protobuf, by hand (the kad spec's Message; field numbers from libp2p/specs kad-dht) ----

function field (no: number, bytes: Uint8Array): number[] {
  return [...varint((no << 3) | 2), ...varint(bytes.length), ...bytes]
}

/** An unsigned-varint length-prefixed frame. */
export function frame (body: Uint8Array): Uint8Array {
  return Uint8Array.from([...varint(body.length), ...body])
}

export const KadType = { PUT_VALUE: 0, GET_VALUE: 1, ADD_PROVIDER: 2, GET_PROVIDERS: 3, FIND_NODE: 4, PING: 5 } as const

export interface KadPeer { id: Uint8Array, addrs: Uint8Array[] }

function peer (p: KadPeer): Uint8Array {
  return Uint8Array.from([...field(1, p.id), ...p.addrs.flatMap((a) => field(2, a))])
}

export function kadMessage (m: { type: number, key?: Uint8Array, record?: Uint8Array, closer?: KadPeer[], providers?: KadPeer[] }): Uint8Array {
  return Uint8Array.from([
    ...varint(1 << 3), ...varint(m.type),
    ...(m.key === undefined ? [] : field(2, m.key)),
    ...(m.record === undefined ? [] : field(3, m.record)),
    ...(m.closer ?? []).flatMap((p) => field(8, peer(p))),
    ...(m.providers ?? []).flatMap((p) => field(9, peer(p)))
  ])
}

/** A kad Record { key, value } (the PUT_VALUE payload). */
export function kadRecord (key: Uint8Array, value: Uint8Array): Uint8Array {
  return Uint8Array.from([...field(1, key), ...field(2, value)])
}

/** A CIDv0 key (a bare sha2-256 multihash), what provider messages carry. */
export function cidKey (): Uint8Array {
  return Uint8Array.from([0x12, 0x20, ...randomBytes(32)])
}

/** `n` distinct addresses nobody listens on (TEST-NET-3, never dialled by the victim's tests). */
export function fakeAddrs (n: number, salt = 0): Multiaddr[] {
  return Array.from({ length: n }, (_, i) => multiaddr(`/ip4/203.0.113.${(i + salt) % 250 + 1}/tcp/${1024 + i + salt * 1000}`))
}

/** A fresh peer id (for planting peers that do not exist). */
export async function fakePeerId (): Promise<PeerId> {
  return peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
}

// ---- the node ----

export interface AttackStats {
  streams: number
  bytes: number
  /** Dials or streams the victim refused or closed. */
  refused: number
  connections: number
  /** Kad requests the victim sent the attacker, each answered with the planted peers. */
  answered: number
  /** Why opens failed, by error name. */
  errors: Record<string, number>
}

export class Attacker {
  readonly node: Libp2p
  readonly stats: AttackStats = { streams: 0, bytes: 0, refused: 0, connections: 0, answered: 0, errors: {} }
  readonly #victim: Multiaddr

  private constructor (node: Libp2p, victim: Multiaddr) {
    this.node = node
    this.#victim = victim
  }

  /**
   * A stock node that announces `announce` addresses through identify and
   * answers every kad request the victim sends it with `closer` planted peers.
   */
  static async create (victim: string, options: { announce?: Multiaddr[], closer?: KadPeer[] } = {}): Promise<Attacker> {
    const node = await createLibp2p({
      privateKey: await generateKeyPair('Ed25519'),
      addresses: { listen: ['/ip4/127.0.0.1/tcp/0'], announce: (options.announce ?? []).map((a) => a.toString()) },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      services: { identify: identify(), ping: ping() }
    })
    const attacker = new Attacker(node, multiaddr(victim))
    // Speak "kad" so the victim takes us for a DHT server and asks us things; answer with junk peers.
    await node.handle(KAD, async (stream) => {
      const answer = frame(kadMessage({ type: KadType.FIND_NODE, closer: options.closer ?? [] }))
      await readSome(stream, 2_000)
      attacker.stats.answered++
      attacker.#send(stream, answer)
      await stream.close().catch(() => { stream.abort(new Error('done')) })
    }, { maxInboundStreams: 64 })
    return attacker
  }

  get peerId (): PeerId {
    return this.node.peerId
  }

  /** Opens a stream of `protocol` to the victim, or undefined when refused (counted). */
  async open (protocol: string): Promise<Stream | undefined> {
    try {
      const stream = await this.node.dialProtocol(this.#victim, protocol, { signal: AbortSignal.timeout(3_000) })
      this.stats.streams++
      return stream
    } catch (err) {
      this.stats.refused++
      const name = (err as Error).name
      this.stats.errors[name] = (this.stats.errors[name] ?? 0) + 1
      return undefined
    }
  }

  #send (stream: Stream, bytes: Uint8Array): void {
    try {
      stream.send(bytes)
      this.stats.bytes += bytes.length
    } catch { /* the victim reset it */ }
  }

  /** One stream: sends `bytes`, closes its end, waits (bounded) for whatever comes back. */
  async shoot (protocol: string, bytes: Uint8Array, waitMs = 1_000): Promise<Uint8Array> {
    const stream = await this.open(protocol)
    if (stream === undefined) return new Uint8Array(0)
    this.#send(stream, bytes)
    await stream.close({ signal: AbortSignal.timeout(waitMs) }).catch(() => {})
    const got = await readSome(stream, waitMs)
    stream.abort(new Error('done'))
    return got
  }

  /** A stream that never sends a byte, held until `holdMs` passes or the victim drops it. */
  async silent (protocol: string, holdMs: number): Promise<void> {
    const stream = await this.open(protocol)
    if (stream === undefined) return
    await readSome(stream, holdMs)
    stream.abort(new Error('done'))
  }

  /** A stream that sends a valid-looking frame one byte every `everyMs`, `count` bytes at most. */
  async trickle (protocol: string, count: number, everyMs: number): Promise<void> {
    const stream = await this.open(protocol)
    if (stream === undefined) return
    const body = frame(randomBytes(count))
    for (let i = 0; i < Math.min(count, body.length); i++) {
      if (stream.status !== 'open') break
      this.#send(stream, body.subarray(i, i + 1))
      await sleep(everyMs)
    }
    stream.abort(new Error('done'))
  }

  /** Dials the victim and stays connected (so identify tells it our protocols). */
  async connect (): Promise<void> {
    await this.node.dial(this.#victim, { signal: AbortSignal.timeout(3_000) })
    this.stats.connections++
  }

  /** Dials and hangs up `times` times (connection churn). */
  async churn (times: number): Promise<void> {
    for (let i = 0; i < times; i++) {
      try {
        await this.node.dial(this.#victim, { signal: AbortSignal.timeout(3_000) })
        this.stats.connections++
      } catch {
        this.stats.refused++
      }
      await this.node.hangUp(this.#victim).catch(() => {})
    }
  }

  /** Whether the victim still lets us open a stream at all. */
  async admitted (): Promise<boolean> {
    const stream = await this.open(PREKEY)
    stream?.abort(new Error('probe'))
    return stream !== undefined
  }

  async stop (): Promise<void> {
    await this.node.stop()
  }
}

/** Whatever arrives on `stream` within `ms` (or until it ends), joined. */
async function readSome (stream: Stream, ms: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    stream.addEventListener('message', (evt) => { chunks.push(evt.data.subarray()) })
    stream.addEventListener('remoteCloseWrite', () => { clearTimeout(timer); resolve() }, { once: true })
    stream.addEventListener('close', () => { clearTimeout(timer); resolve() }, { once: true })
  })
  await done
  return Uint8Array.from(chunks.flatMap((c) => [...c]))
}

export async function sleep (ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms))
}
