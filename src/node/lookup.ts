/**
 * What the DHT says about an address, for `kabar lookup` and the API: its
 * account record, each device's prekey record, the addresses known for its
 * devices and, for a business, its disclosure as this user sees it.
 */
import { toHex } from '../crypto/index.ts'
import type { AccountRecord } from '../records/index.ts'
import { peerIdStringFromEd25519 } from '../records/index.ts'
import type { NodeComponents } from './components.ts'
import { parseAddress, requireRunning } from './components.ts'
import type { DisclosureView, LookupResult } from './types.ts'

export interface LookupInit {
  /** The business's disclosure from its account record (business/consent.ts). */
  disclosure: (address: string, record: AccountRecord) => Promise<DisclosureView | undefined>
}

export type LookupComponents = Pick<NodeComponents, 'directory' | 'network' | 'lifecycle'>

export class Lookup {
  readonly #c: LookupComponents
  readonly #init: LookupInit

  constructor (components: LookupComponents, init: LookupInit) {
    this.#c = components
    this.#init = init
  }

  async lookup (address: string): Promise<LookupResult> {
    requireRunning(this.#c)
    parseAddress(address)
    const { directory, network } = this.#c
    const account = await directory.account(address)
    const result: LookupResult = { address, prekeys: {}, multiaddrs: [] }
    const deviceIds = account === undefined ? [address] : account.devices.map((c) => peerIdStringFromEd25519(c.devicePeerKey))
    if (account !== undefined) {
      result.account = {
        seq: account.seq,
        created: account.created,
        expires: account.expires,
        devices: account.devices.map((c) => ({ peerId: peerIdStringFromEd25519(c.devicePeerKey), role: c.role, label: c.label, identityKey: toHex(c.identityKey), ...(c.expires === undefined ? {} : { expires: c.expires }) }))
      }
    }
    for (const device of deviceIds) {
      const p = await directory.prekeys(device)
      if (p !== undefined) result.prekeys[device] = { seq: p.seq, created: p.created, expires: p.expires, signedPrekeyId: p.signedPrekey.id, pqPrekeyId: p.pqPrekey.id }
      result.multiaddrs.push(...await network.addressesOf(device))
    }
    if (account?.profile !== undefined) {
      const business = await this.#init.disclosure(address, account)
      if (business !== undefined) result.business = business
    }
    return result
  }
}
