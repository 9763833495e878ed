/**
 * The reference: libsignal (Signal's Rust implementation, through its Node
 * binding `@signalapp/libsignal-client`) running the three session workloads
 * of bench/session.ts in the same run: PQXDH setup with a Kyber prekey and
 * the first 1 KiB message, both sides; 1 KiB messages one way; 1 KiB
 * messages alternating (every message a DH ratchet step).
 *
 * The package is not a dependency of kabar (150 MB of prebuilt binaries in
 * every install): `npm run bench -- --reference` loads it with a dynamic
 * import, and says how to install it when it is missing. Its types are
 * described here, as loosely as the few calls below need, so tsc and eslint
 * pass without it.
 *
 * libsignal's API is async (its stores return promises): every call is
 * awaited before the next, as its users call it. The stores are in memory and
 * keep the library's objects (no serialization), like the immutable records
 * kabar's loops pass along.
 */
import { measureAsync } from './harness.ts'
import type { BenchResult } from './harness.ts'
import type { RandomSource } from '../src/crypto/index.ts'

export const REFERENCE_PACKAGE = '@signalapp/libsignal-client'
export const REFERENCE_INSTALL_HINT = `bench: --reference needs ${REFERENCE_PACKAGE}, which is not a dependency of kabar; install it with: npm install --no-save ${REFERENCE_PACKAGE}`

// --- the part of libsignal's API used here ---
type Bytes = Uint8Array
interface PublicKey { serialize: () => Bytes, equals: (other: PublicKey) => boolean }
interface PrivateKey { sign: (message: Bytes) => Bytes, getPublicKey: () => PublicKey }
interface IdentityKeyPair { readonly publicKey: PublicKey, readonly privateKey: PrivateKey }
interface KemKeyPair { getPublicKey: () => unknown }
interface Address { toString: () => string }
interface Ciphertext { serialize: () => Bytes, type: () => number }
type Opaque = object
interface SessionStore { saveSession: (address: Address, record: Opaque) => Promise<void>, getSession: (address: Address) => Promise<Opaque | null>, getExistingSessions: (addresses: Address[]) => Promise<Opaque[]> }
interface IdentityStore {
  getIdentityKey: () => Promise<PrivateKey>
  getIdentityKeyPair: () => Promise<IdentityKeyPair>
  getLocalRegistrationId: () => Promise<number>
  saveIdentity: (address: Address, key: PublicKey) => Promise<number>
  isTrustedIdentity: (address: Address, key: PublicKey, direction: number) => Promise<boolean>
  getIdentity: (address: Address) => Promise<PublicKey | null>
}
interface PrekeyStores {
  prekeys: { savePreKey: (id: number, record: Opaque) => Promise<void>, getPreKey: (id: number) => Promise<Opaque>, removePreKey: (id: number) => Promise<void> }
  signed: { saveSignedPreKey: (id: number, record: Opaque) => Promise<void>, getSignedPreKey: (id: number) => Promise<Opaque> }
  kyber: { saveKyberPreKey: (id: number, record: Opaque) => Promise<void>, getKyberPreKey: (id: number) => Promise<Opaque>, markKyberPreKeyUsed: (id: number, signedId: number, baseKey: PublicKey) => Promise<void> }
}

export interface Libsignal {
  IdentityKeyPair: { generate: () => IdentityKeyPair }
  PrivateKey: { generate: () => PrivateKey }
  KEMKeyPair: { generate: () => KemKeyPair }
  ProtocolAddress: { 'new': (name: string, deviceId: number) => Address }
  SignedPreKeyRecord: { 'new': (id: number, timestamp: number, publicKey: PublicKey, privateKey: PrivateKey, signature: Bytes) => Opaque }
  KyberPreKeyRecord: { 'new': (id: number, timestamp: number, keyPair: KemKeyPair, signature: Bytes) => Opaque }
  PreKeyBundle: { 'new': (registrationId: number, deviceId: number, prekeyId: number | null, prekey: PublicKey | null, signedPrekeyId: number, signedPrekey: PublicKey, signedPrekeySignature: Bytes, identityKey: PublicKey, kyberPrekeyId: number, kyberPrekey: unknown, kyberPrekeySignature: Bytes) => Opaque }
  PreKeySignalMessage: { deserialize: (bytes: Bytes) => Opaque }
  SignalMessage: { deserialize: (bytes: Bytes) => Opaque & { pqRatchet: () => Bytes } }
  processPreKeyBundle: (bundle: Opaque, address: Address, local: Address, sessions: SessionStore, identities: IdentityStore) => Promise<void>
  signalEncrypt: (message: Bytes, address: Address, local: Address, sessions: SessionStore, identities: IdentityStore) => Promise<Ciphertext>
  signalDecrypt: (message: Opaque, address: Address, local: Address, sessions: SessionStore, identities: IdentityStore) => Promise<Bytes>
  signalDecryptPreKey: (message: Opaque, address: Address, local: Address, sessions: SessionStore, identities: IdentityStore, prekeys: PrekeyStores['prekeys'], signed: PrekeyStores['signed'], kyber: PrekeyStores['kyber']) => Promise<Bytes>
}

