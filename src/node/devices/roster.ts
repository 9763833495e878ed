/**
 * Which devices speak for which account: the other devices of the account we
 * speak for (sync copies of what we send go to them), whether an account
 * still lists a device, and so who sent a decrypted message.
 */
import { bytesEqual } from '../../crypto/index.ts'
import { activeDevices, ed25519FromPeerIdString, isCertificateActive, peerIdStringFromEd25519 } from '../../records/index.ts'
import type { DeviceCertificate } from '../../records/index.ts'
import type { content as contentWire } from '../../wire/index.ts'
import { decodeCertificate } from '../account.ts'
import type { NodeComponents } from '../components.ts'
import type { Device } from '../directory.ts'
import { mailboxesIn } from '../directory.ts'
import type { Attribution } from '../messaging/receive.ts'

export type RosterComponents = Pick<NodeComponents, 'clock' | 'identity' | 'address' | 'account' | 'directory'>

export interface RosterInit {
  /** On a business's device: whether the business publishes a profile (business/membership.ts). */
  businessHasProfile?: () => boolean
}

export class Roster {
  readonly #c: RosterComponents

  readonly #init: RosterInit

  constructor (components: RosterComponents, init: RosterInit = {}) {
    this.#c = components
    this.#init = init
  }

  /** The other devices of the account we speak for: sync copies of what we send go to them. */
  async ownDevices (): Promise<Device[]> {
    const { account, directory, identity } = this.#c
    const now = this.#c.clock()
    const membership = account.membership
    let certs: DeviceCertificate[]
    if (membership === undefined) {
      certs = account.linkedDevices(now)
    } else {
      const record = directory.cachedAccount(membership.account) ?? await directory.account(membership.account, false)
      certs = record === undefined ? [] : activeDevices(record, now)
    }
    return certs
      .filter((c) => c.role !== 'mailbox' && !bytesEqual(c.devicePeerKey, identity.public.signingKey))
      .map((c) => ({ peerId: peerIdStringFromEd25519(c.devicePeerKey), certificate: c }))
  }

  /** The mailboxes of the account we speak for (PeerIds): where our own devices' sync copies may wait. */
  async ownMailboxes (): Promise<string[]> {
    const { account, directory } = this.#c
    const now = this.#c.clock()
    const membership = account.membership
    if (membership === undefined) return account.linkedDevices(now).filter((c) => c.role === 'mailbox').map((c) => peerIdStringFromEd25519(c.devicePeerKey))
    return mailboxesIn(directory.cachedAccount(membership.account) ?? await directory.account(membership.account, false), now)
  }

  /** The certified devices of the account we speak for that may fetch from its mailbox (every active one but mailboxes). */
  async ownReaders (): Promise<string[]> {
    const { account, directory } = this.#c
    const now = this.#c.clock()
    const membership = account.membership
    let certs: DeviceCertificate[]
    if (membership === undefined) {
      certs = [account.ownCertificate(), ...account.linkedDevices(now)]
    } else {
      const record = await directory.account(membership.account).catch(() => undefined)
      certs = record === undefined ? [] : activeDevices(record, now)
    }
    return certs.filter((c) => c.role !== 'mailbox').map((c) => peerIdStringFromEd25519(c.devicePeerKey))
  }

  /**
   * Whether `account` still lists the device: a removed agent no longer speaks
   * for it. Our own account answers from our own certificates; another's from
   * its record (cached when we have it), and counts when no record is found.
   */
  async #stillListed (account: string, deviceKey: Uint8Array, now: number): Promise<boolean> {
    const lists = (certs: DeviceCertificate[]): boolean => certs.some((c) => bytesEqual(c.devicePeerKey, deviceKey))
    if (account === this.#c.address && this.#c.account.membership === undefined) return lists(this.#c.account.linkedDevices(now))
    const record = this.#c.directory.cachedAccount(account) ?? await this.#c.directory.account(account, false)
    return record === undefined || lists(activeDevices(record, now))
  }

  /** Who sent a decrypted message: an account's certified device speaks for the account; a copy from our own account's device is our outgoing message. */
  async attribute (from: string, content: contentWire.Content): Promise<Attribution> {
    let account = from
    let device: string | undefined
    let label: string | undefined
    if (content.senderAccount.length === 32) {
      try {
        const cert = decodeCertificate(content.senderCertificate, content.senderAccount)
        const claimed = peerIdStringFromEd25519(content.senderAccount)
        const now = this.#c.clock()
        if (!bytesEqual(cert.devicePeerKey, ed25519FromPeerIdString(from)) || !isCertificateActive(cert, now)) throw new Error('certificate for another device')
        if (await this.#stillListed(claimed, cert.devicePeerKey, now)) {
          account = claimed
          device = from
          label = cert.label
        }
      } catch { /* not attributed: the message stays the device's own */ }
    }
    const sentBy = content.sentBy !== '' ? content.sentBy.slice(0, 64) : label
    const extra = { ...(sentBy === undefined ? {} : { sentBy }), ...(device === undefined ? {} : { device }) }
    if (content.syncTo.length === 32 && account === this.#c.account.account) {
      const peer = peerIdStringFromEd25519(content.syncTo)
      return { peer, from: account, to: peer, direction: 'out', ...extra }
    }
    // On a business's device, a customer's message to the business binds the business's profile;
    // one that binds none was written to this device's own address: a thread of its own, not the
    // business's inbox (MessageView.to says which).
    const direct = this.#c.account.membership !== undefined && this.#init.businessHasProfile?.() === true && content.disclosureHash.length === 0
    return { peer: account, from: account, to: direct ? this.#c.address : this.#c.account.account, direction: 'in', ...extra }
  }
}
