/**
 * The daemon behind `kabar start` (composed here, above both node/ and api/): a KabarNode on a data directory, the
 * JSON API on 127.0.0.1, and DATA/node.json announcing both once ready.
 * `initNode` is `kabar init`: it creates the identity and nothing else.
 */
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createLogger, errorFields } from '../api/logger.ts'
import type { Logger } from '../api/logger.ts'
import { Metrics } from '../api/metrics.ts'
import { startApiServer } from '../api/server.ts'
import { TokenRegistry } from '../api/tokens.ts'
import { WebhookDispatcher } from '../api/webhooks.ts'
import { toHex } from '../crypto/index.ts'
import { peerIdStringFromEd25519 } from '../records/index.ts'
import { openStore } from '../store/index.ts'
import { loadOrCreateIdentity } from '../node/identity.ts'
import { KabarError } from '../errors.ts'
import { KabarNode } from '../node/kabar-node.ts'
import type { MessageView, NodeEvents } from '../node/types.ts'

import type { InitNodeOptions, NodeReadyInfo, RunDaemonOptions } from './node-loader.ts'
import { addressInUse, defaultOrFree } from './ports.ts'

export type NodeInfo = NodeReadyInfo

export const NODE_INFO_FILE = 'node.json'
export const DEFAULT_API_PORT = 7745
/** The TCP port of the node's default listen address (`/ip4/0.0.0.0/tcp/7744`, node/config.ts). */
export const DEFAULT_TCP_PORT = 7744
const API_HOST = '127.0.0.1'

/** The built web page (src/web compiled and copied by `npm run build`), served by the API outside /v1/. */
export const WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url))

/** `kabar init`: creates the data directory and identity if needed. */
export async function initNode (options: InitNodeOptions): Promise<{ peerId: string, created: boolean }> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 })
  const store = await openStore({ dir: options.dataDir, ...(options.passphrase === undefined ? {} : { passphrase: options.passphrase }) })
  try {
    const { identity, created } = await loadOrCreateIdentity(store, Date.now())
    return { peerId: peerIdStringFromEd25519(identity.public.signingKey), created }
  } finally {
    await store.close()
  }
}

/** The API token: created on first start, kept sealed in the store. */
async function apiToken (node: KabarNode): Promise<string> {
  let token = await node.store.getJson<string>('meta', 'api-token')
  if (token === undefined) {
    token = toHex(crypto.getRandomValues(new Uint8Array(32)))
    await node.store.putJson('meta', 'api-token', token)
  }
  return token
}

/**
 * Logs the node's events: ids, indices, statuses and peers, never text.
 * Returns the function that stops logging them.
 */
function logNodeEvents (node: KabarNode, log: Logger): () => void {
  const onMessage = (m: MessageView): void => {
    const event = m.direction === 'in' ? 'message.received' : m.direction === 'out' ? 'message.sent' : 'message.system'
    log.info(event, { id: m.id, index: m.index, peer: m.peer, sentBy: m.sentBy, system: m.system?.type })
  }
  const onStatus = (s: NodeEvents['message:status']): void => { log.debug('message.status', { id: s.id, peer: s.peer, status: s.status }) }
  const onConnect = (p: NodeEvents['peer:connect']): void => { log.debug('peer.connect', { peer: p.peerId }) }
  const onDisconnect = (p: NodeEvents['peer:disconnect']): void => { log.debug('peer.disconnect', { peer: p.peerId }) }
  const onDenied = (p: NodeEvents['peer:denied']): void => { log.warn('peer.denied', { peer: p.peerId, reason: p.reason, seconds: p.seconds }) }
  node.on('message', onMessage)
  node.on('message:status', onStatus)
  node.on('peer:connect', onConnect)
  node.on('peer:disconnect', onDisconnect)
  node.on('peer:denied', onDenied)
  return () => {
    node.off('message', onMessage)
    node.off('message:status', onStatus)
    node.off('peer:connect', onConnect)
    node.off('peer:disconnect', onDisconnect)
    node.off('peer:denied', onDenied)
  }
}

/**
 * `kabar start`: runs until `stop()`; node.json exists exactly while the API is up.
 *
 * Shutdown order (docs/OPERATING.md): node.json goes first, so no new client
 * finds the daemon; the API stops accepting and lets requests in flight
 * answer; webhook POSTs in flight finish and record their cursor; then the
 * node stops, finishing its own store writes. Each step is bounded.
 */
