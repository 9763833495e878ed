/**
 * The Double Ratchet's KDF steps (Signal DR §5.2, recommended functions):
 *   KDF_RK(rk, dh_out) = HKDF-SHA256(salt = rk, ikm = dh_out, info = LABELS.rootKdf, 64) → (rk', ck)
 *   KDF_CK(ck)         = (HMAC-SHA256(ck, 0x02) → ck', HMAC-SHA256(ck, 0x01) → mk)
 *
 * A message is sealed with mk itself as its AES-256-GCM key and the constant
 * nonce MESSAGE_NONCE (see ratchet.ts): Signal DR §3.1 ENCRYPT allows a
 * constant nonce because each message key encrypts exactly one message.
 */
import { GCM_NONCE_LENGTH, hkdfSha256, hmacSha256, label } from '../../crypto/index.ts'

const MESSAGE_KEY_SEED = Uint8Array.of(0x01)
const CHAIN_KEY_SEED = Uint8Array.of(0x02)

export function kdfRoot (rootKey: Uint8Array, dhOutput: Uint8Array): { rootKey: Uint8Array, chainKey: Uint8Array } {
  const out = hkdfSha256(dhOutput, rootKey, label('rootKdf'), 64)
  // `out` owns its 64 bytes: two views share it without copying.
  return { rootKey: out.subarray(0, 32), chainKey: out.subarray(32, 64) }
}

export function kdfChain (chainKey: Uint8Array): { chainKey: Uint8Array, messageKey: Uint8Array } {
  return { chainKey: hmacSha256(chainKey, CHAIN_KEY_SEED), messageKey: hmacSha256(chainKey, MESSAGE_KEY_SEED) }
}

/**
 * The GCM nonce of every message: twelve zero bytes (never modify it). Its
 * key, mk, is a fresh PRF output, and the sending chain moves past it as it
 * encrypts, so each mk seals one message and the (key, nonce) pair never repeats.
 */
export const MESSAGE_NONCE: Uint8Array = new Uint8Array(GCM_NONCE_LENGTH)
