/**
 * What reaches a member device: control payloads over the pairwise sessions
 * (sender keys, log entries, the group secret), and messages from the topic
 * or from catch-up. Each is handled under its group's lock and written in one
 * batch with its effect; a message already held is never shown twice, and a
 * sender's messages are shown in its order (a later one waits in `early`
 * until the one before it arrives).
 */
import { bytesEqual, fromHex, toHex } from '../../crypto/index.ts'
import { KabarError } from '../../errors.ts'
import { GroupLog, ed25519FromPeerIdString, peerIdStringFromEd25519 } from '../../records/index.ts'
import { createSenderChain, loadSenderChain, parseSenderKeyMessage, receivingChain, senderDecrypt, storeSenderChain, verifySenderKeyMessage } from '../../session/index.ts'
import type { Verdict } from '../../net/pubsub.ts'
import { pubsubMessageId } from '../../net/pubsub.ts'
import type { StoreBatch } from '../../store/index.ts'
import { decodeBounded } from '../../wire/index.ts'
import { group as wire } from '../../wire/group.ts'
import { GROUP_CAUSAL_SEEN, MAX_GROUP_CONTROL, MAX_TEXT_BYTES } from '../constants.ts'
import { getMessage, putMessage, withLog } from './record.ts'
import type { ChainHolder, GroupMessageRecord, GroupRecord, LoadedGroup } from './record.ts'
import { lockKey, messageView } from './state.ts'
import type { GroupsState } from './state.ts'

/** What an inbound step asks the service to do next. */
export interface Follow {
  /** Our chain must reach (new) member devices, or be rotated. */
  distribute: (group: string) => void
  /** Ask `peer` for what we lack. */
  catchUp: (group: string, peer: string) => void
  /** Subscribe to (or leave) the group's topic. */
  joined: (group: LoadedGroup) => void
}

/** Adds every entry it can to `log`; entries with unknown parents are returned to wait. */
export function mergeEntries (log: GroupLog, entries: readonly Uint8Array[]): { log: GroupLog, pending: Uint8Array[], added: number } {
  let pending = [...entries]
  let added = 0
  for (let round = 0; round < entries.length + 1 && pending.length > 0; round++) {
    const left: Uint8Array[] = []
    for (const bytes of pending) {
      try {
        const r = log.add(bytes)
        if (r.result === 'added') added++
        log = r.log
      } catch (err) {
        if (KabarError.is(err, 'INVALID_RECORD') && /unknown parent/.test(err.message)) left.push(bytes)
        // any other refusal (forged, not an admin, another group): dropped
      }
    }
    if (left.length === pending.length) break
    pending = left
  }
  return { log, pending, added }
}

function dropRemoved (record: GroupRecord, log: GroupLog): GroupRecord {
  const members = log.state().members
  const chains = Object.fromEntries(Object.entries(record.chains).filter(([, h]) => members.has(toHex(ed25519FromPeerIdString(h.account)))))
  return { ...record, chains }
}

/** Handles one control payload from `device` (of `account`); `batch` already deletes its inbox entry. */
export async function handleControl (s: GroupsState, follow: Follow, control: { device: string, account: string, bytes: Uint8Array }, batch: StoreBatch): Promise<void> {
  let msg: wire.GroupControl
  try {
    msg = decodeBounded(wire.GroupControl, control.bytes, MAX_GROUP_CONTROL, 'group control', { entries: 10_000 })
  } catch {
    await batch.write()
    return
  }
  const id = toHex(msg.groupId)
  await s.c.lock.run(lockKey(id), async () => {
    const now = s.c.clock()
    let current = s.groups.get(id)
    let record: GroupRecord
    let log: GroupLog
    if (current === undefined) {
      // A group we are not in yet: its whole log and secret must come with it.
      let fresh: GroupLog
      try {
        fresh = GroupLog.fromEntries(msg.entries)
      } catch {
        await batch.write()
        return
      }
      if (toHex(fresh.groupId) !== id || msg.groupSecret.length !== 32 || !s.isMember({ log: fresh } as LoadedGroup)) {
        await batch.write()
        return
      }
      const own = createSenderChain(s.c.random, now)
      record = { id, secret: toHex(msg.groupSecret), entries: [], pending: [], own: storeSenderChain(own), chainMembers: [...fresh.state().members], ownSeq: 0, ownLast: '', sentTo: {}, hasLog: [], chains: {}, latest: [], nextIndex: 1, createdAt: now }
      log = fresh
    } else {
      const merged = mergeEntries(current.log, [...msg.entries, ...current.record.pending.map(fromHex)])
      record = { ...current.record, pending: merged.pending.map(toHex).slice(0, 1000) }
      log = merged.log
    }
    const before = current?.log.state()
    record = dropRemoved(withLog(record, log), log)
    const state = log.state()
    const senderHex = toHex(ed25519FromPeerIdString(control.account))
    let gotKey = false
    if (msg.senderKey !== undefined && state.members.has(senderHex) && bytesEqual(msg.senderKey.account, ed25519FromPeerIdString(control.account)) && msg.groupId.length === 32) {
      try {
        const chain = receivingChain({ keyId: msg.senderKey.keyId, iteration: msg.senderKey.iteration, chainKey: msg.senderKey.chainKey, signingKey: msg.senderKey.signingKey }, now)
        const known = record.chains[String(chain.keyId)]
        if (known === undefined || known.device !== control.device) {
          // Keep this chain and the device's latest previous one (late messages of the old chain).
          const others = Object.entries(record.chains).filter(([, h]) => h.device === control.device).sort((a, b) => b[1].chain.createdAt - a[1].chain.createdAt)
          const chains = { ...record.chains }
          for (const [key] of others.slice(1)) delete chains[key]
          chains[String(chain.keyId)] = { device: control.device, account: control.account, chain: storeSenderChain(chain), start: chain.iteration, next: chain.iteration, early: {}, highest: chain.iteration - 1 }
          record = { ...record, chains }
          gotKey = true
        }
      } catch { /* a malformed position: ignored */ }
    }
    current = await s.save(batch, record)
    const changed = before === undefined || before.members.size !== state.members.size || [...before.members].some((m) => !state.members.has(m)) || before.name !== state.name
    if (changed) s.c.emit('group:change', { group: id, name: state.name, members: state.members.size, member: s.isMember(current) })
    if (before === undefined || changed) follow.joined(current)
    if (s.isMember(current)) {
      follow.distribute(id)
      if (gotKey || before === undefined) follow.catchUp(id, control.device)
    }
  })
}

