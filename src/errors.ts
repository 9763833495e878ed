/**
 * Every error kabar throws on purpose is a `KabarError` with a stable `code`
 * from {@link ErrorCode}. Callers narrow with `KabarError.is(err, 'CODE')`
 * rather than `instanceof`, which breaks across duplicated module copies.
 */

export const ErrorCode = {
  INVALID_KEY: 'INVALID_KEY',
  DECRYPT_FAILED: 'DECRYPT_FAILED',
  INVALID_MESSAGE: 'INVALID_MESSAGE',
  DUPLICATE_MESSAGE: 'DUPLICATE_MESSAGE',
  UNTRUSTED_IDENTITY: 'UNTRUSTED_IDENTITY',
  INVALID_SESSION: 'INVALID_SESSION',
  INVALID_PREKEY_BUNDLE: 'INVALID_PREKEY_BUNDLE',
  DECODE_FAILED: 'DECODE_FAILED'
} as const

export type ErrorCode = typeof ErrorCode[keyof typeof ErrorCode]

export interface KabarErrorOptions {
  cause?: unknown
}

export class KabarError extends Error {
  readonly code: ErrorCode

  constructor (code: ErrorCode, message: string, options: KabarErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'KabarError'
    this.code = code
  }

  /** True when `err` is a KabarError, optionally with the given code. */
  static is (err: unknown, code?: ErrorCode): err is KabarError {
    if (err === null || typeof err !== 'object') return false
    const e = err as { code?: unknown, name?: unknown }
    if (typeof e.code !== 'string' || typeof e.name !== 'string') return false
    if (!(err instanceof Error)) return false
    if (!Object.values(ErrorCode).includes(e.code as ErrorCode)) return false
    return code === undefined || e.code === code
  }
}
