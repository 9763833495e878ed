/**
 * The client side of /v1/events: an async iterator over node events that
 * holds at most `highWaterMark` unread events. Past that it pauses the
 * socket, so a slow consumer applies TCP back-pressure instead of growing
 * memory (the server drops a client that falls too far behind).
 *
 * @example
 * ```ts
 * const events = client.events()
 * await events.opened
 * for await (const event of events) if (event.type === 'message') console.log(event.text)
 * ```
 */
import { createRequire } from 'node:module'
import type { RawData, WebSocket as WsSocket } from 'ws'
import { KabarError } from '../errors.ts'
import { API_PREFIX, CLIENT_EVENT_HIGH_WATER } from './constants.ts'
import type { ApiEvent } from './events.ts'

export interface EventStreamOptions {
  /** Unread events held before the socket is paused (default CLIENT_EVENT_HIGH_WATER). */
  highWaterMark?: number
  /** Aborting closes the stream, like close(). */
  signal?: AbortSignal
}

export interface EventStream extends AsyncIterableIterator<ApiEvent> {
  /** Resolves once subscribed (every later event is seen); rejects when the socket cannot open. */
  readonly opened: Promise<void>
  /** Ends the stream: a pending or later next() returns done. Idempotent. */
  close: () => void
  /** Events received and not yet read: highWaterMark, plus at most what one socket read had already brought in. */
  readonly buffered: number
}

export interface EventStreamTarget {
  url: string
  token: string
  /** Message of the NOT_RUNNING error when the socket cannot connect. */
  unreachableMessage: string
}

function rawText (data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(new Uint8Array(data)).toString('utf8')
}

function httpError (status: number): KabarError {
  if (status === 401) return new KabarError('UNAUTHORIZED', 'the API refused the token (401): is node.json current?')
  return new KabarError('INTERNAL', `the API refused the event socket with HTTP ${status}`)
}

export function openEventStream (target: EventStreamTarget, options: EventStreamOptions = {}): EventStream {
  const highWaterMark = options.highWaterMark ?? CLIENT_EVENT_HIGH_WATER
  // Loaded on first use, not at import: most commands that import the client never follow events.
  const { WebSocket } = createRequire(import.meta.url)('ws') as { WebSocket: typeof WsSocket }
  const ws = new WebSocket(`${target.url.replace(/^http/, 'ws')}${API_PREFIX}/events`, { headers: { authorization: `Bearer ${target.token}` } })
  const queue: ApiEvent[] = []
  let failure: KabarError | undefined
  let ended = false
  let wake: (() => void) | undefined
  let markOpen!: () => void
  let markFailed!: (err: KabarError) => void
  const opened = new Promise<void>((resolve, reject) => { markOpen = resolve; markFailed = reject })
  opened.catch(() => {}) // failures also surface from next(); an unobserved `opened` must not crash the process

  const finish = (err?: KabarError): void => {
    if (ended) return
    ended = true
    if (err !== undefined) failure ??= err
    markFailed(failure ?? new KabarError('NOT_RUNNING', 'the event stream was closed before it opened'))
    wake?.()
  }
  ws.on('open', () => { markOpen() })
  ws.on('message', (data, isBinary) => {
    if (isBinary || ended) return
    try {
      queue.push(JSON.parse(rawText(data)) as ApiEvent)
    } catch {
      return
    }
    if (queue.length >= highWaterMark) ws.pause()
    wake?.()
  })
  ws.on('unexpected-response', (_req, res) => {
    finish(httpError(res.statusCode ?? 0))
    ws.terminate()
  })
  ws.on('error', (err) => {
    finish(new KabarError('NOT_RUNNING', `${target.unreachableMessage} (${err.message})`, { cause: err }))
  })
  ws.on('close', (code, reason) => {
    finish(new KabarError('NOT_RUNNING', `the node closed the event stream (${code}${reason.length > 0 ? `: ${reason.toString()}` : ''})`))
  })

  const close = (): void => {
    if (ended) return
    finish()
    if (ws.readyState === WebSocket.OPEN) ws.close(1000)
    else ws.terminate()
  }
  options.signal?.addEventListener('abort', close, { once: true })

  const stream: EventStream = {
    opened,
    close,
    get buffered () { return queue.length },
    next: async (): Promise<IteratorResult<ApiEvent>> => {
      for (;;) {
        const event = queue.shift()
        if (event !== undefined) {
          if (ws.isPaused && queue.length < highWaterMark / 2) ws.resume()
          return { value: event, done: false }
        }
        if (ended) {
          if (failure !== undefined) {
            const err = failure
            failure = undefined // report once, then behave as a finished iterator
            throw err
          }
          return { value: undefined, done: true }
        }
        await new Promise<void>((resolve) => { wake = resolve })
        wake = undefined
      }
    },
    return: async (): Promise<IteratorResult<ApiEvent>> => {
      close()
      failure = undefined
      return Promise.resolve({ value: undefined, done: true })
    },
    [Symbol.asyncIterator] () { return stream }
  }
  return stream
}

