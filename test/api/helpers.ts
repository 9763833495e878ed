/**
 * Starting an API server over a FakeNode, and a small fetch wrapper that
 * returns status, headers and the parsed JSON body.
 */
import { startApiServer } from '../../src/api/server.ts'
import type { ApiServer } from '../../src/api/server.ts'
import { FakeNode } from './fake-node.ts'

export const TOKEN = 'test-token-0123456789abcdef'

export interface Harness {
  node: FakeNode
  api: ApiServer
  /** Errors the server hid behind 500 INTERNAL. */
  internalErrors: unknown[]
}

export async function startHarness (): Promise<Harness> {
  const node = new FakeNode()
  const internalErrors: unknown[] = []
  const api = await startApiServer({ node, token: TOKEN, onError: (err) => { internalErrors.push(err) } })
  return { node, api, internalErrors }
}

export interface Reply {
  status: number
  headers: Headers
  body: unknown
}

export interface RequestOptions {
  method?: string
  /** A value to send as JSON, or a raw string sent as is. */
  body?: unknown
  /** The bearer token; null sends no Authorization header. */
  token?: string | null
}

export async function request (api: ApiServer, path: string, options: RequestOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = {}
  const token = options.token === undefined ? TOKEN : options.token
  if (token !== null) headers.authorization = `Bearer ${token}`
  let body: string | undefined
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
  }
  const res = await fetch(`${api.url}${path}`, { method: options.method ?? 'GET', headers, ...(body === undefined ? {} : { body }), signal: AbortSignal.timeout(10_000) })
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: text.length === 0 ? undefined : JSON.parse(text) as unknown }
}

/** The `{ error: { code, message } }` of a reply, checked for shape. */
export function errorOf (reply: Reply): { code: string, message: string } {
  const error = (reply.body as { error?: { code?: unknown, message?: unknown } } | undefined)?.error
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') throw new Error(`not an error body: ${JSON.stringify(reply.body)}`)
  return { code: error.code, message: error.message }
}
