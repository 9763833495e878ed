/**
 * The device's private prekeys: the signed prekey (rotated weekly, the
 * previous one kept for a grace period), the ML-KEM-768 last-resort key, and
 * a pool of one-time prekeys handed out over /kabar/prekey/1.0.0. Kept in
 * memory for the synchronous session lookups.
 *
 * Stored in the `prekeys` sublevel (sealed like every value): `state` holds
 * the signed and ML-KEM keys and the next id; each one-time key is an entry of
 * its own, `ot!<id>`, so a hand-out writes one key's entry (and, when the pool
 * runs low, the new keys and the next id, in the same batch), and a session
 * that uses a key deletes its entry in the batch that stores the session.
 * A store of the first layout (every one-time key inside `state`) is moved to
 * this one, in one batch, when it is loaded.
 *
 * A hand-out is metered (issue 19): each peer gets ONE_TIME_PREKEYS_PER_PEER
 * keys per window (known peers more), at most MAX_OUTSTANDING_ONE_TIME_PREKEYS
 * keys are out and unused, and a key unused ONE_TIME_PREKEY_UNUSED_MS after it
 * was handed out is removed. A refused request is answered "none left": the
 * initiator then uses the last-resort keys, as it does when we are offline.
 */
import { X25519KeyPair, fromHex, mlKem768Keygen, toHex } from '../crypto/index.ts'
import type { MlKemKeyPair, RandomSource } from '../crypto/index.ts'
import type { PrekeyLookup } from '../session/index.ts'
import type { KabarStore, StoreBatch } from '../store/index.ts'
import { MAX_OUTSTANDING_ONE_TIME_PREKEYS, ONE_TIME_PREKEY_POOL, ONE_TIME_PREKEY_REFILL_AT, ONE_TIME_PREKEY_UNUSED_MS, ONE_TIME_PREKEY_WINDOW_MS, ONE_TIME_PREKEYS_PER_KNOWN_PEER, ONE_TIME_PREKEYS_PER_PEER, SIGNED_PREKEY_GRACE_MS, SIGNED_PREKEY_ROTATION_MS } from './constants.ts'

interface StoredKey { id: number, privateKey: string, publicKey: string, created: number }
interface StoredOneTime extends StoredKey { handedOutAt?: number }
interface StoredPrekeys {
  version: 2
  nextId: number
  signed: StoredKey
  /** Retired signed prekeys still inside their grace period, newest first. */
  previousSigned: Array<StoredKey & { retiredAt: number }>
  pq: { id: number, secretKey: string, publicKey: string }
}
/** The first layout: one-time keys inside the state. */
interface StoredPrekeysV1 extends Omit<StoredPrekeys, 'version'> {
  version: 1
  oneTime: Array<StoredKey & { handedOut: boolean }>
}

const KEY = 'state'
const ONE_TIME_PREFIX = 'ot!'

/** `ot!0000000042`: ids padded so the entries sort by id. */
function oneTimeKey (id: number): string {
  return `${ONE_TIME_PREFIX}${String(id).padStart(10, '0')}`
}

/** What the hand-out did, for /metrics. */
export interface HandOutStats {
  handedOut: number
  /** Requests answered "none left" because the peer had its quota or too many keys were out. */
  refused: number
  /** Keys removed unused after ONE_TIME_PREKEY_UNUSED_MS. */
  expired: number
  /** Keys handed out and not yet used. */
  outstanding: number
}

export class Prekeys {
  #state: StoredPrekeys
  readonly #oneTime: Map<number, StoredOneTime>
  readonly #store: KabarStore
  readonly #random: RandomSource
  #cache = new Map<string, X25519KeyPair>()
  #pq: MlKemKeyPair | undefined
  /** Hand-out times per requesting peer inside the current window; in memory, so a restart forgives. */
  readonly #handOuts = new Map<string, number[]>()
  readonly #stats = { handedOut: 0, refused: 0, expired: 0 }

  private constructor (store: KabarStore, state: StoredPrekeys, oneTime: StoredOneTime[], random: RandomSource) {
    this.#store = store
    this.#state = state
    this.#oneTime = new Map(oneTime.map((k) => [k.id, k]))
    this.#random = random
  }

