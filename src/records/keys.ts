/**
 * DHT keys of kabar's records, and PeerId strings without libp2p:
 *
 *   /kabar-account/<accountId>     the account's AccountRecord
 *   /kabar-prekey/<devicePeerId>   one device's PrekeyRecord
 *
 * Both ids are libp2p Ed25519 PeerId strings (`12D3KooW…`): base58btc (no
 * multibase prefix) of the identity multihash of the protobuf-encoded public
 * key, `0x00 0x24 0x08 0x01 0x12 0x20 || key` (multihash code identity, length
 * 36; PublicKey { Type = Ed25519 (1), Data = 32 bytes }). The format is fixed
 * by libp2p's peer-id spec, so this layer encodes it itself instead of
 * importing libp2p; test/records cross-checks it against @libp2p/peer-id.
 *
 * NOTE: parsing is strict, unlike libp2p's `peerIdFromString`: only the
 * base58btc form of an Ed25519 id is accepted (no CIDv1 `bafz…`, no multibase
 * `z…`, no RSA or secp256k1 ids), because the id names the key that must have
 * signed the record; one spelling per key means one DHT key per account.
 */
import { fromString as uint8ArrayFromString } from 'uint8arrays/from-string'
import { toString as uint8ArrayToString } from 'uint8arrays/to-string'
import { ED25519_PUBLIC_KEY_LENGTH, InvalidKeyError, assertBytes, bytesEqual, concat, utf8 } from '../crypto/index.ts'
import { InvalidRecordError } from './errors.ts'
import { MAX_RECORD_KEY } from './limits.ts'

export const ACCOUNT_NAMESPACE = 'kabar-account'
export const PREKEY_NAMESPACE = 'kabar-prekey'
export type RecordNamespace = typeof ACCOUNT_NAMESPACE | typeof PREKEY_NAMESPACE

/** Identity multihash (0x00, length 0x24) of a libp2p PublicKey protobuf (Ed25519 = 1, 32 data bytes). */
const ED25519_PEER_ID_PREFIX = Uint8Array.of(0x00, 0x24, 0x08, 0x01, 0x12, 0x20)
const PEER_ID_BYTES = ED25519_PEER_ID_PREFIX.length + ED25519_PUBLIC_KEY_LENGTH
/** Every 38-byte id with that prefix spells as 52 base58btc characters starting `12D3KooW`. */
const PEER_ID_LENGTH = 52

/** The PeerId string (`12D3KooW…`) of a raw 32-byte Ed25519 public key. */
export function peerIdStringFromEd25519 (publicKey: Uint8Array): string {
  assertBytes(publicKey, ED25519_PUBLIC_KEY_LENGTH, 'publicKey')
  return uint8ArrayToString(concat(ED25519_PEER_ID_PREFIX, publicKey), 'base58btc')
}

/**
 * The raw Ed25519 public key named by a PeerId string. Throws InvalidKeyError
 * for anything but the canonical base58btc spelling of an Ed25519 PeerId.
 */
export function ed25519FromPeerIdString (peerId: string): Uint8Array {
  if (typeof peerId !== 'string') throw new TypeError(`peerId must be a string, got ${typeof peerId}`)
  const shown = JSON.stringify(peerId.slice(0, 64))
  if (peerId.length !== PEER_ID_LENGTH) {
    throw new InvalidKeyError(`${shown} is not an Ed25519 PeerId: expected ${PEER_ID_LENGTH} base58btc characters starting "12D3KooW", got ${peerId.length}`)
  }
  let bytes: Uint8Array
  try {
    bytes = uint8ArrayFromString(peerId, 'base58btc')
  } catch (err) {
    throw new InvalidKeyError(`${shown} is not an Ed25519 PeerId: not base58btc`, { cause: err })
  }
  if (bytes.length !== PEER_ID_BYTES || !bytesEqual(bytes.subarray(0, ED25519_PEER_ID_PREFIX.length), ED25519_PEER_ID_PREFIX)) {
    throw new InvalidKeyError(`${shown} is not an Ed25519 PeerId: expected the identity multihash 0x00 0x24 0x08 0x01 0x12 0x20 || key`)
  }
  const publicKey = bytes.slice(ED25519_PEER_ID_PREFIX.length)
  if (peerIdStringFromEd25519(publicKey) !== peerId) {
    throw new InvalidKeyError(`${shown} is not the canonical spelling of its Ed25519 PeerId`)
  }
  return publicKey
}

function recordKey (namespace: RecordNamespace, publicKey: Uint8Array): Uint8Array {
  return utf8(`/${namespace}/${peerIdStringFromEd25519(publicKey)}`)
}

/** `/kabar-account/<accountId>` as bytes (UTF-8), for the account's Ed25519 key. */
export function accountKey (accountPublicKey: Uint8Array): Uint8Array {
  return recordKey(ACCOUNT_NAMESPACE, accountPublicKey)
}

/** `/kabar-prekey/<devicePeerId>` as bytes (UTF-8), for the device's Ed25519 key. */
export function prekeyKey (devicePublicKey: Uint8Array): Uint8Array {
  return recordKey(PREKEY_NAMESPACE, devicePublicKey)
}

export interface ParsedRecordKey {
  namespace: RecordNamespace
  /** The Ed25519 key the id names: the only key allowed to sign the record. */
  signerKey: Uint8Array
}

const KEY_PATTERN = /^\/([a-z-]+)\/([^/]*)$/

/** Splits a kabar DHT key into namespace and signer key; throws InvalidRecordError otherwise. */
export function parseRecordKey (key: Uint8Array): ParsedRecordKey {
  assertBytes(key, undefined, 'key')
  if (key.length > MAX_RECORD_KEY) throw new InvalidRecordError(`record key is ${key.length} bytes, over the limit of ${MAX_RECORD_KEY}`)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(key)
  } catch (err) {
    throw new InvalidRecordError('record key is not UTF-8', { cause: err })
  }
  const match = KEY_PATTERN.exec(text)
  const namespace = match?.[1]
  if (match === null || (namespace !== ACCOUNT_NAMESPACE && namespace !== PREKEY_NAMESPACE)) {
    throw new InvalidRecordError(`record key ${JSON.stringify(text)} is not /${ACCOUNT_NAMESPACE}/<id> or /${PREKEY_NAMESPACE}/<id>`)
  }
  try {
    return { namespace, signerKey: ed25519FromPeerIdString(match[2] ?? '') }
  } catch (err) {
    throw new InvalidRecordError(`record key ${JSON.stringify(text)} does not name an Ed25519 PeerId`, { cause: err })
  }
}
