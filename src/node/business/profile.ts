/**
 * The business side: this account's own business profile. Publishing a new
 * version stores it (account.ts builds it, with the account's devices as its
 * readers) and republishes the account record that carries it.
 */
import { KabarError } from '../../errors.ts'
import { attestationIdHex, decodeAttestation } from '../../records/index.ts'
import type { NodeComponents } from '../components.ts'
import { requireRunning } from '../components.ts'
import { attestationView } from '../trust/trust.ts'
import type { BusinessProfileInput, BusinessProfileView } from '../types.ts'
import { profileView } from './disclosure.ts'

export interface OwnProfileInit {
  /** Publishes our records now (publication/publication.ts). */
  publishNow: () => Promise<void>
}

export type OwnProfileComponents = Pick<NodeComponents, 'clock' | 'address' | 'account' | 'lifecycle'>

export class OwnProfile {
  readonly #c: OwnProfileComponents
  readonly #init: OwnProfileInit

  constructor (components: OwnProfileComponents, init: OwnProfileInit) {
    this.#c = components
    this.#init = init
  }

  async publish (input: BusinessProfileInput): Promise<BusinessProfileView> {
    requireRunning(this.#c)
    if (this.#c.account.membership !== undefined) throw new KabarError('CONFLICT', 'this node is a device of another account; publish the profile from that account\'s node')
    await this.#c.account.publishProfile(input, this.#c.clock())
    await this.#init.publishNow()
    const profile = await this.view()
    if (profile === undefined) throw new KabarError('INTERNAL', 'profile vanished after publishing')
    return profile
  }

  view (): Promise<BusinessProfileView | undefined> {
    const bytes = this.#c.account.profileBytes
    const profile = this.#c.account.profile
    if (bytes === undefined || profile === undefined) return Promise.resolve(undefined)
    return Promise.resolve(profileView(this.#c.address, bytes, profile, profile.attestations.map((a) => attestationView(decodeAttestation(a), attestationIdHex(a)))))
  }
}
