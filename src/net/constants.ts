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

/** Envelope delivery: one length-prefixed Envelope out, one Ack back (see DESIGN.md "net/"). */
export const KABAR_MSG_PROTOCOL = '/kabar/msg/1.0.0'

/** One-time prekey handout from an online device; one-time keys cannot live in the DHT because a DHT cannot consume them once. */
export const KABAR_PREKEY_PROTOCOL = '/kabar/prekey/1.0.0'

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
