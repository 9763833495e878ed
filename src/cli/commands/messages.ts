/**
 * `kabar messages [--peer ADDR] [--follow]`: the message log, oldest first,
 * read page by page. With --follow it then prints new messages as they
 * arrive until Ctrl+C (exit 0) or until the daemon stops (exit 1). With
 * --json the log is one JSON array; with --json --follow it is JSON Lines,
 * one message per line, since an array never ends.
 */
import { ApiClient } from '../../api/client.ts'
import type { EventStream } from '../../api/client.ts'
import { MAX_PAGE } from '../../api/constants.ts'
import type { MessageView } from '../../node/types.ts'
import { formatMessage } from '../format.ts'
import type { Output } from '../output.ts'
import { addressOnly, contactNames, resolvePeer } from '../peers.ts'
import { onStopSignal } from '../signals.ts'

export interface MessagesOptions {
  dataDir: string
  peer?: string
  follow: boolean
}

/** Every message after `after` (an index cursor), following pages to the end. */
async function readAll (client: ApiClient, peer: string | undefined, after: number | undefined): Promise<MessageView[]> {
  const all: MessageView[] = []
  let cursor = after
  for (;;) {
    const page = await client.messages({ ...(peer === undefined ? {} : { peer }), ...(cursor === undefined ? {} : { after: cursor }), limit: MAX_PAGE })
    all.push(...page)
    const last = page.at(-1)
    if (page.length < MAX_PAGE || last === undefined) return all
    cursor = last.index
  }
}

export async function messages (options: MessagesOptions, out: Output): Promise<void> {
  if (options.peer !== undefined) addressOnly(options.peer)
  const client = await ApiClient.fromDataDir(options.dataDir)
  const peer = options.peer === undefined ? undefined : await resolvePeer(client, options.peer)
  const names = out.json ? new Map<string, string>() : await contactNames(client)
  const human = (m: MessageView): string => formatMessage(m, names)
  if (!options.follow) {
    const log = await readAll(client, peer, undefined)
    if (out.json) out.result(log, () => [])
    else if (log.length === 0) out.notice('no messages')
    else for (const m of log) out.item(m, human)
    return
  }
  // Subscribe first, then read the log: a message arriving in between is seen once, by its index.
  const events: EventStream = client.events()
  const unsubscribe = onStopSignal(() => { events.close() })
  try {
    await events.opened
    let lastIndex = -1
    for (const m of await readAll(client, peer, undefined)) {
      out.item(m, human)
      lastIndex = Math.max(lastIndex, m.index)
    }
    for await (const event of events) {
      if (event.type !== 'message' || event.index <= lastIndex) continue
      if (peer !== undefined && event.peer !== peer) continue
      const { type, ...message } = event
      void type // printed like the log above: a MessageView, without the event's type tag
      out.item(message, human)
      lastIndex = event.index
    }
  } finally {
    unsubscribe()
    events.close()
  }
}
