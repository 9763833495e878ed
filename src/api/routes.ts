/**
 * The route table of the daemon API: method, path pattern, handler. Handlers
 * validate their input (validate.ts), call one NodeApi operation and return
 * status + JSON body; they never touch the socket. Path parameters arrive
 * URL-decoded.
 */
import type { IncomingMessage } from 'node:http'
import { KabarError } from '../errors.ts'
import type { NodeApi } from '../node/types.ts'
import type { Principal } from './auth.ts'
import { MAX_BODY_BYTES } from './constants.ts'
import type { ReaderRole } from './disclosed.ts'
import { healthBody, METRICS_CONTENT_TYPE } from './metrics.ts'
import type { MetricsSource } from './metrics.ts'
import { BUSINESS_ROUTES } from './routes/business.ts'
import { ok, param, READERS } from './routes/kit.ts'
import { OPERATOR_ROUTES } from './routes/operators.ts'
import { TRUST_ROUTES } from './routes/trust.ts'
import { GROUP_ROUTES } from './routes/groups.ts'
import type { TokenRegistry } from './tokens.ts'
import { inviteQrSvg } from './invite-qr.ts'
import { addressField, contactName, inviteField, inviteQuery, messageId, messageText, messagesQuery, objectBody, parseAddress } from './validate.ts'
import type { WebhookDispatcher } from './webhooks.ts'

/** What a business daemon adds to the node: reader tokens, webhooks, metrics. Each is optional. */
export interface ApiServices {
  tokens?: TokenRegistry | undefined
  webhooks?: WebhookDispatcher | undefined
  metrics?: MetricsSource | undefined
  /** When the API started (ms since the epoch), for /v1/health's uptime. */
  startedAt: number
}

export interface RouteContext {
  node: NodeApi
  /** Who is asking; undefined only on public routes called without a token. */
  principal: Principal | undefined
  services: ApiServices
  /** Decoded path parameters, in pattern order. */
  params: string[]
  url: URL
  /** Reads and parses the JSON body (undefined when empty), under the size limit. */
  body: (limit: number) => Promise<unknown>
  /** The request, for the few routes that read headers or cookies (web sessions). */
  request?: IncomingMessage
  /** How the request was authorised: 'token' (bearer), 'session' (web page cookie), 'none' (public route). */
  via?: 'token' | 'session' | 'none'
}

export interface RouteResult {
  status: number
  /** Sent as JSON; nothing for 204. */
  body: unknown
  headers?: Record<string, string>
  /** A non-JSON answer (the Prometheus text of /metrics): sent instead of `body`. */
  text?: { contentType: string, body: string }
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  pattern: RegExp
  /** Served without a token (the health check, and redeeming a login code). */
  public?: boolean
  /** Only for the bearer token, never a web session (minting login codes: a session must not extend itself). */
  tokenOnly?: boolean
  /** Reader roles (agent/processor tokens) allowed besides the owner; default none: owner only. */
  readers?: readonly ReaderRole[]
  handler: (ctx: RouteContext) => Promise<RouteResult>
}


