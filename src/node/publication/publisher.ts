/**
 * Publishing our own records: the account record (this device, certified by
 * the account key, which for a one-device person is the same key) and the
 * prekey record. Published at start, after every change, and on a timer, with
 * a sequence number that only grows: max(last + 1, now).
 */
import type { IdentityKeyPair } from '../../session/index.ts'
import { accountKey, buildAccountRecord, buildPrekeyRecord, prekeyKey } from '../../records/index.ts'
import { dhtPut } from '../../net/dht.ts'
import type { DhtNode } from '../../net/dht.ts'
import type { KabarStore } from '../../store/index.ts'
import type { AccountState } from '../account.ts'
import type { Prekeys } from '../prekeys.ts'

export interface PublisherInit {
  dht: DhtNode
  store: KabarStore
  identity: IdentityKeyPair
  prekeys: Prekeys
  account: AccountState
  /** Attestation ids this account revoked as a verifier. */
  revoked?: () => Promise<Uint8Array[]>
  clock: () => number
  timeoutMs: number
}

export interface PublishResult {
  /** Peers that confirmed storing each record (0 when the node has no DHT peers yet). */
  account: number
  prekey: number
}

export class Publisher {
  readonly #init: PublisherInit

  constructor (init: PublisherInit) {
    this.#init = init
  }

  async #nextSeq (name: string): Promise<number> {
    const last = (await this.#init.store.getJson<number>('meta', `seq:record:${name}`)) ?? 0
    const seq = Math.max(last + 1, this.#init.clock())
    await this.#init.store.putJson('meta', `seq:record:${name}`, seq)
    return seq
  }

  /** The current account and prekey records, freshly signed. */
  async build (): Promise<{ account: Uint8Array, prekey: Uint8Array }> {
    const { identity, prekeys, clock, account: state } = this.#init
    const now = clock()
    const business = state.profileBytes
    const revoked = await this.#init.revoked?.() ?? []
    const account = buildAccountRecord({
      seq: await this.#nextSeq('account'),
      created: now,
      devices: state.certificates(),
      ...(business === undefined ? {} : { business }),
      ...(revoked.length === 0 ? {} : { revoked })
    }, identity.signing)
    const prekey = buildPrekeyRecord({ signedPrekey: prekeys.signed, pqPrekey: prekeys.pq, seq: await this.#nextSeq('prekey'), created: now }, identity)
    return { account, prekey }
  }

  /** Signs and puts both records; also keeps them in our own cache so lookups of ourselves work offline. */
  async publish (): Promise<PublishResult> {
    const { dht, identity, store, timeoutMs } = this.#init
    const { account, prekey } = await this.build()
    const aKey = accountKey(identity.public.signingKey)
    const pKey = prekeyKey(identity.public.signingKey)
    const [a, p] = await Promise.all([
      dhtPut(dht, aKey, account, { timeoutMs }),
      dhtPut(dht, pKey, prekey, { timeoutMs })
    ])
    await store.batch().put('records', 'own:account', account).put('records', 'own:prekey', prekey).write()
    return { account: a, prekey: p }
  }
}
