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
export type { ApiClientOptions, ApiEvent, DeviceRole, EventStream, EventStreamOptions, HealthBody, IssuedAttestation, MessagesQuery, NodeInfo, TokenView, WebhookView } from './client.ts'
export type { Principal } from './auth.ts'
export { createLogger, LOG_LEVELS } from './logger.ts'
export type { Logger, LogLevel } from './logger.ts'
export { Metrics } from './metrics.ts'
export { parseProfileInput } from './profile-input.ts'
export { TokenRegistry } from './tokens.ts'
export { WebhookDispatcher } from './webhooks.ts'
export type { WebhookEvent } from './webhooks.ts'
export { DEFAULT_REPLAY_WINDOW_MS, signWebhook, verifyWebhookSignature } from './webhook-signature.ts'
export type { SignatureCheck } from './webhook-signature.ts'
export { HTTP_STATUS, errorResponse, httpStatusFor } from './errors.ts'
export type { ErrorBody } from './errors.ts'
export { EVENT_NAMES } from './events.ts'
export { startApiServer } from './server.ts'
export type { ApiServer, ApiServerOptions } from './server.ts'
export { parseAddress } from './validate.ts'
