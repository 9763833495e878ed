/**
 * Options of a KabarNode, their defaults, and eager validation: a bad option
 * fails at creation with a message naming it, never later inside libp2p.
 */
import { defaultRandom } from '../crypto/index.ts'
import type { RandomSource } from '../crypto/index.ts'
import { KabarError } from '../errors.ts'
import { DHT_GET_TIMEOUT_MS } from '../net/constants.ts'
import type { MemoryTransportFactory } from '../net/libp2p.ts'
import { RECORD_CACHE_TTL_MS } from './constants.ts'
import type { MailboxQuotas } from './mailbox/custody.ts'

export interface NodeInit {
  /** Data directory; omitted = an in-memory store (tests and simulations). */
  dataDir?: string
  passphrase?: string
  /** Listen multiaddrs. Default: `/ip4/0.0.0.0/tcp/7744` for TCP, a fresh `/memory/…` address for memory. */
  listen?: string[]
  bootstrap?: string[]
  transport?: 'tcp' | 'memory'
  /** With `transport: 'memory'`: a transport for `/memory/…` addresses in place of @libp2p/memory (simulations over worker threads). */
  memoryTransport?: MemoryTransportFactory
  mdns?: boolean
  /** Run gossipsub (libp2p `services.pubsub`) for groups. Default true; without it a node keeps its groups but neither publishes nor receives on their topics (catch-up still works). */
  pubsub?: boolean
  /** Keep private and loopback addresses in the DHT (LAN, tests). Default true. */
  lan?: boolean
  /** Exempt 127.0.0.0/8 and ::1 from libp2p's per-host inbound connection limits. Default false; simulations and tests, many nodes on one IP, ask for it. */
  allowLoopback?: boolean
  clock?: () => number
  random?: RandomSource
  /** Bound on DHT lookups. */
  dhtTimeoutMs?: number
  /** First retry delay for undelivered envelopes (tests shorten it). */
  retryInitialMs?: number
  retryMaxMs?: number
  /** Republish records this often. */
  republishMs?: number
  /** Use a looked-up account or prekey record this long before asking the DHT again (default RECORD_CACHE_TTL_MS, 5 min). */
  recordCacheMs?: number
  /** On a mailbox: its quotas and retention (defaults in node/constants.ts); everywhere: how often expired envelopes are swept (tests shorten it). */
  mailbox?: Partial<MailboxQuotas> & { sweepMs?: number }
}

export interface NodeConfig extends Required<Omit<NodeInit, 'dataDir' | 'passphrase' | 'memoryTransport' | 'mailbox'>> {
  mailbox?: NodeInit['mailbox']
  dataDir?: string
  passphrase?: string
  memoryTransport?: MemoryTransportFactory
}

export const DEFAULT_TCP_LISTEN = '/ip4/0.0.0.0/tcp/7744'

let memoryCounter = 0

export function resolveConfig (init: NodeInit): NodeConfig {
  const transport = init.transport ?? 'tcp'
  if (transport !== 'tcp' && transport !== 'memory') throw new KabarError('INVALID_CONFIG', `transport must be "tcp" or "memory", got ${String(transport)}`)
  const listen = init.listen ?? (transport === 'tcp' ? [DEFAULT_TCP_LISTEN] : [`/memory/kabar-${process.pid}-${++memoryCounter}-${Date.now()}`])
  for (const addr of [...listen, ...(init.bootstrap ?? [])]) {
    if (typeof addr !== 'string' || !addr.startsWith('/')) throw new KabarError('INVALID_CONFIG', `invalid multiaddr "${String(addr)}"`)
  }
  const config: NodeConfig = {
    listen,
    bootstrap: init.bootstrap ?? [],
    transport,
    mdns: init.mdns ?? false,
    pubsub: init.pubsub ?? true,
    lan: init.lan ?? true,
    allowLoopback: init.allowLoopback ?? false,
    clock: init.clock ?? Date.now,
    random: init.random ?? defaultRandom,
    dhtTimeoutMs: init.dhtTimeoutMs ?? DHT_GET_TIMEOUT_MS,
    retryInitialMs: init.retryInitialMs ?? 1000,
    retryMaxMs: init.retryMaxMs ?? 5 * 60_000,
    republishMs: init.republishMs ?? 10 * 60_000,
    recordCacheMs: init.recordCacheMs ?? RECORD_CACHE_TTL_MS
  }
  if (init.dataDir !== undefined) config.dataDir = init.dataDir
  if (init.passphrase !== undefined) config.passphrase = init.passphrase
  if (init.memoryTransport !== undefined) config.memoryTransport = init.memoryTransport
  if (init.mailbox !== undefined) config.mailbox = mailboxConfig(init.mailbox)
  return config
}

/** Mailbox options, each a positive whole number when given. */
function mailboxConfig (m: NonNullable<NodeInit['mailbox']>): NonNullable<NodeInit['mailbox']> {
  for (const [name, value] of Object.entries(m)) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value <= 0)) throw new KabarError('INVALID_CONFIG', `mailbox.${name} must be a positive whole number, got ${String(value)}`)
  }
  return { ...m }
}
