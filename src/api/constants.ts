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
