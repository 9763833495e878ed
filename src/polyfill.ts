/**
 * Node 20 lacks `Promise.withResolvers` (added in Node 22), which libp2p 3 and
 * its helpers (it-queue, mortice, @libp2p/utils, yamux, ping) call in many
 * places. Without it a node crashes on stop or on its first ping, and kad-dht
 * silently treats every peer as offline. Every entry point (CLI, tests,
 * scripts, benchmarks) imports this module before anything from libp2p.
 *
 * It also settles, once, whether libp2p's debug logs are coloured. libp2p's
 * logger (weald, a fork of `debug`) reads DEBUG_COLORS when it loads and
 * otherwise asks `isatty(stderr)` for every logger it creates, and libp2p
 * creates several per connection and per stream: 2.5% of a connection's CPU
 * here went to that system call (docs/DECISIONS.md). The answer is the same
 * each time, so it is asked here once; a DEBUG_COLORS the user set wins.
 */
import { isatty } from 'node:tty'

process.env.DEBUG_COLORS ??= isatty(process.stderr.fd) ? 'true' : 'false'

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
