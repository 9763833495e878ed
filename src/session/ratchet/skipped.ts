/**
 * The bounded store of skipped message keys (Signal DR §3.2 MKSKIPPED): keys
 * of messages not yet received within a chain. Arrays are never modified in
 * place; every change returns a new array, so old states stay intact.
 */
import { bytesEqual } from '../../crypto/index.ts'
import { MAX_SKIPPED_TOTAL } from '../constants.ts'
import type { SkippedKey } from './state.ts'

/** Index of the key for (ratchetKey, counter), or -1. */
export function findSkipped (skipped: readonly SkippedKey[], ratchetKey: Uint8Array, counter: number): number {
  for (let i = 0; i < skipped.length; i++) {
    const k = skipped[i]
    if (k !== undefined && k.counter === counter && bytesEqual(k.ratchetKey, ratchetKey)) return i
  }
  return -1
}

/** The store without the key at `index` (it was used). */
export function removeSkipped (skipped: readonly SkippedKey[], index: number): readonly SkippedKey[] {
  return skipped.slice(0, index).concat(skipped.slice(index + 1))
}

/** The store with `added` appended, the oldest keys evicted beyond MAX_SKIPPED_TOTAL. */
export function appendSkipped (skipped: readonly SkippedKey[], added: readonly SkippedKey[]): readonly SkippedKey[] {
  if (added.length === 0) return skipped
  const all = skipped.concat(added)
  return all.length > MAX_SKIPPED_TOTAL ? all.slice(all.length - MAX_SKIPPED_TOTAL) : all
}
