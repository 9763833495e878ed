/**
 * Structured logs for the daemon: one JSON object per line on stderr, e.g.
 * `{"t":"2026-01-02T15:04:05.123Z","level":"info","event":"message.received","id":"…","index":42}`.
 * Events are dotted names a log pipeline can filter on; fields are ids,
 * counts, addresses and durations. Never message text, tokens, secrets or
 * keys: call sites pass only such fields, and `redact` drops any field whose
 * name says it holds one, as a second line of defence.
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const
export type LogLevel = typeof LOG_LEVELS[number]

export type LogFields = Record<string, string | number | boolean | undefined>

export interface Logger {
  readonly level: LogLevel
  debug: (event: string, fields?: LogFields) => void
  info: (event: string, fields?: LogFields) => void
  warn: (event: string, fields?: LogFields) => void
  error: (event: string, fields?: LogFields) => void
}

/** Field names never written, whatever a call site passes. */
const SECRET_FIELD = /^(text|token|secret|key|passphrase|authorization|body|signature)$/i

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

export interface LoggerOptions {
  level?: LogLevel
  /** Where lines go (default: process.stderr). */
  write?: (line: string) => void
  clock?: () => number
}

export function isLogLevel (value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value)
}

export function createLogger (options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info'
  const write = options.write ?? ((line: string) => { process.stderr.write(line) })
  const clock = options.clock ?? Date.now
  const emit = (at: LogLevel) => (event: string, fields: LogFields = {}): void => {
    if (RANK[at] < RANK[level]) return
    const entry: Record<string, unknown> = { t: new Date(clock()).toISOString(), level: at, event }
    for (const [name, value] of Object.entries(fields)) {
      if (value !== undefined && !SECRET_FIELD.test(name) && !(name in entry)) entry[name] = value
    }
    write(JSON.stringify(entry) + '\n')
  }
  return { level, debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') }
}

/** A logger that writes nothing (the default for library use and tests). */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => {} })

/** The message and code of an error, for a log line (never its stack or cause chain). */
export function errorFields (err: unknown): LogFields {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code
    return { error: err.message.slice(0, 200), ...(typeof code === 'string' ? { code } : {}) }
  }
  return { error: String(err).slice(0, 200) }
}
