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

/** An Envelope id on /kabar/msg: 128 random bits, so ids of independent senders never collide (DESIGN.md "Delivery"). */
export const ENVELOPE_ID_LENGTH = 16

/**
 * Largest MsgFrame on /kabar/msg (the length prefix excluded): one
 * SessionMessage of at most MAX_SESSION_MESSAGE bytes plus framing. The
 * framing (MsgFrame and Envelope tags and length varints, and the 16-byte id)
 * takes at most 30 bytes; 64 rounds that up. A prefix announcing more is
 * refused before a byte of the frame is buffered.
 */
export const MAX_FRAME_SIZE = MAX_SESSION_MESSAGE + 64

/** Largest MsgFrame holding an Ack: the 16-byte id, a status varint and tags take at most 30 bytes. */
export const MAX_ACK_FRAME_SIZE = 64

/** Largest frame on /kabar/prekey: a PrekeyResponse (a 32-byte key, an id varint and tags) takes at most 42 bytes; a PrekeyRequest is empty. */
export const MAX_PREKEY_FRAME_SIZE = 64

/**
 * Largest /kabar/link/1.0.0 frame: 1 KiB. A LinkRequest is 52 bytes and a
 * LinkResponse about 300 (a device certificate with a 64-character label
 * plus an error sentence).
 */
export const MAX_LINK_FRAME_SIZE = 1024

/**
 * Largest frame on /kabar/mailbox/1.0.0: a deposit, a fetched batch or a push
 * of several envelopes (each at most MAX_SESSION_MESSAGE), which senders and
 * the mailbox cut at MAILBOX_BATCH_BYTES; 4 MiB leaves room for one maximal
 * envelope beyond that cut and the framing.
 */
export const MAX_MAILBOX_FRAME_SIZE = 4 * 1024 * 1024

/** Items in one mailbox request or response: a sender's delivery batch (64) with room to spare. */
export const MAX_MAILBOX_ITEMS = 256
