/**
 * `npm run bench [-- --json] [-- --only NAME]`: kabar's benchmarks. With
 * --json, one JSON object per line, each with `name` and `perSecond`.
 */
import '../src/polyfill.ts'
import { report } from './harness.ts'
import type { BenchResult } from './harness.ts'
import { sessionBenchmarks } from './session.ts'

const args = process.argv.slice(2)
const json = args.includes('--json')
const unknown = args.filter((a) => a !== '--json')
if (unknown.length > 0) {
  console.error(`bench: unknown argument ${unknown[0]} (usage: npm run bench -- [--json])`)
  process.exit(2)
}

const results: BenchResult[] = [
  { name: 'environment', perSecond: 0, node: process.version, platform: `${process.platform}-${process.arch}` },
  ...sessionBenchmarks()
]
report(results, json)
