/**
 * Devices of this account: listing them, a one-time link code for a new one,
 * redeeming a code when the new device asks (/kabar/link/1.0.0), removing
 * one, and, on the new device's side, redeeming a code from another
 * account's node to become its device. Every change to the device list
 * rebuilds the business profile (its readers are the devices) and publishes.
 */
import { bytesEqual, toHex } from '../../crypto/index.ts'
import { KabarError } from '../../errors.ts'
import type { LinkAnswer, LinkRequest } from '../../net/protocols/link.ts'
import { ed25519FromPeerIdString, peerIdStringFromEd25519 } from '../../records/index.ts'
import type { DeviceCertificate, DeviceRole } from '../../records/index.ts'
import { decodeCertificate, encodeCertificate, parseLinkCode } from '../account.ts'
import type { NodeComponents } from '../components.ts'
import { parseAddress, requireRunning } from '../components.ts'
import type { DeviceView, LinkCode, Membership } from '../types.ts'

export interface LinkingInit {
  /** Publishes our records now (publication/publication.ts). */
  publishNow: () => Promise<void>
  /** Learns the profile of the business we were just linked into (business/membership.ts). */
  refreshMembership: () => Promise<void>
}

export type LinkingComponents = Pick<NodeComponents, 'clock' | 'random' | 'identity' | 'address' | 'account' | 'libp2p' | 'network' | 'lifecycle'>

const ROLES: DeviceRole[] = ['agent', 'processor', 'linked', 'mailbox']

export class Linking {
  readonly #c: LinkingComponents
  readonly #init: LinkingInit

  constructor (components: LinkingComponents, init: LinkingInit) {
    this.#c = components
    this.#init = init
  }

  devices (): Promise<DeviceView[]> {
    return Promise.resolve(this.#c.account.certificates().map(deviceView))
  }

  async addDevice (options: { role: 'agent' | 'processor' | 'linked' | 'mailbox', label: string }): Promise<LinkCode> {
    requireRunning(this.#c)
    if (!ROLES.includes(options.role)) throw new KabarError('BAD_REQUEST', `role must be one of ${ROLES.join(', ')}`)
    if (typeof options.label !== 'string' || options.label.trim() === '' || [...options.label].length > 64) throw new KabarError('BAD_REQUEST', 'label must be 1 to 64 characters')
    if (this.#c.account.membership !== undefined) throw new KabarError('CONFLICT', 'this node is a device of another account; add devices from that account\'s node')
    const multiaddrs = this.#c.libp2p.getMultiaddrs().map((ma) => ma.toString())
    return this.#c.account.createLinkCode(options.role, options.label, multiaddrs, this.#c.clock(), this.#c.random)
  }

  /** A new device redeems one of our link codes (`from`: its PeerId, authenticated by Noise). */
  async redeem (from: string, request: LinkRequest): Promise<LinkAnswer> {
    try {
      const cert = await this.#c.account.redeem(ed25519FromPeerIdString(from), request.secret, request.identityKey, this.#c.clock())
      await this.#c.account.refreshProfile(this.#c.clock())
      void this.#init.publishNow()
      return { ok: true, accountKey: this.#c.identity.public.signingKey, certificate: encodeCertificate(cert) }
    } catch (err) {
      return { ok: false, error: KabarError.is(err) ? err.message : 'the account\'s node could not link this device' }
    }
  }

  async removeDevice (peerId: string): Promise<DeviceView[]> {
    requireRunning(this.#c)
    parseAddress(peerId)
    if (!await this.#c.account.removeDevice(peerId)) throw new KabarError('NOT_FOUND', `${peerId} is not a linked device of this account`)
    await this.#c.account.refreshProfile(this.#c.clock())
    await this.#init.publishNow()
    return this.devices()
  }

  async link (code: string): Promise<Membership> {
    requireRunning(this.#c)
    const { identity } = this.#c
    const parsed = parseLinkCode(code)
    if (parsed.account === this.#c.address) throw new KabarError('LINK_REFUSED', 'this is the account\'s own node')
    const answer = await this.#c.network.requestLink(parsed.account, parsed.multiaddrs, { secret: parsed.secret, identityKey: identity.public.identityKey })
    const accountKey = ed25519FromPeerIdString(parsed.account)
    if (!bytesEqual(answer.accountKey, accountKey)) throw new KabarError('LINK_REFUSED', 'the node that answered is not the account in the code')
    let cert: DeviceCertificate
    try {
      cert = decodeCertificate(answer.certificate, accountKey)
    } catch (err) {
      throw new KabarError('LINK_REFUSED', 'the account\'s node sent an invalid certificate', { cause: err })
    }
    if (!bytesEqual(cert.devicePeerKey, identity.public.signingKey) || !bytesEqual(cert.identityKey, identity.public.identityKey)) {
      throw new KabarError('LINK_REFUSED', 'the certificate names another device')
    }
    await this.#c.account.setMembership(parsed.account, cert)
    await this.#init.refreshMembership()
    const membership = this.#c.account.membership
    if (membership === undefined) throw new KabarError('INTERNAL', 'membership not stored')
    return membership
  }
}

function deviceView (c: DeviceCertificate): DeviceView {
  return { peerId: peerIdStringFromEd25519(c.devicePeerKey), role: c.role, label: c.label, identityKey: toHex(c.identityKey), expires: c.expires }
}
