/**
 * Bearer-token checks for HTTP requests and the event WebSocket. Both sides
 * are hashed to SHA-256 before `timingSafeEqual`, so the comparison takes the
 * same time whatever the candidate's length or content.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { KabarError } from '../errors.ts'
import type { NodeApi } from '../node/types.ts'
import { checkReaderDisclosed } from './disclosed.ts'
import type { ReaderRole } from './disclosed.ts'
import type { TokenRegistry } from './tokens.ts'

/**
 * Who a request comes from: the owner (the daemon's token in node.json, which
 * may do everything), or a reader (an agent's or processor's own token,
 * limited to the routes that allow its role and re-checked against the
 * published profile on every request).
 */
export type Principal =
  | { kind: 'owner' }
  | { kind: 'reader', name: string, role: ReaderRole }

function digest (value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest()
}

/** A constant-time check of `candidate` against the expected token. */
export function tokenMatches (expected: string, candidate: string | undefined): boolean {
  if (candidate === undefined) return false
  // Hashing first makes the inputs equal length, so timingSafeEqual never throws and leaks no length.
  return timingSafeEqual(digest(expected), digest(candidate))
}

/** The token from `Authorization: Bearer <token>`, or undefined. */
export function bearerToken (req: IncomingMessage): string | undefined {
  const header = req.headers.authorization
  if (header === undefined) return undefined
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header)
  return match?.[1]
}

/**
 * True when the request carries the token, in the Authorization header or,
 * when `allowQuery` (the WebSocket, which browsers cannot give headers), as
 * `?token=`.
 */
export function isAuthorized (req: IncomingMessage, url: URL, token: string, allowQuery: boolean): boolean {
  const fromHeader = bearerToken(req)
  if (fromHeader !== undefined) return tokenMatches(token, fromHeader)
  return allowQuery && tokenMatches(token, url.searchParams.get('token') ?? undefined)
}

export interface Credentials {
  /** The owner token. */
  token: string
  /** Reader tokens, on a business daemon. */
  tokens?: TokenRegistry | undefined
}

/**
 * The principal a request's token belongs to, or undefined (401). The token
 * comes from the Authorization header or, when `allowQuery`, from `?token=`.
 */
export function authenticate (req: IncomingMessage, url: URL, credentials: Credentials, allowQuery: boolean): Principal | undefined {
  const candidate = bearerToken(req) ?? (allowQuery ? url.searchParams.get('token') ?? undefined : undefined)
  if (candidate === undefined) return undefined
  if (tokenMatches(credentials.token, candidate)) return { kind: 'owner' }
  const reader = credentials.tokens?.find(candidate)
  return reader === undefined ? undefined : { kind: 'reader', name: reader.name, role: reader.role }
}

/**
 * Checks that `principal` may use a route open to `roles` (the owner always
 * may). A reader must also still be listed in the published profile: one
 * dropped from it loses access with the next request. FORBIDDEN otherwise.
 */
export async function authorize (principal: Principal, roles: readonly ReaderRole[], node: NodeApi): Promise<void> {
  if (principal.kind === 'owner') return
  if (!roles.includes(principal.role)) throw new KabarError('FORBIDDEN', `the ${principal.role} token ${JSON.stringify(principal.name)} may not do this: only the owner token may`)
  try {
    checkReaderDisclosed(await node.profile(), principal.name, principal.role)
  } catch (err) {
    if (!KabarError.is(err, 'UNDISCLOSED')) throw err
    throw new KabarError('FORBIDDEN', `${principal.role} ${JSON.stringify(principal.name)} is no longer listed in the published business profile`, { cause: err })
  }
}
