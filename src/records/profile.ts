/**
 * The BusinessProfile (DESIGN.md "Records in the DHT", docs/PROTOCOL.md §11):
 * a business's disclosure of exactly who can read customers' messages,
 * carried encoded inside its AccountRecord and so signed by the account key.
 *
 * - `readers` are the devices customers encrypt to. They must match the
 *   record's device certificates one for one (key, role, label): the list a
 *   customer is shown *is* the list of keys its node encrypts to.
 * - `apiReaders` read through the business node's API with tokens of their
 *   own; `processors` receive messages outside the end-to-end boundary, by
 *   webhook. The business node refuses tokens and webhooks for anyone else.
 * - `version` counts published changes; `prev` and `earlier` are the SHA-256
 *   of the previous versions' encodings, so a customer can check that a newer
 *   profile descends from the one they accepted.
 *
 * The profile's hash (SHA-256 of its exact encoding) is what a customer binds
 * into a session's associated data. Only the canonical encoding is accepted,
 * so one profile has one hash.
 *
 * Pure code: bytes in, profiles out.
 */
import { ED25519_PUBLIC_KEY_LENGTH, bytesEqual, sha256, toHex } from '../crypto/index.ts'
import { records } from '../wire/index.ts'
import { assertSafeUint, safeNumber } from './checks.ts'
import { ROLE_CODES, labelProblem } from './device.ts'
import type { DeviceCertificate, DeviceRole } from './device.ts'
import { InvalidRecordError } from './errors.ts'
import {
  MAX_API_READERS, MAX_BUSINESS_PROFILE, MAX_DEVICES, MAX_PROCESSORS, MAX_PROFILE_ATTESTATIONS, MAX_PROFILE_HISTORY,
  MAX_PROFILE_NAME, MAX_PROFILE_REGION, MAX_PROFILE_URL, MAX_RETENTION_DAYS
} from './limits.ts'

const PURPOSE_CODES = { store: 1, read: 2, reply: 3, automated: 4 } as const
export type ProcessorPurpose = keyof typeof PURPOSE_CODES
export const PROCESSOR_PURPOSES = Object.keys(PURPOSE_CODES) as ProcessorPurpose[]

export interface PolicyRef {
  /** An https URL. */
  url: string
  /** SHA-256 of the document at `url` (32). */
  sha256: Uint8Array
}

export interface ProfileReader {
  deviceKey: Uint8Array
  role: DeviceRole
  label: string
  organisation: string
}

export interface ApiReader {
  name: string
  role: 'agent' | 'processor'
  organisation: string
}

export interface Processor {
  name: string
  purposes: ProcessorPurpose[]
  region: string
  retentionDays: number
  privacyPolicy: PolicyRef
  /** The host name webhooks for this processor go to. */
  endpoint: string
}

export interface BusinessProfile {
  version: number
  /** SHA-256 of version - 1 (empty for version 1). */
  prev: Uint8Array
  /** SHA-256 of versions - 2, - 3, … most recent first. */
  earlier: Uint8Array[]
  displayName: string
  privacyPolicy: PolicyRef
  readers: ProfileReader[]
  apiReaders: ApiReader[]
  processors: Processor[]
  /** Encoded verifier Attestations, checked by attestation.ts where they are judged. */
  attestations: Uint8Array[]
  /** ms since the epoch. */
  published: number
}

function fail (message: string): never {
  throw new InvalidRecordError(`business profile: ${message}`)
}

function checkText (value: string, max: number, what: string, required = true): void {
  if (typeof value !== 'string') fail(`${what} must be a string`)
  if (required && value.trim().length === 0) fail(`${what} must not be empty`)
  const problem = labelProblem(value, max, what)
  if (problem !== undefined) fail(problem)
}

