/**
 * The shared components every node service is built from, as js-libp2p hands
 * its services one `components` object (peer id, peer store, registrar,
 * events …) and each its own `init`. A service takes what it needs from here
 * and reaches another service only through an interface it declares in its
 * own init, never through that service's fields (docs/ARCHITECTURE.md).
 *
 * `openComponents` opens the store and everything kept in it, and builds the
 * libp2p node (not yet started); `KabarNode.create` then composes the
 * services from the result.
 */
import { EventEmitter } from 'node:events'
import type { RandomSource } from '../crypto/index.ts'
import { KabarError } from '../errors.ts'
import { createKabarLibp2p } from '../net/libp2p.ts'
import type { KabarLibp2p } from '../net/libp2p.ts'
import { privateKeyFromSeed } from '../net/peer-id.ts'
import { PubsubScores } from '../net/pubsub.ts'
import { dhtSelectors, dhtValidators, ed25519FromPeerIdString, peerIdStringFromEd25519 } from '../records/index.ts'
import type { IdentityKeyPair } from '../session/index.ts'
import { openStore } from '../store/index.ts'
import type { KabarStore } from '../store/index.ts'
import { AccountState } from './account.ts'
import type { NodeConfig } from './config.ts'
import { Directory } from './directory.ts'
import { loadOrCreateIdentity } from './identity.ts'
import { KnownPeers } from './known-peers.ts'
import { KeyedLock } from './lock.ts'
import { MessageLog } from './messaging/log.ts'
import { bindNetwork } from './network.ts'
import type { NetworkBinding } from './network.ts'
import { Prekeys } from './prekeys.ts'
import type { NodeEventName, NodeEvents } from './types.ts'

/** Emits a node event to the facade's listeners (and so to the API's /v1/events). */
export type Emit = <E extends NodeEventName>(event: E, payload: NodeEvents[E]) => void

/** Whether the node runs: set by the facade's start and stop, read by services that must not act on a stopped node. */
export interface Lifecycle {
  running: boolean
  /** When the node last started (clock ms). */
  startedAt: number
}

export interface NodeComponents {
  readonly config: NodeConfig
  readonly clock: () => number
  readonly random: RandomSource
  readonly store: KabarStore
  /** This device's keys; its Ed25519 key is the libp2p key. */
  readonly identity: IdentityKeyPair
  /** This device's address (its PeerId); the account's own address unless it was linked into another. */
  readonly address: string
  readonly libp2p: KabarLibp2p
  /** The kabar protocols over libp2p, and the peer store's addresses. */
  readonly network: NetworkBinding
  /** Other accounts' records, looked up in the DHT and cached. */
  readonly directory: Directory
  /** Locks per remote device (`<peerId>`) and per conversation (`conversation:<address>`). */
  readonly lock: KeyedLock
  readonly log: MessageLog
  readonly prekeys: Prekeys
  /** Contacts and our own account's devices: a larger budget (net/peer-guard.ts) and prekey quota. */
  readonly known: KnownPeers
  /** Our account: device certificates, business profile, membership of another account. */
  readonly account: AccountState
  readonly events: EventEmitter
  readonly emit: Emit
  readonly lifecycle: Lifecycle
  /** Who gossipsub lets in: each topic owner (groups) vouches for its members' devices. */
  readonly pubsubScores: PubsubScores
}

/** Opens the node's data (creating what is missing) and builds its libp2p node, not yet started. Closes the store again on failure. */
export async function openComponents (config: NodeConfig): Promise<NodeComponents> {
  const store = config.dataDir === undefined ? await openStore({ memory: true }) : await openStore({ dir: config.dataDir, ...(config.passphrase === undefined ? {} : { passphrase: config.passphrase }) })
  try {
    const { identity, createdAt } = await loadOrCreateIdentity(store, config.clock(), config.random)
    const prekeys = await Prekeys.load(store, config.clock(), config.random)
    const log = await MessageLog.open(store)
    const account = await AccountState.load(store, identity, createdAt)
    const known = await KnownPeers.load(store, account, peerIdStringFromEd25519, config.clock)
    const events = new EventEmitter()
    events.setMaxListeners(100)
    const emit: Emit = (event, payload) => { events.emit(event, payload) }
    const pubsubScores = new PubsubScores()
    const libp2p = await createKabarLibp2p({
      privateKey: privateKeyFromSeed(identity.signing.seed),
      listen: config.listen,
      transport: config.transport,
      ...(config.memoryTransport === undefined ? {} : { memoryTransport: config.memoryTransport }),
      bootstrap: config.bootstrap,
      lan: config.lan,
      mdns: config.mdns,
      pubsub: config.pubsub,
      pubsubScores,
      dhtValidators: dhtValidators(config.clock),
      dhtSelectors: dhtSelectors(config.clock),
      allowLoopback: config.allowLoopback,
      guard: { trusted: (peer) => known.has(peer), onDeny: (peerId, reason, denyMs) => { emit('peer:denied', { peerId, reason, seconds: Math.round(denyMs / 1000) }) } },
      start: false
    })
    return {
      config,
      clock: config.clock,
      random: config.random,
      store,
      identity,
      address: peerIdStringFromEd25519(identity.public.signingKey),
      libp2p,
      network: bindNetwork(libp2p),
      directory: new Directory({ dht: libp2p, store, clock: config.clock, timeoutMs: config.dhtTimeoutMs, cacheMs: config.recordCacheMs, connections: () => libp2p.getConnections().length }),
      lock: new KeyedLock(),
      log,
      prekeys,
      known,
      account,
      events,
      emit,
      lifecycle: { running: false, startedAt: 0 },
      pubsubScores
    }
  } catch (err) {
    await store.close()
    throw err
  }
}

/** NODE_STOPPED unless the node runs: operations that reach the network refuse on a stopped node. */
export function requireRunning (components: Pick<NodeComponents, 'lifecycle'>): void {
  if (!components.lifecycle.running) throw new KabarError('NODE_STOPPED', 'the node is not running')
}

/** An address's Ed25519 key; INVALID_CONFIG naming the address when it is not one. */
export function parseAddress (address: string): Uint8Array {
  try {
    return ed25519FromPeerIdString(address)
  } catch (err) {
    throw new KabarError('INVALID_CONFIG', `invalid address "${String(address)}"`, { cause: err })
  }
}
