/**
 * @packageDocumentation
 *
 * The daemon API layer: an HTTP + WebSocket server over any `NodeApi`, and a
 * typed client for it. Endpoints, auth, errors, events and node.json are in
 * docs/API.md.
 *
 * @example
 * ```ts
 * import { ApiClient, startApiServer } from './api/index.ts'
 *
 * const api = await startApiServer({ node, token })
 * const client = new ApiClient({ url: api.url, token })
 * console.log(await client.status())
 * await api.close()
 * ```
 */
export { ApiClient, notRunningMessage, readNodeInfo } from './client.ts'
export type { ApiClientOptions, ApiEvent, EventStream, EventStreamOptions, MessagesQuery, NodeInfo } from './client.ts'
export { HTTP_STATUS, errorResponse, httpStatusFor } from './errors.ts'
export type { ErrorBody } from './errors.ts'
export { EVENT_NAMES } from './events.ts'
export { startApiServer } from './server.ts'
export type { ApiServer, ApiServerOptions } from './server.ts'
export { parseAddress } from './validate.ts'
