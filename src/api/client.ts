/**
 * A typed client for the daemon API (node:http, see http-request.ts), one method per endpoint.
 * A non-2xx answer throws a KabarError with the server's code and message;
 * an unreachable daemon throws NOT_RUNNING; a request over `timeoutMs`
 * throws TIMEOUT.
 *
 * @example
 * ```ts
 * const client = await ApiClient.fromDataDir(`${homedir()}/.kabar`)
 * const sent = await client.send('12D3KooW…', 'hello')
 * ```
 */
import { ErrorCode, KabarError } from '../errors.ts'
import type {
  AttestationView, BusinessProfileInput, BusinessProfileView, Contact, DeviceView, DisclosureView, InviteView, JoinResult, LinkCode, LookupResult,
  GroupMessageView, GroupView, Membership, MessageView, NodeStatus, TrustSettings
} from '../node/types.ts'
import { API_PREFIX, DEFAULT_CLIENT_TIMEOUT_MS } from './constants.ts'
import type { ReaderRole } from './disclosed.ts'
import { openEventStream } from './event-stream.ts'
import type { EventStream, EventStreamOptions } from './event-stream.ts'
import type { HealthBody } from './metrics.ts'
import type { TokenView } from './tokens.ts'
import type { WebhookView } from './webhooks.ts'
import { notRunningMessage, readNodeInfo } from './node-info.ts'
import { httpRequest } from './http-request.ts'
import type { HttpAnswer } from './http-request.ts'

export { readNodeInfo, notRunningMessage } from './node-info.ts'
export type { NodeInfo } from './node-info.ts'
export type { EventStream, EventStreamOptions } from './event-stream.ts'
export type { ApiEvent } from './events.ts'
export type { HealthBody } from './metrics.ts'
export type { TokenView } from './tokens.ts'
export type { WebhookView } from './webhooks.ts'

/** The device roles `addDevice` takes. */
export type DeviceRole = 'agent' | 'processor' | 'linked' | 'mailbox'

/** What `attest` returns: the base64 attestation (for the business's profile) and what it says. */
export interface IssuedAttestation { attestation: string, view: AttestationView }

export interface ApiClientOptions {
  /** The API's base URL, `http://127.0.0.1:7745` (node.json `api.url`). */
  url: string
  token: string
  /** Per-request limit (default DEFAULT_CLIENT_TIMEOUT_MS). */
  timeoutMs?: number
  /** Message of the NOT_RUNNING error when the API cannot be reached. */
  unreachableMessage?: string
}

export interface MessagesQuery {
  peer?: string
  after?: number
  limit?: number
}

/** True when `code` is one of kabar's error codes (a newer server may send codes this client does not know). */
function isErrorCode (code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.values<string>(ErrorCode).includes(code)
}

