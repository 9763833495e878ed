/**
 * `kabar business …` and `kabar link`: publish and show the business
 * profile, manage its devices, reader tokens and processors' webhooks, and,
 * on a customer's node, accept a business's changed disclosure. Every input
 * is checked here first (exit 2, naming the flag or field) with the API's
 * own validators, then sent to the running daemon.
 */
import { readFile } from 'node:fs/promises'
import { ApiClient } from '../../api/client.ts'
import type { DeviceRole } from '../../api/client.ts'
import type { ReaderRole } from '../../api/disclosed.ts'
import { parseProfileInput } from '../../api/profile-input.ts'
import { parseAddress, parseReaderName, parseWebhookUrl } from '../../api/validate.ts'
import { KabarError } from '../../errors.ts'
import type { BusinessProfileInput } from '../../node/types.ts'
import { usageError } from '../errors.ts'
import {
  formatDevices, formatDisclosure, formatLinkCode, formatMembership, formatProfile, formatTokens, formatWebhooks
} from '../format-business.ts'
import type { Output } from '../output.ts'
import { addressOnly, resolvePeer } from '../peers.ts'

export interface DataOptions { dataDir: string }

/** Reads and validates a profile file; usage errors name the file and the field. */
export async function readProfileFile (path: string): Promise<BusinessProfileInput> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    throw usageError(`cannot read --profile "${path}": ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, err)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw usageError(`--profile "${path}" is not valid JSON: ${(err as Error).message}`, err)
  }
  try {
    return parseProfileInput(json)
  } catch (err) {
    if (KabarError.is(err, 'BAD_REQUEST')) throw usageError(`--profile "${path}": ${err.message}`, err)
    throw err
  }
}

export async function publish (options: DataOptions & { profile: string }, out: Output): Promise<void> {
  const input = await readProfileFile(options.profile)
  const client = await ApiClient.fromDataDir(options.dataDir)
  const view = await client.publishProfile(input)
  out.result(view, (p) => [`published version ${p.version} of the business profile`, ...formatProfile(p)])
}

export async function profile (options: DataOptions, out: Output): Promise<void> {
  const client = await ApiClient.fromDataDir(options.dataDir)
  const view = await client.profile()
  if (view === undefined) throw new KabarError('NOT_FOUND', 'this account publishes no business profile yet: kabar business publish --profile FILE')
  out.result(view, formatProfile)
}

export async function addDevice (options: DataOptions & { role: DeviceRole, label: string }, out: Output): Promise<void> {
  const client = await ApiClient.fromDataDir(options.dataDir)
  out.result(await client.addDevice(options.role, options.label), formatLinkCode)
}

export async function removeDevice (options: DataOptions & { peerId: string }, out: Output): Promise<void> {
  const peerId = parseAddress(options.peerId)
  const client = await ApiClient.fromDataDir(options.dataDir)
  const devices = await client.removeDevice(peerId)
  out.result(devices, (list) => [`removed ${peerId}; it reads nothing sent from now on. Devices now:`, ...formatDevices(list)])
}

export async function devices (options: DataOptions, out: Output): Promise<void> {
  const client = await ApiClient.fromDataDir(options.dataDir)
  out.result(await client.devices(), formatDevices)
}

export async function link (options: DataOptions & { code: string }, out: Output): Promise<void> {
  if (options.code.trim().length === 0) throw usageError('the link code is empty')
  const client = await ApiClient.fromDataDir(options.dataDir)
  out.result(await client.link(options.code.trim()), formatMembership)
}

export async function accept (options: DataOptions & { business: string }, out: Output): Promise<void> {
  addressOnly(options.business)
  const client = await ApiClient.fromDataDir(options.dataDir)
  const business = await resolvePeer(client, options.business)
  const view = await client.acceptDisclosure(business)
  out.result(view, (d) => [`accepted; messages held for ${d.profile.displayName} are being sent`, ...formatDisclosure(d)])
}

export async function tokenAdd (options: DataOptions & { name: string, role: ReaderRole }, out: Output): Promise<void> {
  const name = parseReaderName(options.name, '--name')
  const client = await ApiClient.fromDataDir(options.dataDir)
  const made = await client.addToken(name, options.role)
  out.result(made, (t) => [
    `API token for ${t.role} "${t.name}": give it to them over a safe channel. It is shown only now:`,
    t.token
  ])
}

export async function tokenList (options: DataOptions, out: Output): Promise<void> {
  const client = await ApiClient.fromDataDir(options.dataDir)
  out.result(await client.tokens(), formatTokens)
}

export async function tokenRemove (options: DataOptions & { name: string }, out: Output): Promise<void> {
  const client = await ApiClient.fromDataDir(options.dataDir)
  await client.removeToken(options.name)
  out.result({ removed: options.name }, (r) => `revoked the token of "${r.removed}"`)
}

export async function webhookAdd (options: DataOptions & { processor: string, url: string }, out: Output): Promise<void> {
  const processor = parseReaderName(options.processor, '--processor')
  let url: string
  try {
    url = parseWebhookUrl(options.url)
  } catch (err) {
    throw usageError(`--${(err as Error).message}`, err)
  }
  const client = await ApiClient.fromDataDir(options.dataDir)
  const made = await client.addWebhook(processor, url)
  out.result(made, (r) => [
    `webhook for ${r.webhook.processor} → ${r.webhook.url}; new messages from now on are POSTed there.`,
    'Signing secret (HMAC-SHA256, see docs/OPERATING.md), shown only now:',
    r.secret
  ])
}

export async function webhookList (options: DataOptions, out: Output): Promise<void> {
  const client = await ApiClient.fromDataDir(options.dataDir)
  out.result(await client.webhooks(), formatWebhooks)
}

export async function webhookRemove (options: DataOptions & { processor: string }, out: Output): Promise<void> {
  const client = await ApiClient.fromDataDir(options.dataDir)
  await client.removeWebhook(options.processor)
  out.result({ removed: options.processor }, (r) => `removed the webhook of "${r.removed}"`)
}
