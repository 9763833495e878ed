/**
 * Groups: the service behind `node.groups` (docs/PROTOCOL.md §15). A group
 * is its membership log (records/group-log.ts), this device's sender chain
 * (session/sender-keys.ts) handed to every other member device over the
 * pairwise sessions, the other devices' chains, and the messages published
 * once per sender on the group's gossipsub topic (net/pubsub.ts).
 *
 * Locks: `group:<id>` around every change of a group's record; the pairwise
 * sends inside it take the devices' locks after it (never the other way:
 * the receive path only writes an inbox entry under a device's lock).
 */
import { fromHex, toHex, utf8 } from '../../crypto/index.ts'
import { KabarError } from '../../errors.ts'
import { GroupLog, peerIdStringFromEd25519 } from '../../records/index.ts'
import type { EntryParams } from '../../records/index.ts'
import { createSenderChain, senderEncrypt, senderPosition, storeSenderChain } from '../../session/index.ts'
import { Pubsub, pubsubMessageId } from '../../net/pubsub.ts'
import { handleGroupSyncProtocol } from '../../net/protocols/group-sync.ts'
import type { StoreBatch } from '../../store/index.ts'
import { group as wire } from '../../wire/group.ts'
import { parseAddress, requireRunning } from '../components.ts'
import { GROUP_CAUSAL_SEEN, GROUP_CHAIN_MAX_AGE_MS, GROUP_CHAIN_MAX_MESSAGES, GROUP_SYNC_RETRY_MS, MAX_GROUPS, MAX_TEXT_BYTES } from '../constants.ts'
import type { GroupMessageView, GroupView, GroupsApi } from '../types.ts'
import { answerSync, CatchUp } from './catchup.ts'
import { handleControl, receiveMessage, validate } from './inbound.ts'
import type { Follow } from './inbound.ts'
import { getMessage, loadAll, loaded, putMessage, shownMessages, withLog, withOwn } from './record.ts'
import type { GroupMessageRecord, GroupRecord, LoadedGroup } from './record.ts'
import { GroupsState, lockKey, messageView } from './state.ts'
import type { GroupsComponents, GroupsInit } from './state.ts'
import { groupView } from './view.ts'

export type { GroupsInit } from './state.ts'

export class Groups implements GroupsApi {
  readonly #s: GroupsState
  readonly #catchUp: CatchUp
  readonly #follow: Follow
  #retry: NodeJS.Timeout | undefined
  #unvouch: (() => void) | undefined
  #inbox: Promise<void> = Promise.resolve()

