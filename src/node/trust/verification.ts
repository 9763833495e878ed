/**
 * Trust and verification as the node offers them: the user's trusted
 * verifiers and k (trust.ts), this account's own attestations as a verifier
 * (verifier.ts), and how the attestations a business publishes stand against
 * the user's rule and each verifier's published revocations.
 */
import { toHex } from '../../crypto/index.ts'
import { ed25519FromPeerIdString } from '../../records/index.ts'
import type { NodeComponents } from '../components.ts'
import { requireRunning } from '../components.ts'
import type { TrustSettings, VerificationView } from '../types.ts'
import { Trust, evaluateAttestations, trustWarnings } from './trust.ts'
import { Verifier } from './verifier.ts'
import type { AttestOptions, AttestResult } from './verifier.ts'

export interface VerificationInit {
  /** Republishes our account record, which carries the revoked ids (publication/publication.ts). */
  publishNow: () => Promise<void>
}

export type VerificationComponents = Pick<NodeComponents, 'store' | 'clock' | 'identity' | 'directory' | 'lifecycle'>

export class Verification {
  readonly #c: VerificationComponents
  readonly #init: VerificationInit
  readonly #trust: Trust
  readonly #verifier: Verifier

  constructor (components: VerificationComponents, init: VerificationInit) {
    this.#c = components
    this.#init = init
    this.#trust = new Trust({ store: components.store, now: components.clock })
    this.#verifier = new Verifier({ store: components.store, now: components.clock })
  }

  async settings (): Promise<TrustSettings> {
    return this.#trust.settings()
  }

  async addVerifier (address: string, label?: string): Promise<TrustSettings> {
    return this.#trust.addVerifier(address, label)
  }

  async removeVerifier (address: string): Promise<TrustSettings> {
    return this.#trust.removeVerifier(address)
  }

  async setThreshold (k: number): Promise<TrustSettings> {
    return this.#trust.setThreshold(k)
  }

  /** Sentences about the user's rule itself (k above the number trusted). */
  async warnings (): Promise<string[]> {
    return trustWarnings(await this.#trust.settings())
  }

  /** Signs an attestation about a business with our account key. */
  async attest (options: AttestOptions): Promise<AttestResult> {
    return this.#verifier.attest(options, this.#c.identity.signing, this.#c.clock())
  }

  /** Revokes an attestation we issued and republishes the account record that lists it. */
  async revoke (id: string): Promise<void> {
    requireRunning(this.#c)
    await this.#verifier.revoke(id)
    await this.#init.publishNow()
  }

  /** The ids our account record lists as revoked. */
  async revokedIds (): Promise<Uint8Array[]> {
    return this.#verifier.revokedIds()
  }

  /** How the attestations in a profile stand against this user's trusted verifiers and their revocations. */
  async of (business: string, attestations: Uint8Array[]): Promise<VerificationView> {
    const trusted = await this.#trust.settings()
    const revoked = new Map<string, ReadonlySet<string>>()
    if (attestations.length > 0) {
      for (const v of trusted.verifiers) {
        try {
          const record = await this.#c.directory.account(v.address)
          if (record !== undefined) revoked.set(v.address, new Set(record.revoked.map(toHex)))
        } catch { /* unreachable verifier: no revocations known (docs/DECISIONS.md) */ }
      }
    }
    return evaluateAttestations({ business: ed25519FromPeerIdString(business), attestations, trusted, now: this.#c.clock(), revoked: (address) => revoked.get(address) })
  }
}
