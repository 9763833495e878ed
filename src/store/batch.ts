/**
 * One state transition, one atomic write (STYLE habit 13, DESIGN.md "Delivery"):
 * `store.batch().put('sessions', peer, state).put('messages', id, msg).put('seen', id, …).write()`
 * commits to several sublevels in a single `db.batch([...])`, using
 * abstract-level's per-operation `sublevel` option, so a crash leaves either
 * all of it or none of it.
 *
 * Values are sealed and arguments checked as each operation is added: a builder
 * that throws midway (or is simply never written) has written nothing.
 */
import { assertKey, assertSublevel, assertWritable, encodeJson } from './args.ts'
import type { SublevelName } from './constants.ts'
import { StoreFailedError } from './errors.ts'
import type { ValueSealer } from './sealed-encoding.ts'

/** An operation ready for the database: the value is already sealed. */
export type SealedOperation =
  | { type: 'put', sublevel: SublevelName, key: string, value: Uint8Array }
  | { type: 'del', sublevel: SublevelName, key: string }

/** Commits sealed operations in one atomic batch (provided by db.ts). */
export type CommitFn = (operations: SealedOperation[], options?: { sync?: boolean }) => Promise<void>

export class StoreBatch {
  readonly #sealer: ValueSealer
  readonly #commit: CommitFn
  readonly #operations: SealedOperation[] = []
  #written = false

  constructor (sealer: ValueSealer, commit: CommitFn) {
    this.#sealer = sealer
    this.#commit = commit
  }

  /** Queues a put of `value` (sealed now) to `sublevel`/`key`. */
  put (sublevel: SublevelName, key: string, value: Uint8Array): this {
    this.#assertOpen()
    assertSublevel(sublevel)
    assertKey(key)
    assertWritable(sublevel, key)
    this.#operations.push({ type: 'put', sublevel, key, value: this.#sealer.seal(sublevel, key, value) })
    return this
  }

  /** Queues a put of `value` as UTF-8 JSON. */
  putJson (sublevel: SublevelName, key: string, value: unknown): this {
    return this.put(sublevel, key, encodeJson(value))
  }

  /** Queues a delete of `sublevel`/`key`. */
  del (sublevel: SublevelName, key: string): this {
    this.#assertOpen()
    assertSublevel(sublevel)
    assertKey(key)
    assertWritable(sublevel, key)
    this.#operations.push({ type: 'del', sublevel, key })
    return this
  }

  /** Number of queued operations. */
  get length (): number {
    return this.#operations.length
  }

  /**
   * Commits every queued operation atomically. A batch is written at most once.
   * `sync`: the write reaches the disk (fsync) before this resolves, for a promise
   * made to someone else on the strength of it (a mailbox's custody).
   */
  async write (options: { sync?: boolean } = {}): Promise<void> {
    this.#assertOpen()
    this.#written = true
    if (this.#operations.length === 0) return
    await this.#commit(this.#operations.splice(0), options)
  }

  #assertOpen (): void {
    if (this.#written) throw new StoreFailedError('this batch was already written; start a new one')
  }
}
