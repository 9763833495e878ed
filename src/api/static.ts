/**
 * The web page's files, served from memory. At start the daemon reads every
 * file of the built page (dist/src/web) whose extension it knows into a map
 * of URL path → bytes; a request is answered from that map or not at all, so
 * no request path ever reaches the file system and `..`, encoded slashes or
 * symlinks cannot lead anywhere else.
 *
 * Every page response carries a strict Content-Security-Policy (scripts,
 * styles and connections from this origin only, no framing), nosniff and
 * no-referrer. Files are not fingerprinted, so they are served with an ETag
 * and `Cache-Control: no-cache`: the browser revalidates (a 304 costs one
 * round trip on loopback) and never runs a stale script after an upgrade.
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readdir, readFile } from 'node:fs/promises'
import { extname, join, relative, sep } from 'node:path'

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'"
].join('; ')

/** Headers on every response of the page (and on API responses, where they cost nothing). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin'
}

/** The only files served, by extension. Anything else in the directory (.ts, .d.ts, dotfiles) stays private. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8'
}

/** Paths of the one-page app that serve index.html. */
const PAGE_PATHS = new Set(['/', '/login', '/index.html'])

interface StaticFile { body: Buffer, type: string, etag: string }

export interface StaticSite {
  /** Files by URL path ('/app/main.js'). */
  readonly files: ReadonlyMap<string, StaticFile>
}

async function walk (dir: string): Promise<string[]> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch {
    return []
  }
  const nested = await Promise.all(entries.map(async (entry) => {
    if (entry.name.startsWith('.')) return []
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return walk(path)
    return entry.isFile() ? [path] : []
  }))
  return nested.flat()
}

/** Reads the page's files under `root` (an empty site when it does not exist: the API still works). */
export async function loadStaticSite (root: string): Promise<StaticSite> {
  const files = new Map<string, StaticFile>()
  for (const path of await walk(root)) {
    const type = CONTENT_TYPES[extname(path)]
    if (type === undefined || path.endsWith('.d.ts.map')) continue
    const body = await readFile(path)
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`
    files.set('/' + relative(root, path).split(sep).join('/'), { body, type, etag })
  }
  return { files }
}

/** The file for a request path, or undefined (exact match only: no normalisation, no decoding). */
export function findStatic (site: StaticSite, pathname: string): StaticFile | undefined {
  return site.files.get(PAGE_PATHS.has(pathname) ? '/index.html' : pathname)
}

/** Writes a file of the page (GET or HEAD), answering 304 to a matching If-None-Match. */
export function sendStatic (req: IncomingMessage, res: ServerResponse, file: StaticFile): void {
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'content-type': file.type,
    'cache-control': 'no-cache',
    etag: file.etag
  }
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304, headers)
    res.end()
    return
  }
  res.writeHead(200, { ...headers, 'content-length': String(file.body.length) })
  res.end(req.method === 'HEAD' ? undefined : file.body)
}
