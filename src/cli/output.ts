/**
 * Human vs machine output (`--json`). Commands hand every result to an
 * Output and never write to stdout themselves. With --json a result is one
 * JSON document and a stream (`messages --follow`) is JSON Lines; without
 * it, readable lines. Notices (progress, "stopping…") go to stderr in human
 * mode only, so stdout stays parseable.
 */
import type { Writable } from 'node:stream'

export interface Output {
  readonly json: boolean
  /** Prints one result: `data` as JSON, or the lines `human(data)` makes. */
  result: <T>(data: T, human: (data: T) => string | string[]) => void
  /** Prints one item of a stream: a JSON line, or the human lines. */
  item: <T>(data: T, human: (data: T) => string | string[]) => void
  /** A human-only remark on stderr (dropped with --json). */
  notice: (text: string) => void
}

export interface OutputOptions {
  json: boolean
  stdout?: Writable
  stderr?: Writable
}

export function createOutput (options: OutputOptions): Output {
  const stdout = options.stdout ?? process.stdout
  const stderr = options.stderr ?? process.stderr
  const lines = <T>(data: T, human: (data: T) => string | string[]): void => {
    const text = human(data)
    const all = Array.isArray(text) ? text : [text]
    if (all.length > 0) stdout.write(all.join('\n') + '\n')
  }
  return {
    json: options.json,
    result: (data, human) => {
      if (options.json) stdout.write(JSON.stringify(data, null, 2) + '\n')
      else lines(data, human)
    },
    item: (data, human) => {
      if (options.json) stdout.write(JSON.stringify(data) + '\n')
      else lines(data, human)
    },
    notice: (text) => {
      if (!options.json) stderr.write(text + '\n')
    }
  }
}
