/**
 * `Invites`: this node's invite link, and joining the network through one
 * (node/invite.ts has the format). Accepting an invite adds the inviter as
 * a contact and dials the inviter's node, else the DHT peers the invite
 * names: one connection is enough, since the routing table fills from it and
 * our records are published as soon as a peer connects.
 */
import type { NodeComponents } from './components.ts'
import { requireRunning } from './components.ts'
import { INVITE_BOOTSTRAP_PEERS, INVITE_DIAL_TIMEOUT_MS, INVITE_MAX_ADDRS, INVITE_MAX_BOOTSTRAP } from './constants.ts'
import { encodeInvite, parseInvite } from './invite.ts'
import type { Contact, InviteView, JoinResult } from './types.ts'

export type InvitesComponents = Pick<NodeComponents, 'config' | 'libp2p' | 'network' | 'account' | 'lifecycle'>

export interface InvitesInit {
  /** Adds (or keeps) a contact; `suggested` names it only when it has no name yet. */
  addContact: (address: string, name: string | undefined, suggested: string | undefined) => Promise<Contact>
}

export class Invites {
  readonly #c: InvitesComponents
  readonly #init: InvitesInit

  constructor (components: InvitesComponents, init: InvitesInit) {
    this.#c = components
    this.#init = init
  }

  /** This node's invite: the account's address, the node's current multiaddrs and where else one can join. */
  async invite (options: { name?: string } = {}): Promise<InviteView> {
    requireRunning(this.#c)
    const own = this.#c.libp2p.getMultiaddrs().map((ma) => ma.toString()).slice(0, INVITE_MAX_ADDRS)
    const hints = [...this.#c.config.bootstrap.filter((b) => b.includes('/p2p/')), ...await this.#c.network.dhtPeerAddresses(INVITE_BOOTSTRAP_PEERS)]
    const bootstrap = [...new Set(hints)].slice(0, INVITE_MAX_BOOTSTRAP)
    const invite = { address: this.#c.account.account, ...(options.name === undefined ? {} : { name: options.name }), addrs: own, bootstrap }
    // Parsed back before it is handed out, so a node never gives a link that others would refuse.
    return { link: encodeInvite(parseInvite(encodeInvite(invite))), ...invite }
  }

  /** Adds the inviter as a contact (named `name`, else as the invite suggests) and dials into the network through it. */
  async accept (link: string, name?: string): Promise<JoinResult> {
    requireRunning(this.#c)
    const invite = parseInvite(link)
    const contact = await this.#init.addContact(invite.address, name, invite.name)
    if (invite.address === this.#c.account.account) return { contact, connected: false }
    const via = await this.#c.network.dialAny(invite.addrs, INVITE_DIAL_TIMEOUT_MS) ?? await this.#c.network.dialAny(invite.bootstrap, INVITE_DIAL_TIMEOUT_MS)
    return { contact, connected: via !== undefined, ...(via === undefined ? {} : { via }) }
  }
}
