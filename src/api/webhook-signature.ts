/**
 * The signature on every webhook POST, and the check a processor runs on it.
 *
 *   Kabar-Signature: t=<unix ms>,v1=<hex HMAC-SHA256(secret, t + "." + body)>
 *
 * The timestamp is inside the MAC, so a captured request cannot be replayed
 * with a fresh time; the receiver refuses a `t` outside its replay window
 * (default 5 minutes, as Stripe and Slack do) and should also remember the
 * `Kabar-Event-Id` values it has processed, because delivery is at least once
 * and a retry carries the same id with a new timestamp. Several `v1=` values
 * may appear (e.g. while a secret is rotated); one match is enough.
 *
 * This module has no kabar imports, so a processor written in TypeScript can
 * copy it as it is. docs/OPERATING.md shows the same check in a few lines.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_HEADER = 'kabar-signature'
export const EVENT_ID_HEADER = 'kabar-event-id'
export const EVENT_TYPE_HEADER = 'kabar-event'

/** How old (or how far in the future) a signed timestamp may be: 5 minutes. */
export const DEFAULT_REPLAY_WINDOW_MS = 5 * 60 * 1000

function mac (secret: string, timestamp: string, body: string | Uint8Array): Buffer {
  const hmac = createHmac('sha256', secret)
  hmac.update(`${timestamp}.`, 'utf8')
  hmac.update(body)
  return hmac.digest()
}

/** The header value for `body` signed at `now` (unix ms). */
export function signWebhook (secret: string, body: string | Uint8Array, now: number): string {
  const t = String(Math.floor(now))
  return `t=${t},v1=${mac(secret, t, body).toString('hex')}`
}

export type SignatureCheck =
  | { ok: true, timestamp: number }
  | { ok: false, reason: 'malformed' | 'expired' | 'mismatch' }

/**
 * Checks a `Kabar-Signature` header against the raw body bytes as received
 * (not a re-serialised parse of them). `ok: false` says why, for the
 * processor's own log; answer the request with 400 or 401 either way.
 */
export function verifyWebhookSignature (secret: string, header: string | undefined, body: string | Uint8Array, now: number = Date.now(), windowMs: number = DEFAULT_REPLAY_WINDOW_MS): SignatureCheck {
  if (typeof header !== 'string' || header.length > 1024) return { ok: false, reason: 'malformed' }
  let t: string | undefined
  const candidates: Buffer[] = []
  for (const part of header.split(',')) {
    const eq = part.indexOf('=')
    if (eq <= 0) return { ok: false, reason: 'malformed' }
    const name = part.slice(0, eq).trim()
    const value = part.slice(eq + 1).trim()
    if (name === 't') t = value
    else if (name === 'v1' && /^[0-9a-f]{64}$/.test(value)) candidates.push(Buffer.from(value, 'hex'))
  }
  if (t === undefined || !/^\d{1,16}$/.test(t) || candidates.length === 0) return { ok: false, reason: 'malformed' }
  const timestamp = Number(t)
  if (Math.abs(now - timestamp) > windowMs) return { ok: false, reason: 'expired' }
  const expected = mac(secret, t, body)
  // Every candidate is compared (no early exit), each in constant time.
  let match = false
  for (const candidate of candidates) match = timingSafeEqual(expected, candidate) || match
  return match ? { ok: true, timestamp } : { ok: false, reason: 'mismatch' }
}
