/**
 * Turning flag strings into checked values. Commander hands every value over
 * as a string (no auto-casting, STYLE habit 14); these parse them strictly
 * and throw usage errors (exit 2) naming the flag.
 */
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { isLogLevel, LOG_LEVELS } from '../api/logger.ts'
import type { LogLevel } from '../api/logger.ts'
import { usageError } from './errors.ts'

/** --data, else $KABAR_HOME, else ~/.kabar; always absolute, so messages name a findable directory. */
export function resolveDataDir (flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag !== undefined && flag.length > 0) return resolve(flag)
  const home = env.KABAR_HOME
  if (home !== undefined && home.length > 0) return resolve(home)
  return join(homedir(), '.kabar')
}

/**
 * The passphrase for the data directory: the first line of --passphrase-file
 * (trailing newline removed), else $KABAR_PASSPHRASE, else none.
 */
export async function readPassphrase (file: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (file !== undefined) {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (err) {
      throw usageError(`cannot read passphrase file "${file}": ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, err)
    }
    const passphrase = text.replace(/\r?\n$/, '')
    if (passphrase.length === 0) throw usageError(`passphrase file "${file}" is empty`)
    return passphrase
  }
  const fromEnv = env.KABAR_PASSPHRASE
  return fromEnv !== undefined && fromEnv.length > 0 ? fromEnv : undefined
}

/** A decimal integer flag within [min, max]. */
export function parseIntegerFlag (flag: string, value: string, min: number, max: number): number {
  const n = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(n) || n < min || n > max) throw usageError(`${flag} must be an integer from ${min} to ${max}, got "${value}"`)
  return n
}

/** A positive decimal number of seconds (e.g. 30 or 0.5), at most a day. */
export function parseSecondsFlag (flag: string, value: string): number {
  const n = /^\d{1,6}(\.\d{1,3})?$/.test(value) ? Number(value) : Number.NaN
  if (!(n > 0 && n <= 86_400)) throw usageError(`${flag} must be a number of seconds above 0 and at most 86400, got "${value}"`)
  return n
}

/**
 * Checks that each value parses as a multiaddr; the node layer judges whether
 * it can use it. The parser is imported here, not at the top, so only `start` pays for loading it.
 */
export async function parseMultiaddrs (flag: string, values: readonly string[]): Promise<string[]> {
  const { multiaddr } = await import('@multiformats/multiaddr')
  return values.map((value) => {
    try {
      multiaddr(value)
    } catch (err) {
      throw usageError(`${flag} "${value}" is not a multiaddr (e.g. /ip4/0.0.0.0/tcp/7744)`, err)
    }
    return value
  })
}

/** --log-level: one of debug, info, warn, error. */
export function parseLogLevel (value: string): LogLevel {
  if (!isLogLevel(value)) throw usageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`)
  return value
}
