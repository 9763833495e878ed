/**
 * @packageDocumentation
 * kabar: a peer-to-peer, relay-less, end-to-end encrypted messaging node.
 * This entry exports the protocol core; the node, API and CLI build on it.
 */
export { KabarError, ErrorCode } from './errors.ts'
/** For processors receiving kabar webhooks (docs/OPERATING.md). */
export { verifyWebhookSignature, signWebhook } from './api/webhook-signature.ts'
export * as crypto from './crypto/index.ts'
export * as session from './session/index.ts'
export * as wire from './wire/index.ts'
