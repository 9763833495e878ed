/**
 * Catch-up: a member device asks another for what it lacks by sending the
 * ids it holds (/kabar/group-sync/1.0.0), and reads what comes back as if it
 * had come from the topic. The answerer serves only current member devices
 * of the group. Asked when a member's key arrives, when a member device
 * connects, when a message shows a gap, and again while something is missing.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import type { PeerId } from '@libp2p/interface'
import { fromHex, toHex } from '../../crypto/index.ts'
import { ed25519FromPeerIdString } from '../../records/index.ts'
import { requestGroupSync } from '../../net/protocols/group-sync.ts'
import type { SyncRequest, SyncResponse } from '../../net/protocols/group-sync.ts'
import { MAX_GROUP_SYNC_FRAME, MAX_GROUP_SYNC_IDS, MAX_GROUP_SYNC_MESSAGES } from '../../net/constants.ts'
import { GROUP_SYNC_MAX_ROUNDS, GROUP_SYNC_MIN_INTERVAL_MS } from '../constants.ts'
import { mergeEntries, receiveMessage } from './inbound.ts'
import type { Follow } from './inbound.ts'
import { messageIds, withLog } from './record.ts'
import type { GroupMessageRecord, LoadedGroup } from './record.ts'
import { lockKey } from './state.ts'
import type { GroupsState } from './state.ts'

const EMPTY: SyncResponse = { messages: [], entries: [] }

/** Whether `peer` is a device of a current member of `group` (a holder of a chain, or one we gave ours). */
function isMemberDevice (s: GroupsState, group: LoadedGroup, peer: string): boolean {
  const members = group.log.state().members
  if (Object.values(group.record.chains).some((h) => h.device === peer && members.has(toHex(ed25519FromPeerIdString(h.account))))) return true
  return group.record.sentTo[peer] !== undefined
}

/** The answer to a catch-up request. */
export async function answerSync (s: GroupsState, from: PeerId, request: SyncRequest): Promise<SyncResponse> {
  const id = s.byTopic.get(toHex(request.topic))
  const group = id === undefined ? undefined : s.groups.get(id)
  if (group === undefined || !s.isMember(group) || !isMemberDevice(s, group, from.toString())) return EMPTY
  const have = new Set(request.have.map(toHex))
  const messages: Array<{ at: number, bytes: Uint8Array }> = []
  let size = 0
  for await (const { key, value } of s.c.store.iterateJson<GroupMessageRecord>('group-messages', { gt: `${group.record.id}/m/`, lt: `${group.record.id}/m/~` })) {
    const mid = key.slice(key.lastIndexOf('/') + 1)
    if (have.has(mid)) continue
    const bytes = fromHex(value.bytes)
    if (messages.length >= MAX_GROUP_SYNC_MESSAGES || size + bytes.length > MAX_GROUP_SYNC_FRAME / 2) break
    messages.push({ at: value.sentAt, bytes })
    size += bytes.length
  }
  messages.sort((a, b) => a.at - b.at)
  const heads = group.log.heads()
  const same = heads.length === request.heads.length && request.heads.every((h) => heads.includes(toHex(h)))
  return { messages: messages.map((m) => m.bytes), entries: same ? [] : group.log.encoded() }
}

export class CatchUp {
  readonly #s: GroupsState
  readonly #follow: Follow
  readonly #last = new Map<string, number>()
  readonly #running = new Map<string, Promise<void>>()
  readonly #deferred = new Map<string, NodeJS.Timeout>()
  /** Messages read through catch-up (the simulation counts them apart). */
  recovered = 0

  constructor (s: GroupsState, follow: Follow) {
    this.#s = s
    this.#follow = follow
  }

  /**
   * Asks `peer` now, or once GROUP_SYNC_MIN_INTERVAL_MS has passed since the last ask of the same
   * group and peer (triggers in between coalesce into that one, never dropped); never throws.
   */
  schedule (group: string, peer: string): void {
    const key = `${group} ${peer}`
    if (peer === this.#s.c.libp2p.peerId.toString() || this.#deferred.has(key)) return
    if (this.#running.has(key)) {
      this.#defer(key, group, peer, GROUP_SYNC_MIN_INTERVAL_MS)
      return
    }
    const wait = (this.#last.get(key) ?? -Infinity) + GROUP_SYNC_MIN_INTERVAL_MS - this.#s.c.clock()
    if (wait > 0) {
      this.#defer(key, group, peer, wait)
      return
    }
    this.#last.set(key, this.#s.c.clock())
    const run = this.#run(group, peer).catch(() => { /* offline or refused: asked again at the next trigger */ }).finally(() => { this.#running.delete(key) })
    this.#running.set(key, run)
  }

  #defer (key: string, group: string, peer: string, ms: number): void {
    const timer = setTimeout(() => {
      this.#deferred.delete(key)
      if (this.#s.c.lifecycle.running) this.schedule(group, peer)
    }, ms)
    timer.unref()
    this.#deferred.set(key, timer)
  }

  async idle (): Promise<void> {
    for (const timer of this.#deferred.values()) clearTimeout(timer)
    this.#deferred.clear()
    await Promise.allSettled([...this.#running.values()])
  }

  async #run (groupId: string, peer: string): Promise<void> {
    const s = this.#s
    for (let round = 0; round < GROUP_SYNC_MAX_ROUNDS; round++) {
      if (!s.c.lifecycle.running) return
      const group = s.groups.get(groupId)
      if (group === undefined || !s.isMember(group)) return
      const have = await messageIds(s.c.store, groupId, MAX_GROUP_SYNC_IDS)
      const response = await requestGroupSync(s.c.libp2p, peerIdFromString(peer), { topic: fromHex(group.topic), have: have.map(fromHex), heads: group.log.heads().map(fromHex) }, { signal: AbortSignal.timeout(10_000) })
      if (response.entries.length > 0) await this.#merge(groupId, response.entries)
      let fresh = 0
      for (const bytes of response.messages) if (await receiveMessage(s, groupId, bytes) === 'new') fresh++
      this.recovered += fresh
      if (response.messages.length < MAX_GROUP_SYNC_MESSAGES) return
    }
  }

  async #merge (groupId: string, entries: Uint8Array[]): Promise<void> {
    const s = this.#s
    await s.c.lock.run(lockKey(groupId), async () => {
      const group = s.groups.get(groupId)
      if (group === undefined) return
      const merged = mergeEntries(group.log, entries)
      if (merged.added === 0) return
      const next = await s.save(s.c.store.batch(), withLog(group.record, merged.log))
      const state = next.log.state()
      s.c.emit('group:change', { group: groupId, name: state.name, members: state.members.size, member: s.isMember(next) })
      this.#follow.joined(next)
      this.#follow.distribute(groupId)
    })
  }
}
