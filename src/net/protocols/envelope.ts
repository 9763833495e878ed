/**
 * The frames of /kabar/msg/1.0.0 as values: envelopes one way, acks the
 * other, each checked against its limits right after decoding so nothing
 * malformed reaches the delivery layer. Pure (no streams), so both ends and
 * the tests share one definition of "a valid frame".
 *
 * An ack's status is a uint32 on the wire (see delivery.proto for why not an
 * enum); {@link AckStatus} names the three values.
 */
import { bytesEqual, copyBytes } from '../../crypto/bytes.ts'
import { defaultRandom } from '../../crypto/random.ts'
import { KabarError } from '../../errors.ts'
import { decodeBounded, delivery, ENVELOPE_ID_LENGTH, MAX_ACK_FRAME_SIZE, MAX_FRAME_SIZE, MAX_SESSION_MESSAGE } from '../../wire/index.ts'
import { wireBytes } from './helpers.ts'

/** The receiver's answer to one envelope. */
export const AckStatus = {
  /** Stored (or seen before): the sender drops it from its outbox. */
  DELIVERED: 1,
  /** Can never be decrypted: the sender drops it and must not retry. */
  REJECTED: 2,
  /** Not stored this time (e.g. the receiver is busy): the sender retries later. */
  RETRY_LATER: 3
} as const

export type AckStatus = typeof AckStatus[keyof typeof AckStatus]

/** One end-to-end encrypted message for one device: a random id and an encoded SessionMessage. */
export interface Envelope {
  id: Uint8Array
  payload: Uint8Array
}

export interface Ack {
  id: Uint8Array
  status: AckStatus
}

/** True for the three defined status values. */
export function isAckStatus (value: unknown): value is AckStatus {
  return value === AckStatus.DELIVERED || value === AckStatus.REJECTED || value === AckStatus.RETRY_LATER
}

/** A fresh random 16-byte envelope id; a retry reuses the id of the first attempt. */
export function newEnvelopeId (): Uint8Array {
  return defaultRandom(ENVELOPE_ID_LENGTH)
}

/** Throws `INVALID_MESSAGE` unless the id is 16 bytes and the payload holds 1..MAX_SESSION_MESSAGE bytes. */
export function assertEnvelope (envelope: Envelope): void {
  const { id, payload } = envelope
  if (!(id instanceof Uint8Array) || id.byteLength !== ENVELOPE_ID_LENGTH) {
    throw new KabarError('INVALID_MESSAGE', `envelope id must be ${ENVELOPE_ID_LENGTH} bytes`)
  }
  if (!(payload instanceof Uint8Array) || payload.byteLength === 0 || payload.byteLength > MAX_SESSION_MESSAGE) {
    throw new KabarError('INVALID_MESSAGE', `envelope payload must be 1..${MAX_SESSION_MESSAGE} bytes`)
  }
}

/** An envelope as an encoded MsgFrame (without the length prefix). */
export function encodeEnvelopeFrame (envelope: Envelope): Uint8Array {
  assertEnvelope(envelope)
  return delivery.MsgFrame.encode({ envelope: { id: wireBytes(envelope.id), payload: wireBytes(envelope.payload) } })
}

/**
 * The envelope in an encoded MsgFrame; a copy, so it holds no network buffer.
 * `DECODE_FAILED` for bytes that are not a MsgFrame, `INVALID_MESSAGE` for a
 * frame that is not exactly one valid envelope.
 */
export function decodeEnvelopeFrame (frame: Uint8Array): Envelope {
  const decoded = decodeBounded(delivery.MsgFrame, frame, MAX_FRAME_SIZE, 'MsgFrame')
  if (decoded.envelope === undefined || decoded.ack !== undefined) {
    throw new KabarError('INVALID_MESSAGE', 'MsgFrame from a sender must hold exactly one envelope')
  }
  const envelope = { id: copyBytes(decoded.envelope.id), payload: copyBytes(decoded.envelope.payload) }
  assertEnvelope(envelope)
  return envelope
}

/** An ack as an encoded MsgFrame (without the length prefix). */
export function encodeAckFrame (ack: Ack): Uint8Array {
  if (!isAckStatus(ack.status)) throw new KabarError('INVALID_MESSAGE', `unknown ack status ${String(ack.status)}`)
  if (ack.id.byteLength !== ENVELOPE_ID_LENGTH) throw new KabarError('INVALID_MESSAGE', `ack id must be ${ENVELOPE_ID_LENGTH} bytes`)
  return delivery.MsgFrame.encode({ ack: { id: wireBytes(ack.id), status: ack.status } })
}

/** The ack in an encoded MsgFrame; errors as {@link decodeEnvelopeFrame}, and for an unknown status. */
export function decodeAckFrame (frame: Uint8Array): Ack {
  const decoded = decodeBounded(delivery.MsgFrame, frame, MAX_ACK_FRAME_SIZE, 'MsgFrame')
  if (decoded.ack === undefined || decoded.envelope !== undefined) {
    throw new KabarError('INVALID_MESSAGE', 'MsgFrame from a receiver must hold exactly one ack')
  }
  const { id, status } = decoded.ack
  if (id.byteLength !== ENVELOPE_ID_LENGTH) throw new KabarError('INVALID_MESSAGE', `ack id must be ${ENVELOPE_ID_LENGTH} bytes`)
  if (!isAckStatus(status)) throw new KabarError('INVALID_MESSAGE', `unknown ack status ${status}`)
  return { id: copyBytes(id), status }
}

/** True when `ack` answers the envelope with id `id`. */
export function ackMatches (ack: Ack, id: Uint8Array): boolean {
  return bytesEqual(ack.id, id)
}
