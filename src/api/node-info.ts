/**
 * DATA/node.json: how a running daemon is found. `kabar start` writes it once
 * the API listens and removes it on a clean stop:
 * `{ "peerId", "multiaddrs": [...], "api": { "url", "token" } }` (mode 0600,
 * since the token is the key to the API).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { KabarError } from '../errors.ts'
import { NODE_INFO_FILE } from './constants.ts'

export interface NodeInfo {
  peerId: string
  multiaddrs: string[]
  api: { url: string, token: string }
}

/** The message every "no daemon" failure carries, so the user sees one remedy. */
export function notRunningMessage (dataDir: string): string {
  return `no node running for ${dataDir}: start one with \`kabar start\``
}

function isNodeInfo (value: unknown): value is NodeInfo {
  if (value === null || typeof value !== 'object') return false
  const v = value as Partial<NodeInfo>
  return typeof v.peerId === 'string' &&
    Array.isArray(v.multiaddrs) && v.multiaddrs.every((m) => typeof m === 'string') &&
    v.api !== null && typeof v.api === 'object' &&
    typeof v.api.url === 'string' && typeof v.api.token === 'string'
}

/**
 * Reads DATA/node.json. Throws NOT_RUNNING (with the `kabar start` hint) when
 * it is missing, and also when it cannot be parsed (a daemon that died while
 * writing it is not running either); the cause keeps the detail.
 */
export async function readNodeInfo (dataDir: string): Promise<NodeInfo> {
  const path = join(dataDir, NODE_INFO_FILE)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    throw new KabarError('NOT_RUNNING', notRunningMessage(dataDir), { cause: err })
  }
  let info: unknown
  try {
    info = JSON.parse(text)
  } catch (err) {
    throw new KabarError('NOT_RUNNING', `${notRunningMessage(dataDir)} (${path} is not valid JSON)`, { cause: err })
  }
  if (!isNodeInfo(info)) throw new KabarError('NOT_RUNNING', `${notRunningMessage(dataDir)} (${path} lacks peerId, multiaddrs or api.url/api.token)`)
  return info
}
