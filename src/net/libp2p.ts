/**
 * Assembles kabar's libp2p node: TCP or in-memory transport, Noise, yamux,
 * identify, ping (kabar's own, see ping.ts), a kad-dht on kabar's own protocol
 * id with kabar's record validators and selectors, and, only when asked for
 * (`pubsub: true`), gossipsub for groups. No kabar feature uses gossipsub yet,
 * and a running router costs every node a heartbeat a second and a pubsub
 * stream on every connection (docs/DECISIONS.md), so it is off by default.
 * No circuit relay: kabar is relay-less by design (DESIGN.md).
 *
 * The settings below each answer a failure seen on these machines
 * (/work/shared/STACK.md): private addresses dropped from DHT routing tables
 * on a LAN, nodes stuck in DHT client mode, loopback dials refused by the
 * inbound rate limit (exempted only with `allowLoopback`: simulations and tests),
 * and a late connection-monitor ping crashing the process. Every remote peer is
 * on a budget (peer-guard.ts), and what any peer can plant is capped: addresses
 * and protocols per peer in the peer store (peer-store-cap.ts), provider
 * messages, stored records and the peers DHT answers name (dht-guard.ts).
 * Each node's peer store also gets locks of its own (peer-store-locks.ts):
 * otherwise every node of a process shares one lock per remote peer. The DHT's
 * routing table takes in only peers the node has a connection to
 * (dht-contacts.ts), not every peer a DHT answer names, and Noise runs on
 * kabar's X25519 (noise-crypto.ts): both cut what each connection costs.
 *
 * The caller must have loaded `src/polyfill.ts` (Promise.withResolvers) before
 * this module: Node 20 lacks it and libp2p 3 calls it on every ping and stop.
 *
 * @example
 * ```ts
 * import './polyfill.ts'
 * const node = await createKabarLibp2p({
 *   privateKey: privateKeyFromSeed(seed),
 *   listen: ['/ip4/127.0.0.1/tcp/0'],
 *   transport: 'tcp',
 *   dhtValidators: { 'kabar-prekey': validatePrekey },
 *   dhtSelectors: { 'kabar-prekey': selectPrekey }
 * })
 * ```
 */
import { noise } from '@chainsafe/libp2p-noise'
import { identify } from '@libp2p/identify'
import { kadDHT, passthroughMapper, removePrivateAddressesMapper } from '@libp2p/kad-dht'
import { mdns } from '@libp2p/mdns'
import { memory } from '@libp2p/memory'
import { tcp } from '@libp2p/tcp'
import { yamux } from '@libp2p/yamux'
import { createLibp2p } from 'libp2p'
import type { GossipSub } from '@libp2p/gossipsub'
import type { Identify } from '@libp2p/identify'
import type { ComponentLogger, Libp2p, PeerId, PrivateKey, Transport } from '@libp2p/interface'
import type { KadDHT, Selectors, Validators } from '@libp2p/kad-dht'
import { DHT_MAX_INBOUND_STREAMS, KABAR_DHT_DISJOINT_PATHS, KABAR_DHT_PROTOCOL, LOOPBACK_ALLOW, MDNS_SERVICE_TAG } from './constants.ts'
import { tableFromConversations } from './dht-contacts.ts'
import { guardDht } from './dht-guard.ts'
import { kabarDialer } from './dialer.ts'
import { kabarNoiseCrypto } from './noise-crypto.ts'
import type { KabarDialer } from './dialer.ts'
import { PeerGuard } from './peer-guard.ts'
import type { PeerGuardInit } from './peer-guard.ts'
import { capPeerStore } from './peer-store-cap.ts'
import { isolatePeerStoreLocks } from './peer-store-locks.ts'
import { PubsubScores, kabarGossipsub } from './pubsub.ts'
import { kabarPing } from './ping.ts'
import type { KabarPing } from './ping.ts'

