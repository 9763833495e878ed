/**
 * Bounded DHT record I/O over kad-dht, with the answers kad-dht does not give.
 *
 * - `put` never throws when remote peers reject a record (they only emit
 *   `QUERY_ERROR` events) and stores the record locally without validating it,
 *   so {@link dhtPut} validates with the node's own validator first and returns
 *   how many peers confirmed the record: 0 means nobody else holds it.
 * - With an empty routing table `put`/`get` wait forever, even for a key held
 *   locally (STACK.md), so both helpers are always bounded by a timeout.
 * - `get` only yields its best value when the whole query ends; on timeout
 *   {@link dhtGet} still answers with the best value seen so far, chosen by the
 *   namespace's selector (every value seen has passed the validator).
 *
 * Keys are `/<namespace>/<id>` bytes; kad-dht looks validators and selectors up
 * by `<namespace>`, and refuses keys whose namespace has no validator.
 */
import type { AbortOptions } from '@libp2p/interface'
import type { KadDHT, ValueEvent } from '@libp2p/kad-dht'
import { bytesEqual } from '../crypto/bytes.ts'
import { DHT_GET_TIMEOUT_MS, DHT_PUT_TIMEOUT_MS } from './constants.ts'

/** Anything with a kad-dht service: a kabar node, or a test node on another DHT protocol. */
export interface DhtNode {
  services: { dht: KadDHT }
}

export interface DhtCallOptions extends AbortOptions {
  /** Upper bound of the whole operation in ms; on expiry the partial result is returned. */
  timeoutMs?: number
}

/** The namespace of a DHT key (`kabar-prekey` for `/kabar-prekey/<id>`), or undefined when it has none. */
export function dhtNamespace (key: Uint8Array): string | undefined {
  const parts = new TextDecoder().decode(key).split('/')
  if (parts.length < 3 || parts[0] !== '' || parts[1] === '') return undefined
  return parts[1]
}

/** A DHT key `/<namespace>/<id>` as bytes. */
export function dhtKey (namespace: string, id: string | Uint8Array): Uint8Array {
  if (namespace === '' || namespace.includes('/')) throw new RangeError(`invalid DHT namespace "${namespace}"`)
  const prefix = new TextEncoder().encode(`/${namespace}/`)
  const suffix = typeof id === 'string' ? new TextEncoder().encode(id) : id
  const out = new Uint8Array(prefix.length + suffix.length)
  out.set(prefix)
  out.set(suffix, prefix.length)
  return out
}

/** How many peers the node's DHT routing table holds (0 when the service exposes no table). */
export function routingTableSize (node: DhtNode): number {
  const table = (node.services.dht as Partial<{ routingTable: { size: number } }>).routingTable
  return table?.size ?? 0
}

/**
 * Stores `value` under `key` locally and on the closest peers, and returns how
 * many peers confirmed it. Throws when the node's own validator refuses the
 * record (nothing is stored then); a timeout ends the put with the count so far.
 */
export async function dhtPut (node: DhtNode, key: Uint8Array, value: Uint8Array, options: DhtCallOptions = {}): Promise<number> {
  const dht = node.services.dht
  await validateLocally(dht, key, value, options)
  const signal = boundSignal(options, DHT_PUT_TIMEOUT_MS)
  let confirmed = 0
  try {
    for await (const event of dht.put(key, value, { signal })) {
      if (event.name === 'PEER_RESPONSE' && event.messageName === 'PUT_VALUE' &&
        event.record !== undefined && bytesEqual(event.record.value, value)) {
        confirmed++
      }
    }
  } catch (err) {
    rethrowUnlessTimedOut(err, signal, options)
  }
  return confirmed
}

/**
 * The best value stored under `key` (local or remote, validated, chosen by the
 * namespace's selector), or undefined when none was found in time.
 */
export async function dhtGet (node: DhtNode, key: Uint8Array, options: DhtCallOptions = {}): Promise<Uint8Array | undefined> {
  const dht = node.services.dht
  const signal = boundSignal(options, DHT_GET_TIMEOUT_MS)
  const seen: Uint8Array[] = []
  let best: Uint8Array | undefined
  const onProgress = (evt: Event): void => {
    const detail = (evt as CustomEvent<Partial<ValueEvent>>).detail
    if (evt.type === 'kad-dht:query:value' && detail.value instanceof Uint8Array) seen.push(detail.value)
  }
  try {
    for await (const event of dht.get(key, { signal, onProgress })) {
      if (event.name === 'VALUE') best = event.value
    }
    return best
  } catch (err) {
    rethrowUnlessTimedOut(err, signal, options)
  }
  return selectBest(dht, key, seen)
}

async function validateLocally (dht: KadDHT, key: Uint8Array, value: Uint8Array, options: AbortOptions): Promise<void> {
  const namespace = dhtNamespace(key)
  const validate = namespace === undefined ? undefined : dht.validators[namespace]
  if (validate === undefined) {
    throw new TypeError(`no DHT validator for namespace "${namespace ?? ''}": peers would refuse this key`)
  }
  await validate(key, value, options)
}

async function selectBest (dht: KadDHT, key: Uint8Array, values: Uint8Array[]): Promise<Uint8Array | undefined> {
  if (values.length <= 1) return values[0]
  const namespace = dhtNamespace(key)
  const select = namespace === undefined ? undefined : dht.selectors[namespace]
  if (select === undefined) return values[0]
  const index = await select(key, values)
  return values[index]
}

/** The caller's signal (if any) combined with a timeout. */
function boundSignal (options: DhtCallOptions, defaultTimeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? defaultTimeoutMs)
  return options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout])
}

/** A timeout ends the operation quietly; a caller's abort or any other error propagates. */
function rethrowUnlessTimedOut (err: unknown, signal: AbortSignal, options: AbortOptions): void {
  if (!signal.aborted || options.signal?.aborted === true) throw err
}
