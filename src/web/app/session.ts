/**
 * Logging in (the one-time code of `kabar open`, exchanged for a session
 * cookie and a CSRF token), the login screen, and reading the message log
 * page by page: what the page does before and besides rendering.
 */
import type { MessageView } from '../../node/types.ts'
import { ApiError, request, setCsrf } from './api.ts'
import { byId, replace, withCode } from './dom.ts'

interface SessionInfo { csrf: string, expires: number }

const PAGE = 1000

export function describeError (err: unknown): string {
  return err instanceof ApiError ? err.message : (err instanceof Error ? err.message : String(err))
}

export function showLogin (message: string): void {
  byId('app').hidden = true
  byId('login').hidden = false
  replace(byId('login-message'), ...withCode(message))
}

/** Redeems the code of a `/login#code` link, or picks up the session of a reloaded page. */
export async function logIn (): Promise<boolean> {
  const code = location.pathname === '/login' ? decodeURIComponent(location.hash.slice(1)) : ''
  if (code.length > 0) {
    // The code leaves the address bar and history at once, whatever happens next.
    history.replaceState(null, '', '/')
    try {
      const session = await request<SessionInfo>('POST', '/session', { code })
      setCsrf(session.csrf)
      return true
    } catch (err) {
      showLogin(err instanceof ApiError && err.status === 401
        ? 'This login link is wrong, used or expired. Run `kabar open` for a new one.'
        : `Could not log in: ${describeError(err)}`)
      return false
    }
  }
  try {
    const session = await request<SessionInfo>('GET', '/session')
    setCsrf(session.csrf)
    return true
  } catch (err) {
    showLogin(err instanceof ApiError && err.status === 401 ? 'You are not logged in.' : `Cannot reach your node: ${describeError(err)}`)
    return false
  }
}

export async function loadMessages (after: number, peer?: string): Promise<MessageView[]> {
  const all: MessageView[] = []
  for (;;) {
    const params = new URLSearchParams({ after: String(after), limit: String(PAGE) })
    if (peer !== undefined) params.set('peer', peer)
    const page = await request<MessageView[]>('GET', `/messages?${params.toString()}`)
    all.push(...page)
    if (page.length < PAGE) return all
    after = page.at(-1)?.index ?? after
  }
}