function isMissing (err: unknown, specifier: string): boolean {
  if (!(err instanceof Error)) return false
  const code = (err as Error & { code?: unknown }).code
  // The package itself, not one of its own imports (a broken install is an error worth seeing).
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && err.message.includes(`'${specifier}'`)
}

/**
 * The reference package, or undefined when it is not installed. The
 * specifier is a variable so that tsc does not look for the package;
 * KABAR_BENCH_REFERENCE_MODULE replaces it (tests use a name that cannot
 * resolve, to reach the "not installed" path even where it is installed).
 */
export async function loadLibsignal (): Promise<Libsignal | undefined> {
  const specifier = process.env.KABAR_BENCH_REFERENCE_MODULE ?? REFERENCE_PACKAGE
  try {
    return await import(specifier) as Libsignal
  } catch (err) {
    if (isMissing(err, specifier)) return undefined
    throw err
  }
}

// --- in-memory stores: plain maps, answering with settled promises ---
const done: Promise<void> = Promise.resolve()

class Sessions implements SessionStore {
  private readonly records = new Map<string, Opaque>()
  saveSession (address: Address, record: Opaque): Promise<void> {
    this.records.set(address.toString(), record)
    return done
  }

  getSession (address: Address): Promise<Opaque | null> { return Promise.resolve(this.records.get(address.toString()) ?? null) }
  getExistingSessions (addresses: Address[]): Promise<Opaque[]> {
    return Promise.resolve(addresses.map((a) => this.records.get(a.toString())).filter((r): r is Opaque => r !== undefined))
  }
}

/** Trust on first use; the identity pair is kept, not rebuilt from the private key per call. */
class Identities implements IdentityStore {
  private readonly known = new Map<string, PublicKey>()
  constructor (private readonly pair: IdentityKeyPair, private readonly registrationId: number) {}
  getIdentityKey (): Promise<PrivateKey> { return Promise.resolve(this.pair.privateKey) }
  getIdentityKeyPair (): Promise<IdentityKeyPair> { return Promise.resolve(this.pair) }
  getLocalRegistrationId (): Promise<number> { return Promise.resolve(this.registrationId) }
  saveIdentity (address: Address, key: PublicKey): Promise<number> {
    const name = address.toString()
    const before = this.known.get(name)
    this.known.set(name, key)
    return Promise.resolve(before === undefined || before.equals(key) ? 0 : 1)
  }

  isTrustedIdentity (address: Address, key: PublicKey): Promise<boolean> {
    const known = this.known.get(address.toString())
    return Promise.resolve(known === undefined || known.equals(key))
  }

  getIdentity (address: Address): Promise<PublicKey | null> { return Promise.resolve(this.known.get(address.toString()) ?? null) }
}

/** Bob's prekeys: one signed X25519 prekey and one Kyber (ML-KEM-768) prekey, reused (no one-time prekey, as in kabar's benchmark). */
class Prekeys implements PrekeyStores {
  private readonly signedRecords = new Map<number, Opaque>()
  private readonly kyberRecords = new Map<number, Opaque>()
  readonly prekeys: PrekeyStores['prekeys'] = {
    savePreKey: () => done,
    getPreKey: (id) => Promise.reject(new Error(`no one-time prekey ${id}`)),
    removePreKey: () => done
  }

  readonly signed: PrekeyStores['signed'] = {
    saveSignedPreKey: (id, record) => {
      this.signedRecords.set(id, record)
      return done
    },
    getSignedPreKey: (id) => this.get(this.signedRecords, id)
  }

  readonly kyber: PrekeyStores['kyber'] = {
    saveKyberPreKey: (id, record) => {
      this.kyberRecords.set(id, record)
      return done
    },
    getKyberPreKey: (id) => this.get(this.kyberRecords, id),
    markKyberPreKeyUsed: () => done
  }

  private get (records: Map<number, Opaque>, id: number): Promise<Opaque> {
    const record = records.get(id)
    return record === undefined ? Promise.reject(new Error(`no prekey ${id}`)) : Promise.resolve(record)
  }
}

interface Side { address: Address, identities: Identities, prekeys: Prekeys, bundle: Opaque }

function side (lib: Libsignal, name: string, registrationId: number): Side {
  const pair = lib.IdentityKeyPair.generate()
  const now = Date.now()
  const spk = lib.PrivateKey.generate()
  const spkSig = pair.privateKey.sign(spk.getPublicKey().serialize())
  const kem = lib.KEMKeyPair.generate()
  const kemSig = pair.privateKey.sign((kem.getPublicKey() as { serialize: () => Bytes }).serialize())
  const prekeys = new Prekeys()
  void prekeys.signed.saveSignedPreKey(1, lib.SignedPreKeyRecord.new(1, now, spk.getPublicKey(), spk, spkSig))
  void prekeys.kyber.saveKyberPreKey(2, lib.KyberPreKeyRecord.new(2, now, kem, kemSig))
  return {
    address: lib.ProtocolAddress.new(name, 1),
    identities: new Identities(pair, registrationId),
    prekeys,
    bundle: lib.PreKeyBundle.new(registrationId, 1, null, null, 1, spk.getPublicKey(), spkSig, pair.publicKey, 2, kem.getPublicKey(), kemSig)
  }
}

