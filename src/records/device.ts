/**
 * Device certificates: an account key's signed statement that a device (its
 * own libp2p Ed25519 key and X25519 identity key) speaks for the account, in
 * a role, under a label, for a time (DESIGN.md "Accounts and devices").
 * Senders encrypt to every certified device, so this list *is* who can read.
 *
 *   signature = Ed25519(account key, lp("kabar/v1/sig/device-certificate")
 *     || lp(accountKey) || lp(deviceKey) || lp(identityKey) || lp(u32(role))
 *     || lp(utf8(label)) || lp(u64(added)) || lp(u64(expires)))
 *
 * The account key is inside the signed input so a certificate can be checked
 * on its own, outside the record that carries it. For a one-device user the
 * account key is the device key, certified as `primary`.
 */
import { ED25519_PUBLIC_KEY_LENGTH, ED25519_SIGNATURE_LENGTH, X25519_KEY_LENGTH, assertBytes, ed25519Verify, lengthPrefixed, recordLabel, u32be, utf8 } from '../crypto/index.ts'
import type { Ed25519KeyPair } from '../crypto/index.ts'
import type { records } from '../wire/index.ts'
import { InvalidRecordError } from './errors.ts'
import { FORBIDDEN_TEXT_CHARS, assertSafeUint, exactBytes, safeNumber, u64be } from './checks.ts'
import { DEFAULT_DEVICE_CERTIFICATE_LIFETIME, MAX_CLOCK_SKEW, MAX_LABEL } from './limits.ts'

/** Wire codes of the roles (0 is "unset" in proto3 and never valid). */
export const ROLE_CODES = { primary: 1, linked: 2, mailbox: 3, agent: 4, processor: 5 } as const

export type DeviceRole = keyof typeof ROLE_CODES
export const DEVICE_ROLES = Object.keys(ROLE_CODES) as DeviceRole[]

export interface UnsignedDeviceCertificate {
  /** The device's Ed25519 libp2p key (32); its PeerId is the device's address. */
  devicePeerKey: Uint8Array
  /** The device's X25519 identity key IK (32), as in its prekey record. */
  identityKey: Uint8Array
  role: DeviceRole
  /** A human name, at most MAX_LABEL code points, no control or bidi-override characters. */
  label: string
  /** ms since the epoch. */
  added: number
  /** ms since the epoch; after it the device no longer counts (see activeDevices). */
  expires: number
}

export interface DeviceCertificate extends UnsignedDeviceCertificate {
  /** The account key's signature (64). */
  signature: Uint8Array
}


/** Why `label` is unacceptable, or undefined when it is fine. */
export function labelProblem (label: string, max = MAX_LABEL, what = 'label'): string | undefined {
  if ([...label].length > max) return `${what} is longer than ${max} characters`
  if (FORBIDDEN_TEXT_CHARS.test(label)) return `${what} contains control or bidi-override characters`
  return undefined
}

export function isRole (role: unknown): role is DeviceRole {
  return typeof role === 'string' && Object.hasOwn(ROLE_CODES, role)
}

function certificateInput (accountKey: Uint8Array, cert: UnsignedDeviceCertificate): Uint8Array {
  return lengthPrefixed(recordLabel('deviceCertificate'), accountKey, cert.devicePeerKey, cert.identityKey,
    u32be(ROLE_CODES[cert.role]), utf8(cert.label), u64be(cert.added), u64be(cert.expires))
}

/**
 * Signs a device certificate with the account key; `expires` defaults to
 * added + DEFAULT_DEVICE_CERTIFICATE_LIFETIME. Throws TypeError/RangeError on a bad field.
 */
export function signDeviceCertificate (params: Omit<UnsignedDeviceCertificate, 'expires'> & { expires?: number }, account: Ed25519KeyPair): DeviceCertificate {
  const cert = { ...params, expires: params.expires === undefined ? params.added + DEFAULT_DEVICE_CERTIFICATE_LIFETIME : params.expires }
  assertBytes(cert.devicePeerKey, ED25519_PUBLIC_KEY_LENGTH, 'devicePeerKey')
  assertBytes(cert.identityKey, X25519_KEY_LENGTH, 'identityKey')
  if (!isRole(cert.role)) throw new RangeError(`role must be one of ${DEVICE_ROLES.join(', ')}, got ${String(cert.role)}`)
  if (typeof cert.label !== 'string') throw new TypeError(`label must be a string, got ${typeof cert.label}`)
  const problem = labelProblem(cert.label)
  if (problem !== undefined) throw new RangeError(problem)
  assertSafeUint(cert.added, 'added')
  assertSafeUint(cert.expires, 'expires')
  if (cert.expires <= cert.added) throw new RangeError('expires must be after added')
  const own: UnsignedDeviceCertificate = {
    devicePeerKey: new Uint8Array(cert.devicePeerKey),
    identityKey: new Uint8Array(cert.identityKey),
    role: cert.role,
    label: cert.label,
    added: cert.added,
    expires: cert.expires
  }
  return { ...own, signature: account.sign(certificateInput(account.publicKey, own)) }
}

/** Throws InvalidRecordError unless `cert` is well formed and signed by `accountKey`. */
export function verifyDeviceCertificate (cert: DeviceCertificate, accountKey: Uint8Array): void {
  assertBytes(accountKey, ED25519_PUBLIC_KEY_LENGTH, 'accountKey')
  const problem = labelProblem(cert.label)
  if (problem !== undefined) throw new InvalidRecordError(`device certificate: ${problem}`)
  if (cert.expires <= cert.added) throw new InvalidRecordError('device certificate expires before it is added')
  if (!ed25519Verify(accountKey, certificateInput(accountKey, cert), cert.signature)) {
    throw new InvalidRecordError('device certificate is not signed by the account')
  }
}

/** True while `now` is within the certificate's validity, with the clock-skew allowance. */
export function isCertificateActive (cert: DeviceCertificate, now: number): boolean {
  return cert.added <= now + MAX_CLOCK_SKEW && now - MAX_CLOCK_SKEW < cert.expires
}

export function deviceCertificateToWire (cert: DeviceCertificate): records.DeviceCertificate {
  return {
    deviceKey: cert.devicePeerKey as Uint8Array<ArrayBuffer>,
    identityKey: cert.identityKey as Uint8Array<ArrayBuffer>,
    role: ROLE_CODES[cert.role],
    label: cert.label,
    added: BigInt(cert.added),
    expires: BigInt(cert.expires),
    signature: cert.signature as Uint8Array<ArrayBuffer>
  }
}

/** A decoded certificate checked for shape (lengths, role, safe integers); not yet for its signature. */
export function deviceCertificateFromWire (wire: records.DeviceCertificate): DeviceCertificate {
  const role = DEVICE_ROLES.find((name) => ROLE_CODES[name] === wire.role)
  // NOTE: an unknown role makes the record invalid rather than being skipped:
  // dropping a device would hide a reader. A new role needs a new payload type.
  if (role === undefined) throw new InvalidRecordError(`device certificate has unknown role ${wire.role}`)
  return {
    devicePeerKey: exactBytes(wire.deviceKey, ED25519_PUBLIC_KEY_LENGTH, 'device certificate device key'),
    identityKey: exactBytes(wire.identityKey, X25519_KEY_LENGTH, 'device certificate identity key'),
    role,
    label: wire.label,
    added: safeNumber(wire.added, 'device certificate added'),
    expires: safeNumber(wire.expires, 'device certificate expires'),
    signature: exactBytes(wire.signature, ED25519_SIGNATURE_LENGTH, 'device certificate signature')
  }
}
