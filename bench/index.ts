/**
 * `npm run bench [-- --json] [-- --only NAME]`: kabar's benchmarks. With
 * --json, one JSON object per line, each with `name` and `perSecond`.
 */
import '../src/polyfill.ts'
import { report } from './harness.ts'
import type { BenchResult } from './harness.ts'
import { daemonBenchmarks, nodeBenchmarks } from './node.ts'
import { sessionBenchmarks } from './session.ts'

const USAGE = 'usage: npm run bench -- [--json] [--only session|node]'
const args = process.argv.slice(2)
const json = args.includes('--json')
const onlyAt = args.indexOf('--only')
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined
const unknown = args.filter((a, i) => a !== '--json' && i !== onlyAt && i !== onlyAt + 1)
if (unknown.length > 0 || (onlyAt >= 0 && only !== 'session' && only !== 'node')) {
  console.error(`bench: bad arguments (${USAGE})`)
  process.exit(2)
}

const results: BenchResult[] = [{ name: 'environment', perSecond: 0, node: process.version, platform: `${process.platform}-${process.arch}` }]
if (only !== 'node') results.push(...sessionBenchmarks())
if (only !== 'session') results.push(...await nodeBenchmarks(), ...await daemonBenchmarks())
report(results, json)
