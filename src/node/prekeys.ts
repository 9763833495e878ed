/**
 * The device's private prekeys: the signed prekey (rotated weekly, the
 * previous one kept for a grace period), the ML-KEM-768 last-resort key, and
 * a pool of one-time prekeys handed out over /kabar/prekey/1.0.0. Kept in
 * memory for the synchronous session lookups and stored as one sealed value.
 */
import { X25519KeyPair, fromHex, mlKem768Keygen, toHex } from '../crypto/index.ts'
import type { MlKemKeyPair, RandomSource } from '../crypto/index.ts'
import type { PrekeyLookup } from '../session/index.ts'
import type { KabarStore, StoreBatch } from '../store/index.ts'
import { ONE_TIME_PREKEY_POOL, SIGNED_PREKEY_GRACE_MS, SIGNED_PREKEY_ROTATION_MS } from './constants.ts'

interface StoredKey { id: number, privateKey: string, publicKey: string, created: number }
interface StoredOneTime extends StoredKey { handedOut: boolean }
interface StoredPrekeys {
  version: 1
  nextId: number
  signed: StoredKey
  /** Retired signed prekeys still inside their grace period, newest first. */
  previousSigned: Array<StoredKey & { retiredAt: number }>
  pq: { id: number, secretKey: string, publicKey: string }
  oneTime: StoredOneTime[]
}

const KEY = 'state'

export class Prekeys {
  #state: StoredPrekeys
  readonly #store: KabarStore
  readonly #random: RandomSource
  #cache = new Map<string, X25519KeyPair>()
  #pq: MlKemKeyPair | undefined

  private constructor (store: KabarStore, state: StoredPrekeys, random: RandomSource) {
    this.#store = store
    this.#state = state
    this.#random = random
  }

  static async load (store: KabarStore, now: number, random: RandomSource): Promise<Prekeys> {
    let state = await store.getJson<StoredPrekeys>('prekeys', KEY)
    if (state === undefined) {
      const pq = mlKem768Keygen(random)
      state = { version: 1, nextId: 3, signed: newKey(1, now, random), previousSigned: [], pq: { id: 2, secretKey: toHex(pq.secretKey), publicKey: toHex(pq.publicKey) }, oneTime: [] }
      await store.putJson('prekeys', KEY, state)
    }
    const prekeys = new Prekeys(store, state, random)
    await prekeys.replenish(now)
    return prekeys
  }

  get signed (): { id: number, publicKey: Uint8Array, created: number } {
    return { id: this.#state.signed.id, publicKey: fromHex(this.#state.signed.publicKey), created: this.#state.signed.created }
  }

  get pq (): { id: number, publicKey: Uint8Array } {
    return { id: this.#state.pq.id, publicKey: fromHex(this.#state.pq.publicKey) }
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
        const key = this.#state.oneTime.find((k) => k.id === id)
        return key === undefined ? undefined : this.#pair(key)
      }
    }
  }

  /** Hands out a one-time prekey not given to anyone before; it stays usable until a session consumes it. */
  async handOut (): Promise<{ id: number, publicKey: Uint8Array } | undefined> {
    const key = this.#state.oneTime.find((k) => !k.handedOut)
    if (key === undefined) return undefined
    this.#state = { ...this.#state, oneTime: this.#state.oneTime.map((k) => k.id === key.id ? { ...k, handedOut: true } : k) }
    await this.#store.putJson('prekeys', KEY, this.#state)
    return { id: key.id, publicKey: fromHex(key.publicKey) }
  }

  /**
   * Adds the removal of a used one-time prekey to `batch` (the batch that
   * stores the session it created) and returns the function that applies it
   * in memory once the batch is written.
   */
  consumeInBatch (batch: StoreBatch, id: number): () => void {
    const next = { ...this.#state, oneTime: this.#state.oneTime.filter((k) => k.id !== id) }
    batch.putJson('prekeys', KEY, next)
    return () => {
      this.#state = { ...this.#state, oneTime: this.#state.oneTime.filter((k) => k.id !== id) }
    }
  }

  /** Tops the one-time pool up; returns true when keys were added. */
  async replenish (now: number): Promise<boolean> {
    const missing = ONE_TIME_PREKEY_POOL - this.#state.oneTime.filter((k) => !k.handedOut).length
    if (missing <= 0) return false
    let nextId = this.#state.nextId
    const added: StoredOneTime[] = []
    for (let i = 0; i < missing; i++) added.push({ ...newKey(nextId++, now, this.#random), handedOut: false })
    this.#state = { ...this.#state, nextId, oneTime: [...this.#state.oneTime, ...added] }
    await this.#store.putJson('prekeys', KEY, this.#state)
    return true
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
}

function newKey (id: number, now: number, random: RandomSource): StoredKey {
  const pair = X25519KeyPair.generate(random)
  return { id, privateKey: toHex(pair.privateKey), publicKey: toHex(pair.publicKey), created: now }
}
