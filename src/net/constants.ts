/**
 * Protocol ids and time bounds of kabar's libp2p layer, one place for each,
 * with the reason it has the value it has (the pattern of js-libp2p
 * packages/protocol-ping/src/constants.ts). Everything a remote peer can make
 * us wait for is bounded by one of these.
 *
 * @see https://github.com/libp2p/specs/blob/master/kad-dht/README.md
 */

/** kabar's own Kademlia protocol: peers on the public IPFS DHT (`/ipfs/kad/1.0.0`) connect but never enter a kabar routing table, so kabar records are only stored by kabar nodes whose validators understand them. */
export const KABAR_DHT_PROTOCOL = '/kabar/kad/1.0.0'

/**
 * Disjoint paths per DHT query: one, a plain Kademlia lookup (go-libp2p-kad-dht's choice). kad-dht 16
 * runs alpha (10) paths, each walking to its own k closest peers, which made every query contact
 * most of a 50–200-node network and every join a full mesh of Noise handshakes (docs/SIMULATION.md).
 */
export const KABAR_DHT_DISJOINT_PATHS = 1

/** Envelope delivery: one length-prefixed Envelope out, one Ack back (see DESIGN.md "net/"). */
export const KABAR_MSG_PROTOCOL = '/kabar/msg/1.0.0'

/** One-time prekey handout from an online device; one-time keys cannot live in the DHT because a DHT cannot consume them once. */
export const KABAR_PREKEY_PROTOCOL = '/kabar/prekey/1.0.0'

/** Redeeming a one-time link code: a new device asks an account's node for a certificate. */
export const KABAR_LINK_PROTOCOL = '/kabar/link/1.0.0'

/** Catch-up between two member devices of a group (protocols/group-sync.ts, PROTOCOL.md §15.5). */
export const KABAR_GROUP_SYNC_PROTOCOL = '/kabar/group-sync/1.0.0'

/**
 * Ids one catch-up request names: the asker's most recent 10,000 messages of the
 * group (320 KB of ids). A longer history is exchanged in several rounds.
 */
export const MAX_GROUP_SYNC_IDS = 10_000

/** Messages one answer carries (the asker asks again while answers come back full). */
export const MAX_GROUP_SYNC_MESSAGES = 256

/** Largest catch-up frame: 256 messages of up to ~65 KiB would exceed it, so answers stop at this size. */
export const MAX_GROUP_SYNC_FRAME = 4 * 1024 * 1024

/** Catch-up streams at once per connection: a member asks one group at a time per peer. */
export const GROUP_SYNC_MAX_STREAMS = 4
/**
 * A person's mailbox holds envelopes for its owner's devices (deposit, fetch, ack, push).
 * Registered without `runOnLimitedConnection`: custody of ciphertext is never carried over a relay's budget.
 */
export const KABAR_MAILBOX_PROTOCOL = '/kabar/mailbox/1.0.0'

/** Concurrent mailbox streams per connection: a sender's deposit, a device's fetch and the mailbox's push at once, with room for one more. */
export const MAILBOX_MAX_STREAMS = 4

/** Requests on one mailbox stream: a fetch loop of 64-envelope batches drains 32,000 envelopes before it must reopen. */
export const MAILBOX_MAX_REQUESTS = 1000

/** Loopback ranges that bypass the connection manager's per-host inbound rate limit (about 5 new connections per second per IP): every local node shares 127.0.0.1, and STACK.md saw 39 of 49 loopback dials refused without this. */
export const LOOPBACK_ALLOW = ['/ip4/127.0.0.0/ipcidr/8', '/ip6/::1/ipcidr/128'] as const

/** A bootstrap dial; matches libp2p's own dial timeout, so a dead bootstrap address costs one bounded attempt, never a hang. */
export const BOOTSTRAP_DIAL_TIMEOUT_MS = 10_000

/** kabar's own mDNS service name: with the default `_p2p._udp.local` a kabar node would dial every IPFS node on the LAN. */
export const MDNS_SERVICE_TAG = '_kabar._udp.local'

/** A dial to a peer found by mDNS; LAN peers answer in milliseconds, so a short bound keeps stale announcements cheap. */
export const DISCOVERY_DIAL_TIMEOUT_MS = 5_000

/** Default bound of a DHT put: kad-dht's own default is 180 s, far too long for an interactive publish; STACK.md measured put medians of 0.4 s (50 nodes, TCP) and 1.4 s (200 nodes), so 30 s leaves room for a slow network without hanging a caller. */
export const DHT_PUT_TIMEOUT_MS = 30_000

/** Default bound of a DHT get: with an empty routing table `get` waits forever, even for a key held locally (STACK.md); measured gets took 0.2 s median (50 nodes) and up to 6.7 s (200 nodes). */
export const DHT_GET_TIMEOUT_MS = 30_000

