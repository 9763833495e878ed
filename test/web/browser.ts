/**
 * Debian's Chromium driven by playwright-core (no browser download): headless,
 * a fresh profile in a temp dir, no network beyond what the page asks for.
 * Set KABAR_CHROMIUM to use another binary.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { BrowserContext, Page } from 'playwright-core'

export const CHROMIUM = process.env.KABAR_CHROMIUM ?? '/usr/bin/chromium'

export interface TestBrowser {
  context: BrowserContext
  page: () => Promise<Page>
  close: () => Promise<void>
}

export async function launchBrowser (viewport = { width: 1180, height: 760 }): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'kabar-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    locale: 'en-GB',
    timezoneId: 'UTC',
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  context.setDefaultTimeout(15_000)
  const errors: string[] = []
  return {
    context,
    page: async () => {
      const page = await context.newPage()
      page.on('pageerror', (err) => { errors.push(err.message) })
      return page
    },
    close: async () => {
      await context.close().catch(() => {})
      await rm(profile, { recursive: true, force: true })
      if (errors.length > 0) throw new Error(`errors in the page: ${errors.join('; ')}`)
    }
  }
}

/** Opens a login link and waits until the page has loaded the node's data. */
export async function logIn (page: Page, link: string): Promise<void> {
  await page.goto(link)
  await page.waitForSelector('body[data-ready="true"]')
}