  constructor (components: GroupsComponents, init: GroupsInit) {
    this.#s = new GroupsState(components, init)
    this.#follow = {
      distribute: (group) => { void this.#distribute(group).catch(() => undefined) },
      catchUp: (group, peer) => { this.#catchUp.schedule(group, peer) },
      joined: (group) => { this.#join(group) }
    }
    this.#catchUp = new CatchUp(this.#s, this.#follow)
  }

  /** Peers gossipsub should let in: member devices of our groups (net/pubsub.ts PubsubScores). */
  readonly vouch = (peerId: string): boolean => this.#s.memberDevices.has(peerId)

  /** The control-payload sink the receive path writes into (messaging/receive.ts). */
  readonly controlSink = {
    put: (batch: StoreBatch, control: { device: string, account: string, bytes: Uint8Array }): void => {
      batch.putJson('group-inbox', `${String(this.#s.c.clock()).padStart(15, '0')}-${toHex(this.#s.c.random(6))}`, { device: control.device, account: control.account, bytes: toHex(control.bytes) })
    },
    written: (): void => { this.#drainInbox() }
  }

  /** Messages read through catch-up since start. */
  get recovered (): number {
    return this.#catchUp.recovered
  }

  async start (scores?: { add: (vouch: (peerId: string) => boolean) => () => void }): Promise<void> {
    const s = this.#s
    for (const record of await loadAll(s.c.store)) s.set(loaded(record))
    const router = s.c.libp2p.services.pubsub
    if (router !== undefined) s.pubsub = new Pubsub(router)
    this.#unvouch = scores?.add(this.vouch)
    await handleGroupSyncProtocol(s.c.libp2p, async (from, request) => answerSync(s, from, request))
    for (const group of s.groups.values()) this.#join(group)
    this.#drainInbox()
    // Our own messages written but not yet handed to gossipsub (a crash between the two): again, same bytes, same id.
    for (const group of s.groups.values()) void this.#republish(group.record.id)
    this.#retry = setInterval(() => { this.#retryMissing() }, GROUP_SYNC_RETRY_MS)
    this.#retry.unref()
  }

  async stop (): Promise<void> {
    if (this.#retry !== undefined) clearInterval(this.#retry)
    this.#unvouch?.()
    this.#s.pubsub?.close()
    this.#s.pubsub = undefined
    await this.#inbox
    await this.#catchUp.idle()
  }

  /** A peer connected: if it is a member device, catch up with it. */
  onPeer (peerId: string): void {
    if (!this.#s.memberDevices.has(peerId)) return
    for (const group of this.#s.groups.values()) if (this.#s.isMember(group)) this.#catchUp.schedule(group.record.id, peerId)
  }

  #join (group: LoadedGroup): void {
    const pubsub = this.#s.pubsub
    if (pubsub === undefined || !this.#s.c.lifecycle.running) return
    if (!this.#s.isMember(group)) {
      pubsub.leave(group.topic)
      return
    }
    pubsub.join(group.topic, {
      validate: (data) => validate(this.#s, group.topic, data),
      deliver: (data, _id, from) => {
        void receiveMessage(this.#s, group.record.id, data).then((r) => { if (r === 'gap') this.#catchUp.schedule(group.record.id, from) }, () => undefined)
      }
    })
  }

  #drainInbox (): void {
    const s = this.#s
    this.#inbox = this.#inbox.then(async () => {
      for await (const { key, value } of s.c.store.iterateJson<{ device: string, account: string, bytes: string }>('group-inbox')) {
        const batch = s.c.store.batch().del('group-inbox', key)
        await handleControl(s, this.#follow, { device: value.device, account: value.account, bytes: fromHex(value.bytes) }, batch).catch(() => undefined)
      }
    })
  }

  #retryMissing (): void {
    for (const group of this.#s.groups.values()) {
      if (!this.#s.isMember(group)) continue
      const behind = Object.values(group.record.chains).filter((h) => Object.keys(h.early).length > 0 || h.highest >= h.next)
      for (const h of behind.slice(0, 3)) this.#catchUp.schedule(group.record.id, h.device)
    }
  }

  async #republish (groupId: string): Promise<void> {
    const s = this.#s
    const group = s.groups.get(groupId)
    if (group === undefined || s.pubsub === undefined || group.record.ownSeq === 0 || group.record.ownLast === '') return
    const last = await getMessage(s.c.store, groupId, group.record.ownLast)
    if (last === undefined || last.published === true) return
    for await (const { value } of s.c.store.iterateJson<GroupMessageRecord>('group-messages', { gt: `${groupId}/m/`, lt: `${groupId}/m/~` })) {
      if (value.own && value.published !== true) await s.pubsub.publish(group.topic, fromHex(value.bytes)).catch(() => undefined)
    }
  }

  /**
   * Makes sure every current member device holds our current chain: rotates it first when a member
   * it was handed to has been removed (or by age), then queues the position (with the log and the
   * secret for devices that never had them). Returns the bytes queued.
   */
  async #distribute (groupId: string, extra?: { entries: Uint8Array[], to: 'all' }): Promise<number> {
    const s = this.#s
    return s.c.lock.run(lockKey(groupId), async () => {
      let group = s.groups.get(groupId)
      if (group === undefined || !s.isMember(group) || !s.c.lifecycle.running) return 0
      const now = s.c.clock()
      const members = group.log.state().members
      let record = group.record
      const removed = record.chainMembers.some((m) => !members.has(m))
      if (removed || now - group.own.createdAt > GROUP_CHAIN_MAX_AGE_MS || group.own.iteration >= GROUP_CHAIN_MAX_MESSAGES) {
        record = { ...withOwn(record, createSenderChain(s.c.random, now)), chainMembers: [...members], sentTo: {} }
      } else if (record.chainMembers.length !== members.size) {
        record = { ...record, chainMembers: [...members] }
      }
      group = loaded(record)
      const devices = await s.memberDevicesOf(group)
      const key = senderPosition(group.own)
      const account = fromHex(s.accountHex)
      const senderKey = { groupId: group.log.groupId, keyId: key.keyId, iteration: key.iteration, chainKey: key.chainKey, signingKey: key.signingKey, account } as wire.SenderKeyDistribution
      const full = devices.filter((d) => !record.hasLog.includes(d.peerId))
      const keyOnly = devices.filter((d) => record.hasLog.includes(d.peerId) && (record.sentTo[d.peerId] !== key.keyId || extra !== undefined))
      const withFull = wire.GroupControl.encode({ groupId: group.log.groupId as Uint8Array<ArrayBuffer>, senderKey, entries: group.log.encoded() as Array<Uint8Array<ArrayBuffer>>, groupSecret: fromHex(record.secret) as Uint8Array<ArrayBuffer> })
      const withKey = wire.GroupControl.encode({ groupId: group.log.groupId as Uint8Array<ArrayBuffer>, senderKey, entries: (extra?.entries ?? []) as Array<Uint8Array<ArrayBuffer>>, groupSecret: new Uint8Array(0) })
      const a = full.length === 0 ? { queued: [], bytes: 0 } : await s.init.sendControl(full, withFull)
      const b = keyOnly.length === 0 ? { queued: [], bytes: 0 } : await s.init.sendControl(keyOnly, withKey)
      const sentTo = { ...record.sentTo }
      for (const peer of [...a.queued, ...b.queued]) sentTo[peer] = key.keyId
      record = { ...record, sentTo, hasLog: [...new Set([...record.hasLog, ...a.queued])] }
      await s.save(s.c.store.batch(), record)
      return a.bytes + b.bytes
    })
  }

  /** Signs a change with our account key, applies it, and tells every member device (and whoever it removes). */
  async #change (groupId: string, params: EntryParams): Promise<GroupView> {
    const s = this.#s
    requireRunning(s.c)
    if (s.c.account.account !== s.c.address) throw new KabarError('FORBIDDEN', 'group changes are signed with the account key: make them on the account\'s primary device')
    const entry = await s.c.lock.run(lockKey(groupId), async () => {
      const group = s.get(groupId)
      let result
      try {
        result = group.log.change(s.c.identity.signing, params, s.c.random)
      } catch (err) {
        if (KabarError.is(err, 'INVALID_RECORD')) throw new KabarError('FORBIDDEN', err.message, { cause: err })
        throw err
      }
      const next = await s.save(s.c.store.batch(), withLog(group.record, result.log))
      const state = next.log.state()
      s.c.emit('group:change', { group: groupId, name: state.name, members: state.members.size, member: s.isMember(next) })
      this.#join(next)
      return result.entry
    })
    const group = s.get(groupId)
    if (params.kind === 'remove') {
      // The removed learn of their removal (the entry alone, no key).
      const gone = (params.accounts ?? []).map((k) => peerIdStringFromEd25519(k))
      const devices = await s.memberDevicesOf(group, gone)
      await s.init.sendControl(devices, wire.GroupControl.encode({ groupId: group.log.groupId as Uint8Array<ArrayBuffer>, entries: group.log.encoded() as Array<Uint8Array<ArrayBuffer>>, groupSecret: new Uint8Array(0) }))
    }
    await this.#distribute(groupId, { entries: [entry.bytes], to: 'all' })
    return this.show(groupId)
  }

  async create (input: { name: string, members: string[] }): Promise<GroupView> {
    const s = this.#s
    requireRunning(s.c)
    if (s.c.account.account !== s.c.address) throw new KabarError('FORBIDDEN', 'a group is created with the account key: create it on the account\'s primary device')
    if (s.groups.size >= MAX_GROUPS) throw new KabarError('CONFLICT', `at most ${MAX_GROUPS} groups`)
    if (!Array.isArray(input.members)) throw new KabarError('INVALID_CONFIG', 'members must be a list of addresses')
    const keys = input.members.map(parseAddress)
    let log: GroupLog
    try {
      log = GroupLog.create(s.c.identity.signing, input.name, keys, s.c.clock(), s.c.random)
    } catch (err) {
      if (KabarError.is(err, 'INVALID_RECORD')) throw new KabarError('INVALID_CONFIG', err.message, { cause: err })
      throw err
    }
    const now = s.c.clock()
    const id = log.groupHex
    const record: GroupRecord = { id, secret: toHex(s.c.random(32)), entries: [], pending: [], own: storeSenderChain(createSenderChain(s.c.random, now)), chainMembers: [...log.state().members], ownSeq: 0, ownLast: '', sentTo: {}, hasLog: [], chains: {}, latest: [], nextIndex: 1, createdAt: now }
    const group = await s.save(s.c.store.batch(), withLog(record, log))
    s.c.emit('group:change', { group: id, name: input.name, members: log.state().members.size, member: true })
    this.#join(group)
    await this.#distribute(id)
    return this.show(id)
  }

  async add (group: string, members: string[]): Promise<GroupView> {
    return this.#change(group, { kind: 'add', accounts: members.map(parseAddress), createdAt: this.#s.c.clock() })
  }

  async remove (group: string, members: string[]): Promise<GroupView> {
    return this.#change(group, { kind: 'remove', accounts: members.map(parseAddress), createdAt: this.#s.c.clock() })
  }

  async admin (group: string, member: string, admin: boolean): Promise<GroupView> {
    return this.#change(group, { kind: admin ? 'makeAdmin' : 'dropAdmin', accounts: [parseAddress(member)], createdAt: this.#s.c.clock() })
  }

  async rename (group: string, name: string): Promise<GroupView> {
    return this.#change(group, { kind: 'rename', name, createdAt: this.#s.c.clock() })
  }

  async leave (group: string): Promise<GroupView> {
    return this.#change(group, { kind: 'remove', accounts: [fromHex(this.#s.accountHex)], createdAt: this.#s.c.clock() })
  }

  async list (): Promise<GroupView[]> {
    return Promise.all([...this.#s.groups.keys()].map(async (id) => this.show(id)))
  }

  async show (id: string): Promise<GroupView> {
    return groupView(this.#s, this.#s.get(id))
  }

  async send (groupId: string, text: string): Promise<GroupMessageView> {
    const s = this.#s
    requireRunning(s.c)
    if (typeof text !== 'string' || text.trim().length === 0) throw new KabarError('INVALID_CONFIG', 'text must be a non-empty string')
    if (utf8(text).length > MAX_TEXT_BYTES) throw new KabarError('INVALID_CONFIG', `text must be at most ${MAX_TEXT_BYTES} bytes`)
    if (!s.isMember(s.get(groupId))) throw new KabarError('FORBIDDEN', 'you are not a member of this group')
    // Before the message: a removal since our chain was made rotates it, and new member devices get it.
    await this.#distribute(groupId)
    const message = await s.c.lock.run(lockKey(groupId), async () => {
      const group = s.get(groupId)
      const now = s.c.clock()
      const heads = group.log.heads()
      const content = wire.GroupContent.encode({
        account: fromHex(s.accountHex) as Uint8Array<ArrayBuffer>,
        device: s.c.identity.public.signingKey as Uint8Array<ArrayBuffer>,
        seq: BigInt(group.record.ownSeq + 1),
        previous: (group.record.ownLast === '' ? new Uint8Array(0) : fromHex(group.record.ownLast)) as Uint8Array<ArrayBuffer>,
        seen: group.record.latest.slice(-GROUP_CAUSAL_SEEN).map(fromHex) as Array<Uint8Array<ArrayBuffer>>,
        head: fromHex(heads[heads.length - 1]) as Uint8Array<ArrayBuffer>,
        sentAt: BigInt(now),
        text
      })
      const { chain, message: bytes } = senderEncrypt(group.own, group.log.groupId, content)
      const id = toHex(pubsubMessageId(bytes))
      const stored: GroupMessageRecord = { id, group: groupId, account: s.c.account.account, device: s.c.libp2p.peerId.toString(), seq: group.record.ownSeq + 1, iteration: group.own.iteration, keyId: group.own.keyId, previous: group.record.ownLast, seen: group.record.latest, text, sentAt: now, receivedAt: now, bytes: toHex(bytes), own: true, published: false, index: group.record.nextIndex }
      const batch = s.c.store.batch()
      putMessage(batch, stored)
      await s.save(batch, { ...withOwn(group.record, chain), ownSeq: stored.seq, ownLast: id, nextIndex: group.record.nextIndex + 1 })
      return stored
    })
    s.c.emit('group:message', messageView(message))
    const group = s.get(groupId)
    await s.pubsub?.publish(group.topic, fromHex(message.bytes)).then(async () => {
      await s.c.lock.run(lockKey(groupId), async () => {
        const batch = s.c.store.batch()
        putMessage(batch, { ...message, published: true })
        await batch.write()
      })
    }, () => undefined)
    return messageView(message)
  }

  async messages (groupId: string, query: { after?: number, limit?: number } = {}): Promise<GroupMessageView[]> {
    this.#s.get(groupId)
    const limit = Math.min(Math.max(1, query.limit ?? 500), 5000)
    return (await shownMessages(this.#s.c.store, groupId, query.after ?? 0, limit)).map(messageView)
  }

  /** Bytes our last rotation queued, for the benchmark; distributes now. */
  async distributeNow (groupId: string): Promise<number> {
    return this.#distribute(groupId)
  }
}
