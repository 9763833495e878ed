/**
 * Input checks for the API (and the CLI, which reuses `parseAddress`). Each
 * failure is a KabarError naming the field and what was expected, so a
 * client can show the message as it is: BAD_REQUEST for a wrong shape or
 * range, INVALID_ADDRESS for a string that is not an account address.
 */
import { KabarError } from '../errors.ts'
import { ed25519FromPeerIdString } from '../records/index.ts'
import { INVITE_MAX_CHARS as MAX_INVITE_CHARS, INVITE_MAX_NAME as MAX_INVITE_NAME } from '../node/constants.ts'
import { MAX_NAME_LENGTH, MAX_PAGE, MAX_READER_NAME, MAX_TEXT_BYTES, MAX_WEBHOOK_URL } from './constants.ts'
import { isLoopbackHost } from './disclosed.ts'

function badRequest (message: string): KabarError {
  return new KabarError('BAD_REQUEST', message)
}

/** A value shown in an error message: quoted, and cut short so a huge input cannot flood a log. */
function shown (value: string): string {
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value)
}

/** Checks an account address (a libp2p Ed25519 PeerId string) and returns it; INVALID_ADDRESS otherwise. */
export function parseAddress (value: string): string {
  try {
    ed25519FromPeerIdString(value)
  } catch (err) {
    throw new KabarError('INVALID_ADDRESS', `invalid address ${shown(value)}`, { cause: err })
  }
  return value
}

/** The JSON body as an object with only the `allowed` fields (a misspelt field is an error, not ignored). */
export function objectBody (body: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('request body must be a JSON object')
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw badRequest(`unknown field ${shown(key)} (allowed: ${allowed.join(', ')})`)
  }
  return body as Record<string, unknown>
}

/** A required address field of a body. */
export function addressField (value: unknown, field: string): string {
  if (typeof value !== 'string') throw badRequest(`${field} must be a string (an account address)`)
  return parseAddress(value)
}

/** Message text: a string with something besides white space, of at most MAX_TEXT_BYTES UTF-8 bytes. */
export function messageText (value: unknown): string {
  // Whitespace alone would show as an empty bubble: refused like empty text.
  if (typeof value !== 'string' || value.trim().length === 0) throw badRequest('text must be a non-empty string (not only spaces or line breaks)')
  const bytes = Buffer.byteLength(value, 'utf8')
  if (bytes > MAX_TEXT_BYTES) throw badRequest(`text must be at most ${MAX_TEXT_BYTES} bytes (UTF-8), got ${bytes}`)
  return value
}

/** An optional contact name: a non-empty string of at most MAX_NAME_LENGTH characters. */
export function contactName (value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > MAX_NAME_LENGTH) {
    throw badRequest(`name must be a non-empty string of at most ${MAX_NAME_LENGTH} characters`)
  }
  return value
}

/** An invite link field: a string the node then parses strictly (INVALID_INVITE). */
export function inviteField (value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_INVITE_CHARS) throw badRequest(`invite must be a kabar-invite: link of at most ${MAX_INVITE_CHARS} characters`)
  return value
}

/** `?name=` of GET /v1/invite: the name the invite suggests for you. */
export function inviteQuery (params: URLSearchParams): { name?: string } {
  const name = params.get('name')
  if (name === null) return {}
  if (name.trim() === '' || [...name].length > MAX_INVITE_NAME) throw badRequest(`name must be 1 to ${MAX_INVITE_NAME} characters`)
  return { name }
}

/** A message id as the node makes them: 32 lowercase hex characters (128 bits). */
export function messageId (value: string): string {
  if (!/^[0-9a-f]{32}$/.test(value)) throw badRequest(`message id must be 32 lowercase hex characters, got ${shown(value)}`)
  return value
}

/** An optional decimal integer query parameter within [min, max]. */
export function queryInteger (params: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = params.get(name)
  if (raw === null) return undefined
  const value = /^\d{1,16}$/.test(raw) ? Number(raw) : Number.NaN
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`
    throw badRequest(`${name} must be ${range}, got ${shown(raw)}`)
  }
  return value
}

/** The query of `GET /v1/messages`: peer (address), after (index cursor ≥ 0), limit (1..MAX_PAGE). */
export function messagesQuery (params: URLSearchParams): { peer?: string, after?: number, limit?: number } {
  for (const key of params.keys()) {
    if (!['peer', 'after', 'limit'].includes(key)) throw badRequest(`unknown query parameter ${shown(key)} (allowed: peer, after, limit)`)
  }
  const query: { peer?: string, after?: number, limit?: number } = {}
  const peer = params.get('peer')
  if (peer !== null) query.peer = parseAddress(peer)
  const after = queryInteger(params, 'after', 0, Number.MAX_SAFE_INTEGER)
  if (after !== undefined) query.after = after
  const limit = queryInteger(params, 'limit', 1, MAX_PAGE)
  if (limit !== undefined) query.limit = limit
  return query
}

/** A required string field: non-empty after trimming, at most `max` characters. */
export function textField (value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw badRequest(`${field} must be a non-empty string`)
  const length = [...value].length
  if (length > max) throw badRequest(`${field} must be at most ${max} characters, got ${length}`)
  return value
}

/** An optional string field (undefined when absent). */
export function optionalTextField (value: unknown, field: string, max: number): string | undefined {
  return value === undefined ? undefined : textField(value, field, max)
}

/** A JSON number that is an integer within [min, max]. */
export function integerField (value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw badRequest(`${field} must be an integer from ${min} to ${max}`)
  }
  return value
}

/** One of a fixed set of strings. */
export function enumField<T extends string> (value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw badRequest(`${field} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`)
  return value as T
}

/** An attestation id: the SHA-256 of the signed attestation, 64 lowercase hex characters. */
export function attestationId (value: string): string {
  if (!/^[0-9a-f]{64}$/.test(value)) throw badRequest(`attestation id must be 64 lowercase hex characters, got ${shown(value)}`)
  return value
}

/** The path of a route takes no query parameters. */
export function noQuery (params: URLSearchParams): void {
  for (const key of params.keys()) throw badRequest(`unknown query parameter ${shown(key)} (this route takes none)`)
}

/** Checks a webhook URL's shape: http(s), no credentials or fragment, https unless the host is loopback. */
export function parseWebhookUrl (value: unknown): string {
  const bad = (why: string): KabarError => new KabarError('BAD_REQUEST', `url ${why}`)
  if (typeof value !== 'string' || value.length === 0) throw bad('must be a non-empty string')
  if (Buffer.byteLength(value) > MAX_WEBHOOK_URL) throw bad(`must be at most ${MAX_WEBHOOK_URL} bytes`)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw bad(`is not a valid URL: ${JSON.stringify(value.slice(0, 64))}`)
  }
  if (url.username !== '' || url.password !== '') throw bad('must not carry credentials (the signature authenticates the node)')
  if (url.hash !== '') throw bad('must not have a #fragment')
  if (url.protocol === 'https:') return url.toString()
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url.toString()
  throw bad('must be https (http only to localhost, 127.0.0.1 or [::1])')
}

/** A processor name: a non-empty string of at most MAX_READER_NAME characters. */
export function parseReaderName (value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim().length === 0 || [...value].length > MAX_READER_NAME) {
    throw new KabarError('BAD_REQUEST', `${field} must be a non-empty string of at most ${MAX_READER_NAME} characters`)
  }
  return value
}
