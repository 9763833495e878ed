import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { KabarError } from '../../src/errors.ts'
import {
  KEY_LENGTH,
  MAX_RATCHET_HEADER,
  MAX_SESSION_MESSAGE,
  MAX_STORED_PREVIOUS_SESSIONS,
  MAX_STORED_SKIPPED_KEYS,
  SIGNATURE_LENGTH,
  decodeBounded,
  kabar
} from '../../src/wire/index.ts'
import type { PreKeyHandshake, RatchetHeader, SessionMessage, SessionState } from '../../src/wire/index.ts'

function filled (length: number, value: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(length).fill(value)
}

function hex (bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}

function isDecodeFailure (pattern: RegExp) {
  return (err: unknown): boolean => {
    assert.ok(KabarError.is(err, 'DECODE_FAILED'), `expected DECODE_FAILED, got ${String(err)}`)
    assert.equal(err.name, 'KabarError')
    assert.match(err.message, pattern)
    return true
  }
}

const header: RatchetHeader = { ratchetKey: filled(KEY_LENGTH, 0x11), previousCounter: 1, counter: 2 }

const handshake: PreKeyHandshake = {
  identityKey: filled(KEY_LENGTH, 0x01),
  signingKey: filled(KEY_LENGTH, 0x02),
  identitySignature: filled(SIGNATURE_LENGTH, 0x03),
  baseKey: filled(KEY_LENGTH, 0x04),
  signedPrekeyId: 7,
  pqPrekeyId: 8,
  oneTimePrekeyId: 100,
  pqCiphertext: filled(1088, 0x05),
  context: filled(32, 0x06)
}

function skippedKeys (n: number): SessionState['skipped'] {
  return Array.from({ length: n }, (_, i) => ({ ratchetKey: filled(KEY_LENGTH, i), counter: i, messageKey: filled(KEY_LENGTH, 0xee) }))
}

function stateWith (skipped: number, previousChains = 0): Uint8Array {
  return kabar.SessionState.encode({
    version: 1,
    rootKey: filled(KEY_LENGTH, 0x0a),
    skipped: skippedKeys(skipped),
    previousChains: Array.from({ length: previousChains }, (_, i) => ({ ratchetKey: filled(KEY_LENGTH, i), length: i }))
  })
}

