/**
 * Which remote peers this node knows: the user's contacts and the devices of
 * the user's own account. The net layer's per-peer budget (net/peer-guard.ts)
 * gives them a larger budget and the one-time prekey hand-out a larger quota
 * (prekeys.ts); everyone else is a stranger. A peer becomes known only by the
 * user's own act (adding a contact, linking a device), never by what a peer
 * sends: anyone can start a session with us, so a session proves nothing.
 */
import type { KabarStore } from '../store/index.ts'

/** The slice of the account the answer needs (business.ts's AccountState is one). */
export interface OwnAccount {
  /** The account we speak for: our own address, or the one we were linked into. */
  readonly account: string
  /** Devices our account certified (when we are its primary node). */
  linkedDevices: (now: number) => Array<{ devicePeerKey: Uint8Array }>
}

export class KnownPeers {
  readonly #contacts: Set<string>
  readonly #account: OwnAccount
  readonly #deviceId: (devicePeerKey: Uint8Array) => string
  readonly #clock: () => number

  private constructor (contacts: Set<string>, account: OwnAccount, deviceId: (key: Uint8Array) => string, clock: () => number) {
    this.#contacts = contacts
    this.#account = account
    this.#deviceId = deviceId
    this.#clock = clock
  }

  /** Reads the contacts once; {@link add} keeps the set current afterwards. */
  static async load (store: KabarStore, account: OwnAccount, deviceId: (key: Uint8Array) => string, clock: () => number): Promise<KnownPeers> {
    const contacts = new Set<string>()
    for await (const { key } of store.iterate('contacts')) contacts.add(key)
    return new KnownPeers(contacts, account, deviceId, clock)
  }

  add (address: string): void {
    this.#contacts.add(address)
  }

  /** A removed contact is a stranger again. */
  remove (address: string): void {
    this.#contacts.delete(address)
  }

  /** True for a contact, our own account's node, and a device our account certified. */
  has (peerId: string): boolean {
    if (this.#contacts.has(peerId) || peerId === this.#account.account) return true
    return this.#account.linkedDevices(this.#clock()).some((c) => this.#deviceId(c.devicePeerKey) === peerId)
  }
}