const PREKEY_MESSAGE = 3

/** `from` sends `plaintext` to `to` through the wire bytes; returns the plaintext `to` decrypted and the bytes sent. */
async function deliver (lib: Libsignal, from: Side, fromSessions: Sessions, to: Side, toSessions: Sessions, plaintext: Bytes): Promise<{ received: Bytes, wire: Bytes }> {
  const sent = await lib.signalEncrypt(plaintext, to.address, from.address, fromSessions, from.identities)
  const wire = sent.serialize()
  const received = sent.type() === PREKEY_MESSAGE
    ? await lib.signalDecryptPreKey(lib.PreKeySignalMessage.deserialize(wire), from.address, to.address, toSessions, to.identities, to.prekeys.prekeys, to.prekeys.signed, to.prekeys.kyber)
    : await lib.signalDecrypt(lib.SignalMessage.deserialize(wire), from.address, to.address, toSessions, to.identities)
  return { received, wire }
}

const sameBytes = (a: Bytes, b: Bytes): boolean => a.length === b.length && a.every((x, i) => x === b[i])

export async function referenceBenchmarks (lib: Libsignal, random: RandomSource): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  // The binding wants ArrayBuffer-backed bytes.
  const payload = new Uint8Array(random(1024))
  const alice = side(lib, 'alice', 1001)
  const bob = side(lib, 'bob', 1002)
  const api = 'async: every call awaited, in-memory stores keeping live objects'

  // A pair of stores past the handshake: both sides can send (as establish() in session.ts).
  const establish = async (): Promise<{ sa: Sessions, sb: Sessions, handshakeBytes: number }> => {
    const sa = new Sessions()
    const sb = new Sessions()
    await lib.processPreKeyBundle(bob.bundle, bob.address, alice.address, sa, alice.identities)
    const first = await deliver(lib, alice, sa, bob, sb, payload)
    if (!sameBytes(first.received, payload)) throw new Error('reference: the first message did not decrypt to what was sent')
    await deliver(lib, bob, sb, alice, sa, new Uint8Array(1))
    return { sa, sb, handshakeBytes: first.wire.length - payload.length }
  }

  // --- session setup: bundle processing (PQXDH with the Kyber prekey), first 1 KiB message sent and decrypted ---
  const setup = await measureAsync(async () => {
    const sa = new Sessions()
    await lib.processPreKeyBundle(bob.bundle, bob.address, alice.address, sa, alice.identities)
    await deliver(lib, alice, sa, bob, new Sessions(), payload)
  }, { iterations: 100, warmup: 20 })
  results.push({ name: 'reference-session-setup', perSecond: setup.perSecond, msPerSetup: Number((setup.usPerOp / 1000).toFixed(3)), cpuMsPerSetup: Number((setup.cpuUsPerOp / 1000).toFixed(3)), api })

  // --- 1 KiB messages, one way ---
  {
    const { sa, sb } = await establish()
    const oneway = await measureAsync(() => deliver(lib, alice, sa, bob, sb, payload), { iterations: 5000, warmup: 500 })
    results.push({ name: 'reference-ratchet-1k-oneway', perSecond: oneway.perSecond, usPerMessage: oneway.usPerOp, cpuUsPerMessage: oneway.cpuUsPerOp, api })
  }

  // --- 1 KiB messages, alternating: every message is a DH ratchet step ---
  {
    const { sa, sb } = await establish()
    let turn = 0
    const step = (): Promise<unknown> => turn++ % 2 === 0 ? deliver(lib, alice, sa, bob, sb, payload) : deliver(lib, bob, sb, alice, sa, payload)
    const alternating = await measureAsync(step, { iterations: 2000, warmup: 200 })
    results.push({ name: 'reference-ratchet-1k-alternating', perSecond: alternating.perSecond, usPerMessage: alternating.usPerOp, cpuUsPerMessage: alternating.cpuUsPerOp, api })
  }

  // --- bytes on the wire: libsignal's messages also carry its post-quantum ratchet (SPQR) ---
  {
    const { sa, sb, handshakeBytes } = await establish()
    const oneway: number[] = []
    for (let i = 0; i < 50; i++) oneway.push((await deliver(lib, alice, sa, bob, sb, payload)).wire.length - payload.length)
    const alternating: number[] = []
    for (let i = 0; i < 50; i++) {
      const [from, fs, to, ts] = i % 2 === 0 ? [alice, sa, bob, sb] : [bob, sb, alice, sa]
      alternating.push((await deliver(lib, from, fs, to, ts, payload)).wire.length - payload.length)
    }
    const mean = (v: number[]): number => Math.round(v.reduce((s, x) => s + x, 0) / v.length)
    results.push({ name: 'reference-overhead-bytes', perSecond: 0, handshakeBytes, meanOnewayBytes: mean(oneway), meanAlternatingBytes: mean(alternating), plaintextBytes: payload.length })
  }
  return results
}
