/**
 * The Double Ratchet's KDF steps (Signal DR §5.2, recommended functions):
 *   KDF_RK(rk, dh_out) = HKDF-SHA256(salt = rk, ikm = dh_out, info = LABELS.rootKdf, 64) → (rk', ck)
 *   KDF_CK(ck)         = (HMAC-SHA256(ck, 0x02) → ck', HMAC-SHA256(ck, 0x01) → mk)
 *   mk → HKDF-SHA256(salt = 0^32, ikm = mk, info = LABELS.messageKeys, 44) → AES-256 key (32) || GCM nonce (12)
 */
import { hkdfSha256, hmacSha256, label } from '../../crypto/index.ts'

const MESSAGE_KEY_SEED = Uint8Array.of(0x01)
const CHAIN_KEY_SEED = Uint8Array.of(0x02)
const ZERO_SALT = new Uint8Array(32)

export function kdfRoot (rootKey: Uint8Array, dhOutput: Uint8Array): { rootKey: Uint8Array, chainKey: Uint8Array } {
  const out = hkdfSha256(dhOutput, rootKey, label('rootKdf'), 64)
  return { rootKey: out.slice(0, 32), chainKey: out.slice(32, 64) }
}

export function kdfChain (chainKey: Uint8Array): { chainKey: Uint8Array, messageKey: Uint8Array } {
  return { chainKey: hmacSha256(chainKey, CHAIN_KEY_SEED), messageKey: hmacSha256(chainKey, MESSAGE_KEY_SEED) }
}

export function expandMessageKey (messageKey: Uint8Array): { key: Uint8Array, nonce: Uint8Array } {
  const out = hkdfSha256(messageKey, ZERO_SALT, label('messageKeys'), 44)
  return { key: out.subarray(0, 32), nonce: out.subarray(32, 44) }
}
