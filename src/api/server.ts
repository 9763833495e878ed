/**
 * The daemon's HTTP + WebSocket API on node:http (see docs/API.md).
 *
 * @example
 * ```ts
 * const api = await startApiServer({ node, token: 'a long random secret' })
 * // curl -H "Authorization: Bearer …" ${api.url}/v1/status
 * await api.close()
 * ```
 *
 * Every route but `GET /v1/health` needs `Authorization: Bearer <token>`;
 * a request without it gets 401 before routing, so unauthenticated callers
 * learn nothing about which paths exist. Errors are JSON
 * `{ error: { code, message } }` (errors.ts); the server keeps serving after
 * any bad request.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { KabarError } from '../errors.ts'
import type { NodeApi } from '../node/types.ts'
import { isAuthorized } from './auth.ts'
import { MIN_TOKEN_LENGTH } from './constants.ts'
import { errorResponse } from './errors.ts'
import { attachEvents } from './events.ts'
import { readJsonBody, sendJson } from './http.ts'
import { decodeParams, matchRoute } from './routes.ts'

export interface ApiServerOptions {
  node: NodeApi
  /** Interface to listen on; loopback unless you mean to expose the API. */
  host?: string
  /** 0 (the default) picks a free port. */
  port?: number
  /** The bearer token every request but the health check must carry. */
  token: string
  /** Called with errors the API hid behind 500 INTERNAL, for the daemon's log. */
  onError?: (err: unknown) => void
}

export interface ApiServer {
  /** `http://host:port`, without a trailing slash. */
  url: string
  /** Stops listening, closes event sockets and open connections. Safe to call twice. */
  close: () => Promise<void>
}

async function handle (options: ApiServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const method = req.method ?? 'GET'
  const match = matchRoute(method, url.pathname)
  if (!(match.kind === 'found' && match.route.public === true) && !isAuthorized(req, url, options.token, false)) {
    sendJson(res, 401, { error: { code: 'UNAUTHORIZED', message: 'missing or wrong bearer token (Authorization: Bearer <token>, see node.json)' } }, { 'www-authenticate': 'Bearer' })
    return
  }
  if (match.kind === 'none') throw new KabarError('NOT_FOUND', `no route for ${method} ${url.pathname}`)
  if (match.kind === 'wrong-method') {
    sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${method} is not allowed on ${url.pathname} (allowed: ${match.allowed.join(', ')})` } }, { allow: match.allowed.join(', ') })
    return
  }
  const result = await match.route.handler({
    node: options.node,
    params: decodeParams(match.params),
    url,
    body: async (limit) => readJsonBody(req, limit)
  })
  sendJson(res, result.status, result.body, result.headers)
}

function fail (options: ApiServerOptions, res: ServerResponse, err: unknown): void {
  const { status, body, internal } = errorResponse(err)
  if (internal) options.onError?.(err)
  if (res.headersSent) {
    res.destroy()
    return
  }
  // After 413 the rest of the body is unread: close the connection rather than drain an unbounded upload.
  sendJson(res, status, body, status === 413 ? { connection: 'close' } : {})
}

/** Starts the API; resolves once it listens. */
export async function startApiServer (options: ApiServerOptions): Promise<ApiServer> {
  if (typeof options.token !== 'string' || options.token.length < MIN_TOKEN_LENGTH) {
    throw new KabarError('INVALID_CONFIG', `the API token must be a string of at least ${MIN_TOKEN_LENGTH} characters`)
  }
  const host = options.host ?? '127.0.0.1'
  const server = createServer((req, res) => {
    handle(options, req, res).catch((err: unknown) => { fail(options, res, err) })
  })
  const hub = attachEvents(server, options.node, options.token)
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => {
      reject(new KabarError('INVALID_CONFIG', `the API cannot listen on ${host}:${options.port ?? 0}: ${err.message}`, { cause: err }))
    })
    server.listen(options.port ?? 0, host, () => { resolve() })
  }).catch(async (err: unknown) => {
    await hub.close()
    throw err
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  let closing: Promise<void> | undefined
  return {
    url,
    close: async () => {
      closing ??= (async () => {
        await hub.close()
        await new Promise<void>((resolve) => {
          server.close(() => { resolve() })
          server.closeAllConnections()
        })
      })()
      await closing
    }
  }
}
