/**
 * The /kabar/msg and /kabar/prekey frames as values, without a network: the
 * status numbers are frozen wire values, the largest legal frames fit their
 * limits (so a limit never refuses a correct peer), and decoding refuses
 * everything a correct peer never sends.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { KabarError } from '../../../src/errors.ts'
import { AckStatus, decodeAckFrame, decodeEnvelopeFrame, encodeAckFrame, encodeEnvelopeFrame, isAckStatus, newEnvelopeId } from '../../../src/net/protocols/envelope.ts'
import { decodeResponse, encodeResponse } from '../../../src/net/protocols/prekey.ts'
import { delivery, ENVELOPE_ID_LENGTH, MAX_ACK_FRAME_SIZE, MAX_FRAME_SIZE, MAX_PREKEY_FRAME_SIZE, MAX_SESSION_MESSAGE } from '../../../src/wire/index.ts'
import { freshId, payload } from './helpers.ts'

const isCode = (code: string) => (err: unknown): boolean => KabarError.is(err) && err.code === code

describe('net/protocols/envelope', () => {
  it('freezes the ack status values on the wire', () => {
    assert.deepEqual({ ...AckStatus }, { DELIVERED: 1, REJECTED: 2, RETRY_LATER: 3 })
    assert.deepEqual([0, 1, 2, 3, 4].map(isAckStatus), [false, true, true, true, false])
  })

  it('round-trips envelopes and acks, returning copies that own their memory', () => {
    const envelope = { id: newEnvelopeId(), payload: payload(9, 100) }
    const frame = encodeEnvelopeFrame(envelope)
    const decoded = decodeEnvelopeFrame(frame)
    assert.deepEqual(decoded, envelope)
    assert.notEqual(decoded.payload.buffer, frame.buffer)
    assert.equal(newEnvelopeId().byteLength, ENVELOPE_ID_LENGTH)
    for (const status of [AckStatus.DELIVERED, AckStatus.REJECTED, AckStatus.RETRY_LATER]) {
      assert.deepEqual(decodeAckFrame(encodeAckFrame({ id: envelope.id, status })), { id: envelope.id, status })
    }
  })

  it('fits the largest legal frames within their limits', () => {
    const largest = encodeEnvelopeFrame({ id: newEnvelopeId(), payload: new Uint8Array(MAX_SESSION_MESSAGE) })
    assert.ok(largest.byteLength <= MAX_FRAME_SIZE, `${largest.byteLength} > ${MAX_FRAME_SIZE}`)
    assert.equal(decodeEnvelopeFrame(largest).payload.byteLength, MAX_SESSION_MESSAGE)
    const widestAck = delivery.MsgFrame.encode({ ack: { id: freshId(), status: 0xffffffff } })
    assert.ok(widestAck.byteLength <= MAX_ACK_FRAME_SIZE)
    const widestResponse = encodeResponse({ id: 0xffffffff, publicKey: new Uint8Array(32) })
    assert.ok(widestResponse.byteLength <= MAX_PREKEY_FRAME_SIZE)
    assert.deepEqual(decodeResponse(widestResponse), { id: 0xffffffff, publicKey: new Uint8Array(32) })
  })

  it('refuses to encode what no peer may receive', () => {
    assert.throws(() => encodeEnvelopeFrame({ id: newEnvelopeId(), payload: new Uint8Array(MAX_SESSION_MESSAGE + 1) }), isCode('INVALID_MESSAGE'))
    assert.throws(() => encodeEnvelopeFrame({ id: new Uint8Array(17), payload: payload(1) }), isCode('INVALID_MESSAGE'))
    assert.throws(() => encodeAckFrame({ id: newEnvelopeId(), status: 4 as AckStatus }), isCode('INVALID_MESSAGE'))
    assert.throws(() => encodeResponse({ id: -1, publicKey: new Uint8Array(32) }), isCode('INVALID_PREKEY_BUNDLE'))
    assert.throws(() => encodeResponse({ id: 1, publicKey: new Uint8Array(31) }), isCode('INVALID_PREKEY_BUNDLE'))
  })

  it('decodes only exactly one valid envelope from a sender, and one valid ack from a receiver', () => {
    const ack = encodeAckFrame({ id: newEnvelopeId(), status: AckStatus.DELIVERED })
    const envelope = encodeEnvelopeFrame({ id: newEnvelopeId(), payload: payload(1) })
    assert.throws(() => decodeEnvelopeFrame(ack), isCode('INVALID_MESSAGE'))
    assert.throws(() => decodeAckFrame(envelope), isCode('INVALID_MESSAGE'))
    assert.throws(() => decodeEnvelopeFrame(new Uint8Array()), isCode('INVALID_MESSAGE'))
    assert.throws(() => decodeEnvelopeFrame(Uint8Array.of(0xff, 0xff)), isCode('DECODE_FAILED'))
    assert.throws(() => decodeAckFrame(delivery.MsgFrame.encode({ ack: { id: freshId(), status: 0 } })), isCode('INVALID_MESSAGE'))
    assert.throws(() => decodeAckFrame(delivery.MsgFrame.encode({ ack: { id: freshId().subarray(1), status: 1 } })), isCode('INVALID_MESSAGE'))
    assert.throws(() => decodeAckFrame(new Uint8Array(MAX_ACK_FRAME_SIZE + 1)), isCode('DECODE_FAILED'))
  })
})
