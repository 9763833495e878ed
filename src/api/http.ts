/**
 * Reading JSON request bodies under a size limit and writing JSON responses,
 * on bare node:http. A body over the limit is refused as soon as the limit
 * is passed (or at once, from its Content-Length), never buffered whole.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { apiError } from './errors.ts'

/** Reads and parses the request body; throws PAYLOAD_TOO_LARGE or BAD_JSON. An empty body is `undefined`. */
export async function readJsonBody (req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw tooLarge(limit)
    chunks.push(chunk)
  }
  if (size === 0) return undefined
  const text = Buffer.concat(chunks).toString('utf8')
  try {
    return JSON.parse(text) as unknown
  } catch (err) {
    throw apiError('BAD_JSON', `request body is not valid JSON: ${(err as Error).message}`)
  }
}

function tooLarge (limit: number): Error {
  return apiError('PAYLOAD_TOO_LARGE', `request body is over the limit of ${limit} bytes`)
}

/** Writes `body` as JSON with the given status (and extra headers). */
export function sendJson (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const data = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(data)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers
  })
  res.end(data)
}
