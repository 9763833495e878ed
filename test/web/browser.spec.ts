/**
 * The browser harness leaves no profile behind: a launch that fails (no such
 * binary) removes its `kabar-chromium-*` directory, and so does a process
 * that exits without closing its browser.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { browserPath, launchBrowser } from './browser.ts'

describe('browser harness', () => {
  let temp: string
  before(async () => { temp = await mkdtemp(join(tmpdir(), 'kabar-harness-')) })
  after(async () => { await rm(temp, { recursive: true, force: true }) })

  async function inTemp (dir: string, run: () => Promise<void>): Promise<void> {
    const saved = process.env.TMPDIR
    process.env.TMPDIR = dir
    try {
      await run()
    } finally {
      if (saved === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = saved
    }
  }

  it('removes the profile of a browser that fails to start', async () => {
    const dir = await mkdtemp(join(temp, 'crash-'))
    const crashing = join(temp, 'crashing-chromium')
    await writeFile(crashing, '#!/bin/sh\necho "cannot open display" >&2\nexit 1\n')
    await chmod(crashing, 0o755)
    await inTemp(dir, async () => { await assert.rejects(launchBrowser(undefined, crashing)) })
    assert.deepEqual(await readdir(dir), [])
  })

  it('refuses a missing binary in one line saying what to install, creating nothing', async () => {
    const dir = await mkdtemp(join(temp, 'missing-'))
    await inTemp(dir, async () => {
      await assert.rejects(launchBrowser(undefined, join(temp, 'no-such-chromium')), (err: Error) => {
        assert.match(err.message, /no-such-chromium is not an executable file: install Chromium \(Debian\/Ubuntu: `sudo apt-get install -y chromium`\)/)
        assert.doesNotMatch(err.message, /\n/)
        return true
      })
    })
    assert.deepEqual(await readdir(dir), [])
    assert.throws(() => browserPath({ KABAR_CHROMIUM: join(temp, 'none') }), /install Chromium/)
  })

  it('removes the profile of a browser a process never closed', async () => {
    const dir = await mkdtemp(join(temp, 'exit-'))
    const harness = fileURLToPath(new URL('./browser.js', import.meta.url))
    const script = `const { launchBrowser } = await import(${JSON.stringify(harness)}); const b = await launchBrowser(); const p = await b.page(); await p.setContent('<p>hi</p>'); process.exit(0)`
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: dir }, encoding: 'utf8', timeout: 60_000 })
    assert.equal(child.status, 0, child.stderr)
    assert.deepEqual((await readdir(dir)).filter((n) => n.startsWith('kabar-chromium-')), [])
  })
})
