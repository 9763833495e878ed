/**
 * Node 20 lacks `Promise.withResolvers` (added in Node 22), which libp2p 3 and
 * its helpers (it-queue, mortice, @libp2p/utils, yamux, ping) call in many
 * places. Without it a node crashes on stop or on its first ping, and kad-dht
 * silently treats every peer as offline. Every entry point (CLI, tests,
 * scripts, benchmarks) imports this module before anything from libp2p.
 */

interface Resolvers<T> {
  promise: Promise<T>
  resolve: (value: T | PromiseLike<T>) => void
  reject: (reason?: unknown) => void
}

type WithResolvers = <T>() => Resolvers<T>

const P = Promise as unknown as { withResolvers?: WithResolvers }

if (typeof P.withResolvers !== 'function') {
  const withResolvers: WithResolvers = <T>() => {
    let resolve!: (value: T | PromiseLike<T>) => void
    let reject!: (reason?: unknown) => void
    const promise = new Promise<T>((res, rej) => {
      resolve = res
      reject = rej
    })
    return { promise, resolve, reject }
  }
  Object.defineProperty(Promise, 'withResolvers', {
    value: withResolvers,
    writable: true,
    configurable: true,
    enumerable: false
  })
}

export {}
