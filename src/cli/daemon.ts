/**
 * The daemon behind `kabar start` (composed here, above both node/ and api/): a KabarNode on a data directory, the
 * JSON API on 127.0.0.1, and DATA/node.json announcing both once ready.
 * `initNode` is `kabar init`: it creates the identity and nothing else.
 */
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startApiServer } from '../api/server.ts'
import { toHex } from '../crypto/index.ts'
import { peerIdStringFromEd25519 } from '../records/index.ts'
import { openStore } from '../store/index.ts'
import { loadOrCreateIdentity } from '../node/identity.ts'
import { KabarNode } from '../node/kabar-node.ts'

import type { InitNodeOptions, NodeReadyInfo, RunDaemonOptions } from './node-loader.ts'

export type NodeInfo = NodeReadyInfo

export const NODE_INFO_FILE = 'node.json'
export const DEFAULT_API_PORT = 7745

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

/** `kabar start`: runs until `stop()`; node.json exists exactly while the API is up. */
export async function runDaemon (options: RunDaemonOptions): Promise<{ info: NodeInfo, stop: () => Promise<void> }> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 })
  const node = await KabarNode.create({
    dataDir: options.dataDir,
    // No --listen: the node's default (all IPv4 interfaces, TCP 7744).
    ...(options.listen.length === 0 ? {} : { listen: options.listen }),
    bootstrap: options.bootstrap,
    mdns: options.mdns,
    ...(options.passphrase === undefined ? {} : { passphrase: options.passphrase })
  })
  let api: Awaited<ReturnType<typeof startApiServer>> | undefined
  const infoPath = join(options.dataDir, NODE_INFO_FILE)
  try {
    await node.start()
    const token = await apiToken(node)
    api = await startApiServer({ node, host: '127.0.0.1', port: options.apiPort ?? DEFAULT_API_PORT, token, webRoot: WEB_ROOT })
    const info: NodeInfo = { peerId: node.address, multiaddrs: node.multiaddrs, api: { url: api.url, token } }
    await writeFile(infoPath, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 })
    await chmod(infoPath, 0o600)
    // The login link is for the terminal only: node.json keeps the token, not a link.
    const login = api.loginLink()
    options.onReady({ ...info, web: { login: login.url, expires: login.expires } })
    const running = api
    let stopping: Promise<void> | undefined
    const stop = async (): Promise<void> => {
      stopping ??= (async () => {
        await rm(infoPath, { force: true })
        await running.close()
        await node.stop()
      })()
      await stopping
    }
    return { info, stop }
  } catch (err) {
    await api?.close()
    await node.stop()
    throw err
  }
}
