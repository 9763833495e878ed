/** Helpers that build devices with identities and prekeys, and sessions between them. */
import assert from 'node:assert/strict'
import { X25519KeyPair, mlKem768Keygen } from '../../src/crypto/index.ts'
import type { MlKemKeyPair, RandomSource } from '../../src/crypto/index.ts'
import { IdentityKeyPair, SessionRecord } from '../../src/session/index.ts'
import type { DecryptOptions, PrekeyBundle, PrekeyLookup } from '../../src/session/index.ts'
import { kabar } from '../../src/wire/index.ts'
import type { RatchetHeader, SessionMessage } from '../../src/wire/index.ts'
import { seededRandom } from './random.ts'

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

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export const utf8 = (text: string): Uint8Array => encoder.encode(text)
export const text = (bytes: Uint8Array): string => decoder.decode(bytes)

/**
 * One side of a conversation: a device and the record it holds for the other
 * side. `send`/`receive` keep the new record only on success, as a real
 * caller persisting state with the message would.
 */
export class Party {
  readonly device: TestDevice
  record: SessionRecord

  constructor (device: TestDevice, record: SessionRecord = SessionRecord.empty()) {
    this.device = device
    this.record = record
  }

  send (plaintext: string): Uint8Array {
    const { record, message } = this.record.encrypt(utf8(plaintext))
    this.record = record
    return message
  }

  receive (message: Uint8Array, extra: Partial<DecryptOptions> = {}): string {
    const result = this.record.decrypt(message, decryptOptions(this.device, extra))
    this.record = result.record
    return text(result.plaintext)
  }

  /** Drops every in-memory object and continues from the stored bytes. */
  restart (): void {
    this.record = SessionRecord.deserialize(this.record.serialize())
  }
}

/**
 * Alice, who initiated to Bob with one-time prekey `oneTimeId` (null: none),
 * and Bob, who has no session yet; both from fixed seeds.
 */
export function pairOf (seed: string, oneTimeId: number | null = 100): { alice: Party, bob: Party } {
  const aliceDevice = createDevice(seededRandom(`${seed}:alice`))
  const bobDevice = createDevice(seededRandom(`${seed}:bob`))
  return { alice: new Party(aliceDevice, initiateTo(aliceDevice, bobDevice, oneTimeId ?? undefined)), bob: new Party(bobDevice) }
}

/** A pair that has exchanged one message each way, so both can send. */
export function establishedPair (seed: string): { alice: Party, bob: Party } {
  const { alice, bob } = pairOf(seed)
  bob.receive(alice.send('hello'))
  alice.receive(bob.send('hello back'))
  return { alice, bob }
}

/** `bytes` with bit `bit` (0 = least significant bit of byte 0) inverted; the input is left alone. */
export function flipBit (bytes: Uint8Array, bit: number): Uint8Array {
  const out = new Uint8Array(bytes)
  const index = Math.floor(bit / 8)
  if (index >= out.length) throw new RangeError(`bit ${bit} is outside ${out.length} bytes`)
  out[index] = (out[index] ?? 0) ^ (1 << (bit % 8))
  return out
}

/** An encoded SessionMessage rewritten by `edit` (which may change any field) and re-encoded. */
export function rewrite (message: Uint8Array, edit: (m: SessionMessage) => void): Uint8Array {
  const decoded = kabar.SessionMessage.decode(message)
  edit(decoded)
  return kabar.SessionMessage.encode(decoded)
}

/** The decoded header of an encoded SessionMessage. */
export function headerOf (message: Uint8Array): RatchetHeader {
  return kabar.RatchetHeader.decode(kabar.SessionMessage.decode(message).header)
}

/**
 * Asserts that `attempt` throws an error matching `expected` (name, code,
 * message…) and that `record` serialises to the same bytes afterwards.
 */
export function assertRejectedUnchanged (record: SessionRecord, attempt: () => unknown, expected: Record<string, unknown>): void {
  const before = record.serialize()
  assert.throws(attempt, expected)
  assert.deepEqual(record.serialize(), before, 'the record changed after a failed call')
}

export const DECRYPTION_FAILED = { name: 'InvalidMessageError', code: 'INVALID_MESSAGE', message: 'decryption failed' } as const
export const DUPLICATE = { name: 'DuplicateMessageError', code: 'DUPLICATE_MESSAGE' } as const
export const UNTRUSTED = { name: 'UntrustedIdentityError', code: 'UNTRUSTED_IDENTITY' } as const
export const INVALID_SESSION = { name: 'InvalidSessionError', code: 'INVALID_SESSION' } as const

/** How many skipped message keys each session of the record holds, current first. */
export function skippedCounts (record: SessionRecord): number[] {
  return [record.current, ...record.previous].flatMap((s) => s === undefined ? [] : [s.skipped.length])
}
