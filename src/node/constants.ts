/**
 * The node's timings and sizes, each with why it has its value.
 * A leaf module (records/limits.ts is one too): the CLI reads its limits
 * from here without loading the node.
 */
import { MAX_ATTESTATION_LIFETIME } from '../records/limits.ts'

/**
 * Most verifiers a user may trust, and so the largest k: 32. Evaluating a
 * business fetches the account record of each trusted verifier that vouched
 * for it (for its revocations), so this bounds that fan-out; and nobody
 * reviews a longer list of whom they trust.
 */
export const MAX_TRUSTED_VERIFIERS = 32

/** The longest `--days` a verifier may sign for: MAX_ATTESTATION_LIFETIME in days (398). */
export const MAX_ATTESTATION_DAYS = Math.floor(MAX_ATTESTATION_LIFETIME / (24 * 60 * 60 * 1000))

/** One-time prekeys kept on hand; an online device hands one to each new initiator. */
export const ONE_TIME_PREKEY_POOL = 20

/**
 * When fewer unhanded one-time prekeys than this are left, the pool is refilled at once, locally:
 * one-time keys are handed out over /kabar/prekey, never published, so no publication is needed,
 * and 15 X25519 keys take well under a millisecond.
 */
export const ONE_TIME_PREKEY_REFILL_AT = 5

/**
 * One-time prekeys one peer may be handed per ONE_TIME_PREKEY_WINDOW_MS. A stranger starts a
 * session with us once (a new device of it once more); past its quota it is answered "none left"
 * and its handshake uses the signed and ML-KEM last-resort keys, as when we are offline. Without
 * it a handful of requests emptied the pool (issue 19). Contacts and own devices, who reset
 * sessions and add devices, get ONE_TIME_PREKEYS_PER_KNOWN_PEER.
 */
export const ONE_TIME_PREKEYS_PER_PEER = 3
export const ONE_TIME_PREKEYS_PER_KNOWN_PEER = 30
export const ONE_TIME_PREKEY_WINDOW_MS = 3600_000

/**
 * One-time prekeys handed out and not yet used, at most: strangers get none past it (known peers
 * may use up to twice it). Strangers with fresh identities each get their own quota, so this bounds
 * what they can make us store: 200 keys, ~40 KB.
 */
export const MAX_OUTSTANDING_ONE_TIME_PREKEYS = 200

/**
 * A one-time prekey handed out and unused this long is removed. An initiator sends its first
 * message right after fetching the key, while we are online; one that has not arrived within the
 * lifetime of a prekey record (7 days, records/limits.ts) is not coming, and the key only holds a
 * place in the outstanding limit.
 */
export const ONE_TIME_PREKEY_UNUSED_MS = 7 * 24 * 3600_000

/** Signed prekeys rotate weekly (Signal rotates on a schedule of days to weeks). */
export const SIGNED_PREKEY_ROTATION_MS = 7 * 24 * 3600_000

/**
 * The previous signed prekey is kept this long after rotation, so a peer that
 * fetched the old record can still start a session (records/limits.ts keeps
 * prekey records alive at most 30 days).
 */
export const SIGNED_PREKEY_GRACE_MS = 30 * 24 * 3600_000 + 10 * 60_000

/** Records are republished this often, well inside their 7-day (prekey) and 30-day (account) lifetimes and DHT churn. */
export const REPUBLISH_INTERVAL_MS = 10 * 60_000

/**
 * A publication no DHT peer confirmed (e.g. the node had no peers yet) is
 * retried after this long, doubling on each failure up to PUBLISH_RETRY_MAX_MS,
 * less up to PUBLISH_RETRY_JITTER of it at random. A fixed 5 s retry turned an
 * overloaded network's slow puts into more puts (docs/SIMULATION.md): every
 * node retried every 5 s, in step.
 */
export const PUBLISH_RETRY_MS = 5_000

/**
 * A publication that this many peers took (each record) went into a formed network: half of
 * kad-dht's k = 20, the peers closest to a key that store it. Fewer means the network had fewer
 * nodes than that when we published (a seed, an early node), so the node publishes again as its
 * routing table grows (publication/publication.ts), looking this often. Half, not all of k: a put in a busy
 * network routinely misses a few slow peers, and that must not cost a republication.
 */
export const FULL_REPLICAS = 10
export const GROWTH_CHECK_MS = 5_000
export const PUBLISH_RETRY_MAX_MS = 5 * 60_000
export const PUBLISH_RETRY_JITTER = 0.5

/** Retry backoff for undelivered envelopes: first delay, cap, and random jitter fraction. */
export const RETRY_INITIAL_MS = 1_000
export const RETRY_MAX_MS = 5 * 60_000
export const RETRY_JITTER = 0.5

/** Bound on dialing a recipient device and on one delivery round. */
export const DIAL_TIMEOUT_MS = 10_000
export const DELIVERY_TIMEOUT_MS = 30_000

/** Bound on fetching a one-time prekey from an online device before falling back to last-resort keys. */
export const PREKEY_FETCH_TIMEOUT_MS = 3_000

/** Envelopes sent per stream round; the rest follow in the next round. */
export const DELIVERY_BATCH = 64

