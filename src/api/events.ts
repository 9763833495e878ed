/**
 * The event WebSocket at /v1/events: node events fanned out to every
 * authenticated subscriber as JSON text frames `{ type, ...payload }`.
 * The token comes in the Authorization header or as `?token=`; the web page
 * uses its session cookie instead, with its own Origin (same-origin.ts). The socket is one-way:
 * what a client sends is ignored. A client that stops reading is dropped
 * once MAX_WS_BUFFERED_BYTES are queued for it.
 */
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type { WebSocket } from 'ws'
import type { NodeApi, NodeEventName, NodeEvents } from '../node/types.ts'
import { authorizeRoute } from './auth.ts'
import type { Principal } from './auth.ts'
import type { Authorization } from './same-origin.ts'
import { API_PREFIX, MAX_WS_BUFFERED_BYTES, MAX_WS_INCOMING_BYTES, READER_RECHECK_MS } from './constants.ts'
import { READERS } from './routes/kit.ts'

/** The events fanned out, in the order the node contract lists them. */
export const EVENT_NAMES: readonly NodeEventName[] = ['message', 'message:status', 'disclosure', 'peer:connect', 'peer:disconnect', 'peer:denied', 'group:message', 'group:change']

/** Events only the owner sees: an agent's or processor's token reads the business's conversations, not the node's groups. */
const OWNER_ONLY = new Set<NodeEventName>(['group:message', 'group:change'])

/** One frame on /v1/events. */
export type ApiEvent = { [E in NodeEventName]: { type: E } & NodeEvents[E] }[NodeEventName]

export interface EventHub {
  /** Subscribers connected now. */
  readonly clients: number
  close: () => Promise<void>
}

/** Refuses an upgrade with a plain HTTP response; the socket never becomes a WebSocket. */
function refuse (socket: Duplex, status: number, reason: string, code: string): void {
  const body = JSON.stringify({ error: { code, message: reason } })
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
}

/**
 * Serves /v1/events on `server` for `node`; `authorize` decides each upgrade
 * (bearer token or web session, same-origin.ts). Agents' and processors'
 * sockets are closed with 1008 once the published profile no longer lists
 * them, checked every READER_RECHECK_MS.
 */
export function attachEvents (server: Server, node: NodeApi, authorize: (req: IncomingMessage, url: URL) => Authorization): EventHub {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_INCOMING_BYTES })
  const sockets = new Set<WebSocket>()
  const owners = new WeakSet<WebSocket>()

  const broadcast = (frame: string, ownerOnly: boolean): void => {
    for (const ws of sockets) {
      if (ws.readyState !== ws.OPEN || (ownerOnly && !owners.has(ws))) continue
      // NOTE: dropping a slow reader loses its events; it reconnects and catches up with GET /v1/messages?after=.
      if (ws.bufferedAmount > MAX_WS_BUFFERED_BYTES) {
        ws.terminate()
        continue
      }
      ws.send(frame)
    }
  }
  const listeners = EVENT_NAMES.map((type) => {
    const listener = (payload: NodeEvents[typeof type]): void => { broadcast(JSON.stringify({ type, ...payload }), OWNER_ONLY.has(type)) }
    node.on(type, listener)
    return { type, listener }
  })

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => { socket.destroy() })
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (url.pathname !== `${API_PREFIX}/events`) return refuse(socket, 404, 'Not Found', 'NOT_FOUND')
    const auth = authorize(req, url)
    if (!auth.ok) return refuse(socket, auth.status, auth.status === 401 ? 'Unauthorized' : 'Forbidden', auth.code)
    const principal = auth.principal
    if (principal.kind === 'owner') return accept(req, socket, head, principal)
    authorizeRoute(principal, READERS, node).then(() => { accept(req, socket, head, principal) }, () => { refuse(socket, 403, 'Forbidden', 'FORBIDDEN') })
  }
  const accept = (req: IncomingMessage, socket: Duplex, head: Buffer, principal: Principal): void => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws)
      if (principal.kind === 'owner') owners.add(ws)
      const recheck = principal.kind === 'owner'
        ? undefined
        : setInterval(() => {
          authorizeRoute(principal, READERS, node).catch(() => { ws.close(1008, 'no longer listed in the business profile') })
        }, READER_RECHECK_MS)
      recheck?.unref()
      ws.on('close', () => { clearInterval(recheck); sockets.delete(ws) })
      ws.on('error', () => { ws.terminate() })
    })
  }
  server.on('upgrade', onUpgrade)

  return {
    get clients () { return sockets.size },
    close: async () => {
      server.off('upgrade', onUpgrade)
      for (const { type, listener } of listeners) node.off(type, listener)
      for (const ws of sockets) ws.close(1001, 'server shutting down')
      // Give closing handshakes a moment, then cut whatever is left; wss.close waits for every client.
      const timer = setTimeout(() => { for (const ws of sockets) ws.terminate() }, 500)
      await new Promise<void>((resolve) => { wss.close(() => { resolve() }) })
      clearTimeout(timer)
    }
  }
}
