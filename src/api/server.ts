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
import { authenticate, authorize } from './auth.ts'
import { CLOSE_GRACE_MS, MIN_TOKEN_LENGTH } from './constants.ts'
import { errorResponse } from './errors.ts'
import { attachEvents } from './events.ts'
import { readJsonBody, sendJson } from './http.ts'
import { silentLogger } from './logger.ts'
import type { Logger } from './logger.ts'
import type { MetricsSource } from './metrics.ts'
import { decodeParams, matchRoute } from './routes.ts'
import type { ApiServices } from './routes.ts'
import type { TokenRegistry } from './tokens.ts'
import type { WebhookDispatcher } from './webhooks.ts'

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
  /** Agents' and processors' tokens (a business daemon); without it only the owner token works. */
  tokens?: TokenRegistry
  /** Serves the /v1/business/webhooks routes. */
  webhooks?: WebhookDispatcher
  /** Serves GET /metrics (owner token). */
  metrics?: MetricsSource
  /** Request lines at debug level (method, path, status, ms; never the query, which may hold a token). */
  log?: Logger
  /** How long close() lets requests in flight finish before cutting them (default CLOSE_GRACE_MS). */
  closeGraceMs?: number
}

export interface ApiServer {
  /** `http://host:port`, without a trailing slash. */
  url: string
  /** Stops listening, closes event sockets and open connections. Safe to call twice. */
  close: () => Promise<void>
}

async function handle (options: ApiServerOptions, services: ApiServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const method = req.method ?? 'GET'
  const match = matchRoute(method, url.pathname)
  const principal = authenticate(req, url, options, false)
  if (!(match.kind === 'found' && match.route.public === true) && principal === undefined) {
    sendJson(res, 401, { error: { code: 'UNAUTHORIZED', message: 'missing or wrong bearer token (Authorization: Bearer <token>, see node.json)' } }, { 'www-authenticate': 'Bearer' })
    return
  }
  if (match.kind === 'none') throw new KabarError('NOT_FOUND', `no route for ${method} ${url.pathname}`)
  if (match.kind === 'wrong-method') {
    sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${method} is not allowed on ${url.pathname} (allowed: ${match.allowed.join(', ')})` } }, { allow: match.allowed.join(', ') })
    return
  }
  if (principal !== undefined && match.route.public !== true) await authorize(principal, match.route.readers ?? [], options.node)
  const result = await match.route.handler({
    node: options.node,
    principal,
    services,
    params: decodeParams(match.params),
    url,
    body: async (limit) => readJsonBody(req, limit)
  })
  if (result.text !== undefined) {
    res.writeHead(result.status, { 'content-type': result.text.contentType, 'content-length': String(Buffer.byteLength(result.text.body)), 'cache-control': 'no-store', ...result.headers })
    res.end(result.text.body)
  } else if (result.status === 204) {
    res.writeHead(204, { 'cache-control': 'no-store', ...result.headers }).end()
  } else {
    sendJson(res, result.status, result.body, result.headers)
  }
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
  const log = options.log ?? silentLogger
  const services: ApiServices = { tokens: options.tokens, webhooks: options.webhooks, metrics: options.metrics, startedAt: Date.now() }
  let shuttingDown = false
  const server = createServer((req, res) => {
    const started = performance.now()
    // While closing, a connection whose last request just got its answer is idle: close it now, not at its keep-alive timeout.
    if (shuttingDown) res.setHeader('connection', 'close')
    res.on('finish', () => {
      if (shuttingDown) setImmediate(() => { server.closeIdleConnections() })
      log.debug('api.request', { method: req.method, path: new URL(req.url ?? '/', 'http://localhost').pathname, status: res.statusCode, ms: Math.round(performance.now() - started) })
    })
    handle(options, services, req, res).catch((err: unknown) => { fail(options, res, err) })
  })
  const hub = attachEvents(server, options.node, options)
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
        shuttingDown = true
        await hub.close()
        // Stop accepting, close idle keep-alive connections, let requests in flight answer; cut what is left after the grace period.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => { server.closeAllConnections() }, options.closeGraceMs ?? CLOSE_GRACE_MS)
          server.close(() => { clearTimeout(timer); resolve() })
          server.closeIdleConnections()
        })
      })()
      await closing
    }
  }
}
