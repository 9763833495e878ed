/**
 * The libsignal comparison's plumbing: its ratio rows, and `npm run bench --
 * --reference` without the package (exit 2 and one line saying how to
 * install it, before any benchmark runs). The benchmarks themselves are not
 * run here.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'node:test'
import { ratioRows } from '../../bench/harness.ts'
import type { BenchResult } from '../../bench/harness.ts'
import { REFERENCE_INSTALL_HINT } from '../../bench/reference.ts'

const kabarRows: BenchResult[] = [
  { name: 'session-setup', perSecond: 200, msPerSetup: 5, cpuMsPerSetup: 4, ratio: 1.5 },
  { name: 'ratchet-1k-oneway', perSecond: 10000, usPerMessage: 100, cpuUsPerMessage: 80, ratio: 1.2 },
  { name: 'ratchet-1k-alternating', perSecond: 2500, usPerMessage: 400, cpuUsPerMessage: 350, ratio: 1.4 }
]
const referenceRows: BenchResult[] = [
  { name: 'reference-session-setup', perSecond: 400, msPerSetup: 2.5, cpuMsPerSetup: 2.4 },
  { name: 'reference-ratchet-1k-oneway', perSecond: 2000, usPerMessage: 500, cpuUsPerMessage: 480 },
  { name: 'reference-ratchet-1k-alternating', perSecond: 1000, usPerMessage: 1000, cpuUsPerMessage: 1050 }
]

describe('bench: kabar against the libsignal reference', () => {
  it('adds one row per workload: reference time ÷ kabar time, wall and CPU', () => {
    const rows = ratioRows([...kabarRows, ...referenceRows])
    const ref = rows.filter((r) => r.name.startsWith('reference-vs-kabar-'))
    assert.deepEqual(ref.map((r) => [r.name, r.ratio, r.cpuRatio]), [
      ['reference-vs-kabar-setup', 0.5, 0.6],
      ['reference-vs-kabar-oneway', 5, 6],
      ['reference-vs-kabar-alternating', 2.5, 3]
    ])
    for (const r of ref) {
      assert.match(r.subject, /^libsignal/)
      assert.match(r.baseline, /^kabar/)
    }
  })

  it('leaves the existing rows as they were, and adds none without reference results', () => {
    const without = ratioRows(kabarRows)
    assert.deepEqual(without.map((r) => [r.name, r.ratio, r.cpuRatio]), [
      ['session-setup-vs-primitives', 1.5, undefined],
      ['ratchet-1k-oneway-vs-primitives', 1.2, undefined],
      ['ratchet-1k-alternating-vs-primitives', 1.4, undefined]
    ])
    assert.deepEqual(ratioRows([...kabarRows, ...referenceRows]).slice(0, 3), without)
    // A reference row whose kabar row is missing (--only reference) gives no ratio.
    assert.deepEqual(ratioRows(referenceRows), [])
  })

  it('exits 2 with one line saying how to install the package when it is missing', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url))
    const index = fileURLToPath(new URL('../../bench/index.js', import.meta.url))
    // A name that cannot resolve, so the test holds where the real package is installed too.
    const env = { ...process.env, KABAR_BENCH_REFERENCE_MODULE: '@kabar-test/not-installed-reference' }
    for (const args of [['--reference'], ['--only', 'reference'], ['--json', '--only', 'session', '--reference']]) {
      const run = spawnSync(process.execPath, [index, ...args], { cwd: root, env, encoding: 'utf8', timeout: 60_000 })
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`)
      assert.equal(run.stdout, '')
      assert.equal(run.stderr, `${REFERENCE_INSTALL_HINT}\n`)
      assert.match(run.stderr, /npm install --no-save @signalapp\/libsignal-client/)
    }
  })

  it('still refuses unknown arguments', () => {
    const index = fileURLToPath(new URL('../../bench/index.js', import.meta.url))
    const run = spawnSync(process.execPath, [index, '--only', 'references'], { encoding: 'utf8', timeout: 60_000 })
    assert.equal(run.status, 2)
    assert.match(run.stderr, /bad arguments/)
  })
})
