/** Helpers that build devices with identities and prekeys, and sessions between them. */
import { X25519KeyPair, mlKem768Keygen } from '../../src/crypto/index.ts'
import type { MlKemKeyPair, RandomSource } from '../../src/crypto/index.ts'
import { IdentityKeyPair, SessionRecord } from '../../src/session/index.ts'
import type { DecryptOptions, PrekeyBundle, PrekeyLookup } from '../../src/session/index.ts'

export interface TestDevice {
  identity: IdentityKeyPair
  signedPrekey: X25519KeyPair
  pqPrekey: MlKemKeyPair
  oneTimePrekeys: Map<number, X25519KeyPair>
  random: RandomSource
}

export function createDevice (random: RandomSource, oneTimeCount = 2): TestDevice {
  const oneTimePrekeys = new Map<number, X25519KeyPair>()
  for (let i = 0; i < oneTimeCount; i++) oneTimePrekeys.set(100 + i, X25519KeyPair.generate(random))
  return {
    identity: IdentityKeyPair.generate(random),
    signedPrekey: X25519KeyPair.generate(random),
    pqPrekey: mlKem768Keygen(random),
    oneTimePrekeys,
    random
  }
}

export function bundleOf (device: TestDevice, oneTimeId?: number): PrekeyBundle {
  const bundle: PrekeyBundle = {
    identity: device.identity.public,
    signedPrekey: { id: 1, publicKey: device.signedPrekey.publicKey, signature: device.identity.signPrekey('signedPrekey', 1, device.signedPrekey.publicKey) },
    pqPrekey: { id: 2, publicKey: device.pqPrekey.publicKey, signature: device.identity.signPrekey('pqPrekey', 2, device.pqPrekey.publicKey) }
  }
  if (oneTimeId !== undefined) {
    const key = device.oneTimePrekeys.get(oneTimeId)
    if (key === undefined) throw new Error(`no one-time prekey ${oneTimeId}`)
    bundle.oneTimePrekey = { id: oneTimeId, publicKey: key.publicKey }
  }
  return bundle
}

export function lookupOf (device: TestDevice): PrekeyLookup {
  return {
    signedPrekey: (id) => id === 1 ? device.signedPrekey : undefined,
    pqPrekey: (id) => id === 2 ? device.pqPrekey : undefined,
    oneTimePrekey: (id) => device.oneTimePrekeys.get(id)
  }
}

export function decryptOptions (device: TestDevice, extra: Partial<DecryptOptions> = {}): DecryptOptions {
  return { identity: device.identity, prekeys: lookupOf(device), random: device.random, ...extra }
}

/** Alice initiates to Bob; returns Alice's record (Bob has none until he decrypts). */
export function initiateTo (alice: TestDevice, bob: TestDevice, oneTimeId?: number, context?: Uint8Array): SessionRecord {
  const params = { identity: alice.identity, bundle: bundleOf(bob, oneTimeId), random: alice.random, ...(context === undefined ? {} : { context }) }
  return SessionRecord.empty().initiate(params)
}