const CORE_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/health$/,
    public: true,
    handler: async ({ node, services }) => {
      const health = await healthBody(node, services.startedAt)
      return { status: health.ok ? 200 : 503, body: health }
    }
  },
  {
    method: 'GET',
    pattern: /^\/metrics$/,
    handler: async ({ services }) => {
      if (services.metrics === undefined) throw new KabarError('NOT_FOUND', 'this server has no metrics')
      return { status: 200, body: undefined, text: { contentType: METRICS_CONTENT_TYPE, body: await services.metrics.render() } }
    }
  },
  { method: 'GET', pattern: /^\/v1\/status$/, readers: READERS, handler: async ({ node }) => ok(await node.status()) },
  {
    method: 'POST',
    pattern: /^\/v1\/messages$/,
    readers: READERS,
    handler: async (ctx) => {
      const body = objectBody(await ctx.body(MAX_BODY_BYTES), ['to', 'text'])
      const to = addressField(body.to, 'to')
      const text = messageText(body.text)
      // A reader's message is attributed to its token's name; the name comes from the token, never from the body.
      const message = ctx.principal?.kind === 'reader'
        ? await ctx.node.send(to, text, { sentBy: ctx.principal.name })
        : await ctx.node.send(to, text)
      return { status: 201, body: message, headers: { location: `/v1/messages/${message.id}` } }
    }
  },
  { method: 'GET', pattern: /^\/v1\/messages$/, readers: READERS, handler: async ({ node, url }) => ok(await node.messages(messagesQuery(url.searchParams))) },
  {
    method: 'GET',
    pattern: /^\/v1\/messages\/([^/]+)$/,
    readers: READERS,
    handler: async (ctx) => {
      const id = messageId(param(ctx, 0))
      const message = await ctx.node.message(id)
      if (message === undefined) throw new KabarError('NOT_FOUND', `no message with id ${id}`)
      return ok(message)
    }
  },
  { method: 'GET', pattern: /^\/v1\/contacts$/, readers: READERS, handler: async ({ node }) => ok(await node.contacts()) },
  {
    method: 'POST',
    pattern: /^\/v1\/contacts$/,
    handler: async (ctx) => {
      const body = objectBody(await ctx.body(MAX_BODY_BYTES), ['address', 'name', 'invite'])
      // An invite link instead of an address: add its contact and join the network through it.
      if (body.invite !== undefined) {
        if (body.address !== undefined) throw new KabarError('BAD_REQUEST', 'give either address or invite, not both')
        return { status: 201, body: await ctx.node.acceptInvite(inviteField(body.invite), contactName(body.name)) }
      }
      const address = addressField(body.address, 'address')
      return { status: 201, body: await ctx.node.addContact(address, contactName(body.name)) }
    }
  },
  { method: 'DELETE', pattern: /^\/v1\/contacts\/([^/]+)$/, handler: async (ctx) => ok(await ctx.node.removeContact(parseAddress(param(ctx, 0)))) },
  { method: 'GET', pattern: /^\/v1\/invite$/, handler: async ({ node, url }) => ok(await node.invite(inviteQuery(url.searchParams))) },
  {
    method: 'GET',
    pattern: /^\/v1\/invite\/qr\.svg$/,
    handler: async ({ node, url }) => {
      const { link } = await node.invite(inviteQuery(url.searchParams))
      return { status: 200, body: undefined, text: { contentType: 'image/svg+xml', body: inviteQrSvg(link) } }
    }
  },
  { method: 'POST', pattern: /^\/v1\/contacts\/([^/]+)\/verify$/, handler: async (ctx) => ok(await ctx.node.verify(parseAddress(param(ctx, 0)))) },
  { method: 'GET', pattern: /^\/v1\/peers\/([^/]+)$/, handler: async (ctx) => ok(await ctx.node.lookup(parseAddress(param(ctx, 0)))) },
  {
    method: 'GET',
    pattern: /^\/v1\/peers\/([^/]+)\/safety-number$/,
    handler: async (ctx) => {
      const address = parseAddress(param(ctx, 0))
      return ok({ address, safetyNumber: await ctx.node.safetyNumber(address) })
    }
  }
]

export const ROUTES: readonly Route[] = [...CORE_ROUTES, ...BUSINESS_ROUTES, ...TRUST_ROUTES, ...OPERATOR_ROUTES, ...GROUP_ROUTES]

export type RouteMatch =
  /** `params` are still percent-encoded: decode them with decodeParams once the caller is authorised. */
  | { kind: 'found', route: Route, params: string[] }
  | { kind: 'wrong-method', allowed: string[] }
  | { kind: 'none' }

/** Finds the route for a method and path; a known path with another method is 'wrong-method'. */
export function matchRoute (method: string, path: string, routes: readonly Route[] = ROUTES): RouteMatch {
  const allowed: string[] = []
  for (const route of routes) {
    const match = route.pattern.exec(path)
    if (match === null) continue
    if (route.method !== method) {
      allowed.push(route.method)
      continue
    }
    return { kind: 'found', route, params: match.slice(1) }
  }
  return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' }
}

/** Percent-decodes path parameters; BAD_REQUEST for a malformed one. */
export function decodeParams (raw: readonly string[]): string[] {
  return raw.map((segment) => {
    try {
      return decodeURIComponent(segment)
    } catch {
      throw new KabarError('BAD_REQUEST', `path segment ${JSON.stringify(segment.slice(0, 64))} is not valid percent-encoding`)
    }
  })
}
