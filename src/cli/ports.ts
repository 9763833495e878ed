/**
 * Default ports that give way. `kabar start` listens on TCP 7744 and serves
 * its API on 127.0.0.1:7745 unless told otherwise; a second person's node on
 * the same machine (another data directory) finds both taken. When a port is
 * a default, a taken one is replaced by a free one (the OS picks it) and the
 * start-up output says so; node.json tells scripts where things ended up.
 * A port the user chose is never replaced: a taken one is an error that
 * names the flag to change.
 */
import { createServer } from 'node:net'

/** Whether `port` can be bound on `host` right now (checked by binding it, then letting it go). */
export async function portFree (host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.unref()
    server.once('error', () => { resolve(false) })
    server.listen({ host, port, exclusive: true }, () => { server.close(() => { resolve(true) }) })
  })
}

export interface PortChoice {
  port: number
  /** Set when the default was taken and `port` (0: any free one) replaces it. */
  replaced?: number
}

/** The default `port` on `host` when it is free, else 0 (any free port) with the default noted as replaced. */
export async function defaultOrFree (host: string, port: number): Promise<PortChoice> {
  return await portFree(host, port) ? { port } : { port: 0, replaced: port }
}

/** True when `err` (or a cause under it, or its message) says an address was in use. */
export function addressInUse (err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e !== undefined && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') return true
    if (e instanceof Error && /EADDRINUSE/.test(e.message)) return true
  }
  return false
}
