/**
 * `npm run sim -- [options]`: a kabar network of many nodes (in this process
 * over the memory transport, or as `kabar start` processes on loopback), a
 * seeded schedule of messages and churn, and a report in --out (summary.json
 * and SVG plots). Exits 0 when every message was delivered exactly once,
 * 1 when any was lost, duplicated or never sent, 2 on a bad flag.
 */
import '../src/polyfill.ts'
import { USAGE, UsageError, parseSimArgs } from './options.ts'
import type { SimOptions } from './options.ts'
import { Progress } from './progress.ts'
import { runSim, runSweep } from './run.ts'
import type { Summary } from './report.ts'

function line (s: Summary): string {
  const l = s.latency
  const hops = s.dhtLookup.hops
  return [
    `${s.nodes} nodes (${s.mode}): sent ${s.sent}, delivered ${s.delivered}, lost ${s.lost}, duplicates ${s.duplicates}, unsent ${s.unsent}`,
    `  latency p50 ${l.p50 ?? '–'} ms, p95 ${l.p95 ?? '–'} ms, p99 ${l.p99 ?? '–'} ms; first message p50 ${s.firstMessage.p50 ?? '–'} ms` +
      (s.firstMessageToBusiness === null ? '' : `, first to a business p50 ${s.firstMessageToBusiness.p50 ?? '–'} ms`),
    `  DHT lookup p50 ${s.dhtLookup.ms.p50 ?? '–'} ms, hops mean ${hops?.mean ?? '–'} (max ${hops?.max ?? '–'}), ${s.dhtLookup.found}/${s.dhtLookup.probes} found`,
    `  bytes/message ${s.bytesOnWire.perMessage ?? '–'}, memory/node ${s.memoryPerNodeMiB.rss ?? '–'} MiB RSS, CPU ${s.cpuSeconds ?? '–'} s, start-up ${s.startupSeconds} s, wall ${s.wallSeconds} s`,
    ...s.stopErrors.map((e) => `  not stopped cleanly: ${e}`)
  ].join('\n')
}

const failed = (s: Summary): boolean => s.lost > 0 || s.duplicates > 0 || s.unsent > 0 || s.stopErrors.length > 0

let options: SimOptions
try {
  options = parseSimArgs(process.argv.slice(2))
} catch (err) {
  if (!(err instanceof UsageError)) throw err
  process.stderr.write(`sim: ${err.message} (${USAGE})\n`)
  process.exit(2)
}

// A node must never die of an unhandled rejection; if one slips through libp2p, say so rather than crash the run.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`sim: unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}\n`)
})

// Ctrl+C (or `timeout -s INT`) ends the run through process.exit, so `node --cpu-prof` still writes its profile.
process.once('SIGINT', () => {
  process.stderr.write('sim: interrupted\n')
  process.exit(130)
})

try {
  const progress = new Progress()
  if (options.sweep.length > 0) {
    const sweep = await runSweep(options, { progress })
    for (const s of sweep.runs) console.log(line(s))
    console.log(`report: ${options.out}/sweep.json, ${options.out}/sweep-*.svg`)
    process.exit(sweep.runs.some(failed) ? 1 : 0)
  }
  const summary = await runSim(options, { progress })
  console.log(line(summary))
  console.log(`report: ${options.out}/summary.json, ${options.out}/*.svg`)
  process.exit(failed(summary) ? 1 : 0)
} catch (err) {
  process.stderr.write(`sim: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
}
