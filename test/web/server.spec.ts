/**
 * The web page's server side without a browser: static files (headers,
 * content types, caching, no way out of the page's directory), the login
 * code → session cookie exchange, and the same-origin, DNS-rebinding and
 * CSRF checks on cookie requests and the event WebSocket. Headers are set by
 * hand here, as an attacker's client could, to prove the server's checks
 * and not the browser's.
 */
import assert from 'node:assert/strict'
import { request as httpRequest } from 'node:http'
import { after, before, describe, it } from 'node:test'
import { WebSocket } from 'ws'
import { LOGIN_CODE_TTL_MS, MAX_LOGIN_CODES, SESSION_TTL_MS } from '../../src/api/constants.ts'
import type { ApiServer } from '../../src/api/server.ts'
import { WebSessions } from '../../src/api/sessions.ts'
import { CONTENT_SECURITY_POLICY } from '../../src/api/static.ts'
import { FakeNode, testAddress } from '../api/fake-node.ts'
import { TOKEN, acmeDisclosure, serve } from './fixtures.ts'

interface Raw { status: number, headers: Record<string, string | string[] | undefined>, text: string, json: unknown }

/** One HTTP request with exactly the headers given (node:http sends Host, Origin and Cookie as told). */
async function raw (api: ApiServer, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Raw> {
  const url = new URL(api.url)
  const data = body === undefined ? undefined : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers: { ...(data === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let json: unknown
        try { json = text.length > 0 ? JSON.parse(text) : undefined } catch { json = undefined }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json })
      })
    })
    req.on('timeout', () => { req.destroy(new Error('timeout')) })
    req.on('error', reject)
    req.end(data)
  })
}

const codeOf = (r: Raw): string => (r.json as { error?: { code?: string } } | undefined)?.error?.code ?? ''