export async function runDaemon (options: RunDaemonOptions): Promise<{ info: NodeInfo, stop: () => Promise<void> }> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 })
  const log = options.log ?? createLogger({ level: options.logLevel ?? 'info' })
  const notices: string[] = []
  // No --listen: all IPv4 interfaces on TCP 7744, or on a free port when another node has 7744.
  let listen = options.listen
  if (listen.length === 0) {
    const tcp = await defaultOrFree('0.0.0.0', options.defaultTcpPort ?? DEFAULT_TCP_PORT)
    listen = [`/ip4/0.0.0.0/tcp/${tcp.port}`]
    if (tcp.replaced !== undefined) notices.push(`TCP port ${tcp.replaced} is taken (another kabar node?): listening on a free port instead (below)`)
  }
  const node = await KabarNode.create({
    dataDir: options.dataDir,
    listen,
    bootstrap: options.bootstrap,
    mdns: options.mdns,
    allowLoopback: options.allowLoopback === true,
    ...(options.passphrase === undefined ? {} : { passphrase: options.passphrase })
  })
  let api: Awaited<ReturnType<typeof startApiServer>> | undefined
  let webhooks: WebhookDispatcher | undefined
  let metrics: Metrics | undefined
  let unlog: (() => void) | undefined
  const infoPath = join(options.dataDir, NODE_INFO_FILE)
  try {
    await node.start().catch((err: unknown) => { throw listenError(err, options.listen) })
    const status = await node.status()
    unlog = logNodeEvents(node, log)
    const token = await apiToken(node)
    const tokens = await TokenRegistry.open(node.store)
    webhooks = await WebhookDispatcher.open({ node, store: node.store, log, userAgent: `kabar/${status.version}` })
    metrics = new Metrics({ node, webhooks })
    metrics.start()
    webhooks.start()
    // No --api-port: 7745, or a free port when another node's API has it.
    const apiPort = options.apiPort ?? await defaultOrFree(API_HOST, options.defaultApiPort ?? DEFAULT_API_PORT).then((choice) => {
      if (choice.replaced !== undefined) notices.push(`API port ${choice.replaced} is taken (another kabar node?): the API is on a free port instead (below)`)
      return choice.port
    })
    api = await startApiServer({
      node,
      host: API_HOST,
      port: apiPort,
      token,
      tokens,
      webhooks,
      metrics,
      log,
      webRoot: WEB_ROOT,
      onError: (err) => { log.error('api.internal_error', errorFields(err)) }
    }).catch((err: unknown) => {
      if (!addressInUse(err)) throw err
      throw new KabarError('INVALID_CONFIG', `the API cannot listen on ${API_HOST}:${apiPort}: the port is in use; choose another with --api-port (0 = any free port)`, { cause: err })
    })
    const info: NodeInfo = { peerId: node.address, multiaddrs: node.multiaddrs, api: { url: api.url, token } }
    await writeFile(infoPath, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 })
    await chmod(infoPath, 0o600)
    log.info('daemon.started', { address: node.address, api: api.url, webhooks: webhooks.list().length, tokens: tokens.list().length, version: status.version })
    // The login link is for the terminal only: node.json keeps the token, not a link.
    const login = api.loginLink()
    options.onReady({ ...info, web: { login: login.url, expires: login.expires }, notices, alone: options.bootstrap.length === 0 && !options.mdns && node.libp2p.getPeers().length === 0 })
    const running = { api, webhooks, metrics, unlog }
    let stopping: Promise<void> | undefined
    const stop = async (): Promise<void> => {
      stopping ??= (async () => {
        const started = Date.now()
        log.info('daemon.stopping')
        await rm(infoPath, { force: true })
        await running.api.close()
        await running.webhooks.stop()
        running.metrics.stop()
        await node.stop()
        running.unlog()
        log.info('daemon.stopped', { ms: Date.now() - started })
      })()
      await stopping
    }
    return { info, stop }
  } catch (err) {
    log.error('daemon.start_failed', errorFields(err))
    await api?.close()
    await webhooks?.stop()
    metrics?.stop()
    unlog?.()
    await node.stop()
    throw err
  }
}

/**
 * libp2p's listen failure ("Some configured addresses failed to be listened on … set
 * `transportManager.faultTolerance` …") as one line naming the flag; other errors unchanged.
 */
function listenError (err: unknown, listen: readonly string[]): unknown {
  if ((err as Error | undefined)?.name !== 'UnsupportedListenAddressesError') return err
  const what = listen.length === 0 ? 'the default address' : listen.join(', ')
  const why = addressInUse(err) ? 'the port is in use (another kabar node?)' : 'the address is not available on this machine'
  return new KabarError('INVALID_CONFIG', `cannot listen on ${what}: ${why}; choose another with --listen (e.g. --listen /ip4/0.0.0.0/tcp/0 for any free port)`, { cause: err })
}

