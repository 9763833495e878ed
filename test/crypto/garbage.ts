/**
 * Garbage lists for byte arguments (after noble-hashes' `TYPE_TEST` and
 * js-libp2p's test-garbage-error-handling): every public crypto function must
 * reject each of these with a TypeError or RangeError whose message names the
 * argument, as `assertBytes(value, length, title)` promises.
 */
import assert from 'node:assert/strict'

/** Values of the wrong type for a byte argument (never a Uint8Array). */
export const NOT_BYTES: ReadonlyArray<readonly [string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['a string', 'deadbeef'],
  ['a 64-char hex string', '00'.repeat(32)],
  ['a number', 42],
  ['a bigint', 42n],
  ['a boolean', true],
  ['an object', {}],
  ['an array of numbers', new Array<number>(32).fill(1)],
  ['an ArrayBuffer', new ArrayBuffer(32)],
  ['a Uint16Array', new Uint16Array(16)],
  ['a Uint8ClampedArray', new Uint8ClampedArray(32)],
  ['a DataView', new DataView(new ArrayBuffer(32))]
]

function escape (text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Asserts that `call(value)` throws TypeError for every wrong type and, when
 * `length` is given, RangeError for lengths 0, length-1 and length+1; both
 * messages must start with `title`. `skipUndefined` is for arguments that
 * have a default value.
 */
export function assertRejectsGarbage (call: (value: unknown) => unknown, title: string, length?: number, skipUndefined = false): void {
  for (const [what, value] of NOT_BYTES) {
    if (skipUndefined && value === undefined) continue
    assert.throws(() => call(value), (err: unknown) => {
      assert.ok(err instanceof TypeError, `${title} = ${what}: expected TypeError, got ${String(err)}`)
      assert.match(err.message, new RegExp(`^${escape(title)} must be a Uint8Array`), `${title} = ${what}`)
      return true
    })
  }
  if (length === undefined) return
  for (const wrong of new Set([0, length - 1, length + 1])) {
    assert.throws(() => call(new Uint8Array(wrong)), (err: unknown) => {
      assert.ok(err instanceof RangeError, `${title} of ${wrong} bytes: expected RangeError, got ${String(err)}`)
      assert.equal(err.message, `${title} must be ${length} bytes, got ${wrong}`)
      return true
    })
  }
}
