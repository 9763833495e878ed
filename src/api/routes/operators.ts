/**
 * Routes that manage who reads a business's messages outside its devices:
 * API tokens for agents and processors, and processors' webhooks. Owner
 * only; both refuse (409 UNDISCLOSED) a name the published profile does not
 * list. Secrets are in the 201 answer once and never again.
 */
import { KabarError } from '../../errors.ts'
import { MAX_BODY_BYTES } from '../constants.ts'
import type { Route, RouteContext } from '../routes.ts'
import { parseReaderRole } from '../tokens.ts'
import type { TokenRegistry } from '../tokens.ts'
import { objectBody, parseReaderName, parseWebhookUrl } from '../validate.ts'
import type { WebhookDispatcher } from '../webhooks.ts'
import { created, noContent, ok, param } from './kit.ts'

function tokens (ctx: RouteContext): TokenRegistry {
  const registry = ctx.services.tokens
  if (registry === undefined) throw new KabarError('NOT_FOUND', 'this server keeps no reader tokens')
  return registry
}

function webhooks (ctx: RouteContext): WebhookDispatcher {
  const dispatcher = ctx.services.webhooks
  if (dispatcher === undefined) throw new KabarError('NOT_FOUND', 'this server delivers no webhooks')
  return dispatcher
}

export const OPERATOR_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: /^\/v1\/business\/tokens$/, handler: async (ctx) => Promise.resolve(ok(tokens(ctx).list())) },
  {
    method: 'POST',
    pattern: /^\/v1\/business\/tokens$/,
    handler: async (ctx) => {
      const registry = tokens(ctx)
      const body = objectBody(await ctx.body(MAX_BODY_BYTES), ['name', 'role'])
      const name = parseReaderName(body.name, 'name')
      const role = parseReaderRole(body.role)
      return created(await registry.add(name, role, await ctx.node.profile()))
    }
  },
  {
    method: 'DELETE',
    pattern: /^\/v1\/business\/tokens\/([^/]+)$/,
    handler: async (ctx) => {
      await tokens(ctx).remove(param(ctx, 0))
      return noContent()
    }
  },
  { method: 'GET', pattern: /^\/v1\/business\/webhooks$/, handler: async (ctx) => Promise.resolve(ok(webhooks(ctx).list())) },
  {
    method: 'POST',
    pattern: /^\/v1\/business\/webhooks$/,
    handler: async (ctx) => {
      const dispatcher = webhooks(ctx)
      const body = objectBody(await ctx.body(MAX_BODY_BYTES), ['processor', 'url'])
      return created(await dispatcher.add(parseReaderName(body.processor, 'processor'), parseWebhookUrl(body.url)))
    }
  },
  {
    method: 'DELETE',
    pattern: /^\/v1\/business\/webhooks\/([^/]+)$/,
    handler: async (ctx) => {
      await webhooks(ctx).remove(param(ctx, 0))
      return noContent()
    }
  }
]
