/**
 * How the API reports failures: every error response is
 * `{ "error": { "code", "message" } }` with a status chosen from the error's
 * stable code (STYLE habit 3). A code missing from the table, or an error
 * that is not a KabarError, is reported as 500 INTERNAL with a fixed message,
 * so stack traces, file paths and store internals never leave the daemon.
 */
import { KabarError } from '../errors.ts'
import type { ErrorCode } from '../errors.ts'

/** HTTP status per error code; codes not listed here are internal (500, message hidden). */
export const HTTP_STATUS: Readonly<Partial<Record<ErrorCode, number>>> = {
  BAD_REQUEST: 400,
  BAD_JSON: 400,
  INVALID_ADDRESS: 400,
  // The node reports an invalid argument (empty text, sending to yourself) as INVALID_CONFIG.
  INVALID_CONFIG: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  // No account or prekey record in the DHT: the peer the request names cannot be found.
  RECIPIENT_UNKNOWN: 404,
  UNKNOWN_CONTACT: 404,
  INVALID_INVITE: 400,
  METHOD_NOT_ALLOWED: 405,
  // A changed, unaccepted identity key: the request conflicts with what the user pinned.
  UNTRUSTED_IDENTITY: 409,
  DISCLOSURE_REJECTED: 409,
  CONFLICT: 409,
  FORBIDDEN: 403,
  LINK_REFUSED: 403,
  UNDISCLOSED: 409,
  PAYLOAD_TOO_LARGE: 413,
  DELIVERY_FAILED: 502,
  NODE_STOPPED: 503,
  // Our node cannot reach the DHT at all: the service it needs is unavailable, not the thing asked for missing.
  NO_PEERS: 503,
  TIMEOUT: 504
}

export interface ErrorBody {
  error: { code: string, message: string }
}

export interface ErrorResponse {
  status: number
  body: ErrorBody
  /** True when the error was hidden behind INTERNAL: the caller may want to log the original. */
  internal: boolean
}

/** The HTTP status for an error code (500 for codes the API does not expose). */
export function httpStatusFor (code: string): number {
  return (HTTP_STATUS as Readonly<Record<string, number | undefined>>)[code] ?? 500
}

/** Status and body for any thrown value. */
export function errorResponse (err: unknown): ErrorResponse {
  if (KabarError.is(err)) {
    const status = HTTP_STATUS[err.code]
    if (status !== undefined) return { status, body: { error: { code: err.code, message: err.message } }, internal: false }
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error' } }, internal: true }
}

/** Shorthand for the errors the HTTP layer raises itself. */
export function apiError (code: ErrorCode, message: string): KabarError {
  return new KabarError(code, message)
}
