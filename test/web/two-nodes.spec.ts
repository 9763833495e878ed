/**
 * Two real `kabar start` processes on loopback, each driven through its own
 * web page in Chromium: log in with `kabar open`'s link, add a contact by
 * address, compare the safety number, send from A's page and watch the
 * message arrive live in B's page while A's turns to delivered. A wrong or
 * used login code, a missing token and a foreign Origin are refused.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { kabar, killAll, startDaemon, stop, waitFor } from '../e2e/processes.ts'
import type { Daemon } from '../e2e/processes.ts'
import { launchBrowser, logIn } from './browser.ts'
import type { TestBrowser } from './browser.ts'

function openLink (dataDir: string): string {
  const r = kabar(['open', '--data', dataDir, '--json'])
  assert.equal(r.status, 0, r.stderr)
  const { url, expires } = JSON.parse(r.stdout) as { url: string, expires: number }
  assert.ok(expires > Date.now())
  return url
}

describe('two kabar nodes, each in its own web page', () => {
  let root = ''
  let browser: TestBrowser | undefined
  const daemons: Daemon[] = []
  let a: Daemon
  let b: Daemon

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'kabar-web-'))
    for (const name of ['a', 'b']) assert.equal(kabar(['init', '--data', join(root, name)]).status, 0)
    a = await startDaemon(join(root, 'a'))
    daemons.push(a)
    b = await startDaemon(join(root, 'b'), a.info.multiaddrs)
    daemons.push(b)
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await Promise.allSettled(daemons.map(async (d) => stop(d)))
    killAll()
    if (root !== '') await rm(root, { recursive: true, force: true })
  })

  it('kabar start and kabar open print one-time login links; only the link goes to stdout', () => {
    assert.match(a.output(), new RegExp(`web page: +${a.info.api.url}/login#[\\w-]{43}\\n`))
    const r = kabar(['open', '--data', a.dataDir])
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, new RegExp(`^${a.info.api.url}/login#[\\w-]{43}\\n$`))
    assert.match(r.stderr, /works once/)
    assert.doesNotMatch(r.stdout + r.stderr, new RegExp(a.info.api.token))
    const none = kabar(['open', '--data', join(root, 'nobody')])
    assert.equal(none.status, 1)
    assert.match(none.stderr, /^kabar: no node running for .*nobody: start one with `kabar start`/)
  })

  it('refuses a wrong or used login code, a missing token and a foreign Origin', async () => {
    assert.ok(browser !== undefined)
    const page = await browser.page()
    await page.goto(`${a.info.api.url}/login#not-a-real-code`)
    await page.locator('#login-message').filter({ hasText: 'wrong, used or expired' }).waitFor()
    assert.equal(await page.locator('#app').isHidden(), true)

    const link = openLink(a.dataDir)
    await logIn(page, link)
    const other = await browser.page()
    await other.goto(link)
    await other.locator('#login-message').filter({ hasText: 'wrong, used or expired' }).waitFor()
    await other.close()

    // The page's own fetch works; the same request without the cookie, or from another origin, does not.
    assert.equal(await page.evaluate('fetch("/v1/status").then((r) => r.status)'), 200)
    assert.equal((await fetch(`${a.info.api.url}/v1/status`)).status, 401)
    const foreign = await fetch(`${a.info.api.url}/v1/status`, { headers: { authorization: `Bearer ${a.info.api.token}`, origin: 'http://evil.example' } })
    assert.equal(foreign.status, 403)
    await page.close()
  })

  it('adds a contact, shows the safety number, and delivers a message typed in A\'s page to B\'s page', async () => {
    assert.ok(browser !== undefined)
    const aId = a.info.peerId
    const bId = b.info.peerId
    await waitFor('B to be found in the DHT', async () => (await a.client.lookup(bId)).account !== undefined, 45_000)

    const pageA = await browser.page()
    const pageB = await browser.page()
    await logIn(pageA, openLink(a.dataDir))
    await logIn(pageB, openLink(b.dataDir))

    await pageA.fill('#contact-address', bId)
    await pageA.fill('#contact-name', 'Bob')
    await pageA.click('#add-contact button[type="submit"]')
    await pageA.locator('#conv-name').filter({ hasText: 'Bob' }).waitFor()
    assert.deepEqual((await a.client.contacts()).map((c) => [c.address, c.name]), [[bId, 'Bob']])

    await pageA.click('#safety-button')
    await pageA.locator('#safety-digits span').first().waitFor()
    const shown = (await pageA.locator('#safety-digits span').allInnerTexts()).join('')
    assert.match(shown, /^\d{60}$/)
    assert.equal(shown, await b.client.safetyNumber(aId), 'both sides see the same number')
    await pageA.keyboard.press('Escape')

    await pageA.fill('#composer-text', 'hello from the web page')
    await pageA.keyboard.press('Enter')
    const sent = pageA.locator('#messages li.msg.out').filter({ hasText: 'hello from the web page' })
    await sent.waitFor()

    // B: the conversation appears live with an unread badge; opening it shows the text.
    const row = pageB.locator(`.conv-row[data-peer="${aId}"]`)
    await row.locator('[data-testid="unread"]').filter({ hasText: '1' }).waitFor({ timeout: 45_000 })
    await row.click()
    await pageB.locator('#messages li.msg.in').filter({ hasText: 'hello from the web page' }).waitFor()

    // A: the state turns to delivered (acked by B's node), live over the event socket.
    await sent.locator('[data-status="delivered"]').waitFor({ timeout: 45_000 })
    assert.equal(await sent.locator('[data-testid="status"]').innerText(), '✓✓ Delivered')
  })
})
