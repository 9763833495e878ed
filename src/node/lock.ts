/**
 * A keyed mutex: work for one key (a remote device's session) runs one at a
 * time, in call order, so a send and a receive never race on the same
 * ratchet state between reading and writing it.
 */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<void>>()

  async run<T> (key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve()
    let release!: () => void
    const tail = new Promise<void>((resolve) => { release = resolve })
    const chained = previous.then(() => tail)
    this.#tails.set(key, chained)
    await previous
    try {
      return await fn()
    } finally {
      release()
      if (this.#tails.get(key) === chained) this.#tails.delete(key)
    }
  }
}

/** Runs `fn` holding the locks of every key (taken in sorted order, so two callers never deadlock). */
export async function withLocks<T> (lock: KeyedLock, keys: string[], fn: () => Promise<T>): Promise<T> {
  const sorted = [...new Set(keys)].sort()
  const step = async (i: number): Promise<T> => i === sorted.length ? fn() : lock.run(sorted[i] ?? '', async () => step(i + 1))
  return step(0)
}
