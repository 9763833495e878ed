/**
 * Every limit of the daemon API in one place, each with the reason for its
 * value. The HTTP layer enforces them before the node sees a request.
 */

/** Everything the API serves lives under this prefix; a new major version gets a new one. */
export const API_PREFIX = '/v1'

/**
 * Largest request body read, in bytes. The biggest legitimate body is a
 * message: 64 KiB of text, which JSON escaping can at most sextuple
 * (`\u0000`), so 1 MiB leaves room without letting a client make us buffer
 * an unbounded stream.
 */
export const MAX_BODY_BYTES = 1024 * 1024

/** Largest message text, in UTF-8 bytes; mirrors the node's own limit (src/node/constants.ts). */
export const MAX_TEXT_BYTES = 64 * 1024

/** Largest page of `GET /v1/messages`: a page is built in memory and sent in one response. */
export const MAX_PAGE = 1000

/** Longest contact name, in characters: a display label, not a document. */
export const MAX_NAME_LENGTH = 256

/**
 * The shortest token `startApiServer` accepts. The daemon uses 32 random
 * bytes in hex (64 characters); 16 keeps a hand-made token from being guessable.
 */
export const MIN_TOKEN_LENGTH = 16

/**
 * Bytes the server lets queue on one event socket before it drops that
 * client: a subscriber that stops reading must not make the daemon buffer
 * every event forever. 1 MiB is thousands of events.
 */
export const MAX_WS_BUFFERED_BYTES = 1024 * 1024

/** Largest frame the server accepts from an event client; clients have nothing to say, so this is small. */
export const MAX_WS_INCOMING_BYTES = 4 * 1024

/**
 * Events the client holds for a slow consumer before it pauses the socket
 * (TCP back-pressure then reaches the server, which drops the client past
 * MAX_WS_BUFFERED_BYTES rather than buffering without end).
 */
export const CLIENT_EVENT_HIGH_WATER = 256

/** Default time an ApiClient request may take: a send can wait on DHT lookups (seconds each). */
export const DEFAULT_CLIENT_TIMEOUT_MS = 60_000

/** The file `kabar start` writes into the data directory once the API is up. */
export const NODE_INFO_FILE = 'node.json'

/**
 * How long a login code (`kabar open`, `kabar start`) can be redeemed: long
 * enough to copy a link from a terminal into a browser, short enough that a
 * link left in scrollback or a service log is useless soon after.
 */
export const LOGIN_CODE_TTL_MS = 5 * 60_000

/** Login codes outstanding at once; the oldest is forgotten past this, so nobody can make the daemon hoard them. */
export const MAX_LOGIN_CODES = 16

/**
 * Lifetime of a web session (the cookie a login code is exchanged for). A
 * day covers a working day at the page; after it, `kabar open` again. The
 * daemon keeps sessions in memory only: a restart logs every page out.
 */
export const SESSION_TTL_MS = 24 * 60 * 60_000

/** Web sessions alive at once (browsers, tabs that logged in separately); the oldest ends past this. */
export const MAX_SESSIONS = 16

/** Header the page sends its session's CSRF token in, on every POST, PUT and DELETE. */
export const CSRF_HEADER = 'x-kabar-csrf'

/**
 * Webhook delivery (webhooks.ts). Retries back off exponentially from the
 * minimum to the maximum, with up to 50% jitter so that many webhooks failing
 * together do not retry in lock-step; the same schedule as the node's outbox
 * (docs/DECISIONS.md, Delivery). A processor down for a day is retried every
 * 5 minutes and loses nothing: events wait in the message log.
 */
export const WEBHOOK_MIN_BACKOFF_MS = 1000
export const WEBHOOK_MAX_BACKOFF_MS = 5 * 60 * 1000

/** One POST may take this long before it counts as failed; processors should answer fast and work later. */
export const WEBHOOK_TIMEOUT_MS = 10_000

/** Messages read from the log per page while a webhook catches up. */
export const WEBHOOK_PAGE = 100

/**
 * How long a hole in the log's indices is waited on before it is passed. The
 * node reserves an index before the write that stores the message, so two
 * concurrent writes can land out of order for a moment; a hole that stays
 * (a write that failed after reserving) must not stall delivery for good.
 */
export const WEBHOOK_GAP_GRACE_MS = 2000

/** How long stop() lets in-flight webhook POSTs run before aborting them (they are retried after a restart). */
export const WEBHOOK_STOP_GRACE_MS = 5000

/** Longest processor or token name: the profile's own limit for names (MAX_PROFILE_NAME in records/limits.ts). */
export const MAX_READER_NAME = 64

/** Longest webhook URL, in bytes: the profile's limit for URLs. */
export const MAX_WEBHOOK_URL = 512

/**
 * How long the API's close() lets requests in flight finish (a send waiting
 * on a DHT lookup, a profile being published) before it cuts them. Bounded,
 * so a stuck client cannot hold a shutdown past systemd's TimeoutStopSec.
 */
export const CLOSE_GRACE_MS = 5000

/** How often the event socket of an agent or processor is checked against the published profile. */
export const READER_RECHECK_MS = 10_000