describe('wire formats', () => {
  describe('RatchetHeader', () => {
    it('round-trips', () => {
      const bytes = kabar.RatchetHeader.encode(header)
      assert.deepEqual(decodeBounded(kabar.RatchetHeader, bytes, MAX_RATCHET_HEADER, 'ratchet header'), header)
    })

    it('has a frozen encoding (field numbers 1, 2, 3)', () => {
      // tag 0x0a = field 1 bytes, 0x20 = 32; tag 0x10 = field 2 varint; tag 0x18 = field 3 varint.
      assert.equal(hex(kabar.RatchetHeader.encode(header)), '0a20' + '11'.repeat(32) + '1001' + '1802')
    })

    it('a header with maximal counters fits MAX_RATCHET_HEADER', () => {
      const max = { ratchetKey: filled(KEY_LENGTH, 0xff), previousCounter: 0xffffffff, counter: 0xffffffff }
      const bytes = kabar.RatchetHeader.encode(max)
      assert.ok(bytes.length <= MAX_RATCHET_HEADER, `${bytes.length} > ${MAX_RATCHET_HEADER}`)
      assert.deepEqual(decodeBounded(kabar.RatchetHeader, bytes, MAX_RATCHET_HEADER, 'ratchet header'), max)
    })

    it('zero counters are omitted (proto3 defaults) and decode back to 0', () => {
      const bytes = kabar.RatchetHeader.encode({ ratchetKey: filled(KEY_LENGTH, 0x11), previousCounter: 0, counter: 0 })
      assert.equal(bytes.length, 34)
      assert.deepEqual(kabar.RatchetHeader.decode(bytes), { ratchetKey: filled(KEY_LENGTH, 0x11), previousCounter: 0, counter: 0 })
    })
  })

  describe('PreKeyHandshake', () => {
    it('round-trips with a one-time prekey id', () => {
      const bytes = kabar.PreKeyHandshake.encode(handshake)
      assert.deepEqual(decodeBounded(kabar.PreKeyHandshake, bytes, MAX_SESSION_MESSAGE, 'handshake'), handshake)
    })

    it('round-trips without one (the optional field stays absent)', () => {
      const without: PreKeyHandshake = { ...handshake }
      delete without.oneTimePrekeyId
      const decoded = decodeBounded(kabar.PreKeyHandshake, kabar.PreKeyHandshake.encode(without), MAX_SESSION_MESSAGE, 'handshake')
      assert.deepEqual(decoded, without)
      assert.equal('oneTimePrekeyId' in decoded, false)
    })

    it('keeps a one-time prekey id of 0 (optional means presence is encoded)', () => {
      const decoded = kabar.PreKeyHandshake.decode(kabar.PreKeyHandshake.encode({ ...handshake, oneTimePrekeyId: 0 }))
      assert.equal(decoded.oneTimePrekeyId, 0)
    })
  })

  describe('SessionMessage', () => {
    const headerBytes = kabar.RatchetHeader.encode(header)

    it('round-trips with a handshake', () => {
      const message: SessionMessage = { version: 1, handshake, header: headerBytes, ciphertext: filled(100, 0x77) }
      const decoded = decodeBounded(kabar.SessionMessage, kabar.SessionMessage.encode(message), MAX_SESSION_MESSAGE, 'session message')
      assert.deepEqual(decoded, message)
      assert.deepEqual(kabar.RatchetHeader.decode(decoded.header), header)
    })

    it('round-trips without a handshake', () => {
      const message: SessionMessage = { version: 1, header: headerBytes, ciphertext: filled(16, 0x01) }
      const decoded = decodeBounded(kabar.SessionMessage, kabar.SessionMessage.encode(message), MAX_SESSION_MESSAGE, 'session message')
      assert.deepEqual(decoded, message)
      assert.equal(decoded.handshake, undefined)
    })
  })

  describe('decodeBounded', () => {
    it('rejects input over the byte limit before parsing, with DECODE_FAILED naming what and the sizes', () => {
      const bytes = kabar.RatchetHeader.encode(header)
      assert.ok(bytes.length <= MAX_RATCHET_HEADER)
      assert.throws(() => decodeBounded(kabar.RatchetHeader, new Uint8Array(MAX_RATCHET_HEADER + 1), MAX_RATCHET_HEADER, 'ratchet header'),
        isDecodeFailure(/^ratchet header: 65 bytes exceeds the limit of 64$/))
      assert.throws(() => decodeBounded(kabar.RatchetHeader, bytes, bytes.length - 1, 'ratchet header'), isDecodeFailure(/exceeds the limit/))
      assert.doesNotThrow(() => decodeBounded(kabar.RatchetHeader, bytes, bytes.length, 'ratchet header'))
    })

    it('rejects a session message one byte over MAX_SESSION_MESSAGE', () => {
      assert.throws(() => decodeBounded(kabar.SessionMessage, new Uint8Array(MAX_SESSION_MESSAGE + 1), MAX_SESSION_MESSAGE, 'session message'),
        isDecodeFailure(/^session message: \d+ bytes exceeds the limit of \d+$/))
    })

    const malformed: ReadonlyArray<readonly [string, Uint8Array]> = [
      ['a truncated varint (continuation bit, then nothing)', Uint8Array.from([0x10, 0x80])],
      ['a truncated tag varint', Uint8Array.from([0x80])],
      ['0xff repeated 8 times (an unterminated varint)', filled(8, 0xff)],
      ['0xff repeated 16 times (wire type 7 garbage)', filled(16, 0xff)],
      ['0xff repeated 64 times', filled(64, 0xff)],
      // Field 15 is unknown to all three messages, so the parser must skip it by wire type.
      ['an unknown field with invalid wire type 7', Uint8Array.from([0x7f, 0x00])],
      ['an unknown field with invalid wire type 6', Uint8Array.from([0x7e, 0x00])],
      ['a length prefix longer than the input', Uint8Array.from([0x0a, 0x20, 0x01, 0x02])],
      ['a truncated fixed64 of an unknown field', Uint8Array.from([0x79, 0x01, 0x02])]
    ]
    for (const [name, bytes] of malformed) {
      it(`wraps ${name} in DECODE_FAILED with the parser error as cause`, () => {
        const decoders = [
          () => decodeBounded(kabar.RatchetHeader, bytes, 1024, 'frame'),
          () => decodeBounded(kabar.PreKeyHandshake, bytes, 1024, 'frame'),
          () => decodeBounded(kabar.SessionMessage, bytes, 1024, 'frame')
        ]
        for (const decode of decoders) {
          assert.throws(decode, (err: unknown) => {
            isDecodeFailure(/^frame: malformed protobuf$/)(err)
            assert.ok((err as Error).cause instanceof Error, 'the parser error is kept as cause')
            return true
          })
        }
      })
    }

    it('a truncated copy of a valid message fails, at every cut inside a field', () => {
      const bytes = kabar.SessionMessage.encode({ version: 1, handshake, header: kabar.RatchetHeader.encode(header), ciphertext: filled(40, 1) })
      // Cutting inside the handshake (field 2, a length-delimited submessage) always leaves a short length prefix.
      for (const cut of [3, 10, 50, 500, 1000]) {
        assert.throws(() => decodeBounded(kabar.SessionMessage, bytes.subarray(0, cut), MAX_SESSION_MESSAGE, 'session message'),
          isDecodeFailure(/malformed protobuf/), `cut at ${cut}`)
      }
    })

    it('rejects a value that is not bytes', () => {
      for (const value of [null, undefined, 'ab', [1, 2], new ArrayBuffer(2)]) {
        assert.throws(() => decodeBounded(kabar.RatchetHeader, value as unknown as Uint8Array, 64, 'ratchet header'),
          isDecodeFailure(/^ratchet header: expected bytes$/))
      }
    })
  })

  describe('decode limits on repeated fields', () => {
    it('SessionState.skipped: at the limit decodes, one over fails with DECODE_FAILED', () => {
      const bytes = stateWith(5)
      assert.equal(decodeBounded(kabar.SessionState, bytes, 1 << 20, 'session state', { skipped: 5 }).skipped.length, 5)
      assert.throws(() => decodeBounded(kabar.SessionState, bytes, 1 << 20, 'session state', { skipped: 4 }), (err: unknown) => {
        isDecodeFailure(/^session state: malformed protobuf$/)(err)
        const cause = (err as Error).cause
        assert.ok(cause instanceof Error)
        assert.equal(cause.name, 'MaxLengthError')
        assert.match(cause.message, /skipped/)
        return true
      })
    })

    it('SessionState.previousChains is limited independently', () => {
      const bytes = stateWith(1, 3)
      assert.equal(decodeBounded(kabar.SessionState, bytes, 1 << 20, 'session state', { skipped: 1, previousChains: 3 }).previousChains.length, 3)
      assert.throws(() => decodeBounded(kabar.SessionState, bytes, 1 << 20, 'session state', { previousChains: 2 }), isDecodeFailure(/malformed/))
    })

    it('a state at MAX_STORED_SKIPPED_KEYS decodes and one more is rejected', () => {
      const limits = { skipped: MAX_STORED_SKIPPED_KEYS }
      const atLimit = stateWith(MAX_STORED_SKIPPED_KEYS)
      assert.equal(decodeBounded(kabar.SessionState, atLimit, 1 << 24, 'session state', limits).skipped.length, MAX_STORED_SKIPPED_KEYS)
      assert.throws(() => decodeBounded(kabar.SessionState, stateWith(MAX_STORED_SKIPPED_KEYS + 1), 1 << 24, 'session state', limits), isDecodeFailure(/malformed/))
    })

    it('nested limits apply inside SessionRecordState (current and each previous)', () => {
      const state = kabar.SessionState.decode(stateWith(3))
      const record = kabar.SessionRecordState.encode({ current: state, previous: [state, state] })
      const ok = { previous: MAX_STORED_PREVIOUS_SESSIONS, current: { skipped: 3 }, previous$: { skipped: 3 } }
      const decoded = decodeBounded(kabar.SessionRecordState, record, 1 << 20, 'session record', ok)
      assert.equal(decoded.previous.length, 2)
      assert.equal(decoded.current?.skipped.length, 3)
      assert.throws(() => decodeBounded(kabar.SessionRecordState, record, 1 << 20, 'session record', { ...ok, previous: 1 }), isDecodeFailure(/malformed/))
      assert.throws(() => decodeBounded(kabar.SessionRecordState, record, 1 << 20, 'session record', { ...ok, current: { skipped: 2 } }), isDecodeFailure(/malformed/))
      assert.throws(() => decodeBounded(kabar.SessionRecordState, record, 1 << 20, 'session record', { ...ok, previous$: { skipped: 2 } }), isDecodeFailure(/malformed/))
    })

    it('without limits, repeated fields are unbounded (the limits option is what enforces them)', () => {
      assert.equal(decodeBounded(kabar.SessionState, stateWith(10), 1 << 20, 'session state').skipped.length, 10)
    })
  })
})
