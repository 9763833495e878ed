/**
 * One HTTP/1.1 request to the daemon on loopback, over node:http. The CLI's
 * commands are one request each: `fetch` (undici) costs tens of ms to load
 * on first use, node:http is part of the process already (docs/DECISIONS.md
 * "A CLI that answers at once").
 */
import { request } from 'node:http'

export interface HttpAnswer {
  status: number
  ok: boolean
  text: () => Promise<string>
}

/** Sends `body` (if any) and reads the whole answer; rejects on a socket error, or with a TimeoutError after `timeoutMs`. */
export async function httpRequest (method: string, url: string, headers: Record<string, string>, body: Uint8Array | undefined, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise<HttpAnswer>((resolve, reject) => {
    const req = request(url, { method, headers, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => { chunks.push(chunk) })
      res.on('error', reject)
      res.on('end', () => {
        const status = res.statusCode ?? 0
        const text = Buffer.concat(chunks).toString('utf8')
        resolve({ status, ok: status >= 200 && status < 300, text: async () => Promise.resolve(text) })
      })
    })
    req.on('error', (err: Error) => {
      // An abort by the timeout signal surfaces as an AbortError whose cause is the TimeoutError.
      const cause = (err as { cause?: unknown }).cause
      reject(err.name === 'AbortError' && cause instanceof Error && cause.name === 'TimeoutError' ? cause : err)
    })
    req.end(body)
  })
}
