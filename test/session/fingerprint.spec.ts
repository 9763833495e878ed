import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatSafetyNumber, safetyNumber } from '../../src/session/index.ts'

const ONES = new Uint8Array(32).fill(0x01)
const TWOS = new Uint8Array(32).fill(0x02)

/**
 * FROZEN VECTOR: safetyNumber(0x01 × 32, 0x02 × 32). Computed once with this
 * implementation and cross-checked with an independent Python
 * reimplementation of the construction in src/session/fingerprint.ts
 * (label 'kabar/v1/safety-number', 5200 SHA-512 iterations). If this test
 * fails, the safety numbers users compare have changed: that is a protocol
 * change, not a test to update.
 */
const FROZEN = '318925788326164213905377103973325944565626048134489116734662'

describe('safety number', () => {
  it('matches the frozen vector for two fixed keys', () => {
    assert.equal(safetyNumber(ONES, TWOS), FROZEN)
  })

  it('is 60 digits and the same whichever key comes first', () => {
    const forward = safetyNumber(ONES, TWOS)
    assert.match(forward, /^[0-9]{60}$/)
    assert.equal(safetyNumber(TWOS, ONES), forward)
  })

  it('changes when either key changes', () => {
    const otherA = new Uint8Array(ONES)
    otherA[31] = 0x03
    const otherB = new Uint8Array(TWOS)
    otherB[0] = 0x00
    const changedA = safetyNumber(otherA, TWOS)
    const changedB = safetyNumber(ONES, otherB)
    assert.notEqual(changedA, FROZEN)
    assert.notEqual(changedB, FROZEN)
    assert.notEqual(changedA, changedB)
    // Each half belongs to one key: the unchanged key's 30 digits survive.
    const halves = (n: string): string[] => [n.slice(0, 30), n.slice(30)]
    const twosHalf = halves(FROZEN).filter((h) => halves(changedA).includes(h))
    assert.equal(twosHalf.length, 1)
  })

  it('refuses keys that are not 32 bytes', () => {
    for (const bad of [new Uint8Array(0), new Uint8Array(31), new Uint8Array(33), new Uint8Array(64)]) {
      assert.throws(() => safetyNumber(bad, TWOS), RangeError)
      assert.throws(() => safetyNumber(ONES, bad), RangeError)
    }
    assert.throws(() => safetyNumber('x'.repeat(32) as unknown as Uint8Array, TWOS), TypeError)
  })

  it('formats as 12 groups of 5 digits', () => {
    const formatted = formatSafetyNumber(FROZEN)
    const groups = formatted.split(' ')
    assert.equal(groups.length, 12)
    for (const group of groups) assert.match(group, /^[0-9]{5}$/)
    assert.equal(groups.join(''), FROZEN)
    assert.equal(formatted, '31892 57883 26164 21390 53771 03973 32594 45656 26048 13448 91167 34662')
  })
})
