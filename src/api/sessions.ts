/**
 * Web sessions for the local page (docs/WEB.md). The owner of the API token
 * asks for a login code (`kabar open`); the browser redeems it once for a
 * session: an id that travels only in an HttpOnly, SameSite=Strict cookie,
 * and a CSRF token the page sends in a header on every state-changing
 * request. The page never sees the bearer token.
 *
 * Codes and session ids are 256-bit random values kept only as SHA-256
 * digests, so a lookup's timing says nothing about a stored secret and a
 * heap dump holds no usable cookie. Everything lives in memory: a daemon
 * restart ends every session.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { LOGIN_CODE_TTL_MS, MAX_LOGIN_CODES, MAX_SESSIONS, SESSION_TTL_MS } from './constants.ts'

export interface WebSession {
  /** The CSRF token the page must echo in the CSRF_HEADER on POST, PUT and DELETE. */
  readonly csrf: string
  readonly created: number
  readonly expires: number
}

export interface LoginCode {
  code: string
  expires: number
}

export interface WebSessionsOptions {
  now?: () => number
  /** Random bytes (tests may fix them). */
  random?: (n: number) => Uint8Array
}

const digest = (value: string): string => createHash('sha256').update(value, 'utf8').digest('base64url')

/** Login codes and the sessions they were exchanged for. */
export class WebSessions {
  readonly #now: () => number
  readonly #random: (n: number) => Uint8Array
  /** digest(code) → expiry; insertion order is age order. */
  readonly #codes = new Map<string, number>()
  /** digest(session id) → session; insertion order is age order. */
  readonly #sessions = new Map<string, WebSession>()

  constructor (options: WebSessionsOptions = {}) {
    this.#now = options.now ?? Date.now
    this.#random = options.random ?? ((n) => randomBytes(n))
  }

  #secret (): string {
    return Buffer.from(this.#random(32)).toString('base64url')
  }

  #sweep (): void {
    const now = this.#now()
    for (const [key, expires] of this.#codes) if (expires <= now) this.#codes.delete(key)
    for (const [key, session] of this.#sessions) if (session.expires <= now) this.#sessions.delete(key)
  }

  /** A new single-use code, valid for LOGIN_CODE_TTL_MS. */
  issueCode (): LoginCode {
    this.#sweep()
    const code = this.#secret()
    const expires = this.#now() + LOGIN_CODE_TTL_MS
    this.#codes.set(digest(code), expires)
    while (this.#codes.size > MAX_LOGIN_CODES) this.#codes.delete(this.#codes.keys().next().value as string)
    return { code, expires }
  }

  /**
   * Exchanges a code for a session: `{ id, session }`, where `id` goes into
   * the cookie. Undefined for an unknown, used or expired code; a code works
   * once, whatever the outcome.
   */
  redeem (code: string): { id: string, session: WebSession } | undefined {
    this.#sweep()
    const key = digest(code)
    const expires = this.#codes.get(key)
    if (expires === undefined) return undefined
    this.#codes.delete(key)
    const id = this.#secret()
    const now = this.#now()
    const session: WebSession = { csrf: this.#secret(), created: now, expires: now + SESSION_TTL_MS }
    this.#sessions.set(digest(id), session)
    while (this.#sessions.size > MAX_SESSIONS) this.#sessions.delete(this.#sessions.keys().next().value as string)
    return { id, session }
  }

  /** The live session for a cookie value, or undefined. */
  get (id: string | undefined): WebSession | undefined {
    if (id === undefined || id.length === 0) return undefined
    const session = this.#sessions.get(digest(id))
    if (session === undefined) return undefined
    if (session.expires <= this.#now()) {
      this.#sessions.delete(digest(id))
      return undefined
    }
    return session
  }

  /** Ends a session (logout). */
  end (id: string | undefined): void {
    if (id !== undefined) this.#sessions.delete(digest(id))
  }

  get size (): { codes: number, sessions: number } {
    this.#sweep()
    return { codes: this.#codes.size, sessions: this.#sessions.size }
  }
}

/** A constant-time comparison of a request's CSRF header with the session's token. */
export function csrfMatches (session: WebSession, candidate: string | undefined): boolean {
  if (candidate === undefined) return false
  return timingSafeEqual(Buffer.from(digest(session.csrf)), Buffer.from(digest(candidate)))
}