export interface KabarLibp2pInit {
  /** The device's libp2p identity (see `privateKeyFromSeed` in peer-id.ts). */
  privateKey: PrivateKey
  /** Listen multiaddrs, e.g. `/ip4/127.0.0.1/tcp/0` or `/memory/<name>`. */
  listen: string[]
  /** `memory` connects nodes of one process only (tests, simulations). */
  transport: 'tcp' | 'memory'
  /**
   * With `transport: 'memory'`, the transport to use instead of @libp2p/memory (which only
   * connects nodes of one thread) for the same `/memory/…` addresses: the simulation's
   * transport between worker threads. Everything else about a memory node stays as it is.
   */
  memoryTransport?: MemoryTransportFactory
  /** Multiaddrs dialled (in the background, bounded) once the node has started. */
  bootstrap?: string[]
  /** DHT record validators by namespace: key `/kabar-prekey/…` uses `dhtValidators['kabar-prekey']`. */
  dhtValidators?: Validators
  /** DHT record selectors by namespace (the index of the best of several records). */
  dhtSelectors?: Selectors
  /** Keep private and loopback addresses in DHT peer records (LAN, tests). Default true. */
  lan?: boolean
  /** Answer DHT queries from the start instead of waiting to be publicly reachable. Default true. */
  dhtServer?: boolean
  /** The DHT protocol id. Default `/kabar/kad/1.0.0`; another id makes a separate, invisible DHT. */
  dhtProtocol?: string
  /** Kademlia k: bucket size and peers per lookup. Default kad-dht's 20. */
  kBucketSize?: number
  /**
   * Disjoint paths per DHT query. Default 1 (one Kademlia lookup, as go-libp2p-kad-dht does).
   * kad-dht 16 defaults to alpha (10): each path keeps its own k closest, so a query asked
   * up to ~10 × k peers — in a network of a few hundred, nearly everyone, each a connection
   * (docs/DECISIONS.md). kabar's records are signed, so a path through a lying peer can
   * withhold a record but never forge one.
   */
  disjointPaths?: number
  /**
   * Run DHT queries even with an empty routing table. Default: only when there is no bootstrap
   * list — a seed or lone node then stores and reads its own records at once, while a node with
   * bootstrap peers waits for the first of them so its initial self-lookup fills its table.
   */
  allowQueryWithZeroPeers?: boolean
  /** Discover and dial peers on the local network by multicast DNS (TCP only). Default false. */
  mdns?: boolean
  /** Run gossipsub (`services.pubsub`). Default false: no kabar feature uses it yet, and it costs a stream per connection and a heartbeat a second. */
  pubsub?: boolean
  /** Who gossipsub lets in (net/pubsub.ts): a peer no topic owner vouches for is graylisted. */
  pubsubScores?: PubsubScores
  /**
   * Exempt the loopback range from libp2p's per-host inbound connection limits. Default false:
   * only simulations and tests, which run many nodes on 127.0.0.1, ask for it; a node a person
   * runs keeps the limits for local peers too (any local process could otherwise churn freely).
   */
  allowLoopback?: boolean
  /** The per-peer budget (peer-guard.ts): who is trusted, who is told of a denial, and its sizes. */
  guard?: PeerGuardInit
  /** Start the node before returning. Default true. */
  start?: boolean
}

/** A libp2p transport factory for `/memory/…` addresses (see `KabarLibp2pInit.memoryTransport`). */
export type MemoryTransportFactory = (components: { peerId: PeerId, logger: ComponentLogger }) => Transport

// A type alias, not an interface: libp2p's ServiceMap needs an index-signature-compatible shape.
export type KabarServices = {
  identify: Identify
  ping: KabarPing
  dht: KadDHT
  /** Present only when the node was built with `pubsub: true`. */
  pubsub?: GossipSub
  dialer: KabarDialer
  guard: PeerGuard
}

export type KabarLibp2p = Libp2p<KabarServices>

