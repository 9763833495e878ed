/**
 * Seals every stored value with AES-256-GCM, so no message text or private key
 * is readable in the database files (DESIGN.md "Storage").
 *
 * NOTE: this is a wrapper, not an abstract-level `valueEncoding`: an encoding's
 * `encode(value)` never sees the key, and binding the key is the point. The
 * associated data names the sublevel and the key, so a value copied or moved
 * to another key (or another sublevel) fails to open instead of being read as
 * that key's data. Keys themselves stay plaintext (LevelDB must sort them):
 * callers never put secrets or message text in keys, only ids.
 *
 * Sealed value: `0x01 || nonce (12, random) || AES-256-GCM(valueKey, nonce, value, ad) || tag (16)`,
 * ad = `lp("kabar/v1/store/value") || lp(0x01) || lp(sublevel) || lp(key)`.
 * Random 96-bit nonces stay within NIST SP 800-38D §8.3 (at most 2^32 seals
 * per key) far beyond any one node's lifetime of writes.
 */
import { aes256gcmOpen, aes256gcmSeal, GCM_NONCE_LENGTH, GCM_TAG_LENGTH } from '../crypto/aead.ts'
import { assertBytes, lengthPrefixed, utf8, wipe } from '../crypto/bytes.ts'
import { hkdfSha256 } from '../crypto/kdf.ts'
import { defaultRandom } from '../crypto/random.ts'
import type { RandomSource } from '../crypto/random.ts'
import { DATA_KEY_LENGTH, SEALED_FORMAT_VERSION, STORE_LABELS } from './constants.ts'
import { describeEntry, StoreCorruptError, StoreFailedError } from './errors.ts'

/** Bytes a sealed value adds to its plaintext: version, nonce, tag. */
export const SEALED_OVERHEAD = 1 + GCM_NONCE_LENGTH + GCM_TAG_LENGTH

export interface ValueSealer {
  /** Seals `value` for (sublevel, key). */
  seal: (sublevel: string, key: string, value: Uint8Array) => Uint8Array
  /** Opens what `seal` produced for the same (sublevel, key); StoreCorruptError otherwise. */
  open: (sublevel: string, key: string, sealed: Uint8Array) => Uint8Array
  /** Overwrites the value key; the sealer is unusable afterwards. */
  destroy: () => void
}

/**
 * The value key is HKDF(dataKey, info = "kabar/v1/store/value-key") rather than
 * the data key itself, so the data key can later protect other things (files,
 * exports) without two uses ever sharing an AES key.
 */
export function deriveValueKey (dataKey: Uint8Array): Uint8Array {
  assertBytes(dataKey, DATA_KEY_LENGTH, 'dataKey')
  return hkdfSha256(dataKey, new Uint8Array(0), utf8(STORE_LABELS.valueKey), DATA_KEY_LENGTH)
}

/** A sealer for one open store. It derives (and owns) the value key; the caller still owns `dataKey`. */
export function createValueSealer (dataKey: Uint8Array, random: RandomSource = defaultRandom): ValueSealer {
  const valueKey = deriveValueKey(dataKey)
  let destroyed = false
  const live = (): Uint8Array => {
    if (destroyed) throw new StoreFailedError('the store is closed')
    return valueKey
  }
  return {
    seal (sublevel, key, value) {
      assertBytes(value, undefined, 'value')
      const nonce = random(GCM_NONCE_LENGTH)
      const box = aes256gcmSeal(live(), nonce, value, associatedData(sublevel, key))
      const out = new Uint8Array(1 + nonce.length + box.length)
      out[0] = SEALED_FORMAT_VERSION
      out.set(nonce, 1)
      out.set(box, 1 + nonce.length)
      return out
    },
    open (sublevel, key, sealed) {
      const where = describeEntry(sublevel, key)
      if (sealed.length < SEALED_OVERHEAD || sealed[0] !== SEALED_FORMAT_VERSION) {
        throw new StoreCorruptError(`stored value ${where} is not a sealed value (truncated or unknown format)`)
      }
      const nonce = sealed.subarray(1, 1 + GCM_NONCE_LENGTH)
      try {
        return aes256gcmOpen(live(), nonce, sealed.subarray(1 + GCM_NONCE_LENGTH), associatedData(sublevel, key))
      } catch (err) {
        throw new StoreCorruptError(`stored value ${where} fails to open: damaged, moved from another key, or sealed under another data key`, { cause: err })
      }
    },
    destroy () {
      destroyed = true
      wipe(valueKey)
    }
  }
}

function associatedData (sublevel: string, key: string): Uint8Array {
  return lengthPrefixed(utf8(STORE_LABELS.valueAd), Uint8Array.of(SEALED_FORMAT_VERSION), utf8(sublevel), utf8(key))
}
