/**
 * Waiting for an outgoing message to settle (`kabar send --wait`). Status
 * events on the WebSocket make it prompt; a poll of GET /v1/messages/:id
 * every `pollMs` makes it certain, should an event be missed (the socket
 * dropped, or the status changed before the subscription).
 */
import type { ApiClient, EventStream } from '../api/client.ts'
import type { MessageStatus, MessageView } from '../node/types.ts'

export const DEFAULT_POLL_MS = 1000

const isSettled = (status: MessageStatus): boolean => status === 'delivered' || status === 'failed'

export interface WaitOptions {
  timeoutMs: number
  pollMs?: number
  /** Status events, already subscribed; optional (polling alone also works). */
  events?: EventStream
}

/**
 * Resolves with the message once it is delivered or failed, or with its
 * latest known state when `timeoutMs` passes first; rejects when the daemon
 * cannot be asked any more.
 */
export async function waitForSettled (client: ApiClient, sent: MessageView, options: WaitOptions): Promise<MessageView> {
  if (isSettled(sent.status)) return sent
  let latest = sent
  let timer: NodeJS.Timeout | undefined
  let poll: NodeJS.Timeout | undefined
  try {
    return await new Promise<MessageView>((resolve, reject) => {
      const check = async (): Promise<void> => {
        const found = await client.message(sent.id)
        if (found === undefined) return
        latest = found
        if (isSettled(found.status)) resolve(found)
      }
      timer = setTimeout(() => { resolve(latest) }, options.timeoutMs)
      poll = setInterval(() => { check().catch(reject) }, options.pollMs ?? DEFAULT_POLL_MS)
      const events = options.events
      if (events === undefined) return
      void (async () => {
        for await (const event of events) {
          if (event.type !== 'message:status' || event.id !== sent.id) continue
          latest = { ...latest, status: event.status }
          // Fetch the full view (receivedAt and all); the poll covers a failure here.
          if (isSettled(event.status)) await check().catch(() => { resolve(latest) })
        }
      })().catch(() => {}) // a closed event stream leaves the poll in charge
    })
  } finally {
    clearTimeout(timer)
    clearInterval(poll)
  }
}
