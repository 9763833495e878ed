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
 * Every route but `GET /v1/health` needs `Authorization: Bearer <token>`,
 * or the web page's session cookie passing the same-origin and CSRF checks
 * of same-origin.ts (docs/WEB.md); a request without either gets 401 before
 * routing, so unauthenticated callers learn nothing about which paths exist.
 * Paths outside /v1/ are the web page's files (static.ts). Errors are JSON
 * `{ error: { code, message } }` (errors.ts); the server keeps serving after
 * any bad request.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { KabarError } from '../errors.ts'
import type { NodeApi } from '../node/types.ts'
import { authorizeRoute } from './auth.ts'
import { API_PREFIX, CLOSE_GRACE_MS, MIN_TOKEN_LENGTH } from './constants.ts'
import { errorResponse } from './errors.ts'
import { attachEvents } from './events.ts'
import { readJsonBody, sendJson } from './http.ts'
import { silentLogger } from './logger.ts'
import type { Logger } from './logger.ts'
import type { MetricsSource } from './metrics.ts'
import { ROUTES, decodeParams, matchRoute } from './routes.ts'
import type { ApiServices, Route } from './routes.ts'
import type { TokenRegistry } from './tokens.ts'
import type { WebhookDispatcher } from './webhooks.ts'
import { authorize, hostAllowed, localSite, originAllowed } from './same-origin.ts'
import type { Site } from './same-origin.ts'
import { WebSessions } from './sessions.ts'
import type { LoginCode } from './sessions.ts'
import { findStatic, loadStaticSite, sendStatic } from './static.ts'
import type { StaticSite } from './static.ts'
import { webRoutes } from './web-routes.ts'

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
  /** Directory of the built web page (dist/src/web), served outside /v1/; without it only the API is served. */
  webRoot?: string
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
  /** A one-time login link for the web page: `${url}/login#<code>`, valid for LOGIN_CODE_TTL_MS. */
  loginLink: () => LoginCode & { url: string }
  /** Stops listening, closes event sockets and open connections. Safe to call twice. */
  close: () => Promise<void>
}

interface ServerState {
  options: ApiServerOptions
  services: ApiServices
  routes: readonly Route[]
  sessions: WebSessions
  site: Site
  web: StaticSite
}

function refuse (res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: { code, message } }, headers)
}

/** The web page's files: GET/HEAD only, under this daemon's own host name, never cross-origin. */
function servePage (state: ServerState, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const file = findStatic(state.web, url.pathname)
  if (file === undefined) return refuse(res, 404, 'NOT_FOUND', `no page at ${url.pathname}`)
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'METHOD_NOT_ALLOWED', `${req.method ?? ''} is not allowed on ${url.pathname} (allowed: GET, HEAD)`, { allow: 'GET, HEAD' })
  if (!hostAllowed(req, state.site) || !originAllowed(req, state.site)) return refuse(res, 403, 'FORBIDDEN', 'the page is served under this daemon\'s own address only')
  sendStatic(req, res, file)
}

async function handle (state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { options } = state
  const url = new URL(req.url ?? '/', 'http://localhost')
  const method = req.method ?? 'GET'
  // /metrics sits beside /v1/ where Prometheus expects it; everything else outside /v1/ is the page.
  if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`) && url.pathname !== '/metrics') {
    servePage(state, req, res, url)
    return
  }
  const match = matchRoute(method, url.pathname, state.routes)
  const isPublic = match.kind === 'found' && match.route.public === true
  const auth = authorize(req, url, { token: options.token, tokens: options.tokens, sessions: state.sessions, site: state.site, websocket: false })
  // A public route ignores a failed token or cookie (a stale session must not block logging in again), never a foreign Origin.
  if (!auth.ok && (!isPublic || !originAllowed(req, state.site))) {
    refuse(res, auth.status, auth.code, auth.message, auth.status === 401 ? { 'www-authenticate': 'Bearer' } : {})
    return
  }
  if (match.kind === 'none') throw new KabarError('NOT_FOUND', `no route for ${method} ${url.pathname}`)
  if (match.kind === 'wrong-method') {
    sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${method} is not allowed on ${url.pathname} (allowed: ${match.allowed.join(', ')})` } }, { allow: match.allowed.join(', ') })
    return
  }
  const via = auth.ok ? auth.via : 'none'
  if (match.route.tokenOnly === true && via !== 'token') throw new KabarError('FORBIDDEN', `${method} ${url.pathname} needs the bearer token (a web session cannot use it)`)
  const principal = auth.ok ? auth.principal : undefined
  if (principal !== undefined && match.route.public !== true) await authorizeRoute(principal, match.route.readers ?? [], options.node)
  const result = await match.route.handler({
    node: options.node,
    principal,
    services: state.services,
    params: decodeParams(match.params),
    url,
    body: async (limit) => readJsonBody(req, limit),
    request: req,
    via
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
  const sessions = new WebSessions()
  let url = ''
  const log = options.log ?? silentLogger
  const state: ServerState = {
    options,
    services: { tokens: options.tokens, webhooks: options.webhooks, metrics: options.metrics, startedAt: Date.now() },
    routes: [],
    sessions,
    // Replaced by the real port once listening, before any request is read.
    site: localSite(host, 0),
    web: options.webRoot === undefined ? { files: new Map() } : await loadStaticSite(options.webRoot)
  }
  state.routes = [...ROUTES, ...webRoutes({ sessions, site: () => state.site, url: () => url })]
  let shuttingDown = false
  const server = createServer((req, res) => {
    const started = performance.now()
    // While closing, a connection whose last request just got its answer is idle: close it now, not at its keep-alive timeout.
    if (shuttingDown) res.setHeader('connection', 'close')
    res.on('finish', () => {
      if (shuttingDown) setImmediate(() => { server.closeIdleConnections() })
      log.debug('api.request', { method: req.method, path: new URL(req.url ?? '/', 'http://localhost').pathname, status: res.statusCode, ms: Math.round(performance.now() - started) })
    })
    handle(state, req, res).catch((err: unknown) => { fail(options, res, err) })
  })
  const hub = attachEvents(server, options.node, (req, reqUrl) => authorize(req, reqUrl, { token: options.token, tokens: options.tokens, sessions, site: state.site, websocket: true }))
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
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  state.site = localSite(host, port)
  let closing: Promise<void> | undefined
  return {
    url,
    loginLink: () => {
      const code = sessions.issueCode()
      return { ...code, url: `${url}/login#${code.code}` }
    },
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