/** Builds (and by default starts) a kabar libp2p node; see the module doc for why each setting is there. */
export async function createKabarLibp2p (init: KabarLibp2pInit): Promise<KabarLibp2p> {
  const lan = init.lan ?? true
  const bootstrap = init.bootstrap ?? []
  const useMdns = init.mdns === true
  if (useMdns && init.transport !== 'tcp') throw new TypeError('mdns needs the tcp transport')
  const pubsub = init.pubsub === true ? { pubsub: kabarGossipsub(init.pubsubScores ?? new PubsubScores()) } : {}
  const guard = new PeerGuard(init.guard)

  const node = await createLibp2p<KabarServices>({
    privateKey: init.privateKey,
    start: false,
    addresses: { listen: init.listen },
    transports: init.transport === 'tcp' ? [tcp()] : [init.memoryTransport ?? memory()],
    // Noise with kabar's X25519 (noise-crypto.ts): the default imports every DH's keys through slow DER.
    connectionEncrypters: [noise({ crypto: kabarNoiseCrypto })],
    // Over TCP, yamux pings every connection every 30 s (and once at its start) to find dead
    // paths and keep NAT mappings open. A memory connection cannot die silently (a stopping peer
    // closes it) and crosses no NAT, so in-process networks skip the pings: each is a frame through
    // Noise at both ends, and in one process they grow with nodes × connections per node — all of a
    // 60-node network's idle traffic (docs/SIMULATION.md).
    streamMuxers: [init.transport === 'memory' ? yamux({ enableKeepAlive: false }) : yamux()],
    peerDiscovery: useMdns ? [mdns({ serviceTag: MDNS_SERVICE_TAG })] : [],
    // Many local nodes share 127.0.0.1: simulations and tests exempt loopback from the per-host inbound limits.
    connectionManager: { allow: init.allowLoopback === true ? [...LOOPBACK_ALLOW] : [] },
    connectionGater: guard.gater,
    // Off. It pinged every connection every 10 s over a fresh stream; since a late ping in a
    // CPU-starved process aborted connections and crashed runs (STACK.md), kabar had already
    // stopped acting on its result, so the pings only measured RTT, which nothing reads. They were
    // the most frequent stream of all: 64/s in an idle 25-node network (docs/SIMULATION.md).
    // A dead peer still shows itself: its streams fail, and yamux/TCP close the connection.
    connectionMonitor: { enabled: false },
    services: {
      identify: identify(),
      // Our own ping: @libp2p/ping 3.1 can hold a finished stream open for 10 s (see ping.ts).
      ping: kabarPing(),
      dht: kadDHT({
        protocol: init.dhtProtocol ?? KABAR_DHT_PROTOCOL,
        logPrefix: 'kabar:kad-dht',
        metricsPrefix: 'kabar_kad_dht',
        // Memory addresses are never "public", so the default mapper would drop them too.
        peerInfoMapper: lan || init.transport === 'memory' ? passthroughMapper : removePrivateAddressesMapper,
        // undefined = kad-dht's autodetect: server once a public address is confirmed.
        clientMode: (init.dhtServer ?? true) ? false : undefined,
        allowQueryWithZeroPeers: init.allowQueryWithZeroPeers ?? bootstrap.length === 0,
        validators: { ...init.dhtValidators },
        selectors: { ...init.dhtSelectors },
        disjointPaths: init.disjointPaths ?? KABAR_DHT_DISJOINT_PATHS,
        maxInboundStreams: DHT_MAX_INBOUND_STREAMS,
        ...(init.kBucketSize === undefined ? {} : { kBucketSize: init.kBucketSize })
      }),
      ...pubsub,
      dialer: kabarDialer({ bootstrap, dialOnDiscovery: useMdns }),
      guard: guard.service
    }
  })
  // Before start, when the peer store takes its first locks: see peer-store-locks.ts.
  isolatePeerStoreLocks(node)
  // Before start too, before the first DHT answer arrives: see dht-contacts.ts.
  tableFromConversations(node)
  // Before start too: what a peer can plant in the peer store and the DHT (peer-store-cap.ts, dht-guard.ts).
  capPeerStore(node)
  guardDht(node)
  if (init.start ?? true) await node.start()
  return node
}
