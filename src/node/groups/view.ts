/** A group as the API, CLI and web page show it: members with their safety-number state, and what is missing. */
import { fromHex } from '../../crypto/index.ts'
import { peerIdStringFromEd25519 } from '../../records/index.ts'
import type { GroupMissingView, GroupView } from '../types.ts'
import type { LoadedGroup } from './record.ts'
import type { GroupsState } from './state.ts'

export async function groupView (s: GroupsState, group: LoadedGroup): Promise<GroupView> {
  const state = group.log.state()
  const contacts = new Map((await s.init.contacts()).map((c) => [c.address, c]))
  const members = [...state.members].map((hex) => {
    const address = peerIdStringFromEd25519(fromHex(hex))
    const contact = contacts.get(address)
    const safety: 'you' | 'verified' | 'unverified' = hex === s.accountHex ? 'you' : contact?.verified === true ? 'verified' : 'unverified'
    return { address, admin: state.admins.has(hex), ...(contact?.name === undefined ? {} : { name: contact.name }), safety }
  }).sort((a, b) => Number(b.admin) - Number(a.admin) || a.address.localeCompare(b.address))
  const missing = new Map<string, number>()
  for (const holder of Object.values(group.record.chains)) {
    // Between the next message to show and the highest one known, every iteration not held yet.
    const gap = Math.max(0, holder.highest - holder.next + 1) - Object.keys(holder.early).length
    if (gap > 0) missing.set(holder.account, (missing.get(holder.account) ?? 0) + gap)
  }
  const missingList: GroupMissingView[] = [...missing].map(([from, count]) => ({ from, count }))
  return {
    id: group.record.id,
    name: state.name,
    members,
    member: state.members.has(s.accountHex),
    admin: state.admins.has(s.accountHex),
    createdAt: group.record.createdAt,
    messages: group.record.nextIndex - 1,
    missing: missingList,
    online: s.pubsub?.peers(group.topic).length ?? 0
  }
}
