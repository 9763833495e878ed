#!/usr/bin/env node
/**
 * The `kabar` executable. It parses the command line (program.ts), runs the
 * command, and is the only place that prints errors (`kabar: <message>`, one
 * line on stderr) and calls process.exit: 0 ok, 1 runtime error, 2 usage.
 *
 * The polyfill comes first: libp2p (loaded lazily by `start`) needs
 * Promise.withResolvers, which Node 20 lacks.
 */
import '../polyfill.ts'
import { readFileSync } from 'node:fs'
import { describeFailure } from './errors.ts'
import { buildProgram } from './program.ts'

function packageVersion (): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown }
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0'
  } catch {
    return '0.0.0'
  }
}

async function main (argv: string[]): Promise<number> {
  try {
    await buildProgram(packageVersion()).parseAsync(argv)
    return 0
  } catch (err) {
    const failure = describeFailure(err)
    if (failure.message.length > 0) process.stderr.write(`kabar: ${failure.message}\n`)
    return failure.exitCode
  }
}

const exitCode = await main(process.argv)
// Let piped output drain before exiting: process.exit does not wait for it.
await new Promise<void>((resolve) => { process.stdout.write('', () => { resolve() }) })
process.exit(exitCode)
