/**
 * A group as this device keeps it (the `groups` sublevel, one sealed JSON
 * record per group), and the group's messages (`group-messages`). Every
 * change to a group is one write of its record together with whatever the
 * change produced (a message, an inbox entry deleted), so a crash leaves
 * either all of it or none.
 */
import { fromHex, toHex } from '../../crypto/index.ts'
import { GroupLog, peerIdStringFromEd25519 } from '../../records/index.ts'
import { loadSenderChain, storeSenderChain } from '../../session/index.ts'
import type { SenderChain, StoredSenderChain } from '../../session/index.ts'
import type { KabarStore, StoreBatch } from '../../store/index.ts'
import { topicForSecret } from '../../net/pubsub.ts'

/** Another member device's chain, and how far we have shown its messages. */
export interface ChainHolder {
  /** The owner device's PeerId. */
  device: string
  /** The owner's account address. */
  account: string
  chain: StoredSenderChain
  /** The iteration at which we received the chain: nothing before it is ours to read. */
  start: number
  /** The next iteration to show; later ones wait in `early` (per-sender order). */
  next: number
  /** Iterations read but not yet shown, and their message ids. */
  early: Record<string, string>
  /** The highest iteration we know was published (read, or named by a gap). */
  highest: number
}

export interface GroupRecord {
  id: string
  secret: string
  /** Encoded log entries, hex, in the log's order. */
  entries: string[]
  /** Entries whose parents we do not hold yet (hex). */
  pending: string[]
  own: StoredSenderChain
  /** Member accounts (hex keys) when our chain was made: a removal among them rotates it. */
  chainMembers: string[]
  ownSeq: number
  ownLast: string
  /** Devices (PeerIds) holding our current chain: keyId; `hasLog` those we sent the log and secret to. */
  sentTo: Record<string, number>
  hasLog: string[]
  /** Other devices' chains, by key id (decimal). */
  chains: Record<string, ChainHolder>
  /** Latest message ids seen from others, newest last (at most CAUSAL_SEEN). */
  latest: string[]
  nextIndex: number
  createdAt: number
}

/** A group message as stored. */
export interface GroupMessageRecord {
  id: string
  group: string
  account: string
  device: string
  seq: number
  iteration: number
  keyId: number
  previous: string
  seen: string[]
  text: string
  sentAt: number
  receivedAt: number
  /** The published bytes, hex (what catch-up hands on). */
  bytes: string
  own: boolean
  /** Our own message: whether gossipsub took it (republished on start otherwise). */
  published?: boolean
  /** Position in the group's shown order; undefined while an earlier message of its sender is missing. */
  index?: number
}

/** A loaded group: its record, the verified log, and the derived names. */
export interface LoadedGroup {
  record: GroupRecord
  log: GroupLog
  topic: string
  own: SenderChain
}

export function loaded (record: GroupRecord): LoadedGroup {
  const log = GroupLog.fromEntries(record.entries.map(fromHex))
  return { record, log, topic: topicForSecret(fromHex(record.secret)), own: loadSenderChain(record.own) }
}

/** `record` with the log replaced (entries in the log's order). */
export function withLog (record: GroupRecord, log: GroupLog): GroupRecord {
  return { ...record, entries: log.encoded().map(toHex) }
}

export function withOwn (record: GroupRecord, own: SenderChain): GroupRecord {
  return { ...record, own: storeSenderChain(own) }
}

/** The member accounts' addresses (PeerId strings). */
export function memberAddresses (log: GroupLog): string[] {
  return [...log.state().members].map((hex) => peerIdStringFromEd25519(fromHex(hex)))
}

export const messageKey = (group: string, id: string): string => `${group}/m/${id}`
export const indexKey = (group: string, index: number): string => `${group}/i/${String(index).padStart(12, '0')}`

export async function loadAll (store: KabarStore): Promise<GroupRecord[]> {
  const out: GroupRecord[] = []
  for await (const { value } of store.iterateJson<GroupRecord>('groups')) out.push(value)
  return out
}

export function putRecord (batch: StoreBatch, record: GroupRecord): void {
  batch.putJson('groups', record.id, record)
}

export function putMessage (batch: StoreBatch, message: GroupMessageRecord): void {
  batch.putJson('group-messages', messageKey(message.group, message.id), message)
  if (message.index !== undefined) batch.putJson('group-messages', indexKey(message.group, message.index), message.id)
}

export async function getMessage (store: KabarStore, group: string, id: string): Promise<GroupMessageRecord | undefined> {
  return store.getJson<GroupMessageRecord>('group-messages', messageKey(group, id))
}

/** Every message id of a group (the set catch-up exchanges), at most `limit`. */
export async function messageIds (store: KabarStore, group: string, limit: number): Promise<string[]> {
  const out: string[] = []
  for await (const { key } of store.iterate('group-messages', { gt: `${group}/m/`, lt: `${group}/m/~`, limit })) out.push(key.slice(key.lastIndexOf('/') + 1))
  return out
}

/** The group's messages in shown order, after `after` (an index), at most `limit`. */
export async function shownMessages (store: KabarStore, group: string, after: number, limit: number): Promise<GroupMessageRecord[]> {
  const out: GroupMessageRecord[] = []
  for await (const { value } of store.iterateJson<string>('group-messages', { gt: indexKey(group, after), lt: `${group}/i/~`, limit })) {
    const m = await getMessage(store, group, value)
    if (m !== undefined) out.push(m)
  }
  return out
}