function checkUrl (url: string, what: string): void {
  if (typeof url !== 'string' || url.length === 0) fail(`${what} must be an https URL`)
  if (new TextEncoder().encode(url).length > MAX_PROFILE_URL) fail(`${what} is longer than ${MAX_PROFILE_URL} bytes`)
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    fail(`${what} is not a valid URL`)
  }
  if (parsed.protocol !== 'https:') fail(`${what} must be an https URL`)
}

/** A host name as webhooks use it: lowercase letters, digits, hyphens and dots (or an IP literal), at most 253 bytes. */
export function isHostName (host: string): boolean {
  return typeof host === 'string' && host.length > 0 && host.length <= 253 &&
    (/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(host) || /^\[[0-9a-f:.]+\]$/.test(host))
}

function checkPolicy (policy: PolicyRef | undefined, what: string): PolicyRef {
  if (policy === undefined) fail(`${what} is missing`)
  checkUrl(policy.url, `${what}.url`)
  if (!(policy.sha256 instanceof Uint8Array) || policy.sha256.length !== 32) fail(`${what}.sha256 must be 32 bytes`)
  return { url: policy.url, sha256: new Uint8Array(policy.sha256) }
}

function roleName (code: number, what: string): DeviceRole {
  const role = (Object.keys(ROLE_CODES) as DeviceRole[]).find((r) => ROLE_CODES[r] === code)
  if (role === undefined) fail(`${what} has unknown role ${code}`)
  return role
}

/** Checks every field of a profile; throws InvalidRecordError naming the first bad one. */
function checkProfile (p: BusinessProfile): void {
  assertSafeUint(p.version, 'version')
  if (p.version < 1) fail('version must be at least 1')
  if (p.version === 1 ? p.prev.length !== 0 : p.prev.length !== 32) fail(p.version === 1 ? 'version 1 has no prev' : 'prev must be 32 bytes')
  if (p.earlier.length > MAX_PROFILE_HISTORY) fail(`earlier lists more than ${MAX_PROFILE_HISTORY} hashes`)
  if (p.earlier.length > Math.max(0, p.version - 2)) fail('earlier lists more versions than came before')
  p.earlier.forEach((h, i) => { if (h.length !== 32) fail(`earlier[${i}] must be 32 bytes`) })
  checkText(p.displayName, MAX_PROFILE_NAME, 'displayName')
  checkPolicy(p.privacyPolicy, 'privacyPolicy')
  if (p.readers.length > MAX_DEVICES) fail(`readers lists more than ${MAX_DEVICES} devices`)
  const keys = new Set<string>()
  p.readers.forEach((r, i) => {
    if (!(r.deviceKey instanceof Uint8Array) || r.deviceKey.length !== ED25519_PUBLIC_KEY_LENGTH) fail(`readers[${i}].deviceKey must be 32 bytes`)
    if (keys.has(toHex(r.deviceKey))) fail(`readers[${i}] lists a device twice`)
    keys.add(toHex(r.deviceKey))
    if (!Object.hasOwn(ROLE_CODES, r.role)) fail(`readers[${i}].role is unknown`)
    checkText(r.label, MAX_PROFILE_NAME, `readers[${i}].label`, false)
    checkText(r.organisation, MAX_PROFILE_NAME, `readers[${i}].organisation`)
  })
  if (p.apiReaders.length > MAX_API_READERS) fail(`apiReaders lists more than ${MAX_API_READERS} names`)
  const names = new Set<string>()
  p.apiReaders.forEach((r, i) => {
    checkText(r.name, MAX_PROFILE_NAME, `apiReaders[${i}].name`)
    if (names.has(r.name)) fail(`apiReaders[${i}].name "${r.name}" is listed twice`)
    names.add(r.name)
    if (r.role !== 'agent' && r.role !== 'processor') fail(`apiReaders[${i}].role must be agent or processor`)
    checkText(r.organisation, MAX_PROFILE_NAME, `apiReaders[${i}].organisation`)
  })
  if (p.processors.length > MAX_PROCESSORS) fail(`processors lists more than ${MAX_PROCESSORS}`)
  const processorNames = new Set<string>()
  p.processors.forEach((x, i) => {
    checkText(x.name, MAX_PROFILE_NAME, `processors[${i}].name`)
    if (processorNames.has(x.name)) fail(`processors[${i}].name "${x.name}" is listed twice`)
    processorNames.add(x.name)
    if (x.purposes.length === 0 || x.purposes.length > PROCESSOR_PURPOSES.length) fail(`processors[${i}].purposes must list 1 to ${PROCESSOR_PURPOSES.length} purposes`)
    if (new Set(x.purposes).size !== x.purposes.length || !x.purposes.every((u) => Object.hasOwn(PURPOSE_CODES, u))) fail(`processors[${i}].purposes must be distinct values of ${PROCESSOR_PURPOSES.join(', ')}`)
    checkText(x.region, MAX_PROFILE_REGION, `processors[${i}].region`)
    if (!Number.isInteger(x.retentionDays) || x.retentionDays < 0 || x.retentionDays > MAX_RETENTION_DAYS) fail(`processors[${i}].retentionDays must be an integer from 0 to ${MAX_RETENTION_DAYS}`)
    checkPolicy(x.privacyPolicy, `processors[${i}].privacyPolicy`)
    if (!isHostName(x.endpoint)) fail(`processors[${i}].endpoint must be a lowercase host name`)
  })
  if (p.attestations.length > MAX_PROFILE_ATTESTATIONS) fail(`attestations lists more than ${MAX_PROFILE_ATTESTATIONS}`)
  assertSafeUint(p.published, 'published')
}

