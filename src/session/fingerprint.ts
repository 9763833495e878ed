/**
 * Safety numbers: a 60-digit fingerprint of two account keys that both people
 * see identically (order-independent), compared out of band to rule out a
 * man in the middle. Modelled on libsignal's displayable fingerprint:
 *
 *   h_0 = SHA-512(lp(LABELS.safetyNumber) || lp(accountKey))
 *   h_i = SHA-512(h_{i-1} || accountKey)              for i = 1 .. 5200
 *   digits(key) = the first 30 bytes of h_5200 as six 5-byte big-endian
 *                 integers, each mod 100000, zero-padded to 5 digits
 *   safetyNumber(a, b) = the two 30-digit strings, the smaller first
 */
import { assertBytes, concat, label, lengthPrefixed, sha512 } from '../crypto/index.ts'
import { SAFETY_NUMBER_ITERATIONS } from './constants.ts'

function partyDigits (accountKey: Uint8Array): string {
  let hash = sha512(lengthPrefixed(label('safetyNumber'), accountKey))
  for (let i = 0; i < SAFETY_NUMBER_ITERATIONS; i++) hash = sha512(concat(hash, accountKey))
  let digits = ''
  for (let chunk = 0; chunk < 6; chunk++) {
    let value = 0
    for (let j = 0; j < 5; j++) value = value * 256 + (hash[chunk * 5 + j] ?? 0)
    digits += String(value % 100000).padStart(5, '0')
  }
  return digits
}

/** The 60-digit safety number of two 32-byte Ed25519 account keys; the same whichever comes first. */
export function safetyNumber (accountKeyA: Uint8Array, accountKeyB: Uint8Array): string {
  assertBytes(accountKeyA, 32, 'accountKeyA')
  assertBytes(accountKeyB, 32, 'accountKeyB')
  const a = partyDigits(accountKeyA)
  const b = partyDigits(accountKeyB)
  return a <= b ? a + b : b + a
}

/** The safety number grouped for display: 12 groups of 5 digits. */
export function formatSafetyNumber (digits: string): string {
  return (digits.match(/.{1,5}/g) ?? []).join(' ')
}
