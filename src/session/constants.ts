/**
 * Every bound of the session layer, with the reason for its value. A peer
 * controls message counters, so each of these also bounds work and memory
 * a peer can make us spend.
 */

/** Version of SessionMessage and SessionState this code speaks. */
export const SESSION_VERSION = 1

/**
 * Most message keys derived and stored for one incoming message within one
 * chain (Signal DR §3.2 MAX_SKIP). 1,000 covers a long burst lost in transit
 * while capping the HMAC work one forged header can cause at ~1 ms.
 */
export const MAX_SKIP = 1000

/**
 * Most skipped message keys one session keeps in total, across chains
 * (libsignal MAX_MESSAGE_KEYS = 2000). At 68 bytes each that is ~136 KiB per
 * session at worst; the oldest is evicted first, since late messages are
 * most likely lost for good.
 */
export const MAX_SKIPPED_TOTAL = 2000

/**
 * Previous receiving chains remembered (libsignal MAX_RECEIVER_CHAINS = 5),
 * only so a replay from an old chain is reported as a duplicate rather than
 * as a forgery.
 */
export const MAX_PREVIOUS_CHAINS = 5

/**
 * Previous sessions a record keeps besides the current one. Two sessions
 * appear when both sides initiate at once, more when a device restores from
 * a backup and re-keys; 5 covers those without trial-decrypting for long.
 */
export const MAX_PREVIOUS_SESSIONS = 5

/** Safety number: SHA-512 iterations per party (libsignal fingerprint uses 5200). */
export const SAFETY_NUMBER_ITERATIONS = 5200

/**
 * Most message keys a group member derives for one incoming sender-key
 * message (libsignal's sender keys allow 2,000 ahead as well). A sender
 * that was offline rejoins with everything it published since; 2,000 is a
 * long backlog from one device while capping a forged iteration's work at
 * ~2 ms of HMAC. (Forgery needs the signing key anyway: the signature is
 * checked before any key is derived.)
 */
export const MAX_SENDER_SKIP = 2000

/** Skipped sender-key message keys kept per chain (oldest evicted): late copies from catch-up. */
export const MAX_SENDER_SKIPPED = 2000

/**
 * Largest published group message: a 64 KiB text plus the content's
 * causal links (10 ids) and the sender-key framing. Gossipsub's own
 * maximum (4 MiB by default) is far above; this bounds what a validator parses.
 */
export const MAX_GROUP_MESSAGE = 64 * 1024 + 1024
