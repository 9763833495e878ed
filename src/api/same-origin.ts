/**
 * Who may call the API from a browser, and how a request is authorised
 * (docs/WEB.md, "Security model").
 *
 * A request is authorised by the bearer token, or by a web session cookie
 * that passes the same-origin checks:
 * - its Host is the daemon's own (127.0.0.1/localhost/[::1] and the port):
 *   a DNS-rebinding page reaches the port under a foreign name and is refused;
 * - its Origin, when present, is the daemon's own origin; any request with a
 *   foreign Origin is refused, token or not, since no page of another origin
 *   has a reason to call the API;
 * - `Sec-Fetch-Site`, when the browser sends it, is `same-origin`: other
 *   ports of 127.0.0.1 are the same *site* (SameSite cookies reach them) but
 *   not the same origin;
 * - POST, PUT and DELETE also carry an Origin and the session's CSRF token in
 *   the `X-Kabar-CSRF` header; a cross-origin page can set neither;
 * - the WebSocket upgrade (which cannot carry headers of the page's choosing)
 *   must carry the daemon's Origin.
 */
import type { IncomingMessage } from 'node:http'
import { bearerToken, tokenMatches } from './auth.ts'
import type { Principal } from './auth.ts'
import type { TokenRegistry } from './tokens.ts'
import { CSRF_HEADER } from './constants.ts'
import { csrfMatches } from './sessions.ts'
import type { WebSession, WebSessions } from './sessions.ts'

/** The daemon's own web origin(s) and the cookie its sessions use. */
export interface Site {
  /** Host header values a browser may use for this daemon. */
  readonly hosts: ReadonlySet<string>
  readonly origins: ReadonlySet<string>
  /** Per port: cookies are shared by every port of a host, and two daemons must not overwrite each other's. */
  readonly cookieName: string
}

/** The site of a daemon listening on `host:port` (loopback names are always included). */
export function localSite (host: string, port: number): Site {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]'])
  if (host !== '0.0.0.0' && host !== '::') names.add(host.includes(':') ? `[${host}]` : host)
  const hosts = new Set([...names].map((name) => `${name}:${port}`))
  return { hosts, origins: new Set([...hosts].map((h) => `http://${h}`)), cookieName: `kabar_session_${port}` }
}

/** True when the request names this daemon in its Host header. */
export function hostAllowed (req: IncomingMessage, site: Site): boolean {
  const host = req.headers.host
  return host !== undefined && site.hosts.has(host.toLowerCase())
}

/** True when the request has no Origin header, or this daemon's. */
export function originAllowed (req: IncomingMessage, site: Site): boolean {
  const origin = req.headers.origin
  return origin === undefined || site.origins.has(origin)
}

/** The value of cookie `name`, or undefined. */
export function readCookie (req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie
  if (header === undefined) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

/** Set-Cookie for a session: HttpOnly (no script reads it), SameSite=Strict, the whole daemon's path. */
export function sessionCookie (site: Site, id: string, maxAgeMs: number): string {
  return `${site.cookieName}=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(maxAgeMs / 1000)}`
}

export function clearedCookie (site: Site): string {
  return `${site.cookieName}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`
}

export type Authorization =
  | { ok: true, via: 'token', principal: Principal }
  | { ok: true, via: 'session', principal: Principal, session: WebSession, id: string }
  | { ok: false, status: 401 | 403, code: 'UNAUTHORIZED' | 'FORBIDDEN', message: string }

export interface AuthorizeOptions {
  /** The owner token (node.json). */
  token: string
  /** Agents' and processors' own tokens, on a business daemon. */
  tokens?: TokenRegistry | undefined
  sessions: WebSessions
  site: Site
  /** The event WebSocket: the token may come as ?token=, and a cookie needs an Origin. */
  websocket: boolean
}

const UNSAFE = new Set(['POST', 'PUT', 'DELETE', 'PATCH'])

const forbidden = (message: string): Authorization => ({ ok: false, status: 403, code: 'FORBIDDEN', message })
const unauthorized = (message: string): Authorization => ({ ok: false, status: 401, code: 'UNAUTHORIZED', message })
const NO_TOKEN = 'missing or wrong bearer token (Authorization: Bearer <token>, see node.json)'

/** Decides whether a request may use the API, and as what. */
export function authorize (req: IncomingMessage, url: URL, options: AuthorizeOptions): Authorization {
  const { site } = options
  if (!originAllowed(req, site)) return forbidden('cross-origin requests are refused')
  const header = bearerToken(req)
  const queryToken = options.websocket ? url.searchParams.get('token') ?? undefined : undefined
  const candidate = header ?? queryToken
  if (candidate !== undefined) {
    if (tokenMatches(options.token, candidate)) return { ok: true, via: 'token', principal: { kind: 'owner' } }
    const reader = options.tokens?.find(candidate)
    return reader === undefined ? unauthorized(NO_TOKEN) : { ok: true, via: 'token', principal: { kind: 'reader', name: reader.name, role: reader.role } }
  }
  const id = readCookie(req, site.cookieName)
  if (id === undefined) return unauthorized(NO_TOKEN)
  const session = options.sessions.get(id)
  if (session === undefined) return unauthorized('the web session has ended: open a new link with `kabar open`')
  if (!hostAllowed(req, site)) return forbidden('the Host header does not name this daemon')
  const fetchSite = req.headers['sec-fetch-site']
  if (fetchSite !== undefined && fetchSite !== 'same-origin') return forbidden('cross-site requests are refused')
  const method = req.method ?? 'GET'
  if (options.websocket || UNSAFE.has(method)) {
    if (req.headers.origin === undefined) return forbidden('a browser request that changes state must carry its Origin')
  }
  if (!options.websocket && UNSAFE.has(method)) {
    const csrf = req.headers[CSRF_HEADER]
    if (!csrfMatches(session, typeof csrf === 'string' ? csrf : undefined)) return forbidden(`missing or wrong CSRF token (${CSRF_HEADER} header)`)
  }
  return { ok: true, via: 'session', principal: { kind: 'owner' }, session, id }
}
