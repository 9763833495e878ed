/**
 * The simulation end to end, small: an in-process network with churn must
 * deliver every message exactly once and write its report; `--processes`
 * must drive real daemons; a bad flag exits 2 with one line on stderr.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { parseSimArgs } from '../../sim/options.ts'
import { settleWithin } from '../../sim/network.ts'
import { Progress } from '../../sim/progress.ts'
import { runSim } from '../../sim/run.ts'
import type { Summary } from '../../sim/report.ts'

const SIM = join(process.cwd(), 'dist/sim/index.js')
const dirs: string[] = []
after(async () => { await Promise.all(dirs.map(async (d) => { await rm(d, { recursive: true, force: true }) })) })

async function outDir (): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kabar-sim-test-'))
  dirs.push(dir)
  return dir
}

const quiet = new Progress({ enabled: false })

/** Every one of `count` scheduled messages accepted and seen exactly once, through `minChurned` or more churned nodes, and every node stopped. */
function assertExactlyOnce (summary: Summary, count: number, minChurned: number): void {
  assert.equal(summary.sent, count)
  assert.equal(summary.unsent, 0)
  assert.equal(summary.lost, 0)
  assert.equal(summary.duplicates, 0)
  assert.equal(summary.delivered, count)
  assert.deepEqual(summary.stopErrors, [])
  assert.ok(summary.churnedNodes >= minChurned, `churned ${summary.churnedNodes} nodes`)
}

describe('sim', () => {
  it('delivers every message exactly once through churn, and writes the report', { timeout: 240_000 }, async () => {
    const out = await outDir()
    // Over two worker threads (the default on a 2-core machine), so nodes talk across threads.
    const options = parseSimArgs(['--nodes', '12', '--messages', '120', '--churn', '0.3', '--duration', '8', '--drain', '120', '--probes', '3', '--seed', '7', '--workers', '2', '--out', out])
    const summary = await runSim(options, { progress: quiet })
    assertExactlyOnce(summary, 120, 2)
    const written = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Record<string, unknown>
    for (const field of ['sent', 'delivered', 'lost', 'duplicates', 'latency', 'firstMessage', 'dhtLookup', 'bytesOnWire', 'memoryPerNodeMiB', 'cpuSeconds']) {
      assert.ok(field in written, `summary.json has ${field}`)
    }
    const latency = written.latency as { p50: number, p95: number, p99: number }
    assert.ok(latency.p50 > 0 && latency.p50 <= latency.p95 && latency.p95 <= latency.p99, JSON.stringify(latency))
    assert.ok(summary.bytesOnWire.perMessage !== null && summary.bytesOnWire.perMessage > 0)
    assert.equal(summary.dhtLookup.found, summary.dhtLookup.probes)
    for (const svg of ['latency-cdf.svg', 'delivery-over-time.svg', 'lookup-hops.svg']) {
      const text = readFileSync(join(out, svg), 'utf8')
      assert.match(text, /^<\?xml[^]*<svg [^]*(<polyline|<circle|<rect [^>]*fill="#)[^]*<\/svg>\s*$/)
    }
    assert.equal(readFileSync(join(out, 'messages.ndjson'), 'utf8').trim().split('\n').length, 120)
  })

  it('delivers exactly once through churn with every node in the main thread (--workers 1)', { timeout: 240_000 }, async () => {
    const out = await outDir()
    const options = parseSimArgs(['--nodes', '10', '--messages', '60', '--churn', '0.3', '--duration', '6', '--drain', '120', '--probes', '2', '--seed', '3', '--workers', '1', '--out', out])
    assertExactlyOnce(await runSim(options, { progress: quiet }), 60, 1)
  })

  it('drives kabar start processes on loopback', { timeout: 120_000 }, async () => {
    const out = await outDir()
    const options = parseSimArgs(['--processes', '--nodes', '3', '--businesses', '1', '--customers', '2', '--messages', '10', '--duration', '3', '--probes', '2', '--out', out])
    const summary = await runSim(options, { progress: quiet })
    assert.equal(summary.mode, 'processes')
    assert.equal(summary.sent, 10)
    assert.equal(summary.lost, 0)
    assert.equal(summary.duplicates, 0)
    assert.deepEqual(summary.stopErrors, [])
    assert.ok(summary.firstMessageToBusiness !== null && summary.firstMessageToBusiness.count >= 1)
    assert.ok(summary.memoryPerNodeMiB.rss !== null && summary.memoryPerNodeMiB.rss > 10)
    assert.ok(existsSync(join(out, 'latency-cdf.svg')))
  })

  it('bounds a wait that never settles instead of letting the process end silently', async () => {
    // Nothing but settleWithin's own timer keeps this process alive while it waits.
    assert.equal(await settleWithin(new Promise(() => {}), 200), 'timeout')
    assert.equal(await settleWithin(Promise.resolve(1), 200), 'done')
    const failed = await settleWithin(Promise.reject(new Error('store busy')), 200)
    assert.ok(failed instanceof Error && failed.message === 'store busy')
  })

  it('exits 2 with one line on stderr for a bad flag', () => {
    for (const args of [['--bogus'], ['--nodes', 'many'], ['--churn', '2'], ['--businesses', '2'], ['--workers', '0']]) {
      const r = spawnSync(process.execPath, [SIM, ...args], { encoding: 'utf8', timeout: 30_000 })
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`)
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr)
      assert.match(r.stderr, /^sim: /)
      assert.equal(r.stdout, '')
    }
  })

  it('plans the same schedule from the same seed', async () => {
    const { buildSchedule } = await import('../../sim/schedule.ts')
    const a = buildSchedule(parseSimArgs(['--nodes', '30', '--churn', '0.5', '--seed', '9']))
    const b = buildSchedule(parseSimArgs(['--nodes', '30', '--churn', '0.5', '--seed', '9']))
    const c = buildSchedule(parseSimArgs(['--nodes', '30', '--churn', '0.5', '--seed', '10']))
    assert.deepEqual(a, b)
    assert.notDeepEqual(a.sends, c.sends)
    assert.ok(a.churn.every((w) => w.onAt > w.offAt && a.roles[w.node] !== 'business' && !a.seeds.includes(w.node)))
  })
})
