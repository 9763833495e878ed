/**
 * KabarStore: the open database's thin accessors. A value goes in as bytes and
 * is sealed for its (sublevel, key) on the way down; it comes out opened, or as
 * STORE_CORRUPT naming the entry. Keys are plaintext strings and sort as UTF-8
 * bytes, so callers who range over them pad numbers (`msg!000000000042`).
 */
import type { AbstractBatchOptions, AbstractLevel, AbstractSublevel } from 'abstract-level'
import { assertKey, assertSublevel, decodeJson, encodeJson } from './args.ts'
import { StoreBatch } from './batch.ts'
import type { SealedOperation } from './batch.ts'
import type { SublevelName } from './constants.ts'
import { describeEntry, fromLevelError } from './errors.ts'
import type { StoreWarning } from './files.ts'
import type { ValueSealer } from './sealed-encoding.ts'

export type LevelDb = AbstractLevel<string | Uint8Array | Buffer, string, Uint8Array>
export type LevelSublevel = AbstractSublevel<LevelDb, string | Uint8Array | Buffer, string, Uint8Array>

/** Range and order of {@link KabarStore.iterate}; bounds compare keys as UTF-8 bytes. */
export interface IterateOptions {
  gt?: string
  gte?: string
  lt?: string
  lte?: string
  /** At most this many entries (default: all). */
  limit?: number
  /** Highest key first. */
  reverse?: boolean
}

export interface StoreEntry {
  key: string
  value: Uint8Array
}

export interface StoreInfo {
  schemaVersion: number
  warnings: StoreWarning[]
  location: string | undefined
}

export class KabarStore {
  /** The schema version of the open database. */
  readonly schemaVersion: number
  /** Things to tell the user (e.g. a key file readable by others); empty when all is well. */
  readonly warnings: readonly StoreWarning[]
  /** DATA/db on disk, undefined in memory. */
  readonly location: string | undefined
  readonly #db: LevelDb
  readonly #subs: ReadonlyMap<SublevelName, LevelSublevel>
  readonly #sealer: ValueSealer

  /** Use openStore(); this constructor takes an already open database and owns it from here. */
  constructor (db: LevelDb, subs: ReadonlyMap<SublevelName, LevelSublevel>, sealer: ValueSealer, info: StoreInfo) {
    this.#db = db
    this.#subs = subs
    this.#sealer = sealer
    this.schemaVersion = info.schemaVersion
    this.warnings = Object.freeze([...info.warnings])
    this.location = info.location
  }

  /** The opened value, or undefined when the key is absent. */
  async get (sublevel: SublevelName, key: string): Promise<Uint8Array | undefined> {
    const sub = this.#sub(sublevel)
    assertKey(key)
    let sealed: Uint8Array | undefined
    try {
      sealed = await sub.get(key)
    } catch (err) {
      throw fromLevelError(err, `reading ${describeEntry(sublevel, key)}`)
    }
    return sealed === undefined ? undefined : this.#sealer.open(sublevel, key, sealed)
  }

  async put (sublevel: SublevelName, key: string, value: Uint8Array): Promise<void> {
    await this.batch().put(sublevel, key, value).write()
  }

  async del (sublevel: SublevelName, key: string): Promise<void> {
    await this.batch().del(sublevel, key).write()
  }

  /** The value parsed from UTF-8 JSON; the caller vouches for its shape. */
  async getJson<T = unknown> (sublevel: SublevelName, key: string): Promise<T | undefined> {
    const bytes = await this.get(sublevel, key)
    return bytes === undefined ? undefined : decodeJson(sublevel, key, bytes) as T
  }

  async putJson (sublevel: SublevelName, key: string, value: unknown): Promise<void> {
    await this.put(sublevel, key, encodeJson(value))
  }

  /**
   * Entries of `sublevel` in key order (or reverse), opened one by one; a value
   * that fails to open stops the iteration with STORE_CORRUPT. Arguments are
   * checked at the call; breaking out of the loop closes the level iterator.
   */
  iterate (sublevel: SublevelName, options: IterateOptions = {}): AsyncGenerator<StoreEntry, void, undefined> {
    const sub = this.#sub(sublevel)
    const range: Record<string, unknown> = { reverse: options.reverse === true }
    for (const name of ['gt', 'gte', 'lt', 'lte'] as const) {
      const bound = options[name]
      if (bound === undefined) continue
      assertKey(bound)
      range[name] = bound
    }
    if (options.limit !== undefined) {
      if (!Number.isInteger(options.limit) || options.limit < 0) throw new RangeError(`limit must be a non-negative integer, got ${options.limit}`)
      range.limit = options.limit
    }
    return this.#entries(sublevel, sub, range)
  }

  /** {@link iterate} with each value parsed as JSON (STORE_CORRUPT naming the entry when it is not). */
  async * iterateJson<T = unknown> (sublevel: SublevelName, options: IterateOptions = {}): AsyncGenerator<{ key: string, value: T }, void, undefined> {
    for await (const { key, value } of this.iterate(sublevel, options)) yield { key, value: decodeJson(sublevel, key, value) as T }
  }

  async * #entries (sublevel: SublevelName, sub: LevelSublevel, range: Record<string, unknown>): AsyncGenerator<StoreEntry, void, undefined> {
    const iterator = sub.iterator(range)
    try {
      for await (const [key, sealed] of iterator) {
        yield { key, value: this.#sealer.open(sublevel, key, sealed) }
      }
    } catch (err) {
      throw fromLevelError(err, `iterating ${sublevel}`)
    } finally {
      await iterator.close().catch(() => {})
    }
  }

  /** A builder whose `write()` commits every queued put and del atomically. */
  batch (): StoreBatch {
    return new StoreBatch(this.#sealer, async (operations, options) => { await this.#commit(operations, options?.sync === true) })
  }

  /** Closes the database and wipes the value key. Idempotent. */
  async close (): Promise<void> {
    this.#sealer.destroy()
    try {
      await this.#db.close()
    } catch (err) {
      throw fromLevelError(err, 'closing the database')
    }
  }

  async #commit (operations: SealedOperation[], sync = false): Promise<void> {
    const ops = operations.map((op) => op.type === 'put'
      ? { type: 'put' as const, key: op.key, value: op.value, sublevel: this.#sub(op.sublevel) }
      : { type: 'del' as const, key: op.key, sublevel: this.#sub(op.sublevel) })
    try {
      // classic-level's `sync` (fsync before the write resolves) is not in abstract-level's types; memory-level ignores it.
      await this.#db.batch(ops, (sync ? { sync: true } : {}) as AbstractBatchOptions<string, Uint8Array>)
    } catch (err) {
      throw fromLevelError(err, `writing a batch of ${ops.length}`)
    }
  }

  #sub (sublevel: SublevelName): LevelSublevel {
    assertSublevel(sublevel)
    return this.#subs.get(sublevel) as LevelSublevel
  }
}
