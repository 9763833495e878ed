/**
 * Groups under /v1/groups (docs/API.md "Groups"): the owner's only, never
 * an agent's or processor's token. Each route validates its input and calls
 * one operation of `node.groups`.
 */
import { KabarError } from '../../errors.ts'
import type { GroupsApi } from '../../node/types.ts'
import { MAX_BODY_BYTES, MAX_PAGE } from '../constants.ts'
import type { Route, RouteContext } from '../routes.ts'
import { addressField, messageText, objectBody, textField } from '../validate.ts'
import { created, ok, param } from './kit.ts'

/** The longest group name (records/group-log.ts MAX_GROUP_NAME). */
const MAX_NAME = 64
/** Members named in one request: a group's bound. */
const MAX_MEMBERS = 1000

function groups (ctx: RouteContext): GroupsApi {
  if (ctx.node.groups === undefined) throw new KabarError('NOT_FOUND', 'this node has no groups')
  return ctx.node.groups
}

function groupId (ctx: RouteContext): string {
  const id = param(ctx, 0)
  if (!/^[0-9a-f]{64}$/.test(id)) throw new KabarError('BAD_REQUEST', 'a group id is 64 lowercase hex characters')
  return id
}

function members (value: unknown): string[] {
  if (!Array.isArray(value) || value.length > MAX_MEMBERS) throw new KabarError('BAD_REQUEST', `members must be a list of at most ${MAX_MEMBERS} addresses`)
  return value.map((m, i) => addressField(m, `members[${i}]`))
}

function query (ctx: RouteContext): { after?: number, limit?: number } {
  const out: { after?: number, limit?: number } = {}
  for (const [name, max] of [['after', Number.MAX_SAFE_INTEGER], ['limit', MAX_PAGE]] as const) {
    const raw = ctx.url.searchParams.get(name)
    if (raw === null) continue
    const n = Number(raw)
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n > max || (name === 'limit' && n < 1)) throw new KabarError('BAD_REQUEST', `${name} must be an integer from ${name === 'limit' ? 1 : 0} to ${max}`)
    out[name] = n
  }
  return out
}

export const GROUP_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: /^\/v1\/groups$/, handler: async (ctx) => ok(await groups(ctx).list()) },
  {
    method: 'POST',
    pattern: /^\/v1\/groups$/,
    handler: async (ctx) => {
      const body = objectBody(await ctx.body(MAX_BODY_BYTES), ['name', 'members'])
      return created(await groups(ctx).create({ name: textField(body.name, 'name', MAX_NAME), members: members(body.members ?? []) }))
    }
  },
  { method: 'GET', pattern: /^\/v1\/groups\/([^/]+)$/, handler: async (ctx) => ok(await groups(ctx).show(groupId(ctx))) },
  {
    method: 'PUT',
    pattern: /^\/v1\/groups\/([^/]+)\/name$/,
    handler: async (ctx) => ok(await groups(ctx).rename(groupId(ctx), textField(objectBody(await ctx.body(MAX_BODY_BYTES), ['name']).name, 'name', MAX_NAME)))
  },
  {
    method: 'POST',
    pattern: /^\/v1\/groups\/([^/]+)\/members$/,
    handler: async (ctx) => ok(await groups(ctx).add(groupId(ctx), members(objectBody(await ctx.body(MAX_BODY_BYTES), ['members']).members)))
  },
  {
    method: 'DELETE',
    pattern: /^\/v1\/groups\/([^/]+)\/members\/([^/]+)$/,
    handler: async (ctx) => ok(await groups(ctx).remove(groupId(ctx), [addressField(param(ctx, 1), 'member')]))
  },
  {
    method: 'PUT',
    pattern: /^\/v1\/groups\/([^/]+)\/admins\/([^/]+)$/,
    handler: async (ctx) => ok(await groups(ctx).admin(groupId(ctx), addressField(param(ctx, 1), 'member'), true))
  },
  {
    method: 'DELETE',
    pattern: /^\/v1\/groups\/([^/]+)\/admins\/([^/]+)$/,
    handler: async (ctx) => ok(await groups(ctx).admin(groupId(ctx), addressField(param(ctx, 1), 'member'), false))
  },
  { method: 'POST', pattern: /^\/v1\/groups\/([^/]+)\/leave$/, handler: async (ctx) => ok(await groups(ctx).leave(groupId(ctx))) },
  { method: 'GET', pattern: /^\/v1\/groups\/([^/]+)\/messages$/, handler: async (ctx) => ok(await groups(ctx).messages(groupId(ctx), query(ctx))) },
  {
    method: 'POST',
    pattern: /^\/v1\/groups\/([^/]+)\/messages$/,
    handler: async (ctx) => created(await groups(ctx).send(groupId(ctx), messageText(objectBody(await ctx.body(MAX_BODY_BYTES), ['text']).text)))
  }
]
