/**
 * The device identity: an Ed25519 seed (the libp2p key, whose PeerId is the
 * address) and an X25519 identity key, created once and kept sealed in the
 * store. For a one-device person the account key is this device key.
 */
import { defaultRandom, toHex, fromHex } from '../crypto/index.ts'
import type { RandomSource } from '../crypto/index.ts'
import { IdentityKeyPair } from '../session/index.ts'
import type { KabarStore } from '../store/index.ts'

interface StoredIdentity { version: 1, signingSeed: string, dhPrivateKey: string, createdAt: number }

const KEY = 'device'

export interface LoadedIdentity {
  identity: IdentityKeyPair
  createdAt: number
  created: boolean
}

/** Loads the device identity, creating and storing it on first use. */
export async function loadOrCreateIdentity (store: KabarStore, now: number, random: RandomSource = defaultRandom): Promise<LoadedIdentity> {
  const stored = await store.getJson<StoredIdentity>('identity', KEY)
  if (stored !== undefined) {
    return { identity: IdentityKeyPair.fromSecrets(fromHex(stored.signingSeed), fromHex(stored.dhPrivateKey)), createdAt: stored.createdAt, created: false }
  }
  const signingSeed = random(32)
  const dhPrivateKey = random(32)
  const record: StoredIdentity = { version: 1, signingSeed: toHex(signingSeed), dhPrivateKey: toHex(dhPrivateKey), createdAt: now }
  await store.putJson('identity', KEY, record)
  return { identity: IdentityKeyPair.fromSecrets(signingSeed, dhPrivateKey), createdAt: now, created: true }
}
