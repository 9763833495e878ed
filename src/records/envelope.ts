/**
 * The signed envelope every DHT record travels in, after libp2p's signed
 * envelope (js-libp2p packages/peer-record/src/envelope, `formatSignaturePayload`):
 *
 *   SignedRecord { public_key (32), payload_type, payload, signature (64) }
 *   signature = Ed25519(public_key, lp(domain) || lp(payload_type) || lp(payload))
 *
 * with lp(x) = u32be(len(x)) || x. The domain never travels: it is implied by
 * the DHT namespace (RECORD_LABELS.accountRecord for /kabar-account/ …), so a
 * signature made for one kind of record, or for anything else the key signs,
 * never verifies as another. Only the canonical protobuf encoding (fields in
 * order, each once, empty ones omitted) is accepted. This module checks the
 * signature only; whether
 * the signer is the right key is the caller's question (see account.ts).
 */
import { ED25519_PUBLIC_KEY_LENGTH, ED25519_SIGNATURE_LENGTH, assertBytes, bytesEqual, ed25519Verify, lengthPrefixed } from '../crypto/index.ts'
import type { Ed25519KeyPair } from '../crypto/index.ts'
import { records } from '../wire/index.ts'
import { InvalidRecordError } from './errors.ts'
import { exactBytes } from './checks.ts'
import { MAX_ACCOUNT_RECORD } from './limits.ts'

export interface SealParams {
  /** Signature domain, e.g. `recordLabel('accountRecord')`. */
  domain: Uint8Array
  /** What the payload encodes, e.g. `recordLabel('accountPayload')`. */
  payloadType: Uint8Array
  payload: Uint8Array
  signer: Ed25519KeyPair
}

export interface OpenedRecord {
  /** The Ed25519 key whose signature verified (32 bytes). */
  signerKey: Uint8Array
  payloadType: Uint8Array
  payload: Uint8Array
}

function signatureInput (domain: Uint8Array, payloadType: Uint8Array, payload: Uint8Array): Uint8Array {
  return lengthPrefixed(domain, payloadType, payload)
}

function assertDomain (domain: unknown): asserts domain is Uint8Array {
  assertBytes(domain, undefined, 'domain')
  if (domain.length === 0) throw new RangeError('domain must not be empty')
}

/** Signs `payload` under `domain` and returns the encoded SignedRecord. */
export function sealRecord (params: SealParams): Uint8Array {
  const { domain, payloadType, payload, signer } = params
  assertDomain(domain)
  assertBytes(payloadType, undefined, 'payloadType')
  assertBytes(payload, undefined, 'payload')
  if (payloadType.length === 0) throw new RangeError('payloadType must not be empty')
  return records.SignedRecord.encode({
    publicKey: signer.publicKey as Uint8Array<ArrayBuffer>,
    payloadType: payloadType as Uint8Array<ArrayBuffer>,
    payload: payload as Uint8Array<ArrayBuffer>,
    signature: signer.sign(signatureInput(domain, payloadType, payload)) as Uint8Array<ArrayBuffer>
  })
}

/**
 * Decodes a SignedRecord of at most `maxBytes` and verifies its signature
 * under `domain`. Throws InvalidRecordError when it is oversized, malformed,
 * or the signature does not verify; the returned bytes are copies.
 */
export function openRecord (bytes: Uint8Array, domain: Uint8Array, maxBytes: number = MAX_ACCOUNT_RECORD): OpenedRecord {
  assertBytes(bytes, undefined, 'bytes')
  assertDomain(domain)
  if (bytes.length > maxBytes) throw new InvalidRecordError(`record is ${bytes.length} bytes, over the limit of ${maxBytes}`)
  let decoded: records.SignedRecord
  try {
    decoded = records.SignedRecord.decode(bytes)
  } catch (err) {
    throw new InvalidRecordError('malformed SignedRecord', { cause: err })
  }
  // NOTE: protobuf decoders accept many spellings of one message (a field's
  // wire type is not checked, unknown and repeated fields are tolerated), and
  // the signature covers the fields, not the bytes. Only the canonical
  // encoding is accepted, so nobody can change a record's bytes without its
  // signer, and one record is one byte string in every DHT node.
  if (!bytesEqual(records.SignedRecord.encode(decoded), bytes)) throw new InvalidRecordError('SignedRecord is not canonically encoded')
  const signerKey = exactBytes(decoded.publicKey, ED25519_PUBLIC_KEY_LENGTH, 'SignedRecord public key')
  const signature = exactBytes(decoded.signature, ED25519_SIGNATURE_LENGTH, 'SignedRecord signature')
  if (decoded.payloadType.length === 0) throw new InvalidRecordError('SignedRecord has no payload type')
  const payloadType = new Uint8Array(decoded.payloadType)
  const payload = new Uint8Array(decoded.payload)
  if (!ed25519Verify(signerKey, signatureInput(domain, payloadType, payload), signature)) {
    throw new InvalidRecordError('record signature does not verify')
  }
  return { signerKey, payloadType, payload }
}
