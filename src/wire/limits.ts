/**
 * Decode limits for everything a peer sends. Each bound has its reason;
 * over a bound the input is rejected, never accommodated.
 */

/** X25519 and Ed25519 public keys, and symmetric keys, are exactly 32 bytes. */
export const KEY_LENGTH = 32

/** Ed25519 signatures are exactly 64 bytes. */
export const SIGNATURE_LENGTH = 64

/**
 * Extra associated data in a handshake (e.g. a SHA-256 disclosure hash plus a
 * version). 64 bytes holds two hashes; anything larger is not context.
 */
export const MAX_HANDSHAKE_CONTEXT = 64

/**
 * An encoded RatchetHeader: a 32-byte key and two varints fit in 48 bytes;
 * 64 leaves room for one future field without letting a peer send a blob.
 */
export const MAX_RATCHET_HEADER = 64

/**
 * Largest plaintext a session will encrypt: 256 KiB. Messages are chat text
 * and small attachments' keys; larger files travel as separate streams.
 */
export const MAX_PLAINTEXT = 256 * 1024

/**
 * Largest encoded SessionMessage: the plaintext bound, plus the handshake
 * (ML-KEM ciphertext 1088 bytes and keys) and headers, rounded up.
 */
export const MAX_SESSION_MESSAGE = MAX_PLAINTEXT + 4096

/** Skipped keys a stored session may hold (mirrors session MAX_SKIPPED_TOTAL with headroom for decoding only). */
export const MAX_STORED_SKIPPED_KEYS = 4096

/** Previous sessions a stored record may hold when decoded. */
export const MAX_STORED_PREVIOUS_SESSIONS = 64
