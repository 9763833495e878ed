/**
 * Finding the web tests' browser on a fresh machine (scripts/browser.ts):
 * a KABAR_CHROMIUM that is not a binary, a machine with no browser where the
 * tests may not install one (a one-line error saying what to install), and
 * one where they may (root, apt-get: update first, then chromium).
 */
import assert from 'node:assert/strict'
import { chmodSync, writeFileSync } from 'node:fs'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { BrowserMissingError, canInstall, ensureBrowser, findBrowser } from '../../scripts/browser.ts'

describe('the web tests\' browser', () => {
  let dir: string
  let fake: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kabar-browser-spec-'))
    fake = join(dir, 'chromium')
    await writeFile(fake, '#!/bin/sh\n')
    await chmod(fake, 0o755)
  })
  after(async () => { await rm(dir, { recursive: true, force: true }) })

  it('takes KABAR_CHROMIUM first, and says so in one line when it is not an executable', () => {
    assert.equal(findBrowser({ KABAR_CHROMIUM: fake }, []), fake)
    assert.throws(() => findBrowser({ KABAR_CHROMIUM: join(dir, 'missing') }, [fake]), (err: Error) => {
      assert.ok(err instanceof BrowserMissingError)
      assert.match(err.message, /^KABAR_CHROMIUM=.*missing is not an executable file: install Chromium \(Debian\/Ubuntu: `sudo apt-get install -y chromium`\)/)
      assert.doesNotMatch(err.message, /\n/)
      return true
    })
  })

  it('finds the first installed candidate, and nothing where none is', () => {
    assert.equal(findBrowser({}, [join(dir, 'nope'), fake]), fake)
    assert.equal(findBrowser({}, [join(dir, 'nope')]), undefined)
  })

  it('installs only as root on Linux with apt-get', () => {
    assert.equal(canInstall({ platform: 'linux', uid: 0, apt: true }), true)
    assert.equal(canInstall({ platform: 'linux', uid: 1000, apt: true }), false)
    assert.equal(canInstall({ platform: 'linux', uid: 0, apt: false }), false)
    assert.equal(canInstall({ platform: 'darwin', uid: 0, apt: true }), false)
  })

  it('without a browser and without root, fails with one line naming what to install, running nothing', () => {
    const ran: string[] = []
    assert.throws(() => ensureBrowser({ env: {}, candidates: [join(dir, 'none')], facts: { platform: 'linux', uid: 1000, apt: true }, run: (c, a) => { ran.push([c, ...a].join(' ')); return { status: 0 } } }), (err: Error) => {
      assert.equal(err.message, 'the web page\'s tests need a browser and none was found: install Chromium (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set KABAR_CHROMIUM to a Chrome or Chromium binary')
      return true
    })
    assert.deepEqual(ran, [])
  })

  it('as root with apt-get, updates the package lists first, installs chromium, and returns its path', () => {
    const target = join(dir, 'installed-chromium')
    const ran: string[] = []
    const lines: string[] = []
    const path = ensureBrowser({
      env: {},
      candidates: [target],
      facts: { platform: 'linux', uid: 0, apt: true },
      log: (l) => { lines.push(l) },
      run: (command, args) => {
        ran.push([command, ...args].join(' '))
        // What apt-get does: the binary appears once the install step ran.
        if (args[0] === 'install') {
          writeFileSync(target, '#!/bin/sh\n')
          chmodSync(target, 0o755)
        }
        return { status: 0 }
      }
    })
    assert.deepEqual(ran, ['apt-get update', 'apt-get install -y chromium'])
    assert.equal(lines.length, 1)
    assert.equal(path, target)
  })

  it('says which apt-get step failed, in one line', () => {
    assert.throws(() => ensureBrowser({ env: {}, candidates: [join(dir, 'none')], facts: { platform: 'linux', uid: 0, apt: true }, log: () => {}, run: (_c, a) => ({ status: a[0] === 'update' ? 100 : 0 }) }), (err: Error) => {
      assert.match(err.message, /^`apt-get update` failed \(exit 100\): install Chromium/)
      return true
    })
  })
})