/** gossipsub's verdict on a published message: a current member's chain must have signed it. */
export function validate (s: GroupsState, topic: string, data: Uint8Array): Verdict {
  const id = s.byTopic.get(topic)
  const group = id === undefined ? undefined : s.groups.get(id)
  if (group === undefined) return 'ignore'
  const message = parseSenderKeyMessage(data)
  const holder = group.record.chains[String(message.keyId)]
  if (holder === undefined) return message.keyId === group.own.keyId ? 'ignore' : 'ignore'
  if (!group.log.state().members.has(toHex(ed25519FromPeerIdString(holder.account)))) return 'reject'
  return verifySenderKeyMessage(fromHex(holder.chain.signingKey), group.log.groupId, message) ? 'accept' : 'reject'
}

/**
 * Reads one published message (from the topic or catch-up), under the group's lock.
 * Resolves 'gap' when it shows an earlier message of its sender is missing.
 */
export async function receiveMessage (s: GroupsState, groupId: string, data: Uint8Array): Promise<'new' | 'gap' | 'known' | 'unreadable'> {
  return s.c.lock.run(lockKey(groupId), async () => {
    const group = s.groups.get(groupId)
    if (group === undefined || !s.isMember(group)) return 'unreadable'
    const id = toHex(pubsubMessageId(data))
    if (await getMessage(s.c.store, groupId, id) !== undefined) return 'known'
    let parsed: wire.SenderKeyMessage
    try {
      parsed = parseSenderKeyMessage(data)
    } catch {
      return 'unreadable'
    }
    const holder = group.record.chains[String(parsed.keyId)]
    if (holder === undefined || parsed.iteration < holder.start) return 'unreadable'
    let plaintext: Uint8Array
    let chain
    try {
      ({ chain, plaintext } = senderDecrypt(loadSenderChain(holder.chain), group.log.groupId, parsed))
    } catch {
      return 'unreadable'
    }
    let content: wire.GroupContent
    try {
      content = decodeBounded(wire.GroupContent, plaintext, plaintext.length, 'group content', { seen: GROUP_CAUSAL_SEEN })
    } catch {
      return 'unreadable'
    }
    if (!bytesEqual(content.device, ed25519FromPeerIdString(holder.device)) || !bytesEqual(content.account, ed25519FromPeerIdString(holder.account))) return 'unreadable'
    if (!group.log.state().members.has(toHex(content.account))) return 'unreadable'
    if (content.text.length === 0 || new TextEncoder().encode(content.text).length > MAX_TEXT_BYTES) return 'unreadable'
    const now = s.c.clock()
    const message: GroupMessageRecord = {
      id, group: groupId, account: holder.account, device: holder.device, seq: Number(content.seq), iteration: parsed.iteration, keyId: parsed.keyId,
      previous: toHex(content.previous), seen: content.seen.map(toHex), text: content.text, sentAt: Number(content.sentAt), receivedAt: now, bytes: toHex(data), own: false
    }
    const batch = s.c.store.batch()
    let next: ChainHolder = { ...holder, chain: storeSenderChain(chain), highest: Math.max(holder.highest, parsed.iteration) }
    let record = group.record
    const shown: GroupMessageRecord[] = []
    if (parsed.iteration === holder.next) {
      let index = record.nextIndex
      shown.push({ ...message, index: index++ })
      let at = parsed.iteration + 1
      const early = { ...next.early }
      for (let waiting = early[String(at)]; waiting !== undefined; waiting = early[String(at)]) {
        const stored = await getMessage(s.c.store, groupId, waiting)
        delete early[String(at)]
        at++
        if (stored !== undefined) shown.push({ ...stored, index: index++ })
      }
      next = { ...next, next: at, early }
      record = { ...record, nextIndex: index }
    } else {
      next = { ...next, early: { ...next.early, [String(parsed.iteration)]: id } }
      putMessage(batch, message)
    }
    for (const m of shown) putMessage(batch, m)
    record = { ...record, chains: { ...record.chains, [String(parsed.keyId)]: next }, latest: [...record.latest.filter((x) => x !== id), id].slice(-GROUP_CAUSAL_SEEN) }
    await s.save(batch, record)
    for (const m of shown) s.c.emit('group:message', messageView(m))
    return parsed.iteration > holder.next ? 'gap' : 'new'
  })
}

/** Who sent a message, as an address. */
export function accountAddress (hex: string): string {
  return peerIdStringFromEd25519(fromHex(hex))
}
