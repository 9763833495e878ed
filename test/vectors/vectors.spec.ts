import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { computeVectors } from './compute.ts'
import type { Vectors } from './compute.ts'

const frozen = JSON.parse(readFileSync('test/vectors/kabar-v1.json', 'utf8')) as Vectors
const computed = computeVectors()

describe('kabar frozen vectors (test/vectors/kabar-v1.json)', () => {
  it('labels are unchanged', () => {
    assert.deepEqual(computed.labels, frozen.labels)
  })

  it('root and chain KDF outputs are unchanged', () => {
    assert.deepEqual(computed.kdf, frozen.kdf)
  })

  it('identity binding and prekey signatures are unchanged', () => {
    assert.deepEqual(computed.signatures, frozen.signatures)
  })

  it('the fixed PQXDH handshake derives the same secret and associated data', () => {
    assert.deepEqual(computed.handshake, frozen.handshake)
  })

  it('the fixed ratchet transcript encodes byte-for-byte the same messages', () => {
    assert.equal(computed.transcript.length, 6)
    assert.deepEqual(computed.transcript, frozen.transcript)
  })

  it('the safety number of two fixed keys is unchanged', () => {
    assert.match(computed.safetyNumber.digits, /^\d{60}$/)
    assert.deepEqual(computed.safetyNumber, frozen.safetyNumber)
  })

  it('docs/PROTOCOL.md prints every frozen value', () => {
    const doc = readFileSync('docs/PROTOCOL.md', 'utf8')
    const values: string[] = [
      ...Object.values(frozen.labels),
      ...Object.values(frozen.kdf),
      ...Object.values(frozen.signatures),
      ...Object.values(frozen.handshake).map(String),
      ...frozen.transcript.map((t) => t.message),
      frozen.safetyNumber.digits
    ]
    const missing = values.filter((v) => !doc.includes(v))
    assert.deepEqual(missing, [], 'docs/PROTOCOL.md is missing frozen values; copy them from test/vectors/kabar-v1.json')
  })
})
