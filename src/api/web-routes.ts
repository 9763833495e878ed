/**
 * Routes of the web page's login (docs/WEB.md):
 *
 * - `POST /v1/login-codes` (bearer token only): a one-time code and the link
 *   `<url>/login#<code>` that `kabar open` prints.
 * - `POST /v1/session` `{ code }` (public, browser only): redeems the code,
 *   sets the HttpOnly session cookie and answers the session's CSRF token.
 * - `GET /v1/session` (session): the CSRF token again, for a reloaded page.
 * - `DELETE /v1/session` (session): logs out.
 */
import { KabarError } from '../errors.ts'
import { MAX_BODY_BYTES } from './constants.ts'
import { clearedCookie, hostAllowed, readCookie, sessionCookie } from './same-origin.ts'
import type { Site } from './same-origin.ts'
import type { Route, RouteContext } from './routes.ts'
import type { WebSessions } from './sessions.ts'
import { objectBody } from './validate.ts'

export interface WebRoutesOptions {
  sessions: WebSessions
  /** The daemon's site (known once it listens). */
  site: () => Site
  /** The API's base URL, for the login link. */
  url: () => string
}

/** What a login code gives the page (the session id itself stays in the cookie). */
export interface SessionInfo { csrf: string, expires: number }

function request (ctx: RouteContext): NonNullable<RouteContext['request']> {
  if (ctx.request === undefined) throw new KabarError('INTERNAL', 'web routes need the request')
  return ctx.request
}

export function webRoutes (options: WebRoutesOptions): Route[] {
  const { sessions } = options
  const current = (ctx: RouteContext): { id: string } => {
    const id = readCookie(request(ctx), options.site().cookieName)
    if (ctx.via !== 'session' || id === undefined) throw new KabarError('CONFLICT', 'no web session: this request was authorised by the bearer token')
    return { id }
  }
  return [
    {
      method: 'POST',
      pattern: /^\/v1\/login-codes$/,
      tokenOnly: true,
      handler: async (ctx) => {
        objectBody(await ctx.body(MAX_BODY_BYTES) ?? {}, [])
        const { code, expires } = sessions.issueCode()
        return { status: 201, body: { code, expires, url: `${options.url()}/login#${code}` } }
      }
    },
    {
      method: 'POST',
      pattern: /^\/v1\/session$/,
      public: true,
      handler: async (ctx) => {
        const req = request(ctx)
        const site = options.site()
        // Only the page itself redeems codes: a browser request from this origin, under this host name.
        if (req.headers.origin === undefined || !site.origins.has(req.headers.origin) || !hostAllowed(req, site)) {
          throw new KabarError('FORBIDDEN', 'a login code is redeemed by the web page only (same origin)')
        }
        const body = objectBody(await ctx.body(4096), ['code'])
        if (typeof body.code !== 'string' || body.code.length === 0 || body.code.length > 128) throw new KabarError('BAD_REQUEST', 'code must be a login code string')
        const redeemed = sessions.redeem(body.code)
        if (redeemed === undefined) throw new KabarError('UNAUTHORIZED', 'this login link is wrong, used or expired: run `kabar open` for a new one')
        const info: SessionInfo = { csrf: redeemed.session.csrf, expires: redeemed.session.expires }
        return { status: 201, body: info, headers: { 'set-cookie': sessionCookie(site, redeemed.id, redeemed.session.expires - redeemed.session.created) } }
      }
    },
    {
      method: 'GET',
      pattern: /^\/v1\/session$/,
      handler: async (ctx) => {
        const { id } = current(ctx)
        const session = sessions.get(id)
        if (session === undefined) throw new KabarError('UNAUTHORIZED', 'the web session has ended')
        const info: SessionInfo = { csrf: session.csrf, expires: session.expires }
        return Promise.resolve({ status: 200, body: info })
      }
    },
    {
      method: 'DELETE',
      pattern: /^\/v1\/session$/,
      handler: async (ctx) => {
        const { id } = current(ctx)
        sessions.end(id)
        return Promise.resolve({ status: 204, body: undefined, headers: { 'set-cookie': clearedCookie(options.site()) } })
      }
    }
  ]
}
