/**
 * Bearer-token checks for HTTP requests and the event WebSocket (same-origin.ts
 * combines them with web sessions). Both sides
 * are hashed to SHA-256 before `timingSafeEqual`, so the comparison takes the
 * same time whatever the candidate's length or content.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { KabarError } from '../errors.ts'
import type { NodeApi } from '../node/types.ts'
import { checkReaderDisclosed } from './disclosed.ts'
import type { ReaderRole } from './disclosed.ts'

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
 * Checks that `principal` may use a route open to `roles` (the owner always
 * may). A reader must also still be listed in the published profile: one
 * dropped from it loses access with the next request. FORBIDDEN otherwise.
 */
export async function authorizeRoute (principal: Principal, roles: readonly ReaderRole[], node: NodeApi): Promise<void> {
  if (principal.kind === 'owner') return
  if (!roles.includes(principal.role)) throw new KabarError('FORBIDDEN', `the ${principal.role} token ${JSON.stringify(principal.name)} may not do this: only the owner token may`)
  try {
    checkReaderDisclosed(await node.profile(), principal.name, principal.role)
  } catch (err) {
    if (!KabarError.is(err, 'UNDISCLOSED')) throw err
    throw new KabarError('FORBIDDEN', `${principal.role} ${JSON.stringify(principal.name)} is no longer listed in the published business profile`, { cause: err })
  }
}
