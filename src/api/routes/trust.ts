/**
 * Routes for verifiers (attest, revoke) and for whom this user trusts as a
 * verifier. docs/API.md "Businesses, verifiers and trust".
 */
import { KabarError } from '../../errors.ts'
import { MAX_BODY_BYTES } from '../constants.ts'
import { MAX_LEGAL_NAME, MAX_SCOPE } from '../../records/index.ts'
import { MAX_TRUSTED_VERIFIERS } from '../../node/trust/trust.ts'
import { MAX_ATTESTATION_DAYS } from '../../node/trust/verifier.ts'
import { isHostName } from '../profile-input.ts'
import type { Route } from '../routes.ts'
import { addressField, attestationId, integerField, objectBody, optionalTextField, parseAddress, textField } from '../validate.ts'
import { created, noContent, ok, param } from './kit.ts'

/** Bounds of an attestation's fields: names as the profile bounds them; at most ten years of validity. */
const MAX_LABEL = 64
/** k cannot usefully exceed the verifiers one can trust (node/trust/trust.ts). */
const MAX_THRESHOLD = MAX_TRUSTED_VERIFIERS

export const TRUST_ROUTES: readonly Route[] = [
  {
    method: 'POST',
    pattern: /^\/v1\/attestations$/,
    handler: async (ctx) => {
      const body = objectBody(await ctx.body(MAX_BODY_BYTES), ['business', 'legalName', 'domain', 'scope', 'days'])
      const business = addressField(body.business, 'business')
      const legalName = textField(body.legalName, 'legalName', MAX_LEGAL_NAME)
      const domain = textField(body.domain, 'domain', 253).toLowerCase()
      if (!isHostName(domain) || !domain.includes('.')) throw new KabarError('BAD_REQUEST', 'domain must be a domain name, e.g. "acme.example"')
      const scope = optionalTextField(body.scope, 'scope', MAX_SCOPE)
      const days = integerField(body.days, 'days', 1, MAX_ATTESTATION_DAYS)
      return created(await ctx.node.attest({ business, legalName, domain, days, ...(scope === undefined ? {} : { scope }) }))
    }
  },
  {
    method: 'POST',
    pattern: /^\/v1\/attestations\/([^/]+)\/revoke$/,
    handler: async (ctx) => {
      await ctx.node.revokeAttestation(attestationId(param(ctx, 0)))
      return noContent()
    }
  },
  { method: 'GET', pattern: /^\/v1\/trust$/, handler: async ({ node }) => ok(await node.trust()) },
  {
    method: 'POST',
    pattern: /^\/v1\/trust\/verifiers$/,
    handler: async (ctx) => {
      const body = objectBody(await ctx.body(MAX_BODY_BYTES), ['address', 'label'])
      return ok(await ctx.node.addVerifier(addressField(body.address, 'address'), optionalTextField(body.label, 'label', MAX_LABEL)))
    }
  },
  { method: 'DELETE', pattern: /^\/v1\/trust\/verifiers\/([^/]+)$/, handler: async (ctx) => ok(await ctx.node.removeVerifier(parseAddress(param(ctx, 0)))) },
  {
    method: 'PUT',
    pattern: /^\/v1\/trust\/threshold$/,
    handler: async (ctx) => {
      const body = objectBody(await ctx.body(MAX_BODY_BYTES), ['threshold'])
      return ok(await ctx.node.setTrustThreshold(integerField(body.threshold, 'threshold', 1, MAX_THRESHOLD)))
    }
  }
]
