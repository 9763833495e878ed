/**
 * @packageDocumentation
 * kabar's signed DHT records (docs/PROTOCOL.md §9, DESIGN.md "Records in the
 * DHT"): the account record under `/kabar-account/<accountId>` (device
 * certificates, business profile) and each device's prekey record under
 * `/kabar-prekey/<devicePeerId>`. Every record is a SignedRecord whose
 * signature is domain-separated, carries a sequence number and an expiry, and
 * is refused when its signer is not the key its DHT key names, the signature
 * fails, it has expired, or it is over its size limit (limits.ts).
 *
 * Pure code: bytes, keys and `now` in, bytes and records out. It never
 * imports libp2p; net/ registers {@link dhtValidators} and
 * {@link dhtSelectors} with kad-dht.
 *
 * @example
 * ```ts
 * import { IdentityKeyPair, SessionRecord } from '../session/index.ts'
 * import { X25519KeyPair, defaultRandom, mlKem768Keygen } from '../crypto/index.ts'
 * import { buildPrekeyRecord, bundleFromPrekeyRecord, prekeyKey, validatePrekeyRecord } from './records/index.ts'
 *
 * const now = Date.now()
 * const bob = IdentityKeyPair.generate(defaultRandom)
 * const spk = X25519KeyPair.generate(defaultRandom)
 * const pq = mlKem768Keygen(defaultRandom)
 * const value = buildPrekeyRecord({
 *   signedPrekey: { id: 1, publicKey: spk.publicKey, created: now },
 *   pqPrekey: { id: 2, publicKey: pq.publicKey },
 *   seq: now, created: now
 * }, bob)
 * const key = prekeyKey(bob.public.signingKey) // put (key, value) in the DHT
 *
 * // Alice, having fetched `value` for `key`:
 * const record = validatePrekeyRecord(key, value, Date.now())
 * const alice = IdentityKeyPair.generate(defaultRandom)
 * const session = SessionRecord.empty().initiate({ identity: alice, bundle: bundleFromPrekeyRecord(record), random: defaultRandom })
 * ```
 */
export { activeDevices, buildAccountRecord, selectAccountRecord, validateAccountRecord } from './account.ts'
export type { AccountRecord, AccountRecordParams } from './account.ts'
export { ATTESTATION_ID_LENGTH, attestationId, attestationIdHex, checkRevokedList, decodeAttestation, decodeAttestationText, encodeAttestationText, signAttestation, verifyAttestation } from './attestation.ts'
export type { Attestation, UnsignedAttestation } from './attestation.ts'
export { DEVICE_ROLES, deviceCertificateFromWire, deviceCertificateToWire, isCertificateActive, signDeviceCertificate, verifyDeviceCertificate } from './device.ts'
export type { DeviceCertificate, DeviceRole, UnsignedDeviceCertificate } from './device.ts'
export { nameProblem } from './checks.ts'
export { dhtSelectors, dhtValidators } from './dht.ts'
export type { Clock, RecordSelector, RecordValidator } from './dht.ts'
export { openRecord, sealRecord } from './envelope.ts'
export type { OpenedRecord, SealParams } from './envelope.ts'
export { ExpiredRecordError, InvalidRecordError, SignerMismatchError } from './errors.ts'
export { ACCOUNT_NAMESPACE, PREKEY_NAMESPACE, accountKey, ed25519FromPeerIdString, parseRecordKey, peerIdStringFromEd25519, prekeyKey } from './keys.ts'
export type { ParsedRecordKey, RecordNamespace } from './keys.ts'
export * from './limits.ts'
export { buildPrekeyRecord, bundleFromPrekeyRecord, selectPrekeyRecord, validatePrekeyRecord } from './prekey.ts'
export type { PrekeyRecord, PrekeyRecordParams, RecordSignedPrekey } from './prekey.ts'
export { PROCESSOR_PURPOSES, chainDistance, checkReadersMatchDevices, decodeBusinessProfile, encodeBusinessProfile, isHostName, profileHash } from './profile.ts'
export type { ApiReader, BusinessProfile, PolicyRef, Processor, ProcessorPurpose, ProfileReader } from './profile.ts'
export * from './group-log.ts'
