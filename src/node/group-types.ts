/** The JSON shapes of groups the API, CLI and web page share (node/groups/), re-exported by types.ts. */

/** A member of a group as the group's view shows it. */
export interface GroupMemberView {
  address: string
  admin: boolean
  /** Our contact name for it, when it is a contact. */
  name?: string
  /** Its safety number was compared and pinned (kabar verify): 'verified', 'unverified', or 'you'. */
  safety: 'verified' | 'unverified' | 'you'
}

/** Messages of one sender we know were sent and do not hold (yet). */
export interface GroupMissingView {
  from: string
  count: number
}

export interface GroupView {
  id: string
  name: string
  members: GroupMemberView[]
  /** Whether this account is a member (false once removed or left) and an admin. */
  member: boolean
  admin: boolean
  createdAt: number
  /** Messages shown, and what is known to be missing, per sender. */
  messages: number
  missing: GroupMissingView[]
  /** Member devices gossipsub sees on the group's topic now. */
  online: number
}

export interface GroupMessageView {
  id: string
  group: string
  from: string
  device: string
  seq: number
  text: string
  sentAt: number
  receivedAt: number
  own: boolean
  /** Position in the group's shown order (each sender's messages in its order). */
  index: number
}

/** The group operations (node/groups/), as `node.groups`. */
export interface GroupsApi {
  create: (input: { name: string, members: string[] }) => Promise<GroupView>
  add: (group: string, members: string[]) => Promise<GroupView>
  remove: (group: string, members: string[]) => Promise<GroupView>
  admin: (group: string, member: string, admin: boolean) => Promise<GroupView>
  rename: (group: string, name: string) => Promise<GroupView>
  leave: (group: string) => Promise<GroupView>
  list: () => Promise<GroupView[]>
  show: (group: string) => Promise<GroupView>
  send: (group: string, text: string) => Promise<GroupMessageView>
  messages: (group: string, query?: { after?: number, limit?: number }) => Promise<GroupMessageView[]>
}