const segment = (value: string): string => encodeURIComponent(value)

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export class ApiClient {
  readonly url: string
  readonly #token: string
  readonly #timeoutMs: number
  readonly #unreachable: string

  constructor (options: ApiClientOptions) {
    this.url = options.url.replace(/\/+$/, '')
    this.#token = options.token
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_CLIENT_TIMEOUT_MS
    this.#unreachable = options.unreachableMessage ?? `cannot reach the kabar API at ${this.url}`
  }

  /** A client for the daemon of a data directory (from its node.json); NOT_RUNNING when there is none. */
  static async fromDataDir (dataDir: string, options: { timeoutMs?: number } = {}): Promise<ApiClient> {
    const info = await readNodeInfo(dataDir)
    return new ApiClient({ url: info.api.url, token: info.api.token, unreachableMessage: notRunningMessage(dataDir), ...options })
  }

  async health (): Promise<HealthBody> { return this.#request('GET', '/health') }
  async status (): Promise<NodeStatus> { return this.#request('GET', '/status') }
  async send (to: string, text: string): Promise<MessageView> { return this.#request('POST', '/messages', { to, text }) }
  async contacts (): Promise<Contact[]> { return this.#request('GET', '/contacts') }
  async verify (address: string): Promise<Contact> { return this.#request('POST', `/contacts/${segment(address)}/verify`) }
  async lookup (address: string): Promise<LookupResult> { return this.#request('GET', `/peers/${segment(address)}`) }

  async messages (query: MessagesQuery = {}): Promise<MessageView[]> {
    const params = new URLSearchParams()
    if (query.peer !== undefined) params.set('peer', query.peer)
    if (query.after !== undefined) params.set('after', String(query.after))
    if (query.limit !== undefined) params.set('limit', String(query.limit))
    const search = params.size > 0 ? `?${params.toString()}` : ''
    return this.#request('GET', `/messages${search}`)
  }

  /** One message, or undefined when the node has no message with that id. */
  async message (id: string): Promise<MessageView | undefined> {
    try {
      return await this.#request<MessageView>('GET', `/messages/${segment(id)}`)
    } catch (err) {
      if (KabarError.is(err, 'NOT_FOUND')) return undefined
      throw err
    }
  }

  async removeContact (address: string): Promise<Contact> { return this.#request('DELETE', `/contacts/${segment(address)}`) }
  async invite (name?: string): Promise<InviteView> { return this.#request('GET', name === undefined ? '/invite' : `/invite?${new URLSearchParams({ name }).toString()}`) }
  async acceptInvite (invite: string, name?: string): Promise<JoinResult> {
    return this.#request('POST', '/contacts', name === undefined ? { invite } : { invite, name })
  }

  async addContact (address: string, name?: string): Promise<Contact> {
    return this.#request('POST', '/contacts', name === undefined ? { address } : { address, name })
  }

  async safetyNumber (address: string): Promise<string> {
    const body = await this.#request<{ safetyNumber: string }>('GET', `/peers/${segment(address)}/safety-number`)
    return body.safetyNumber
  }

  // Groups (/v1/groups)

  async groups (): Promise<GroupView[]> { return this.#request('GET', '/groups') }
  async group (id: string): Promise<GroupView> { return this.#request('GET', `/groups/${segment(id)}`) }
  async createGroup (name: string, members: string[]): Promise<GroupView> { return this.#request('POST', '/groups', { name, members }) }
  async addGroupMembers (id: string, members: string[]): Promise<GroupView> { return this.#request('POST', `/groups/${segment(id)}/members`, { members }) }
  async removeGroupMember (id: string, member: string): Promise<GroupView> { return this.#request('DELETE', `/groups/${segment(id)}/members/${segment(member)}`) }
  async groupAdmin (id: string, member: string, admin: boolean): Promise<GroupView> { return this.#request(admin ? 'PUT' : 'DELETE', `/groups/${segment(id)}/admins/${segment(member)}`) }
  async leaveGroup (id: string): Promise<GroupView> { return this.#request('POST', `/groups/${segment(id)}/leave`) }
  async sendGroup (id: string, text: string): Promise<GroupMessageView> { return this.#request('POST', `/groups/${segment(id)}/messages`, { text }) }
  async groupMessages (id: string, after?: number): Promise<GroupMessageView[]> { return this.#request('GET', `/groups/${segment(id)}/messages${after === undefined ? '' : `?after=${after}`}`) }

  /** A one-time login link for the web page (`kabar open`); only the bearer token can ask for one. */
  async loginCode (): Promise<{ code: string, url: string, expires: number }> {
    return this.#request('POST', '/login-codes')
  }

  // Customer side of businesses

  /** A business's disclosure as this user sees it, or undefined when the address publishes no profile. */
  async disclosure (address: string): Promise<DisclosureView | undefined> {
    try {
      return await this.#request<DisclosureView>('GET', `/disclosures/${segment(address)}`)
    } catch (err) {
      if (KabarError.is(err, 'NOT_FOUND')) return undefined
      throw err
    }
  }

  async acceptDisclosure (address: string): Promise<DisclosureView> { return this.#request('POST', `/disclosures/${segment(address)}/accept`) }

  // Business side

  /** This account's published profile, or undefined when it publishes none. */
  async profile (): Promise<BusinessProfileView | undefined> {
    try {
      return await this.#request<BusinessProfileView>('GET', '/business/profile')
    } catch (err) {
      if (KabarError.is(err, 'NOT_FOUND')) return undefined
      throw err
    }
  }

  async publishProfile (input: BusinessProfileInput): Promise<BusinessProfileView> { return this.#request('PUT', '/business/profile', input) }
  async devices (): Promise<DeviceView[]> { return this.#request('GET', '/devices') }
  async addDevice (role: DeviceRole, label: string): Promise<LinkCode> { return this.#request('POST', '/devices', { role, label }) }
  async removeDevice (peerId: string): Promise<DeviceView[]> { return this.#request('DELETE', `/devices/${segment(peerId)}`) }
  async link (code: string): Promise<Membership> { return this.#request('POST', '/link', { code }) }

  async tokens (): Promise<TokenView[]> { return this.#request('GET', '/business/tokens') }
  /** A new token for an agent or processor the profile lists; `token` is shown this once. */
  async addToken (name: string, role: ReaderRole): Promise<TokenView & { token: string }> { return this.#request('POST', '/business/tokens', { name, role }) }
  async removeToken (name: string): Promise<void> { await this.#request('DELETE', `/business/tokens/${segment(name)}`) }

  async webhooks (): Promise<WebhookView[]> { return this.#request('GET', '/business/webhooks') }
  /** A webhook for a processor the profile names; `secret` (the HMAC key) is shown this once. */
  async addWebhook (processor: string, url: string): Promise<{ webhook: WebhookView, secret: string }> { return this.#request('POST', '/business/webhooks', { processor, url }) }
  async removeWebhook (processor: string): Promise<void> { await this.#request('DELETE', `/business/webhooks/${segment(processor)}`) }

  // Verifiers and trust

  async attest (options: { business: string, legalName: string, domain: string, scope?: string, days: number }): Promise<IssuedAttestation> { return this.#request('POST', '/attestations', options) }
  async revokeAttestation (id: string): Promise<void> { await this.#request('POST', `/attestations/${segment(id)}/revoke`) }
  async trust (): Promise<TrustSettings> { return this.#request('GET', '/trust') }
  async addVerifier (address: string, label?: string): Promise<TrustSettings> { return this.#request('POST', '/trust/verifiers', label === undefined ? { address } : { address, label }) }
  async removeVerifier (address: string): Promise<TrustSettings> { return this.#request('DELETE', `/trust/verifiers/${segment(address)}`) }
  async setTrustThreshold (threshold: number): Promise<TrustSettings> { return this.#request('PUT', '/trust/threshold', { threshold }) }

  /** The Prometheus text of GET /metrics. */
  async metrics (): Promise<string> {
    const res = await this.#fetch('GET', `${this.url}/metrics`, undefined, 'text/plain')
    const text = await res.text()
    if (!res.ok) throw this.#failure(res, text, 'GET', '/metrics')
    return text
  }

  /** Subscribes to node events over the WebSocket; close() the stream when done. */
  events (options: EventStreamOptions = {}): EventStream {
    return openEventStream({ url: this.url, token: this.#token, unreachableMessage: this.#unreachable }, options)
  }

  async #fetch (method: HttpMethod, url: string, body: unknown, accept: string): Promise<HttpAnswer> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.#token}`, accept }
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
    if (payload !== undefined) {
      headers['content-type'] = 'application/json'
      headers['content-length'] = String(payload.byteLength)
    }
    try {
      return await httpRequest(method, url, headers, payload, this.#timeoutMs)
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') throw new KabarError('TIMEOUT', `the API at ${this.url} did not answer within ${this.#timeoutMs} ms`, { cause: err })
      throw new KabarError('NOT_RUNNING', this.#unreachable, { cause: err })
    }
  }


  /** The KabarError for a non-2xx answer: the server's code and message. */
  #failure (res: HttpAnswer, text: string, method: string, path: string): KabarError {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      return new KabarError('INTERNAL', `the API answered ${method} ${path} with HTTP ${res.status}`)
    }
    const error = (parsed as { error?: { code?: unknown, message?: unknown } } | undefined)?.error
    const code = isErrorCode(error?.code) ? error.code : 'INTERNAL'
    const message = typeof error?.message === 'string' ? error.message : `HTTP ${res.status}`
    return new KabarError(code, message)
  }

  async #request<T> (method: HttpMethod, path: string, body?: unknown): Promise<T> {
    const res = await this.#fetch(method, `${this.url}${API_PREFIX}${path}`, body, 'application/json')
    const text = await res.text()
    let parsed: unknown
    try {
      parsed = text.length === 0 ? undefined : JSON.parse(text)
    } catch (err) {
      throw new KabarError('INTERNAL', `the API answered ${method} ${path} with HTTP ${res.status} and a body that is not JSON`, { cause: err })
    }
    if (res.ok) return parsed as T
    const error = (parsed as { error?: { code?: unknown, message?: unknown } } | undefined)?.error
    const code = isErrorCode(error?.code) ? error.code : 'INTERNAL'
    const message = typeof error?.message === 'string' ? error.message : `HTTP ${res.status}`
    throw new KabarError(code, message)
  }
}
