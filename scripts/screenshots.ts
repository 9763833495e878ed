/**
 * `npm run screenshots [-- OUT_DIR]`: pictures of the web page's main views,
 * made in Debian's Chromium against the scenes of test/web/fixtures.ts (the
 * real API server over an in-memory node). Writes to docs/screenshots/ unless
 * given another directory.
 */
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import type { FakeNode } from '../test/api/fake-node.ts'
import { launchBrowser, logIn } from '../test/web/browser.ts'
import { ACME, BOB, CAROL, businessScene, customerScene, personScene, serve } from '../test/web/fixtures.ts'

const out = resolve(process.argv[2] ?? 'docs/screenshots')

async function shoot (page: Page, name: string): Promise<void> {
  await page.waitForTimeout(150)
  await page.screenshot({ path: join(out, `${name}.png`) })
  console.log(`wrote ${join(out, `${name}.png`)}`)
}

async function scene (node: FakeNode, run: (page: Page) => Promise<void>): Promise<void> {
  const api = await serve(node)
  const browser = await launchBrowser()
  try {
    const page = await browser.page()
    await logIn(page, api.loginLink().url)
    await run(page)
  } finally {
    await browser.close()
    await api.close()
  }
}

const open = async (page: Page, peer: string): Promise<void> => {
  await page.click(`.conv-row[data-peer="${peer}"]`)
  await page.waitForSelector('#conv-header:not([hidden])')
}

await mkdir(out, { recursive: true })
await scene(personScene(), async (page) => {
  await page.fill('#contact-address', '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo')
  await page.fill('#contact-name', 'Erin')
  await page.focus('#contact-name')
  await shoot(page, 'contacts')
  await page.fill('#contact-address', '')
  await page.fill('#contact-name', '')
  await open(page, BOB)
  await shoot(page, 'conversation')
  await page.click('#safety-button')
  await page.waitForSelector('#safety-digits span')
  await shoot(page, 'safety-number')
  await page.keyboard.press('Escape')
  await open(page, CAROL)
  await shoot(page, 'key-changed')
})
await scene(customerScene(), async (page) => {
  await open(page, ACME)
  await page.waitForSelector('[data-testid="accept-diff"]')
  await shoot(page, 'accept-diff')
  await page.click('[data-testid="accept-button"]')
  await page.waitForSelector('[data-testid="accept-diff"]', { state: 'detached' })
  await page.click('.disclosure-details summary')
  await page.evaluate('document.getElementById("scroller").scrollTo(0, 0)')
  await shoot(page, 'business-disclosure')
})
await scene(businessScene(), async (page) => {
  await open(page, BOB)
  await shoot(page, 'agent-inbox')
})
