/**
 * What the group modules share: the loaded groups (kept in memory, so
 * gossipsub's synchronous validator can check a message against them), the
 * writes that keep memory and store together, and who is a member device.
 */
import { fromHex, toHex } from '../../crypto/index.ts'
import { ed25519FromPeerIdString, peerIdStringFromEd25519 } from '../../records/index.ts'
import type { Pubsub } from '../../net/pubsub.ts'
import type { StoreBatch } from '../../store/index.ts'
import { KabarError } from '../../errors.ts'
import type { NodeComponents } from '../components.ts'
import type { Device } from '../directory.ts'
import type { Contact, GroupMessageView } from '../types.ts'
import { loaded, putRecord } from './record.ts'
import type { GroupMessageRecord, GroupRecord, LoadedGroup } from './record.ts'

export type GroupsComponents = Pick<NodeComponents, 'config' | 'clock' | 'random' | 'store' | 'identity' | 'address' | 'directory' | 'lock' | 'account' | 'emit' | 'lifecycle' | 'libp2p'>

/** What the groups need from other services. */
export interface GroupsInit {
  /** Queues a GroupControl for devices on their pairwise sessions (messaging/messaging.ts). */
  sendControl: (devices: Device[], control: Uint8Array) => Promise<{ queued: string[], bytes: number }>
  /** Our account's other devices (devices/roster.ts). */
  ownDevices: () => Promise<Device[]>
  /** Our contacts, for names and safety-number state (contacts.ts). */
  contacts: () => Promise<Contact[]>
}

export const lockKey = (group: string): string => `group:${group}`

export class GroupsState {
  readonly c: GroupsComponents
  readonly init: GroupsInit
  readonly groups = new Map<string, LoadedGroup>()
  readonly byTopic = new Map<string, string>()
  /** Member devices of any of our groups: gossipsub lets these in (net/pubsub.ts). */
  readonly memberDevices = new Set<string>()
  pubsub: Pubsub | undefined
  /** Our account's key, hex. */
  readonly accountHex: string

  constructor (c: GroupsComponents, init: GroupsInit) {
    this.c = c
    this.init = init
    this.accountHex = toHex(ed25519FromPeerIdString(c.account.account))
  }

  get(id: string): LoadedGroup {
    const group = this.groups.get(id)
    if (group === undefined) throw new KabarError('NOT_FOUND', `no group ${id}`)
    return group
  }

  /** Writes `record` (with whatever else `batch` holds) and makes it the loaded state. */
  async save (batch: StoreBatch, record: GroupRecord): Promise<LoadedGroup> {
    const next = loaded(record)
    putRecord(batch, record)
    await batch.write()
    this.set(next)
    return next
  }

  set (group: LoadedGroup): void {
    this.groups.set(group.record.id, group)
    this.byTopic.set(group.topic, group.record.id)
    this.refreshDevices()
  }

  isMember (group: LoadedGroup, account = this.accountHex): boolean {
    return group.log.state().members.has(account)
  }

  refreshDevices (): void {
    this.memberDevices.clear()
    for (const group of this.groups.values()) {
      if (!this.isMember(group)) continue
      const members = group.log.state().members
      for (const holder of Object.values(group.record.chains)) if (members.has(toHex(ed25519FromPeerIdString(holder.account)))) this.memberDevices.add(holder.device)
      for (const device of Object.keys(group.record.sentTo)) this.memberDevices.add(device)
    }
  }

  /** Every device of every member account but this one (ours: our other devices). */
  async memberDevicesOf (group: LoadedGroup, accounts?: string[]): Promise<Device[]> {
    const addresses = accounts ?? [...group.log.state().members].map((hex) => peerIdStringFromEd25519(fromHex(hex)))
    const lists = await Promise.all(addresses.map(async (address) => {
      try {
        if (address === this.c.account.account) return await this.init.ownDevices()
        return await this.c.directory.devices(address)
      } catch {
        return [] // not found now: asked again at the next change or send
      }
    }))
    const self = this.c.libp2p.peerId.toString()
    const seen = new Set<string>()
    return lists.flat().filter((d) => d.peerId !== self && !seen.has(d.peerId) && seen.add(d.peerId) !== undefined)
  }
}

export function messageView (m: GroupMessageRecord): GroupMessageView {
  return { id: m.id, group: m.group, from: m.account, device: m.device, seq: m.seq, text: m.text, sentAt: m.sentAt, receivedAt: m.receivedAt, own: m.own, index: m.index ?? 0 }
}