/** One request/response exchange on /kabar/msg or /kabar/prekey: a slow or malicious peer must not hold a stream (and its buffers) open for longer. */
export const STREAM_TIMEOUT_MS = 10_000

/** libp2p ping, kept on the standard id: kad-dht checks contacts with it and the connection monitor pings every connection with it. @see https://github.com/libp2p/specs/blob/master/ping/ping.md */
export const PING_PROTOCOL = '/ipfs/ping/1.0.0'

/** ping spec: "The dialing peer sends 32-bytes of random binary data". */
export const PING_LENGTH = 32

/** How long an inbound ping stream may stay open; the same 10 s as @libp2p/ping, so a silent peer cannot pin a stream. */
export const PING_HANDLER_TIMEOUT_MS = 10_000

/**
 * NOTE: the ping spec says a dialer "MUST NOT keep more than one outbound stream" per peer and
 * a listener "SHOULD accept at most two". kad-dht's contact checks, the connection monitor and
 * kabar's own pings share the protocol and can overlap by a few ms; with a limit of one the
 * loser fails with TooManyOutboundProtocolStreamsError and kad-dht then drops or skips a live
 * peer. Two outbound and four inbound cost a few idle streams at most.
 */
export const PING_MAX_OUTBOUND_STREAMS = 2
export const PING_MAX_INBOUND_STREAMS = 4

/**
 * Inbound /kabar/msg streams one connection may hold open at once. A sender
 * needs one stream per peer (frames pipeline on it); a few more cover a retry
 * flush overlapping a fresh send. More would only let one peer pin buffers.
 */
export const MSG_MAX_INBOUND_STREAMS = 8

/** Outbound /kabar/msg streams per connection; the same reasoning as inbound. */
export const MSG_MAX_OUTBOUND_STREAMS = 8

/** How long an inbound /kabar/msg stream may wait for its next frame; an idle sender's stream is then reset (it reopens one when it has something to send). */
export const MSG_IDLE_TIMEOUT_MS = 30_000

/** How long the receiver's envelope callback (decrypt + one atomic store write, milliseconds in practice) may take before the stream is reset without an ack; the sender retries. */
export const MSG_HANDLER_TIMEOUT_MS = 10_000

/**
 * How long a sender with envelopes in flight waits for the next ack before it
 * gives the stream up: the receiver's callback bound plus transit. Measured
 * per ack, not per batch, so a long pipelined batch that keeps making progress
 * never times out, while a silent peer is dropped within this bound.
 */
export const MSG_ACK_TIMEOUT_MS = MSG_HANDLER_TIMEOUT_MS + 5_000

/** Envelopes a sender keeps in flight (written, not yet acked) on one stream: 64 frames are ~4.5 ms of writing at the ~14k frames/s STACK.md measured, more than a LAN round trip, so the pipe stays full; few enough that a dropped stream leaves little to resend. */
export const MSG_MAX_IN_FLIGHT = 64

/** Bytes a sender keeps in flight on one stream (one larger envelope may always go alone): caps what the receiver must buffer while its callback runs. */
export const MSG_MAX_IN_FLIGHT_BYTES = 1024 * 1024

/**
 * Unread bytes an inbound /kabar/msg stream may buffer while the receiver's
 * callback runs; over it the stream is reset. Twice what an honest sender
 * keeps in flight, because yamux has no read-side backpressure of its own
 * (it grants window as data arrives, up to 16 MiB).
 */
export const MSG_MAX_BUFFERED_BYTES = 2 * MSG_MAX_IN_FLIGHT_BYTES

/** Inbound /kabar/prekey streams per connection: one request each, answered at once, so a handful is plenty; how fast a peer may consume one-time prekeys is the provider's call. */
export const PREKEY_MAX_INBOUND_STREAMS = 4

/** Outbound /kabar/prekey streams per connection; a handshake needs one. */
export const PREKEY_MAX_OUTBOUND_STREAMS = 4

/** Most acks a receiver holds back to write them together (one sender window's worth). */
export const MSG_ACK_BATCH = MSG_MAX_IN_FLIGHT

/** Longest a receiver holds an ack back while it handles envelopes that arrived with it: far below the sender's ack timeout, long enough to batch a burst. */
export const MSG_ACK_DELAY_MS = 20

/** Concurrent link exchanges per connection: linking is rare and manual. */
export const LINK_MAX_STREAMS = 2

// ---- What one remote peer may cost this node (docs/PROTOCOL.md "Limits peers must respect") ----

/**
 * Addresses kept per remote peer in the peer store. @libp2p/peer-store 12 keeps every address
 * any peer names (a DHT answer, ADD_PROVIDER, identify) and re-sorts and re-scans all of a
 * peer's addresses on every write — and libp2p writes on every inbound stream — so a peer that
 * planted 8,000 addresses made each of its streams cost 2.5 s of CPU (STACK.md). A node lists a
 * handful (one per interface and transport, a few relay or WebRTC circuits); 16 leaves room and
 * bounds both that CPU and how many attacker-chosen addresses we would ever dial for one peer.
 */
