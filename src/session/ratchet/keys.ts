/**
 * The Double Ratchet's KDF steps (Signal DR §5.2, recommended functions):
 *   KDF_RK(rk, dh_out) = HKDF-SHA256(salt = rk, ikm = dh_out, info = LABELS.rootKdf, 64) → (rk', ck)
 *   KDF_CK(ck)         = (HMAC-SHA256(ck, 0x02) → ck', HMAC-SHA256(ck, 0x01) → mk)
 *   key   = HMAC-SHA256(mk, LABELS.messageKey)                 (AES-256 key)
 *   nonce = HMAC-SHA256(mk, LABELS.messageNonce)[0..12]        (GCM nonce)
 *
 * NOTE: Signal DR §5.2 expands mk with HKDF; kabar uses HMAC-SHA256 as the
 * PRF directly (as the chain KDF already does), because node:crypto's
 * hkdfSync costs ~7 HMACs per call and this runs twice per message. Each mk
 * encrypts exactly one message, so key and nonce are single-use either way.
 */
import { hkdfSha256, hmacSha256, label } from '../../crypto/index.ts'

const MESSAGE_KEY_SEED = Uint8Array.of(0x01)
const CHAIN_KEY_SEED = Uint8Array.of(0x02)

export function kdfRoot (rootKey: Uint8Array, dhOutput: Uint8Array): { rootKey: Uint8Array, chainKey: Uint8Array } {
  const out = hkdfSha256(dhOutput, rootKey, label('rootKdf'), 64)
  return { rootKey: out.slice(0, 32), chainKey: out.slice(32, 64) }
}

export function kdfChain (chainKey: Uint8Array): { chainKey: Uint8Array, messageKey: Uint8Array } {
  return { chainKey: hmacSha256(chainKey, CHAIN_KEY_SEED), messageKey: hmacSha256(chainKey, MESSAGE_KEY_SEED) }
}

export function expandMessageKey (messageKey: Uint8Array): { key: Uint8Array, nonce: Uint8Array } {
  return { key: hmacSha256(messageKey, label('messageKey')), nonce: hmacSha256(messageKey, label('messageNonce')).subarray(0, 12) }
}
