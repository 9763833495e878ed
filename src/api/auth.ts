/**
 * Bearer-token checks for HTTP requests and the event WebSocket (same-origin.ts
 * combines them with web sessions). Both sides
 * are hashed to SHA-256 before `timingSafeEqual`, so the comparison takes the
 * same time whatever the candidate's length or content.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

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