export const MAX_ADDRESSES_PER_PEER = 16

/** Protocols kept per remote peer (identify lists them): kabar speaks eight; a peer claiming hundreds only costs sorting. */
export const MAX_PROTOCOLS_PER_PEER = 64

/**
 * Inbound DHT streams per connection at once. kad-dht's default is 32, each able to buffer a
 * message of up to 4 MiB; an honest peer has a query or two in flight with us (one lookup asks
 * each peer once), so 8 is generous and caps one connection's DHT buffers at 32 MiB.
 */
export const DHT_MAX_INBOUND_STREAMS = 8

/**
 * Distinct record keys one peer may have stored with us through PUT_VALUE. A node puts its own
 * records (an account and a prekey record) and corrects a few stale ones after its lookups; a
 * peer storing more is filling our memory with records it minted. Beyond it a put is acked and
 * dropped (kad's puts are best effort), so an honest corrector loses nothing it relied on.
 */
export const MAX_RECORD_KEYS_PER_PEER = 32

/**
 * Distinct DHT record keys this node stores for others. Each node stores about 2·k records of
 * a network on average; 4,096 is two orders of magnitude above that and, at the 16 KiB largest
 * kabar record (records/limits.ts), caps the DHT's records at 64 MiB of memory.
 */
export const MAX_DHT_RECORD_KEYS = 4096

/** How long a stored record key counts against those quotas: kad-dht's own record age limit (36 h), after which it treats the record as expired. */
export const DHT_RECORD_QUOTA_MS = 36 * 3600_000

/**
 * Peers one DHT answer may make us remember. Each peer an answer names (closer peers, providers)
 * becomes a peer-store entry, and a query dials the ones it walks to by their stored addresses;
 * an honest answer names at most k = 20 closer peers (and, for kabar, no providers), while one
 * 4 MiB answer could name ~100,000. Per answer, not per second: a rate limit starved a 30-node
 * simulation's own lookups of the addresses they were about to dial.
 */
export const DHT_PEERS_PER_ANSWER = 40

/**
 * Connections one remote peer may hold to us at once. Two cover a simultaneous dial from both
 * ends, and a spare a reconnect racing the old connection's close; more only multiply the
 * per-connection stream and buffer limits below for one peer.
 */
export const MAX_CONNECTIONS_PER_PEER = 4

/**
 * A peer's budget, in cost units of roughly a millisecond of this machine's CPU each (measured
 * with test/net/hostile.spec.ts): a token bucket holding PEER_BUDGET_BURST that refills at
 * PEER_BUDGET_PER_S. A stranger may spend a second of CPU at once, then 1% of one core; a
 * contact or an own device (the node says which) ten times that, since a sync or a busy
 * conversation is worth it and they are not anonymous. Honest peers stay far below: a DHT
 * lookup costs a peer's budget one stream, a message a fraction of a unit.
 */
export const PEER_BUDGET_BURST = 1000
export const PEER_BUDGET_PER_S = 10
export const TRUSTED_BUDGET_FACTOR = 10

/** How often a tracked peer's standing (contact, own device, stranger) is asked again: the answer changes only when the user adds a contact or a device. */
export const PEER_TRUST_RECHECK_MS = 60_000

/** An inbound stream handed to a protocol handler: yamux, multistream-select, a peer-store write, the handler's setup (0.1–0.3 ms). */
export const COST_STREAM = 1
/** A connection: a Noise handshake, identify both ways, peer-store writes (2–5 ms). */
export const COST_CONNECTION = 5
/** A MiB received: Noise decryption alone is ~2.5 ms at the 390 MB/s STACK.md measured, then framing and decoding. */
export const COST_PER_MIB = 10
/**
 * Input a correct peer never sends: a malformed or oversized frame, a DHT message or record we
 * refused, a stream left silent or trickled until its bound, a connection past its limit.
 * Expensive on purpose: 20 of them in a burst spend a stranger's budget (an honest peer's rare
 * timeout under load costs it a twentieth).
 */
export const COST_FAULT = 50
/** An envelope acked "rejected" (well framed, but not for us or undecryptable). */
export const COST_REJECTED = 5

/**
 * How long a peer over budget is refused (its connections closed, new ones denied after
 * the handshake, no dials to it); doubled for each repeat, up to PEER_DENY_MAX_MS.
 */
export const PEER_DENY_MS = 10 * 60_000
export const PEER_DENY_MAX_MS = 24 * 3600_000

/** Peers whose costs are tracked at once; past it the idle ones (full buckets) are forgotten first, so tracking itself stays bounded. */
export const MAX_TRACKED_PEERS = 10_000
