#!/usr/bin/env node
// Runs every compiled spec under dist/test with node's own test runner.
// Node 20 cannot expand globs for --test, so the files are listed here.
// Usage: node scripts/run-tests.mjs [substring-filter ...]
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, sep } from 'node:path'

function walk (dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

// An incremental build never deletes the output of a spec that was renamed or removed: only specs
// whose source still exists run, so a stale copy in dist/ cannot pass or fail on its own.
const hasSource = (f) => existsSync(f.slice('dist/'.length).replace(/\.js$/, '.ts'))

const filters = process.argv.slice(2)
const files = walk('dist/test')
  .filter((f) => f.endsWith('.spec.js') && hasSource(f))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort()

if (files.length === 0) {
  console.error('run-tests: no spec files found under dist/test (run `npm run build` first)')
  process.exit(1)
}

// The web page's specs drive a real Chromium: find it, or install Debian's where this machine allows
// it (root, apt-get), before any spec starts; otherwise stop here with one line saying what to install.
const env = { ...process.env }
if (files.some((f) => f.includes(`${sep}web${sep}`))) {
  const { BrowserMissingError, ensureBrowser } = await import('../dist/scripts/browser.js')
  try {
    env.KABAR_CHROMIUM = ensureBrowser()
  } catch (err) {
    if (!(err instanceof BrowserMissingError)) throw err
    console.error(`run-tests: ${err.message}`)
    process.exit(1)
  }
}

const result = spawnSync(process.execPath, [
  '--enable-source-maps',
  '--import', './dist/src/polyfill.js',
  '--test',
  '--test-reporter=spec',
  ...files
], { stdio: 'inherit', env })
process.exit(result.status ?? 1)
