/**
 * `kabar open`: prints a one-time login link for the web page of the running
 * daemon. It reads DATA/node.json (API url and token), asks the daemon for a
 * fresh code (`POST /v1/login-codes`) and prints `<url>/login#<code>`; it
 * launches nothing. The link works once, within LOGIN_CODE_TTL_MS; the page
 * then holds a session cookie and never sees the API token (docs/WEB.md).
 */
import { ApiClient } from '../../api/client.ts'
import { formatTime } from '../format.ts'
import type { Output } from '../output.ts'

export interface OpenOptions {
  dataDir: string
}

export async function open (options: OpenOptions, out: Output): Promise<void> {
  const client = await ApiClient.fromDataDir(options.dataDir)
  const link = await client.loginCode()
  // Only the link on stdout, so `xdg-open "$(kabar open)"` works; the remark goes to stderr.
  out.result({ url: link.url, expires: link.expires }, (l) => l.url)
  out.notice(`open it in your browser: it works once, until ${formatTime(link.expires)}`)
}