function toWire (p: BusinessProfile): records.BusinessProfile {
  const policy = (x: PolicyRef): records.PolicyRef => ({ url: x.url, sha256: x.sha256 as Uint8Array<ArrayBuffer> })
  return {
    version: BigInt(p.version),
    prev: p.prev as Uint8Array<ArrayBuffer>,
    earlier: p.earlier as Array<Uint8Array<ArrayBuffer>>,
    displayName: p.displayName,
    privacyPolicy: policy(p.privacyPolicy),
    readers: p.readers.map((r) => ({ deviceKey: r.deviceKey as Uint8Array<ArrayBuffer>, role: ROLE_CODES[r.role], label: r.label, organisation: r.organisation })),
    apiReaders: p.apiReaders.map((r) => ({ name: r.name, role: ROLE_CODES[r.role], organisation: r.organisation })),
    processors: p.processors.map((x) => ({
      name: x.name,
      purposes: x.purposes.map((u) => PURPOSE_CODES[u]),
      region: x.region,
      retentionDays: x.retentionDays,
      privacyPolicy: policy(x.privacyPolicy),
      endpoint: x.endpoint
    })),
    attestations: p.attestations.map((a) => {
      try {
        return records.Attestation.decode(a)
      } catch (err) {
        throw new InvalidRecordError('business profile: an attestation is not a valid encoding', { cause: err })
      }
    }),
    published: BigInt(p.published)
  }
}

/** Encodes a profile after checking every field; throws InvalidRecordError naming the bad one. */
export function encodeBusinessProfile (profile: BusinessProfile): Uint8Array {
  checkProfile(profile)
  const bytes = records.BusinessProfile.encode(toWire(profile))
  if (bytes.length > MAX_BUSINESS_PROFILE) fail(`is ${bytes.length} bytes, over the limit of ${MAX_BUSINESS_PROFILE}`)
  return bytes
}

