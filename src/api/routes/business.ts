/**
 * Routes for businesses as customers see them (disclosures) and as they run
 * them (profile, devices, linking). Thin: validate, call one NodeApi
 * operation, answer. docs/API.md "Businesses, verifiers and trust".
 */
import { KabarError } from '../../errors.ts'
import { MAX_BODY_BYTES } from '../constants.ts'
import { parseProfileInput } from '../profile-input.ts'
import type { Route } from '../routes.ts'
import { enumField, objectBody, parseAddress, textField } from '../validate.ts'
import { created, ok, param } from './kit.ts'

/** Roles a linked device may have (DESIGN.md "Accounts and devices"). */
const DEVICE_ROLES = ['agent', 'processor', 'linked', 'mailbox'] as const

/** Longest device label: MAX_LABEL in records/limits.ts. */
const MAX_DEVICE_LABEL = 64

/** Longest link code accepted: a code is a short token plus the account's address and a multiaddr or two. */
const MAX_LINK_CODE = 4096

export const BUSINESS_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/disclosures\/([^/]+)$/,
    handler: async (ctx) => {
      const address = parseAddress(param(ctx, 0))
      const view = await ctx.node.disclosure(address)
      if (view === undefined) throw new KabarError('NOT_FOUND', `${address} publishes no business profile`)
      return ok(view)
    }
  },
  { method: 'POST', pattern: /^\/v1\/disclosures\/([^/]+)\/accept$/, handler: async (ctx) => ok(await ctx.node.acceptDisclosure(parseAddress(param(ctx, 0)))) },
  {
    method: 'GET',
    pattern: /^\/v1\/business\/profile$/,
    handler: async ({ node }) => {
      const profile = await node.profile()
      if (profile === undefined) throw new KabarError('NOT_FOUND', 'this account publishes no business profile yet (PUT /v1/business/profile)')
      return ok(profile)
    }
  },
  { method: 'PUT', pattern: /^\/v1\/business\/profile$/, handler: async (ctx) => ok(await ctx.node.publishProfile(parseProfileInput(await ctx.body(MAX_BODY_BYTES)))) },
  { method: 'GET', pattern: /^\/v1\/(?:business\/)?devices$/, handler: async ({ node }) => ok(await node.devices()) },
  {
    method: 'POST',
    pattern: /^\/v1\/(?:business\/)?devices$/,
    handler: async (ctx) => {
      const body = objectBody(await ctx.body(MAX_BODY_BYTES), ['role', 'label'])
      const role = enumField(body.role, 'role', DEVICE_ROLES)
      return created(await ctx.node.addDevice({ role, label: textField(body.label, 'label', MAX_DEVICE_LABEL) }))
    }
  },
  { method: 'DELETE', pattern: /^\/v1\/(?:business\/)?devices\/([^/]+)$/, handler: async (ctx) => ok(await ctx.node.removeDevice(parseAddress(param(ctx, 0)))) },
  {
    method: 'POST',
    pattern: /^\/v1\/link$/,
    handler: async (ctx) => {
      const body = objectBody(await ctx.body(MAX_BODY_BYTES), ['code'])
      return ok(await ctx.node.link(textField(body.code, 'code', MAX_LINK_CODE).trim()))
    }
  }
]
