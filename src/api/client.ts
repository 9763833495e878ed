/**
 * A typed client for the daemon API (fetch-based), one method per endpoint.
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
import type { Contact, LookupResult, MessageView, NodeStatus } from '../node/types.ts'
import { API_PREFIX, DEFAULT_CLIENT_TIMEOUT_MS } from './constants.ts'
import { openEventStream } from './event-stream.ts'
import type { EventStream, EventStreamOptions } from './event-stream.ts'
import { notRunningMessage, readNodeInfo } from './node-info.ts'

export { readNodeInfo, notRunningMessage } from './node-info.ts'
export type { NodeInfo } from './node-info.ts'
export type { EventStream, EventStreamOptions } from './event-stream.ts'
export type { ApiEvent } from './events.ts'

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

  async health (): Promise<{ ok: true }> { return this.#request('GET', '/health') }
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

  async addContact (address: string, name?: string): Promise<Contact> {
    return this.#request('POST', '/contacts', name === undefined ? { address } : { address, name })
  }

  async safetyNumber (address: string): Promise<string> {
    const body = await this.#request<{ safetyNumber: string }>('GET', `/peers/${segment(address)}/safety-number`)
    return body.safetyNumber
  }

  /** A one-time login link for the web page (`kabar open`); only the bearer token can ask for one. */
  async loginCode (): Promise<{ code: string, url: string, expires: number }> {
    return this.#request('POST', '/login-codes')
  }

  /** Subscribes to node events over the WebSocket; close() the stream when done. */
  events (options: EventStreamOptions = {}): EventStream {
    return openEventStream({ url: this.url, token: this.#token, unreachableMessage: this.#unreachable }, options)
  }

  async #request<T> (method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.#token}`, accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    let res: Response
    try {
      res = await fetch(`${this.url}${API_PREFIX}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.#timeoutMs)
      })
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') throw new KabarError('TIMEOUT', `the API at ${this.url} did not answer within ${this.#timeoutMs} ms`, { cause: err })
      throw new KabarError('NOT_RUNNING', this.#unreachable, { cause: err })
    }
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
