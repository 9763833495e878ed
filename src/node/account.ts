/**
 * The account this node publishes: its device certificates (its own, plus
 * every device it linked with a one-time code), its business profile with
 * the hash chain of every version, and — on a node that was linked into
 * another account — that membership. Kept in the `account` sublevel.
 *
 * A business profile's readers are always the account's devices: adding or
 * removing a device publishes a new profile version, so a customer's node
 * sees the change as a diff (and holds when someone new can read).
 */
import { bytesEqual, fromHex, sha256, toHex } from '../crypto/index.ts'
import type { RandomSource } from '../crypto/index.ts'
import { KabarError } from '../errors.ts'
import {
  InvalidRecordError, MAX_PROFILE_HISTORY, decodeAttestation, decodeAttestationText, decodeBusinessProfile, verifyAttestation, deviceCertificateFromWire, deviceCertificateToWire,
  ed25519FromPeerIdString, encodeBusinessProfile, isCertificateActive, peerIdStringFromEd25519, profileHash, signDeviceCertificate, verifyDeviceCertificate
} from '../records/index.ts'
import type { BusinessProfile, DeviceCertificate, DeviceRole } from '../records/index.ts'
import type { IdentityKeyPair } from '../session/index.ts'
import type { KabarStore } from '../store/index.ts'
import { records } from '../wire/index.ts'
import { LINK_CODE_LIFETIME_MS } from './constants.ts'
import type { BusinessProfileInput, LinkCode, Membership } from './types.ts'

interface StoredProfile {
  /** The input it was built from, so a device change can rebuild it. */
  input: BusinessProfileInput
  /** Every version's hash (hex), oldest first. */
  hashes: string[]
  /** The current version's encoding, hex. */
  bytes: string
}

interface PendingLink { role: DeviceRole, label: string, expires: number }

interface StoredMembership { account: string, certificate: string }

const CODE_PREFIX = 'kabar-link:'

export function encodeCertificate (cert: DeviceCertificate): Uint8Array {
  return records.DeviceCertificate.encode(deviceCertificateToWire(cert))
}

/** A certificate from its encoding, checked against `accountKey`; throws InvalidRecordError. */
export function decodeCertificate (bytes: Uint8Array, accountKey: Uint8Array): DeviceCertificate {
  let wire: records.DeviceCertificate
  try {
    wire = records.DeviceCertificate.decode(bytes)
  } catch (err) {
    throw new InvalidRecordError('malformed device certificate', { cause: err })
  }
  const cert = deviceCertificateFromWire(wire)
  verifyDeviceCertificate(cert, accountKey)
  return cert
}

/** A link code: the account's address, where to reach its node, and a one-time secret. */
export function formatLinkCode (account: string, multiaddrs: string[], secret: Uint8Array): string {
  const body = JSON.stringify({ a: account, m: multiaddrs.slice(0, 4), s: toHex(secret) })
  return CODE_PREFIX + Buffer.from(body, 'utf8').toString('base64url')
}

export function parseLinkCode (code: string): { account: string, multiaddrs: string[], secret: Uint8Array } {
  const bad = (): never => { throw new KabarError('BAD_REQUEST', 'not a kabar link code (it starts with "kabar-link:")') }
  if (typeof code !== 'string' || !code.startsWith(CODE_PREFIX) || code.length > 2048) bad()
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(code.slice(CODE_PREFIX.length), 'base64url').toString('utf8'))
  } catch {
    return bad()
  }
  const { a, m, s } = (parsed ?? {}) as { a?: unknown, m?: unknown, s?: unknown }
  if (typeof a !== 'string' || !Array.isArray(m) || !m.every((x) => typeof x === 'string') || typeof s !== 'string' || !/^[0-9a-f]{32}$/.test(s)) return bad()
  try {
    ed25519FromPeerIdString(a)
  } catch {
    return bad()
  }
  return { account: a, multiaddrs: m, secret: fromHex(s) }
}

export class AccountState {
  readonly #store: KabarStore
  readonly #identity: IdentityKeyPair
  readonly #createdAt: number
  #devices: DeviceCertificate[]
  #profile: StoredProfile | undefined
  /** `#profile` decoded, and its version hashes as a set: read on every new session and send. */
  #decoded: BusinessProfile | undefined
  #hashes: ReadonlySet<string> = new Set()
  #membership: { account: string, certificate: DeviceCertificate } | undefined

  private constructor (store: KabarStore, identity: IdentityKeyPair, createdAt: number) {
    this.#store = store
    this.#identity = identity
    this.#createdAt = createdAt
    this.#devices = []
  }

