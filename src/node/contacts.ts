/**
 * The user's contacts (the `contacts` sublevel): names they gave addresses,
 * and whether they compared the safety number and pinned the account key.
 */
import { KabarError } from '../errors.ts'
import { safetyNumber } from '../session/index.ts'
import type { NodeComponents } from './components.ts'
import { parseAddress } from './components.ts'
import type { Contact } from './types.ts'

export type ContactsComponents = Pick<NodeComponents, 'store' | 'clock' | 'identity' | 'known'>

export class Contacts {
  readonly #c: ContactsComponents

  constructor (components: ContactsComponents) {
    this.#c = components
  }

  async list (): Promise<Contact[]> {
    const out: Contact[] = []
    for await (const { value } of this.#c.store.iterateJson<Contact>('contacts')) out.push(value)
    return out
  }

  /**
   * Adds `address`, or renames it when `name` is given; keeps when it was added and whether it was
   * verified. `suggested` (an invite's name) names a contact only when it has no name yet.
   */
  async add (address: string, name?: string, suggested?: string): Promise<Contact> {
    parseAddress(address)
    const existing = await this.#c.store.getJson<Contact>('contacts', address)
    const chosen = name ?? existing?.name ?? suggested
    const contact: Contact = { address, verified: existing?.verified ?? false, addedAt: existing?.addedAt ?? this.#c.clock(), ...(chosen === undefined ? {} : { name: chosen }) }
    await this.#c.store.putJson('contacts', address, contact)
    this.#c.known.add(address)
    return contact
  }

  /** Removes the contact (its messages stay in the log); NOT_FOUND when it is not one. */
  async remove (address: string): Promise<Contact> {
    parseAddress(address)
    const existing = await this.#c.store.getJson<Contact>('contacts', address)
    if (existing === undefined) throw new KabarError('NOT_FOUND', `${address} is not one of your contacts`)
    await this.#c.store.del('contacts', address)
    this.#c.known.remove(address)
    return existing
  }

  /** Marks the contact verified: its safety number was compared out of band. */
  async verify (address: string): Promise<Contact> {
    const contact = await this.add(address)
    const verified = { ...contact, verified: true }
    await this.#c.store.putJson('contacts', address, verified)
    return verified
  }

  safetyNumber (address: string): Promise<string> {
    try {
      return Promise.resolve(safetyNumber(this.#c.identity.public.signingKey, parseAddress(address)))
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)))
    }
  }
}
