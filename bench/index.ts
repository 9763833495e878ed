/**
 * `npm run bench [-- --json] [-- --only NAME] [-- --reference]`: kabar's
 * benchmarks. With --json, one JSON object per line, each with `name` and
 * `perSecond`. With --reference (or --only reference), the session workloads
 * also run on libsignal, which must be installed by hand (bench/reference.ts).
 */
import '../src/polyfill.ts'
import { defaultRandom } from '../src/crypto/index.ts'
import { report } from './harness.ts'
import type { BenchResult } from './harness.ts'
import { daemonBenchmarks, nodeBenchmarks } from './node.ts'
import { REFERENCE_INSTALL_HINT, loadLibsignal, referenceBenchmarks } from './reference.ts'
import { sessionBenchmarks } from './session.ts'

const USAGE = 'usage: npm run bench -- [--json] [--only session|node|reference] [--reference]'
const args = process.argv.slice(2)
const json = args.includes('--json')
const onlyAt = args.indexOf('--only')
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined
const unknown = args.filter((a, i) => a !== '--json' && a !== '--reference' && i !== onlyAt && i !== onlyAt + 1)
if (unknown.length > 0 || (onlyAt >= 0 && only !== 'session' && only !== 'node' && only !== 'reference')) {
  console.error(`bench: bad arguments (${USAGE})`)
  process.exit(2)
}
const withReference = args.includes('--reference') || only === 'reference'
// Loaded before anything runs, so a missing package fails at once.
const libsignal = withReference ? await loadLibsignal() : undefined
if (withReference && libsignal === undefined) {
  console.error(REFERENCE_INSTALL_HINT)
  process.exit(2)
}

const results: BenchResult[] = [{ name: 'environment', perSecond: 0, node: process.version, platform: `${process.platform}-${process.arch}` }]
if (only === undefined || only === 'session') results.push(...sessionBenchmarks())
// Right after kabar's session rows, so both are timed as close together as possible.
if (libsignal !== undefined) results.push(...await referenceBenchmarks(libsignal, defaultRandom))
if (only === undefined || only === 'node') results.push(...await nodeBenchmarks(), ...await daemonBenchmarks())
report(results, json)
