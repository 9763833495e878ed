/**
 * The browser the web page's tests drive (through playwright-core, which
 * downloads nothing): a Chrome or Chromium already on the machine, else, on
 * Debian or Ubuntu as root, Debian's `chromium` installed with apt-get. When
 * neither is possible the error is one line saying exactly what to install.
 * docs/DECISIONS.md ("A browser for the web tests") says why this and not a
 * browser shipped inside an npm package.
 *
 * `npm test` (scripts/run-tests.mjs) calls `ensureBrowser` before it runs
 * the web specs and hands the path to them in KABAR_CHROMIUM.
 */
import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'

/** Set it to the Chrome or Chromium binary to use; it wins over every place searched. */
export const BROWSER_ENV = 'KABAR_CHROMIUM'

/** Where browsers are installed, in order: Debian's package first (what CI installs), then the usual others. */
export const BROWSER_CANDIDATES: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
]

/** What to install, in one line: the message every failure to find a browser ends with. */
export const INSTALL_HINT = 'install Chromium (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set KABAR_CHROMIUM to a Chrome or Chromium binary'

export class BrowserMissingError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'BrowserMissingError'
  }
}

function executable (path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The browser to use, or undefined when none is installed; a KABAR_CHROMIUM that is not an executable is an error. */
export function findBrowser (env: NodeJS.ProcessEnv = process.env, candidates: readonly string[] = BROWSER_CANDIDATES): string | undefined {
  const chosen = env[BROWSER_ENV]
  if (chosen !== undefined && chosen !== '') {
    if (!executable(chosen)) throw new BrowserMissingError(`${BROWSER_ENV}=${chosen} is not an executable file: ${INSTALL_HINT}`)
    return chosen
  }
  return candidates.find(executable)
}

export interface InstallFacts {
  platform: NodeJS.Platform
  /** The effective user id (0: root), undefined where there is none (Windows). */
  uid: number | undefined
  /** Whether apt-get is on the PATH. */
  apt: boolean
}

export function machineFacts (): InstallFacts {
  return { platform: process.platform, uid: process.getuid?.(), apt: spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0 }
}

/** Whether this machine lets the tests install Debian's chromium themselves: Linux, root, apt-get. */
export function canInstall (facts: InstallFacts): boolean {
  return facts.platform === 'linux' && facts.uid === 0 && facts.apt
}

export type Runner = (command: string, args: string[]) => { status: number | null }

const runInherit: Runner = (command, args) => spawnSync(command, args, {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
})

/**
 * The browser's path, installing Debian's chromium first where the machine
 * allows it. A fresh machine's package lists are empty, so `apt-get update`
 * runs before the install. Throws a BrowserMissingError (one line) otherwise.
 */
export function ensureBrowser (options: { env?: NodeJS.ProcessEnv, candidates?: readonly string[], facts?: InstallFacts, run?: Runner, log?: (line: string) => void } = {}): string {
  const env = options.env ?? process.env
  const candidates = options.candidates ?? BROWSER_CANDIDATES
  const found = findBrowser(env, candidates)
  if (found !== undefined) return found
  const facts = options.facts ?? machineFacts()
  if (!canInstall(facts)) throw new BrowserMissingError(`the web page's tests need a browser and none was found: ${INSTALL_HINT}`)
  const run = options.run ?? runInherit
  const log = options.log ?? ((line: string) => { process.stderr.write(line + '\n') })
  log('no Chromium found: installing Debian\'s chromium for the web page\'s tests (apt-get update, apt-get install -y chromium)…')
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const { status } = run('apt-get', args)
    if (status !== 0) throw new BrowserMissingError(`\`apt-get ${args.join(' ')}\` failed (exit ${String(status)}): ${INSTALL_HINT}`)
  }
  const installed = findBrowser(env, candidates)
  if (installed === undefined) throw new BrowserMissingError(`apt-get installed chromium but no browser is at ${candidates[0] ?? '/usr/bin/chromium'}: ${INSTALL_HINT}`)
  return installed
}