/** Largest message text: 64 KiB of UTF-8, well inside a session message. */
export const MAX_TEXT_BYTES = 64 * 1024

/** Largest page of messages returned at once. */
export const MAX_PAGE = 1000

/** How long a link code from `kabar business add-device` stays redeemable: 15 minutes, the time to set up the new node. */
export const LINK_CODE_LIFETIME_MS = 15 * 60_000

/**
 * A record looked up less than this long ago is used from the cache: sending
 * must not cost a DHT walk per message, and records change rarely (a device
 * added, a weekly prekey rotation, whose old key stays valid for a grace period).
 * A business's profile change reaches its customers within this time.
 */
export const RECORD_CACHE_TTL_MS = 5 * 60_000

/**
 * A business's device that meets a customer's unknown profile hash asks the DHT for the
 * business's record again, but not more often than this: every such message triggers a
 * refresh, and a sender that keeps retrying must not turn each retry into a DHT walk.
 */
export const MEMBERSHIP_REFRESH_MIN_MS = 2_000

/**
 * Bounds of an invite link (node/invite.ts), which arrives from outside. 4,096 characters hold
 * 16 of the node's multiaddrs and 8 bootstrap peers with room to spare, and still fit a QR code
 * (version 40 takes 2,953 bytes at the lowest error correction; a typical invite is 400–900).
 */
export const INVITE_MAX_CHARS = 4096
/** A node's listen addresses: every interface of a laptop with a VPN and Docker fits in 16. */
export const INVITE_MAX_ADDRS = 16
/** Bootstrap hints: a few DHT peers suffice to join; more only lengthen the link. */
export const INVITE_MAX_BOOTSTRAP = 8
/** One multiaddr with its /p2p/ suffix: the longest kabar writes (IPv6 + port + PeerId) is under 120 characters. */
export const INVITE_MAX_MULTIADDR = 256
/** The name an inviter suggests for themselves: a person's or a business's name, as a device label is. */
export const INVITE_MAX_NAME = 64
/** The bootstrap peers an invite names: connected DHT peers, besides the ones this node was started with. */
export const INVITE_BOOTSTRAP_PEERS = 3
/** Dialling an invite's addresses: each attempt bounded, as a bootstrap dial is. */
export const INVITE_DIAL_TIMEOUT_MS = 10_000

/**
 * A group's own sender chain is replaced after this long or this many messages (rotation by age,
 * PROTOCOL.md §15.2): a key a device held since long ago reads little if it leaks.
 */
export const GROUP_CHAIN_MAX_AGE_MS = 7 * 24 * 3600_000
export const GROUP_CHAIN_MAX_MESSAGES = 10_000

/** Latest message ids of others a group message names (causal links): enough to show a gap, 256 bytes. */
export const GROUP_CAUSAL_SEEN = 8

/** A member device asks the same peer to catch up with a group at most this often (connects and gaps trigger it). */
export const GROUP_SYNC_MIN_INTERVAL_MS = 2_000

/** Rounds of one catch-up (each up to 256 messages): 2,560 messages, then the next trigger goes on. */
export const GROUP_SYNC_MAX_ROUNDS = 10

/** While a group has something missing, its members are asked again this often. */
export const GROUP_SYNC_RETRY_MS = 5_000

/** Largest control payload read from a pairwise session: a create's log of 1,000 accounts fits. */
export const MAX_GROUP_CONTROL = 256 * 1024

/** Groups one device takes part in, and members listed per group view. */
export const MAX_GROUPS = 1_000
// ---- Mailboxes (node/mailbox/, docs/PROTOCOL.md "Mailbox protocol") ----

/** Envelope ids one receipt may carry: a fetched batch's worth and more; the rest of a larger one are ignored. */
export const MAX_RECEIPT_IDS = 256

/** How long a mailbox keeps an undelivered envelope: a month covers a holiday with the laptop shut. */
export const MAILBOX_RETENTION_MS = 30 * 24 * 60 * 60_000

/** Envelopes a mailbox holds for one depositor: a month of a chatty contact, while one stranger cannot fill the disk. */
export const MAILBOX_MAX_PER_DEPOSITOR = 5_000

/** Bytes a mailbox holds for one depositor (ciphertext). */
export const MAILBOX_MAX_BYTES_PER_DEPOSITOR = 64 * 1024 * 1024

/** Envelopes a mailbox holds in all. */
export const MAILBOX_MAX_TOTAL = 100_000

/** Bytes a mailbox holds in all. */
export const MAILBOX_MAX_BYTES_TOTAL = 1024 * 1024 * 1024

/** How often a mailbox drops expired envelopes, and a sender's node fails the envelopes whose mailbox dropped them. */
export const MAILBOX_SWEEP_MS = 60 * 60_000

/** Envelopes handed over per fetch or push round. */
export const MAILBOX_BATCH = 64

/** Bytes of ciphertext per deposit, fetch or push frame (the frame limit is 4 MiB). */
export const MAILBOX_BATCH_BYTES = 2 * 1024 * 1024

/** Bound on one deposit, fetch or push exchange with a mailbox. */
export const MAILBOX_TIMEOUT_MS = 20_000
