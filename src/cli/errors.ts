/**
 * How a failure becomes an exit status. Commands throw a KabarError (or an
 * ExitError for a plain status); only main.ts turns that into
 * `kabar: <message>` on stderr and `process.exit`.
 *
 *   0  success (and --help / --version)
 *   1  runtime failure: no daemon, delivery failed, timeout, node errors
 *   2  usage: unknown flag, missing argument, invalid address or value
 */
import { CommanderError } from 'commander'
import { KabarError } from '../errors.ts'
import type { ErrorCode } from '../errors.ts'

export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2

/** Codes that mean the user typed something wrong (exit 2), whether the CLI or the API noticed. */
const USAGE_CODES: readonly ErrorCode[] = ['INVALID_ADDRESS', 'BAD_REQUEST', 'UNKNOWN_CONTACT', 'INVALID_INVITE']

/** Ends the process with `exitCode`, printing `message` when it is not empty. */
export class ExitError extends Error {
  readonly exitCode: number

  constructor (exitCode: number, message = '') {
    super(message)
    this.name = 'ExitError'
    this.exitCode = exitCode
  }
}

/** A usage error found by the CLI itself (exit 2). */
export function usageError (message: string, cause?: unknown): KabarError {
  return new KabarError('BAD_REQUEST', message, cause === undefined ? {} : { cause })
}

export interface Failure {
  exitCode: number
  /** One line for stderr (without the `kabar: ` prefix), or '' to print nothing. */
  message: string
}

/** The exit status and the one-line message for anything a command threw. */
export function describeFailure (err: unknown): Failure {
  if (err instanceof CommanderError) {
    // --help, `kabar help` and --version "fail" with exit code 0; help shown for a
    // missing subcommand (exit code 1) went to stderr already, so no message is added.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return { exitCode: EXIT_OK, message: '' }
    if (err.code === 'commander.help') return { exitCode: err.exitCode === 0 ? EXIT_OK : EXIT_USAGE, message: '' }
    return { exitCode: EXIT_USAGE, message: oneLine(err.message.replace(/^error: /, '')) }
  }
  if (err instanceof ExitError) return { exitCode: err.exitCode, message: oneLine(err.message) }
  if (KabarError.is(err)) return { exitCode: USAGE_CODES.includes(err.code) ? EXIT_USAGE : EXIT_FAILURE, message: oneLine(err.message) }
  const message = err instanceof Error ? err.message : String(err)
  return { exitCode: EXIT_FAILURE, message: oneLine(`unexpected error: ${message}`) }
}

function oneLine (text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}
