/**
 * The CLI's only door into the node layer, for `kabar init` and
 * `kabar start`. It declares what the CLI expects of `src/node/index.ts`
 * and imports it lazily, so every other command (and the CLI's tests) runs
 * without loading libp2p or the store.
 *
 * The real layer is ./daemon.ts, imported lazily (and type-checked against
 * NodeLayer at compile time); tests pass the URL of a fake module instead.
 */
import { fileURLToPath } from 'node:url'
import type { Logger, LogLevel } from '../api/logger.ts'
import { KabarError } from '../errors.ts'

export interface InitNodeOptions {
  dataDir: string
  passphrase?: string
}

export interface NodeReadyInfo {
  peerId: string
  multiaddrs: string[]
  api: { url: string, token: string }
  /** A one-time login link for the web page (not written to node.json). */
  web?: { login: string, expires: number }
  /** Things the user should know, one sentence each: a default port that was taken and replaced. */
  notices?: string[]
  /** No bootstrap, no mDNS and no peer: the node is on its own until someone joins it or it joins someone. */
  alone?: boolean
}

export interface RunDaemonOptions {
  dataDir: string
  passphrase?: string
  listen: string[]
  bootstrap: string[]
  apiPort?: number
  mdns: boolean
  /** Exempt loopback from the per-host connection limits (simulations and tests). Default false. */
  allowLoopback?: boolean
  /** Structured log lines on stderr at this level and above (default info). */
  logLevel?: LogLevel
  /** The default TCP and API ports (tests pass ports they hold, to see a taken default replaced); default 7744 and 7745. */
  defaultTcpPort?: number
  defaultApiPort?: number
  /** A logger to use instead (tests); overrides logLevel. */
  log?: Logger
  /** Called once the node and its API are up and node.json is written. */
  onReady: (info: NodeReadyInfo) => void
}

export interface RunningDaemon {
  /** Stops the API and the node and removes node.json. */
  stop: () => Promise<void>
}

/** What `src/node/index.ts` must export for the CLI. */
export interface NodeLayer {
  initNode: (options: InitNodeOptions) => Promise<{ peerId: string, created: boolean }>
  runDaemon: (options: RunDaemonOptions) => Promise<RunningDaemon>
}

/** Imports the node layer: the daemon, or in tests any module (by URL) with the same exports. */
export async function loadNodeLayer (specifier?: string): Promise<NodeLayer> {
  if (specifier === undefined) {
    const daemon = await import('./daemon.ts')
    const layer: NodeLayer = { initNode: daemon.initNode, runDaemon: daemon.runDaemon }
    return layer
  }
  let mod: Partial<NodeLayer>
  try {
    mod = await import(specifier) as Partial<NodeLayer>
  } catch (err) {
    const path = specifier.startsWith('file:') ? fileURLToPath(specifier) : specifier
    const missing = (err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && (err as Error).message.includes(path)
    const reason = missing ? 'it is not built (npm run build)' : (err as Error).message
    throw new KabarError('INTERNAL', `cannot load the node layer (${specifier}): ${reason}`, { cause: err })
  }
  if (typeof mod.initNode !== 'function' || typeof mod.runDaemon !== 'function') {
    throw new KabarError('INTERNAL', `the node layer (${specifier}) does not export initNode and runDaemon`)
  }
  return { initNode: mod.initNode, runDaemon: mod.runDaemon }
}