  static async load (store: KabarStore, now: number, random: RandomSource): Promise<Prekeys> {
    const stored = await store.getJson<StoredPrekeys | StoredPrekeysV1>('prekeys', KEY)
    let state: StoredPrekeys
    if (stored === undefined) {
      const pq = mlKem768Keygen(random)
      state = { version: 2, nextId: 3, signed: newKey(1, now, random), previousSigned: [], pq: { id: 2, secretKey: toHex(pq.secretKey), publicKey: toHex(pq.publicKey) } }
      await store.putJson('prekeys', KEY, state)
    } else if (stored.version === 1) {
      state = await migrate(store, stored, now)
    } else {
      state = stored
    }
    const oneTime: StoredOneTime[] = []
    for await (const { value } of store.iterateJson<StoredOneTime>('prekeys', { gte: ONE_TIME_PREFIX, lt: `${ONE_TIME_PREFIX}~` })) oneTime.push(value)
    const prekeys = new Prekeys(store, state, oneTime, random)
    await prekeys.replenish(now)
    return prekeys
  }

  get signed (): { id: number, publicKey: Uint8Array, created: number } {
    return { id: this.#state.signed.id, publicKey: fromHex(this.#state.signed.publicKey), created: this.#state.signed.created }
  }

  get pq (): { id: number, publicKey: Uint8Array } {
    return { id: this.#state.pq.id, publicKey: fromHex(this.#state.pq.publicKey) }
  }

  /** One-time keys on hand, not yet handed out. */
  get available (): number {
    let n = 0
    for (const k of this.#oneTime.values()) if (k.handedOutAt === undefined) n++
    return n
  }

  stats (): HandOutStats {
    return { ...this.#stats, outstanding: this.#oneTime.size - this.available }
  }

  #pair (key: StoredKey): X25519KeyPair {
    let pair = this.#cache.get(key.privateKey)
    if (pair === undefined) {
      pair = X25519KeyPair.fromBytes(fromHex(key.privateKey), fromHex(key.publicKey))
      this.#cache.set(key.privateKey, pair)
    }
    return pair
  }

  /** Synchronous lookups for SessionRecord.decrypt. */
  lookup (): PrekeyLookup {
    return {
      signedPrekey: (id) => {
        const s = this.#state
        if (s.signed.id === id) return this.#pair(s.signed)
        const previous = s.previousSigned.find((k) => k.id === id)
        return previous === undefined ? undefined : this.#pair(previous)
      },
      pqPrekey: (id) => {
        if (this.#state.pq.id !== id) return undefined
        this.#pq ??= { publicKey: fromHex(this.#state.pq.publicKey), secretKey: fromHex(this.#state.pq.secretKey) }
        return this.#pq
      },
      oneTimePrekey: (id) => {
        const key = this.#oneTime.get(id)
        return key === undefined ? undefined : this.#pair(key)
      }
    }
  }

  /**
   * Hands `from` a one-time prekey not given to anyone before (it stays usable
   * until a session consumes it or it expires), or undefined when `from` has
   * had its quota, too many keys are out, or — never in practice, the pool
   * refills itself — none is left. `known`: a contact or an own device.
   */
  async handOut (from: string, now: number, known = false): Promise<{ id: number, publicKey: Uint8Array } | undefined> {
    const batch = this.#store.batch()
    const expired = this.#expire(now, batch)
    const given = (this.#handOuts.get(from) ?? []).filter((t) => now - t < ONE_TIME_PREKEY_WINDOW_MS)
    const outstanding = this.#oneTime.size - this.available
    const quota = known ? ONE_TIME_PREKEYS_PER_KNOWN_PEER : ONE_TIME_PREKEYS_PER_PEER
    const room = known ? 2 * MAX_OUTSTANDING_ONE_TIME_PREKEYS : MAX_OUTSTANDING_ONE_TIME_PREKEYS
    let key = given.length < quota && outstanding < room ? this.#firstAvailable() : undefined
    if (key !== undefined) {
      key = { ...key, handedOutAt: now }
      this.#oneTime.set(key.id, key)
      batch.putJson('prekeys', oneTimeKey(key.id), key)
      given.push(now)
      this.#stats.handedOut++
    } else {
      this.#stats.refused++
    }
    this.#remember(from, given, now)
    const refilled = this.available < ONE_TIME_PREKEY_REFILL_AT && this.#refill(now, batch)
    if (key !== undefined || expired || refilled) await batch.write()
    return key === undefined ? undefined : { id: key.id, publicKey: fromHex(key.publicKey) }
  }

  /**
   * Adds the removal of a used one-time prekey to `batch` (the batch that
   * stores the session it created) and returns the function that applies it
   * in memory once the batch is written.
   */
  consumeInBatch (batch: StoreBatch, id: number): () => void {
    batch.del('prekeys', oneTimeKey(id))
    return () => { this.#oneTime.delete(id) }
  }

  /** Tops the pool of unhanded one-time keys up and removes expired ones; true when keys were added. */
  async replenish (now: number): Promise<boolean> {
    const batch = this.#store.batch()
    const expired = this.#expire(now, batch)
    const added = this.#refill(now, batch)
    if (added || expired) await batch.write()
    return added
  }

  /** Rotates the signed prekey when it is older than the rotation period; drops a previous one past its grace. Returns true when the published record must change. */
  async rotateIfDue (now: number): Promise<boolean> {
    let state = this.#state
    let changed = false
    const live = state.previousSigned.filter((k) => now - k.retiredAt <= SIGNED_PREKEY_GRACE_MS)
    if (live.length !== state.previousSigned.length) state = { ...state, previousSigned: live }
    if (now - state.signed.created >= SIGNED_PREKEY_ROTATION_MS) {
      state = { ...state, previousSigned: [{ ...state.signed, retiredAt: now }, ...state.previousSigned], signed: newKey(state.nextId, now, this.#random), nextId: state.nextId + 1 }
      changed = true
    }
    if (state !== this.#state) {
      this.#state = state
      await this.#store.putJson('prekeys', KEY, state)
    }
    return changed
  }

  #firstAvailable (): StoredOneTime | undefined {
    for (const k of this.#oneTime.values()) if (k.handedOutAt === undefined) return k
    return undefined
  }

  /** Queues new keys (and the next id) into `batch` until ONE_TIME_PREKEY_POOL are available; applied in memory at once, like every hand-out. */
  #refill (now: number, batch: StoreBatch): boolean {
    const missing = ONE_TIME_PREKEY_POOL - this.available
    if (missing <= 0) return false
    let nextId = this.#state.nextId
    for (let i = 0; i < missing; i++) {
      const key = newKey(nextId++, now, this.#random)
      this.#oneTime.set(key.id, key)
      batch.putJson('prekeys', oneTimeKey(key.id), key)
    }
    this.#state = { ...this.#state, nextId }
    batch.putJson('prekeys', KEY, this.#state)
    return true
  }

  /** Queues the removal of keys handed out and unused for ONE_TIME_PREKEY_UNUSED_MS; true when there were any. */
  #expire (now: number, batch: StoreBatch): boolean {
    let any = false
    for (const [id, k] of this.#oneTime) {
      if (k.handedOutAt === undefined || now - k.handedOutAt < ONE_TIME_PREKEY_UNUSED_MS) continue
      this.#oneTime.delete(id)
      batch.del('prekeys', oneTimeKey(id))
      this.#stats.expired++
      any = true
    }
    return any
  }

  /** Keeps `from`'s hand-out times, and forgets peers whose window has passed once the map grows. */
  #remember (from: string, given: number[], now: number): void {
    if (given.length > 0) this.#handOuts.set(from, given)
    else this.#handOuts.delete(from)
    if (this.#handOuts.size <= 4 * MAX_OUTSTANDING_ONE_TIME_PREKEYS) return
    for (const [peer, times] of this.#handOuts) {
      if (times.every((t) => now - t >= ONE_TIME_PREKEY_WINDOW_MS)) this.#handOuts.delete(peer)
    }
  }
}

/** Moves a first-layout store to per-key entries in one batch; returns the new state. */
async function migrate (store: KabarStore, old: StoredPrekeysV1, now: number): Promise<StoredPrekeys> {
  const { oneTime, version: _v, ...rest } = old
  const state: StoredPrekeys = { ...rest, version: 2 }
  const batch = store.batch().putJson('prekeys', KEY, state)
  // A key handed out under the first layout has no time: its window starts now.
  for (const k of oneTime) {
    const { handedOut, ...key } = k
    batch.putJson('prekeys', oneTimeKey(key.id), handedOut ? { ...key, handedOutAt: now } : key)
  }
  await batch.write()
  return state
}

function newKey (id: number, now: number, random: RandomSource): StoredKey {
  const pair = X25519KeyPair.generate(random)
  return { id, privateKey: toHex(pair.privateKey), publicKey: toHex(pair.publicKey), created: now }
}
