/**
 * `kabar group create|add|remove|admin|leave|list|show|send|messages`: groups
 * through the running daemon (/v1/groups). A group is named by its id, a
 * unique prefix of it (at least 6 characters) or its exact name; a member by
 * an address or a contact's name.
 */
import { ApiClient } from '../../api/client.ts'
import { KabarError } from '../../errors.ts'
import type { GroupMessageView, GroupView } from '../../node/types.ts'
import type { Output } from '../output.ts'
import { contactNames, resolvePeer } from '../peers.ts'

/** The group `ref` names: an id, a unique id prefix (≥ 6), or a unique name. */
export async function resolveGroup (client: ApiClient, ref: string): Promise<GroupView> {
  const groups = await client.groups()
  const exact = groups.find((g) => g.id === ref)
  if (exact !== undefined) return exact
  const matches = ref.length >= 6 && /^[0-9a-f]+$/.test(ref) ? groups.filter((g) => g.id.startsWith(ref)) : groups.filter((g) => g.name === ref)
  if (matches.length === 1) return matches[0]
  if (matches.length > 1) throw new KabarError('BAD_REQUEST', `"${ref}" names ${matches.length} groups: use more of the id (kabar group list)`)
  throw new KabarError('NOT_FOUND', `no group "${ref}" (kabar group list shows your groups)`)
}

const short = (address: string): string => `${address.slice(0, 8)}…${address.slice(-6)}`

function formatGroup (g: GroupView, names: Map<string, string>): string[] {
  const lines = [`${g.name}  ${g.id}`, `  ${g.members.length} members, ${g.messages} messages, ${g.online} online${g.member ? (g.admin ? ', you are an admin' : '') : ', you are no longer a member'}`]
  for (const m of g.members) lines.push(`  ${m.admin ? '*' : ' '} ${names.get(m.address) ?? m.name ?? short(m.address)}  ${m.safety === 'you' ? '(you)' : m.safety}`)
  for (const miss of g.missing) lines.push(`  missing: ${miss.count} message(s) from ${names.get(miss.from) ?? short(miss.from)} — still being fetched from other members`)
  return lines
}

function formatMessage (m: GroupMessageView, names: Map<string, string>): string {
  const who = m.own ? 'you' : names.get(m.from) ?? short(m.from)
  return `[${new Date(m.sentAt).toISOString()}] ${who}: ${m.text}`
}

export type GroupAction =
  | { kind: 'create', name: string, members: string[] }
  | { kind: 'add' | 'remove', group: string, members: string[] }
  | { kind: 'admin', group: string, member: string, admin: boolean }
  | { kind: 'leave' | 'show' | 'messages', group: string }
  | { kind: 'send', group: string, text: string }
  | { kind: 'list' }

export async function group (options: { dataDir: string, action: GroupAction }, out: Output): Promise<void> {
  const client = await ApiClient.fromDataDir(options.dataDir)
  const action = options.action
  const names = out.json ? new Map<string, string>() : await contactNames(client)
  const show = (g: GroupView): void => { out.result(g, (v) => formatGroup(v, names)) }
  const peers = async (list: string[]): Promise<string[]> => Promise.all(list.map(async (m) => resolvePeer(client, m)))
  switch (action.kind) {
    case 'create': return show(await client.createGroup(action.name, await peers(action.members)))
    case 'list': {
      const groups = await client.groups()
      out.result(groups, (list) => list.length === 0 ? ['no groups yet (kabar group create <name> <member…>)'] : list.flatMap((g) => formatGroup(g, names)))
      return
    }
    default: break
  }
  const g = await resolveGroup(client, action.group)
  switch (action.kind) {
    case 'add': return show(await client.addGroupMembers(g.id, await peers(action.members)))
    case 'remove': {
      let view = g
      for (const member of await peers(action.members)) view = await client.removeGroupMember(g.id, member)
      return show(view)
    }
    case 'admin': return show(await client.groupAdmin(g.id, (await peers([action.member]))[0], action.admin))
    case 'leave': return show(await client.leaveGroup(g.id))
    case 'show': return show(await client.group(g.id))
    case 'send': {
      out.result(await client.sendGroup(g.id, action.text), (m) => `sent to ${g.name} (${m.id.slice(0, 12)})`)
      return
    }
    case 'messages': {
      const messages = await client.groupMessages(g.id)
      const view = await client.group(g.id)
      out.result({ messages, missing: view.missing }, (r) => [...r.messages.map((m) => formatMessage(m, names)), ...r.missing.map((x) => `(missing ${x.count} message(s) from ${names.get(x.from) ?? short(x.from)}: still being fetched)`)])
    }
  }
}
