/**
 * Finding people: an address's account record (its devices) and each
 * device's prekey record, fetched from the DHT, validated, and cached in the
 * store so a recipient that is offline — or a DHT that is slow — does not
 * stop us from encrypting to keys we already verified.
 */
import type { AccountRecord, DeviceCertificate, PrekeyRecord } from '../records/index.ts'
import { accountKey, activeDevices, ed25519FromPeerIdString, peerIdStringFromEd25519, prekeyKey, validateAccountRecord, validatePrekeyRecord } from '../records/index.ts'
import { dhtGet, routingTableSize } from '../net/dht.ts'
import type { DhtNode } from '../net/dht.ts'
import type { KabarStore } from '../store/index.ts'
import { KabarError } from '../errors.ts'

export interface DirectoryInit {
  dht: DhtNode
  store: KabarStore
  clock: () => number
  timeoutMs: number
  /** How long a looked-up record is used before asking the DHT again. */
  cacheMs: number
  /** How many peers we hold connections to (with an empty routing table, none means alone). */
  connections?: () => number
}

export interface Device {
  peerId: string
  certificate?: DeviceCertificate
}

/**
 * How recent a record must be: `true` (the default) one looked up within the
 * cache lifetime, `false` any record cached, or `{ maxAgeMs }` one looked up
 * within that many ms (`{ maxAgeMs: 0 }` asks the DHT now, or joins a lookup
 * already in flight).
 */
export type Freshness = boolean | { maxAgeMs: number }

export class Directory {
  readonly #init: DirectoryInit
  /** When each record was last looked up in the DHT (clock ms). */
  readonly #fetchedAt = new Map<string, number>()
  /** Records validated since start, so a send does not re-verify signatures. */
  readonly #validated = new Map<string, { bytes: Uint8Array, record: unknown }>()
  /** DHT lookups in flight, by cache key: a second ask for the same record joins the first walk. */
  readonly #inFlight = new Map<string, Promise<Uint8Array | undefined>>()

  constructor (init: DirectoryInit) {
    this.#init = init
  }

  async #fetch<T> (cacheKey: string, dhtKey: Uint8Array, validate: (value: Uint8Array) => T & { seq: number }, fresh: Freshness): Promise<T | undefined> {
    const { store, dht, timeoutMs, clock } = this.#init
    let cached = this.#validated.get(cacheKey)?.record as (T & { seq: number, expires?: number }) | undefined
    if (cached?.expires !== undefined && cached.expires <= clock()) cached = undefined
    if (cached === undefined) {
      const cachedBytes = await store.get('records', cacheKey)
      if (cachedBytes !== undefined) {
        try {
          cached = validate(cachedBytes)
          this.#validated.set(cacheKey, { bytes: cachedBytes, record: cached })
        } catch { cached = undefined }
      }
    }
    const age = clock() - (this.#fetchedAt.get(cacheKey) ?? -Infinity)
    if (cached !== undefined && (fresh === false || age < (fresh === true ? this.#init.cacheMs : fresh.maxAgeMs))) return cached
    // Alone, a walk finds nothing (or, waiting for a bootstrap peer, hangs until its timeout): not worth asking.
    if (this.alone()) return cached
    this.#fetchedAt.set(cacheKey, clock())
    let walk = this.#inFlight.get(cacheKey)
    if (walk === undefined) {
      walk = dhtGet(dht, dhtKey, { timeoutMs }).catch(() => undefined).finally(() => { this.#inFlight.delete(cacheKey) })
      this.#inFlight.set(cacheKey, walk)
    }
    const found = await walk
    if (found === undefined) return cached
    let record: T & { seq: number }
    try {
      record = validate(found)
    } catch {
      return cached
    }
    if (cached !== undefined && cached.seq >= record.seq) return cached
    await store.put('records', cacheKey, found)
    this.#validated.set(cacheKey, { bytes: found, record })
    return record
  }

  /** Our node has no peer at all: a lookup cannot reach anyone, so nothing found says nothing about the address. */
  alone (): boolean {
    // Without a connection count (tests of the Directory alone) a node is never taken for alone.
    const connections = this.#init.connections
    return connections !== undefined && connections() === 0 && routingTableSize(this.#init.dht) === 0
  }

  /** The account record validated earlier, without any lookup (undefined when none is cached in memory). */
  cachedAccount (address: string): AccountRecord | undefined {
    return this.#validated.get(`account:${address}`)?.record as AccountRecord | undefined
  }

  /** The validated account record of `address`, from the DHT (or the cache when the DHT has nothing newer). */
  async account (address: string, fresh: Freshness = true): Promise<AccountRecord | undefined> {
    const pub = ed25519FromPeerIdString(address)
    const key = accountKey(pub)
    return this.#fetch(`account:${address}`, key, (v) => validateAccountRecord(key, v, this.#init.clock()), fresh)
  }

  /** The validated prekey record of a device. */
  async prekeys (devicePeerId: string, fresh: Freshness = true): Promise<PrekeyRecord | undefined> {
    const pub = ed25519FromPeerIdString(devicePeerId)
    const key = prekeyKey(pub)
    return this.#fetch(`prekey:${devicePeerId}`, key, (v) => validatePrekeyRecord(key, v, this.#init.clock()), fresh)
  }

  /**
   * The devices that can read messages to `address`: the active devices of
   * its account record. Without an account record, a person who has only
   * published a prekey record is their own single device.
   */
  async devices (address: string): Promise<Device[]> {
    const account = await this.account(address)
    if (account !== undefined) {
      // A mailbox reads nothing: it is not encrypted to, it holds the other devices' envelopes (node/mailbox/).
      const devices = activeDevices(account, this.#init.clock()).filter((c) => c.role !== 'mailbox').map((c) => ({ peerId: peerIdStringFromEd25519(c.devicePeerKey), certificate: c }))
      if (devices.length > 0) return devices
    }
    if (await this.prekeys(address) !== undefined) return [{ peerId: address }]
    if (this.alone()) throw noPeers(`find ${address}`)
    throw new KabarError('RECIPIENT_UNKNOWN', `no records found for ${address}: check the address, and that its node has been online since it was created`)
  }
}

/** The mailboxes (PeerIds) an account record lists: where envelopes for its devices may wait. */
export function mailboxesIn (record: AccountRecord | undefined, now: number): string[] {
  return record === undefined ? [] : activeDevices(record, now).filter((c) => c.role === 'mailbox').map((c) => peerIdStringFromEd25519(c.devicePeerKey))
}

/** "your node has no peers, so it cannot …": the error of a lookup or send that failed for lack of peers, saying what to do. */
export function noPeers (what: string): KabarError {
  return new KabarError('NO_PEERS', `your node has no peers, so it cannot ${what}: join a network with \`kabar contacts add <invite>\` (a friend's \`kabar invite\`) or \`kabar start --bootstrap <multiaddr>\``)
}