  static async load (store: KabarStore, identity: IdentityKeyPair, createdAt: number): Promise<AccountState> {
    const state = new AccountState(store, identity, createdAt)
    const devices = await store.getJson<string[]>('account', 'devices') ?? []
    state.#devices = devices.map((hex) => decodeCertificate(fromHex(hex), identity.public.signingKey))
    const profile = await store.getJson<StoredProfile>('account', 'profile')
    if (profile !== undefined) state.#setProfile(profile)
    const m = await store.getJson<StoredMembership>('account', 'membership')
    if (m !== undefined) state.#membership = { account: m.account, certificate: decodeCertificate(fromHex(m.certificate), ed25519FromPeerIdString(m.account)) }
    return state
  }

  get address (): string {
    return peerIdStringFromEd25519(this.#identity.public.signingKey)
  }

  /** The account this node speaks for: the one it was linked into, else its own. */
  get account (): string {
    return this.#membership?.account ?? this.address
  }

  get membership (): Membership | undefined {
    const m = this.#membership
    return m === undefined ? undefined : { account: m.account, role: m.certificate.role, label: m.certificate.label }
  }

  /** Our certificate from the account we were linked into (it travels with our messages). */
  get membershipCertificate (): DeviceCertificate | undefined {
    return this.#membership?.certificate
  }

  /** This node's own certificate as its own account's primary device. */
  ownCertificate (): DeviceCertificate {
    return signDeviceCertificate({
      devicePeerKey: this.#identity.public.signingKey,
      identityKey: this.#identity.public.identityKey,
      role: 'primary',
      label: 'primary',
      added: this.#createdAt
    }, this.#identity.signing)
  }

  /** Every device of our own account: this node, then the linked ones. */
  certificates (): DeviceCertificate[] {
    return [this.ownCertificate(), ...this.#devices]
  }

  /** The linked devices still valid at `now` (our account's other readers). */
  linkedDevices (now: number): DeviceCertificate[] {
    return this.#devices.filter((c) => isCertificateActive(c, now))
  }

  /** The current profile's encoding, if this account is a business. */
  get profileBytes (): Uint8Array | undefined {
    return this.#profile === undefined ? undefined : fromHex(this.#profile.bytes)
  }

  get profile (): BusinessProfile | undefined {
    return this.#decoded
  }

  /** Hashes (hex) of every profile version we published: the contexts customers may bind. */
  get profileHashes (): ReadonlySet<string> {
    return this.#hashes
  }

  #setProfile (stored: StoredProfile): void {
    this.#profile = stored
    this.#decoded = decodeBusinessProfile(fromHex(stored.bytes))
    this.#hashes = new Set(stored.hashes)
  }

  /**
   * Builds a new profile version from `input` and our devices, and stores it.
   * Returns false (and stores nothing) when it would equal the current one.
   */
  async publishProfile (input: BusinessProfileInput, now: number): Promise<boolean> {
    const previous = this.#profile
    const last = this.#decoded
    const draft = (version: number, prev: Uint8Array, earlier: Uint8Array[], published: number): BusinessProfile => ({
      version,
      prev,
      earlier,
      displayName: input.displayName,
      privacyPolicy: { url: input.privacyPolicy.url, sha256: hexField(input.privacyPolicy.sha256, 'privacyPolicy.sha256') },
      readers: this.certificates().map((c) => ({
        deviceKey: c.devicePeerKey,
        role: c.role,
        label: c.label,
        organisation: input.organisations?.[peerIdStringFromEd25519(c.devicePeerKey)] ?? input.displayName
      })),
      apiReaders: (input.apiReaders ?? []).map((r) => ({ name: r.name, role: r.role, organisation: r.organisation })),
      processors: (input.processors ?? []).map((x, i) => ({
        name: x.name,
        purposes: [...x.purposes],
        region: x.region,
        retentionDays: x.retentionDays,
        privacyPolicy: { url: x.privacyPolicy.url, sha256: hexField(x.privacyPolicy.sha256, `processors[${i}].privacyPolicy.sha256`) },
        endpoint: x.endpoint
      })),
      attestations: (input.attestations ?? []).map((text, i) => attestationField(text, `attestations[${i}]`, this.#identity.public.signingKey, published)),
      published
    })
    const version = (last?.version ?? 0) + 1
    const prevHash = previous === undefined ? new Uint8Array(0) : fromHex(previous.hashes[previous.hashes.length - 1] ?? '')
    const earlier = last === undefined ? [] : [...(last.prev.length === 32 ? [last.prev] : []), ...last.earlier].slice(0, MAX_PROFILE_HISTORY)
    let bytes: Uint8Array
    try {
      bytes = encodeBusinessProfile(draft(version, prevHash, earlier, now))
      if (last !== undefined) {
        // Unchanged apart from version and time: keep the current version.
        const same = encodeBusinessProfile(draft(last.version, last.prev, last.earlier, last.published))
        if (previous !== undefined && bytesEqual(same, fromHex(previous.bytes))) return false
      }
    } catch (err) {
      if (err instanceof InvalidRecordError) throw new KabarError('BAD_REQUEST', err.message.replace(/^business profile: /, ''), { cause: err })
      throw err
    }
    const stored: StoredProfile = { input, hashes: [...(previous?.hashes ?? []), toHex(profileHash(bytes))], bytes: toHex(bytes) }
    await this.#store.putJson('account', 'profile', stored)
    this.#setProfile(stored)
    return true
  }

  /** Rebuilds the profile after a device change (a no-op without a profile). */
  async refreshProfile (now: number): Promise<boolean> {
    if (this.#profile === undefined) return false
    return this.publishProfile(this.#profile.input, now)
  }

  /** A one-time link code for a new device of ours. */
  async createLinkCode (role: DeviceRole, label: string, multiaddrs: string[], now: number, random: RandomSource): Promise<LinkCode> {
    const secret = random(16)
    const pending: PendingLink = { role, label, expires: now + LINK_CODE_LIFETIME_MS }
    await this.#store.putJson('account', `link:${toHex(sha256(secret))}`, pending)
    return { code: formatLinkCode(this.address, multiaddrs, secret), role, label, expires: pending.expires }
  }

  /** Redeems a code for the device `deviceKey`: certifies it (once) and stores the certificate. */
  async redeem (deviceKey: Uint8Array, secret: Uint8Array, identityKey: Uint8Array, now: number): Promise<DeviceCertificate> {
    const key = `link:${toHex(sha256(secret))}`
    const pending = await this.#store.getJson<PendingLink>('account', key)
    if (pending === undefined) throw new KabarError('LINK_REFUSED', 'unknown or already used link code')
    await this.#store.del('account', key)
    if (pending.expires <= now) throw new KabarError('LINK_REFUSED', 'the link code has expired')
    if (bytesEqual(deviceKey, this.#identity.public.signingKey)) throw new KabarError('LINK_REFUSED', 'a node cannot link itself')
    const cert = signDeviceCertificate({ devicePeerKey: deviceKey, identityKey, role: pending.role, label: pending.label, added: now }, this.#identity.signing)
    this.#devices = [...this.#devices.filter((c) => !bytesEqual(c.devicePeerKey, deviceKey)), cert]
    await this.#saveDevices()
    return cert
  }

  async removeDevice (peerId: string): Promise<boolean> {
    const key = ed25519FromPeerIdString(peerId)
    const before = this.#devices.length
    this.#devices = this.#devices.filter((c) => !bytesEqual(c.devicePeerKey, key))
    if (this.#devices.length === before) return false
    await this.#saveDevices()
    return true
  }

  async #saveDevices (): Promise<void> {
    await this.#store.putJson('account', 'devices', this.#devices.map((c) => toHex(encodeCertificate(c))))
  }

  async setMembership (account: string, certificate: DeviceCertificate): Promise<void> {
    await this.#store.putJson('account', 'membership', { account, certificate: toHex(encodeCertificate(certificate)) } satisfies StoredMembership)
    this.#membership = { account, certificate }
  }
}

function hexField (value: string, field: string): Uint8Array {
  if (typeof value !== 'string' || !/^[0-9a-f]{64}$/i.test(value)) throw new KabarError('BAD_REQUEST', `${field} must be 64 hex characters (a SHA-256)`)
  return fromHex(value.toLowerCase())
}

/** A verifier's attestation as `kabar verifier attest` prints it: valid now, and about this account. */
function attestationField (value: string, field: string, business: Uint8Array, now: number): Uint8Array {
  try {
    const bytes = decodeAttestationText(value)
    const attestation = decodeAttestation(bytes)
    verifyAttestation(attestation, now)
    if (!bytesEqual(attestation.business, business)) throw new Error('it is about another account')
    return bytes
  } catch (err) {
    throw new KabarError('BAD_REQUEST', `${field} is not a valid attestation for this account: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
}
