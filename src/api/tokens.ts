/**
 * API tokens for readers: agents and processors who work through the
 * business node's API instead of a device of their own. A token is shown
 * once, when it is made; the store keeps only its SHA-256 (a 256-bit random
 * token needs no slow hash: there is nothing to guess). A token is made only
 * for a name the published profile lists in that role, and every request
 * made with it is checked against the profile of that moment (server.ts).
 */
import { createHash, randomBytes } from 'node:crypto'
import { KabarError } from '../errors.ts'
import type { BusinessProfileView } from '../node/types.ts'
import type { KabarStore } from '../store/index.ts'
import { checkReaderDisclosed } from './disclosed.ts'
export { parseReaderRole } from './disclosed.ts'
import type { ReaderRole } from './disclosed.ts'
import { parseReaderName } from './validate.ts'

/** Reader tokens start with this, so secret scanners and people can tell them from the owner token. */
export const READER_TOKEN_PREFIX = 'kabar_r_'

export interface TokenView { name: string, role: ReaderRole, createdAt: number }

interface TokenRecord extends TokenView {
  /** SHA-256 of the token, hex. */
  hash: string
}

const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')


export class TokenRegistry {
  readonly #store: KabarStore
  readonly #byName = new Map<string, TokenRecord>()
  readonly #byHash = new Map<string, TokenRecord>()
  readonly #clock: () => number

  private constructor (store: KabarStore, clock: () => number) {
    this.#store = store
    this.#clock = clock
  }

  static async open (store: KabarStore, clock: () => number = Date.now): Promise<TokenRegistry> {
    const registry = new TokenRegistry(store, clock)
    for await (const { value } of store.iterateJson<TokenRecord>('api-tokens')) registry.#index(value)
    return registry
  }

  /** Makes a token for a reader the profile lists; UNDISCLOSED otherwise, CONFLICT if the name has one. */
  async add (name: string, role: ReaderRole, profile: BusinessProfileView | undefined): Promise<{ token: string } & TokenView> {
    const clean = parseReaderName(name, 'name')
    checkReaderDisclosed(profile, clean, role)
    if (this.#byName.has(clean)) throw new KabarError('CONFLICT', `${JSON.stringify(clean)} already has a token: remove it first to issue a new one`)
    const token = READER_TOKEN_PREFIX + randomBytes(32).toString('hex')
    const record: TokenRecord = { name: clean, role, createdAt: this.#clock(), hash: hashToken(token) }
    await this.#store.putJson('api-tokens', clean, record)
    this.#index(record)
    return { token, name: record.name, role: record.role, createdAt: record.createdAt }
  }

  /** Revokes a reader's token at once. NOT_FOUND when the name has none. */
  async remove (name: string): Promise<void> {
    const record = this.#byName.get(name)
    if (record === undefined) throw new KabarError('NOT_FOUND', `no token named ${JSON.stringify(name)}`)
    await this.#store.del('api-tokens', name)
    this.#byName.delete(name)
    this.#byHash.delete(record.hash)
  }

  list (): TokenView[] {
    return [...this.#byName.values()].map(({ name, role, createdAt }) => ({ name, role, createdAt })).sort((a, b) => a.name.localeCompare(b.name))
  }

  /**
   * The reader a presented token belongs to. Lookup is by the token's
   * SHA-256: timing can at most reveal something about a hash, which gives
   * nothing towards a token.
   */
  find (candidate: string): TokenView | undefined {
    if (!candidate.startsWith(READER_TOKEN_PREFIX)) return undefined
    const record = this.#byHash.get(hashToken(candidate))
    return record === undefined ? undefined : { name: record.name, role: record.role, createdAt: record.createdAt }
  }

  #index (record: TokenRecord): void {
    this.#byName.set(record.name, record)
    this.#byHash.set(record.hash, record)
  }
}
