/**
 * The page's door to the daemon: JSON requests under /v1 with the session
 * cookie (sent by the browser, never readable here) and the CSRF token in a
 * header on every POST, PUT and DELETE; and the /v1/events WebSocket, which
 * reconnects with backoff. The bearer token never reaches the page.
 */
import type { NodeEventName, NodeEvents } from '../../node/types.ts'

/** One frame of /v1/events. */
export type PageEvent = { [E in NodeEventName]: { type: E } & NodeEvents[E] }[NodeEventName]

export class ApiError extends Error {
  constructor (readonly status: number, readonly code: string, message: string) {
    super(message)
    this.name = 'ApiError'
  }
}

export const CSRF_HEADER = 'x-kabar-csrf'

let csrf = ''

/** The session's CSRF token, once logged in. */
export function setCsrf (token: string): void { csrf = token }

export async function request<T> (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (method !== 'GET') headers[CSRF_HEADER] = csrf
  if (body !== undefined) headers['content-type'] = 'application/json'
  let res: Response
  try {
    res = await fetch(`/v1${path}`, { method, headers, credentials: 'same-origin', cache: 'no-store', ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  } catch {
    throw new ApiError(0, 'NOT_RUNNING', 'the node is not answering: is `kabar start` still running?')
  }
  const text = await res.text()
  let parsed: unknown
  try {
    parsed = text.length === 0 ? undefined : JSON.parse(text)
  } catch {
    throw new ApiError(res.status, 'INTERNAL', `HTTP ${res.status}`)
  }
  if (res.ok) return parsed as T
  const error = (parsed as { error?: { code?: string, message?: string } } | undefined)?.error
  throw new ApiError(res.status, error?.code ?? 'INTERNAL', error?.message ?? `HTTP ${res.status}`)
}

/** `request`, but undefined for 404 (a resource that does not exist is an answer, not a failure). */
export async function optional<T> (path: string): Promise<T | undefined> {
  try {
    return await request<T>('GET', path)
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined
    throw err
  }
}

export const seg = encodeURIComponent

export interface EventsHandle { close: () => void }

/**
 * Subscribes to /v1/events. `onOpen` runs on every (re)connection, so the
 * caller can catch up on what it missed; the socket reconnects with backoff
 * (1 s doubling to 30 s) until closed, and stops for good on 401.
 */
export function openEvents (onEvent: (event: PageEvent) => void, onState: (state: 'open' | 'closed' | 'ended') => void, onOpen: () => void): EventsHandle {
  let ws: WebSocket | undefined
  let delay = 1000
  let closed = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const connect = (): void => {
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/events`)
    ws = socket
    let opened = false
    socket.addEventListener('open', () => {
      opened = true
      delay = 1000
      onState('open')
      onOpen()
    })
    socket.addEventListener('message', (e: MessageEvent) => {
      if (typeof e.data !== 'string') return
      try {
        onEvent(JSON.parse(e.data) as PageEvent)
      } catch { /* a frame that is not JSON is ignored */ }
    })
    socket.addEventListener('close', () => {
      if (closed) return
      onState('closed')
      // A socket that never opened may have been refused (session ended): ask before retrying forever.
      const retry = (): void => { timer = setTimeout(connect, delay); delay = Math.min(delay * 2, 30_000) }
      if (opened) { retry(); return }
      request('GET', '/session').then(retry, (err: unknown) => {
        if (err instanceof ApiError && err.status === 401) onState('ended')
        else retry()
      })
    })
  }
  connect()
  return {
    close: () => {
      closed = true
      if (timer !== undefined) clearTimeout(timer)
      ws?.close()
    }
  }
}
