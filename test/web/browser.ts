/**
 * Chromium driven by playwright-core (no browser download): headless, a fresh
 * profile in a temp dir, no network beyond what the page asks for. The
 * browser is the one scripts/browser.ts finds (`npm test` installs Debian's
 * chromium first where it can); set KABAR_CHROMIUM to use another binary.
 *
 * The profile directory (`kabar-chromium-*` in the temp dir) is removed on
 * every path: a failed launch, close(), and at exit for a browser that a
 * failed test never closed.
 */
import { rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { BrowserContext, Page } from 'playwright-core'
import { BrowserMissingError, INSTALL_HINT, findBrowser } from '../../scripts/browser.ts'

export const PROFILE_PREFIX = 'kabar-chromium-'

/** Profiles of browsers still open: removed at exit should a test end without closing its browser. */
const openProfiles = new Set<string>()
process.once('exit', () => {
  for (const dir of openProfiles) rmSync(dir, { recursive: true, force: true })
})

/** The binary to launch: KABAR_CHROMIUM, else the first browser installed; a one-line error naming what to install otherwise. */
export function browserPath (env: NodeJS.ProcessEnv = process.env): string {
  const path = findBrowser(env)
  if (path === undefined) throw new BrowserMissingError(`the web page's tests need a browser and none was found: ${INSTALL_HINT}`)
  return path
}

export interface TestBrowser {
  context: BrowserContext
  page: () => Promise<Page>
  close: () => Promise<void>
}

export async function launchBrowser (viewport = { width: 1180, height: 760 }, executablePath = browserPath()): Promise<TestBrowser> {
  // Checked here, not by playwright: its launch leaves a playwright-artifacts-* directory behind for a missing binary.
  browserPath({ KABAR_CHROMIUM: executablePath })
  const profile = await mkdtemp(join(tmpdir(), PROFILE_PREFIX))
  openProfiles.add(profile)
  let context: BrowserContext
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      viewport,
      locale: 'en-GB',
      timezoneId: 'UTC',
      timeout: 30_000,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
    })
  } catch (err) {
    openProfiles.delete(profile)
    await rm(profile, { recursive: true, force: true })
    throw err
  }
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
      openProfiles.delete(profile)
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

/**
 * Waits until `expression`, evaluated in the page, is truthy (bounded by `timeoutMs`). Playwright's
 * `waitForFunction` with a string compiles it inside the page with `new Function`, which the page's
 * Content-Security-Policy (`script-src 'self'`, no 'unsafe-eval') rightly refuses; `evaluate` runs it
 * through the DevTools protocol, which the policy does not govern.
 */
export async function waitInPage (page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (let i = 0; i < 10_000; i++) {
    if (await page.evaluate<boolean>(`Boolean(${expression})`)) return
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting in the page for ${expression}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`gave up waiting in the page for ${expression}`)
}