/** Decodes and checks a profile; only its canonical encoding is accepted. */
export function decodeBusinessProfile (bytes: Uint8Array): BusinessProfile {
  if (bytes.length > MAX_BUSINESS_PROFILE) fail(`is ${bytes.length} bytes, over the limit of ${MAX_BUSINESS_PROFILE}`)
  let wire: records.BusinessProfile
  try {
    wire = records.BusinessProfile.decode(bytes, {
      limits: { earlier: MAX_PROFILE_HISTORY, readers: MAX_DEVICES, apiReaders: MAX_API_READERS, processors: MAX_PROCESSORS, attestations: MAX_PROFILE_ATTESTATIONS }
    })
  } catch (err) {
    throw new InvalidRecordError('business profile: malformed encoding', { cause: err })
  }
  const policy = (x: records.PolicyRef | undefined, what: string): PolicyRef => {
    if (x === undefined) fail(`${what} is missing`)
    return { url: x.url, sha256: new Uint8Array(x.sha256) }
  }
  const profile: BusinessProfile = {
    version: safeNumber(wire.version, 'version'),
    prev: new Uint8Array(wire.prev),
    earlier: wire.earlier.map((h) => new Uint8Array(h)),
    displayName: wire.displayName,
    privacyPolicy: policy(wire.privacyPolicy, 'privacyPolicy'),
    readers: wire.readers.map((r, i) => ({ deviceKey: new Uint8Array(r.deviceKey), role: roleName(r.role, `readers[${i}]`), label: r.label, organisation: r.organisation })),
    apiReaders: wire.apiReaders.map((r, i) => {
      const role = roleName(r.role, `apiReaders[${i}]`)
      if (role !== 'agent' && role !== 'processor') fail(`apiReaders[${i}].role must be agent or processor`)
      return { name: r.name, role, organisation: r.organisation }
    }),
    processors: wire.processors.map((x, i) => ({
      name: x.name,
      purposes: x.purposes.map((code) => {
        const purpose = PROCESSOR_PURPOSES.find((u) => PURPOSE_CODES[u] === code)
        if (purpose === undefined) fail(`processors[${i}] has unknown purpose ${code}`)
        return purpose
      }),
      region: x.region,
      retentionDays: x.retentionDays,
      privacyPolicy: policy(x.privacyPolicy, `processors[${i}].privacyPolicy`),
      endpoint: x.endpoint
    })),
    attestations: wire.attestations.map((a) => records.Attestation.encode(a)),
    published: safeNumber(wire.published, 'published')
  }
  checkProfile(profile)
  if (!bytesEqual(records.BusinessProfile.encode(toWire(profile)), bytes)) fail('not canonically encoded')
  return profile
}

/** SHA-256 of a profile's exact encoding: what customers bind into sessions and `prev` chains. */
export function profileHash (encoded: Uint8Array): Uint8Array {
  return sha256(encoded)
}

/**
 * Throws unless the profile's readers are exactly the record's certified
 * devices (same keys, roles and labels): a device that could read but is not
 * shown, or one shown that cannot read, makes the record invalid.
 */
export function checkReadersMatchDevices (profile: BusinessProfile, devices: readonly DeviceCertificate[]): void {
  if (profile.readers.length !== devices.length) fail(`lists ${profile.readers.length} readers for ${devices.length} certified devices`)
  for (const cert of devices) {
    const reader = profile.readers.find((r) => bytesEqual(r.deviceKey, cert.devicePeerKey))
    if (reader === undefined) fail('a certified device is not listed among the readers')
    if (reader.role !== cert.role || reader.label !== cert.label) fail(`reader "${reader.label}" does not match its device certificate`)
  }
}

/**
 * How far back `accepted` lies in `profile`'s chain: 1 when it is `prev`,
 * 2 for earlier[0], …; 0 when it is the profile itself; undefined when the
 * chain does not contain it (a swapped or forked profile, or one too far ahead).
 */
export function chainDistance (profile: BusinessProfile, profileBytes: Uint8Array, accepted: Uint8Array): number | undefined {
  if (bytesEqual(profileHash(profileBytes), accepted)) return 0
  if (profile.prev.length === 32 && bytesEqual(profile.prev, accepted)) return 1
  const at = profile.earlier.findIndex((h) => bytesEqual(h, accepted))
  return at < 0 ? undefined : at + 2
}
