/**
 * `kabar start`: runs the daemon in the foreground until SIGINT/SIGTERM,
 * then stops it cleanly (node.json removed) and returns, so main.ts exits 0.
 * A second signal while stopping gives up waiting (exit 130).
 *
 * The API token is not printed: it stays in DATA/node.json (mode 0600), out
 * of terminal scrollback and service logs. The web page's login link is: it
 * works once and for minutes only (docs/WEB.md).
 */
import type { LogLevel } from '../../api/logger.ts'
import { ExitError } from '../errors.ts'
import { JOIN_HINT } from '../format.ts'
import { loadNodeLayer } from '../node-loader.ts'
import type { NodeLayer, NodeReadyInfo, RunningDaemon } from '../node-loader.ts'
import type { Output } from '../output.ts'
import { onStopSignal } from '../signals.ts'

export interface StartOptions {
  dataDir: string
  passphrase?: string
  listen: string[]
  bootstrap: string[]
  apiPort?: number
  mdns: boolean
  /** Exempt loopback from the per-host connection limits (simulations and tests, many nodes on one IP). */
  allowLoopback?: boolean
  /** Structured logs on stderr from this level up (default info). */
  logLevel?: LogLevel
}

interface Started { peerId: string, multiaddrs: string[], api: { url: string }, web?: { login: string, expires: number }, dataDir: string, notices: string[], alone: boolean }

function describe (info: NodeReadyInfo, dataDir: string): Started {
  return { peerId: info.peerId, multiaddrs: info.multiaddrs, api: { url: info.api.url }, ...(info.web === undefined ? {} : { web: info.web }), dataDir, notices: info.notices ?? [], alone: info.alone === true }
}


/** `loadNode` is for tests; the CLI uses the real node layer. */
export async function start (options: StartOptions, out: Output, loadNode: () => Promise<NodeLayer> = loadNodeLayer): Promise<void> {
  const node = await loadNode()
  let signals = 0
  let requestStop!: (signal: NodeJS.Signals) => void
  let abandon!: (err: ExitError) => void
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => { requestStop = resolve })
  const abandoned = new Promise<never>((_resolve, reject) => { abandon = reject })
  abandoned.catch(() => {})
  const unsubscribe = onStopSignal((signal) => {
    signals++
    if (signals === 1) requestStop(signal)
    else abandon(new ExitError(130, `${signal} again: not waiting for the node to stop`))
  })
  try {
    const daemon: RunningDaemon = await Promise.race([abandoned, node.runDaemon({
      dataDir: options.dataDir,
      ...(options.passphrase === undefined ? {} : { passphrase: options.passphrase }),
      listen: options.listen,
      bootstrap: options.bootstrap,
      ...(options.apiPort === undefined ? {} : { apiPort: options.apiPort }),
      mdns: options.mdns,
      ...(options.allowLoopback === true ? { allowLoopback: true } : {}),
      ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
      onReady: (info) => {
        out.item(describe(info, options.dataDir), (d) => [
          ...d.notices.map((n) => `note: ${n}`),
          'kabar node running',
          `address:   ${d.peerId}`,
          'listening:',
          ...(d.multiaddrs.length === 0 ? ['  (no addresses)'] : d.multiaddrs.map((m) => `  ${m}`)),
          `api:       ${d.api.url}`,
          `data:      ${d.dataDir}`,
          ...(d.web === undefined ? [] : [`web page:  ${d.web.login}`, '           (one use, valid 5 minutes; `kabar open` prints a new one)']),
          ...(d.alone ? JOIN_HINT : [])
        ])
        out.notice('press Ctrl+C to stop')
      }
    })])
    const signal = await stopRequested
    out.notice(`${signal}: stopping…`)
    await Promise.race([daemon.stop(), abandoned])
    out.notice('stopped')
  } finally {
    unsubscribe()
  }
}