describe('web page server', () => {
  let node: FakeNode
  let api: ApiServer
  let host = ''
  let origin = ''
  let cookieName = ''
  before(async () => {
    node = new FakeNode()
    api = await serve(node)
    host = new URL(api.url).host
    origin = api.url
    cookieName = `kabar_session_${new URL(api.url).port}`
  })
  after(async () => { await api.close() })

  /** Logs in as the page would and returns the cookie header and CSRF token. */
  async function session (): Promise<{ cookie: string, csrf: string }> {
    const code = await raw(api, 'POST', '/v1/login-codes', { authorization: `Bearer ${TOKEN}` })
    assert.equal(code.status, 201)
    const login = await raw(api, 'POST', '/v1/session', { host, origin, 'sec-fetch-site': 'same-origin' }, { code: (code.json as { code: string }).code })
    assert.equal(login.status, 201, login.text)
    const setCookie = String(login.headers['set-cookie'])
    const value = new RegExp(`${cookieName}=([^;]+)`).exec(setCookie)?.[1]
    assert.ok(value !== undefined, setCookie)
    return { cookie: `${cookieName}=${value}`, csrf: (login.json as { csrf: string }).csrf }
  }

  describe('static files', () => {
    it('serves the page at / and /login with a strict CSP, nosniff, no-referrer, no framing', async () => {
      for (const path of ['/', '/login', '/index.html']) {
        const r = await raw(api, 'GET', path, { host })
        assert.equal(r.status, 200, path)
        assert.equal(r.headers['content-type'], 'text/html; charset=utf-8')
        assert.match(r.text, /<script type="module" src="\/app\/main.js"><\/script>/)
        assert.equal(r.headers['content-security-policy'], CONTENT_SECURITY_POLICY)
        for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"]) {
          assert.ok(CONTENT_SECURITY_POLICY.includes(directive), directive)
        }
        assert.equal(r.headers['x-content-type-options'], 'nosniff')
        assert.equal(r.headers['referrer-policy'], 'no-referrer')
        assert.equal(r.headers['x-frame-options'], 'DENY')
        assert.equal(r.headers['cache-control'], 'no-cache')
      }
    })

    it('serves scripts, styles and the icon with their content types, and 304 to a matching ETag', async () => {
      const js = await raw(api, 'GET', '/app/main.js', { host })
      assert.equal(js.status, 200)
      assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8')
      assert.equal((await raw(api, 'GET', '/app.css', { host })).headers['content-type'], 'text/css; charset=utf-8')
      assert.equal((await raw(api, 'GET', '/icon.svg', { host })).headers['content-type'], 'image/svg+xml')
      const etag = String(js.headers.etag)
      assert.match(etag, /^"[\w-]{22}"$/)
      const again = await raw(api, 'GET', '/app/main.js', { host, 'if-none-match': etag })
      assert.equal(again.status, 304)
      assert.equal(again.text, '')
      const head = await raw(api, 'HEAD', '/app/main.js', { host })
      assert.equal(head.status, 200)
      assert.equal(head.text, '')
    })

    it('cannot be made to serve anything outside the page (traversal, encodings, sources)', async () => {
      for (const path of ['/../package.json', '/app/../../cli/main.js', '/%2e%2e/%2e%2e/package.json', '/app/..%2f..%2fcli%2fmain.js',
        '/app%2fmain.js', '/app/main.ts', '/app/main.js%00', '//etc/passwd', '/..\\..\\package.json', '/.hidden', '/app/']) {
        const r = await raw(api, 'GET', path, { host })
        assert.equal(r.status, 404, `${path} → ${r.status}`)
        assert.equal(codeOf(r), 'NOT_FOUND')
      }
      assert.equal((await raw(api, 'POST', '/', { host })).status, 405)
    })

    it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
      assert.equal((await raw(api, 'GET', '/', { host: `evil.example:${new URL(api.url).port}` })).status, 403)
      assert.equal((await raw(api, 'GET', '/app/main.js', { host, origin: 'http://evil.example' })).status, 403)
    })
  })

  describe('login codes and sessions', () => {
    it('gives login codes to the bearer token only, as a /login#code link', async () => {
      assert.equal((await raw(api, 'POST', '/v1/login-codes')).status, 401)
      assert.equal((await raw(api, 'POST', '/v1/login-codes', { authorization: 'Bearer wrong-token-wrong-token' })).status, 401)
      const r = await raw(api, 'POST', '/v1/login-codes', { authorization: `Bearer ${TOKEN}` })
      assert.equal(r.status, 201)
      const body = r.json as { code: string, url: string, expires: number }
      assert.match(body.code, /^[\w-]{43}$/)
      assert.equal(body.url, `${api.url}/login#${body.code}`)
      assert.ok(body.expires > Date.now() && body.expires <= Date.now() + LOGIN_CODE_TTL_MS)
      const { cookie, csrf } = await session()
      const bySession = await raw(api, 'POST', '/v1/login-codes', { host, origin, cookie, 'x-kabar-csrf': csrf })
      assert.equal(bySession.status, 403, 'a session cannot mint codes to extend itself')
    })

    it('exchanges a code once, from the page\'s own origin only, for an HttpOnly SameSite=Strict cookie', async () => {
      const code = api.loginLink().code
      assert.equal((await raw(api, 'POST', '/v1/session', { host }, { code })).status, 403, 'no Origin')
      assert.equal((await raw(api, 'POST', '/v1/session', { host, origin: 'http://evil.example' }, { code })).status, 403, 'foreign Origin')
      assert.equal((await raw(api, 'POST', '/v1/session', { host: 'evil.example', origin: 'http://evil.example' }, { code })).status, 403, 'rebinding')
      assert.equal((await raw(api, 'POST', '/v1/session', { host, origin }, { code: 'not-a-code' })).status, 401, 'wrong code')
      const ok = await raw(api, 'POST', '/v1/session', { host, origin }, { code })
      assert.equal(ok.status, 201)
      const cookie = String(ok.headers['set-cookie'])
      assert.match(cookie, new RegExp(`^${cookieName}=[\\w-]{43}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_MS / 1000}$`))
      assert.doesNotMatch(ok.text, new RegExp(TOKEN), 'the page never sees the API token')
      const stale = await raw(api, 'POST', '/v1/session', { host, origin, cookie: `${cookieName}=ended-session` }, { code: api.loginLink().code })
      assert.equal(stale.status, 201, 'an old cookie does not stand in the way of logging in again')
      const reused = await raw(api, 'POST', '/v1/session', { host, origin }, { code })
      assert.equal(reused.status, 401)
      assert.match((reused.json as { error: { message: string } }).error.message, /wrong, used or expired/)
    })

    it('lets the session read the API from its own origin, and refuses it cross-site or under another Host', async () => {
      const { cookie } = await session()
      const ok = await raw(api, 'GET', '/v1/status', { host, cookie, 'sec-fetch-site': 'same-origin' })
      assert.equal(ok.status, 200)
      assert.equal((ok.json as { address: string }).address, node.address)
      assert.equal((await raw(api, 'GET', '/v1/status', { host, cookie, 'sec-fetch-site': 'same-site' })).status, 403, 'another port of 127.0.0.1')
      assert.equal((await raw(api, 'GET', '/v1/status', { host, cookie, 'sec-fetch-site': 'cross-site' })).status, 403)
      assert.equal((await raw(api, 'GET', '/v1/status', { host: `attacker.example:${new URL(api.url).port}`, cookie })).status, 403, 'DNS rebinding')
      assert.equal((await raw(api, 'GET', '/v1/status', { host, cookie, origin: 'http://127.0.0.1:1' })).status, 403, 'foreign Origin')
      assert.equal((await raw(api, 'GET', '/v1/status', { host, cookie: `${cookieName}=forged` })).status, 401)
      assert.equal((await raw(api, 'GET', '/v1/status', { host, cookie: `kabar_session_1=${cookie.split('=')[1] ?? ''}` })).status, 401, 'another daemon\'s cookie name')
    })

    it('needs the CSRF header and the Origin on POST, PUT and DELETE', async () => {
      const { cookie, csrf } = await session()
      const body = { address: testAddress(40), name: 'Eve' }
      assert.equal((await raw(api, 'POST', '/v1/contacts', { host, origin, cookie }, body)).status, 403, 'no CSRF token')
      assert.equal((await raw(api, 'POST', '/v1/contacts', { host, origin, cookie, 'x-kabar-csrf': 'wrong' }, body)).status, 403, 'wrong CSRF token')
      assert.equal((await raw(api, 'POST', '/v1/contacts', { host, cookie, 'x-kabar-csrf': csrf }, body)).status, 403, 'no Origin')
      assert.equal((await raw(api, 'POST', '/v1/contacts', { host, origin: 'http://evil.example', cookie, 'x-kabar-csrf': csrf }, body)).status, 403, 'foreign Origin')
      const before = node.calls.filter((c) => c.op === 'addContact').length
      assert.equal(before, 0, 'no refused request reached the node')
      const ok = await raw(api, 'POST', '/v1/contacts', { host, origin, cookie, 'x-kabar-csrf': csrf }, body)
      assert.equal(ok.status, 201)
      const again = await raw(api, 'GET', '/v1/session', { host, cookie })
      assert.equal((again.json as { csrf: string }).csrf, csrf, 'a reloaded page gets its CSRF token back')
      const out = await raw(api, 'DELETE', '/v1/session', { host, origin, cookie, 'x-kabar-csrf': csrf })
      assert.equal(out.status, 204)
      assert.match(String(out.headers['set-cookie']), /Max-Age=0/)
      assert.equal((await raw(api, 'GET', '/v1/status', { host, cookie })).status, 401, 'logged out')
    })

    it('refuses any request with a foreign Origin, even with the bearer token', async () => {
      const r = await raw(api, 'GET', '/v1/status', { authorization: `Bearer ${TOKEN}`, origin: 'http://evil.example' })
      assert.equal(r.status, 403)
      assert.equal(codeOf(r), 'FORBIDDEN')
      assert.equal((await raw(api, 'GET', '/v1/status', { authorization: `Bearer ${TOKEN}` })).status, 200)
    })
  })

  describe('event WebSocket with a session', () => {
    const wsUrl = (): string => `${api.url.replace('http', 'ws')}/v1/events`
    const refusal = async (headers: Record<string, string>): Promise<number> => new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl(), { headers })
      ws.on('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0); ws.terminate() })
      ws.on('open', () => { ws.close(); reject(new Error('the socket opened')) })
      ws.on('error', () => {})
    })

    it('opens for the page\'s own Origin and carries events; refuses other origins, hosts and no Origin', async () => {
      const { cookie } = await session()
      assert.equal(await refusal({ cookie, origin: 'http://evil.example' }), 403)
      assert.equal(await refusal({ cookie }), 403)
      assert.equal(await refusal({ cookie, origin, host: 'evil.example' }), 403)
      assert.equal(await refusal({ cookie: `${cookieName}=nope`, origin }), 401)
      assert.equal(await refusal({ authorization: `Bearer ${TOKEN}`, origin: 'http://evil.example' }), 403)
      const ws = new WebSocket(wsUrl(), { headers: { cookie, origin } })
      await new Promise<void>((resolve, reject) => { ws.once('open', () => { resolve() }); ws.once('error', reject) })
      try {
        const frame = new Promise<unknown>((resolve) => { ws.once('message', (d: Buffer) => { resolve(JSON.parse(d.toString())) }) })
        const view = acmeDisclosure(true)
        node.emit('disclosure', view)
        assert.deepEqual(await frame, { type: 'disclosure', ...view })
      } finally {
        ws.close()
      }
    })
  })
})

describe('WebSessions', () => {
  it('codes work once and expire; sessions expire; both are capped', () => {
    let now = 1_000_000
    const sessions = new WebSessions({ now: () => now })
    const a = sessions.issueCode()
    assert.equal(a.expires, now + LOGIN_CODE_TTL_MS)
    const redeemed = sessions.redeem(a.code)
    assert.ok(redeemed !== undefined)
    assert.equal(sessions.redeem(a.code), undefined, 'single use')
    assert.ok(sessions.get(redeemed.id) !== undefined)
    const late = sessions.issueCode()
    now += LOGIN_CODE_TTL_MS
    assert.equal(sessions.redeem(late.code), undefined, 'expired')
    now += SESSION_TTL_MS
    assert.equal(sessions.get(redeemed.id), undefined, 'session expired')
    const codes = Array.from({ length: MAX_LOGIN_CODES + 4 }, () => sessions.issueCode())
    assert.equal(sessions.size.codes, MAX_LOGIN_CODES)
    assert.equal(sessions.redeem(codes[0]?.code ?? ''), undefined, 'the oldest code was forgotten')
    assert.ok(sessions.redeem(codes.at(-1)?.code ?? '') !== undefined)
  })
})
