/**
 * Every bound on a DHT record, in one place with its reason (STYLE habit 5).
 * A record over a bound is refused by every validator, so a node never stores
 * or forwards it; the builders run the same validator and refuse to publish it.
 * Times are milliseconds since the Unix epoch.
 */

const MINUTE = 60 * 1000
const DAY = 24 * 60 * MINUTE

/**
 * Largest encoded SignedRecord under /kabar-account/: 16 KiB. Every DHT node
 * near the key stores it on request, so its size is memory a stranger spends
 * for us; 16 KiB holds MAX_DEVICES certificates with ordinary labels (about
 * 180 bytes each) plus a MAX_BUSINESS_PROFILE, and a PUT of it fits in one
 * Noise transport message (at most 65,535 bytes). This is the binding limit:
 * 32 certificates with 64 four-byte characters each would not fit with a full
 * business profile, and such a record is refused as a whole.
 */
export const MAX_ACCOUNT_RECORD = 16 * 1024

/**
 * Largest encoded SignedRecord under /kabar-prekey/: 4 KiB. A real record is
 * about 1.6 KiB (the ML-KEM-768 key alone is 1,184 bytes, plus three keys and
 * four signatures); the rest is room for one future field, not for a blob.
 */
export const MAX_PREKEY_RECORD = 4 * 1024

/**
 * Devices one account may certify: 32. Senders encrypt every message once per
 * listed device, so this bounds the fan-out a record can demand. Signal allows
 * 5 linked devices and WhatsApp 4; the headroom is for businesses, whose
 * agents and processors are devices too. Larger teams answer through the
 * business node's API, where readers are named in the BusinessProfile.
 */
export const MAX_DEVICES = 32

/**
 * Longest device label: 64 Unicode code points. A label is shown next to a
 * device ("Dewi's laptop", "Helpdesk CRM") in lists and disclosure diffs; it
 * is a name, not a description, and must not push the record over its limit.
 */
export const MAX_LABEL = 64

/**
 * Largest opaque BusinessProfile inside an account record: 8 KiB. It holds a
 * display name, processors (name, purpose, region, retention, policy URL and
 * hash) and a few verifier attestations (about 200 bytes each); it leaves half
 * of MAX_ACCOUNT_RECORD for the device certificates.
 */
export const MAX_BUSINESS_PROFILE = 8 * 1024

/**
 * Largest DHT key this layer parses: `/kabar-account/` plus a 52-character
 * PeerId is 67 bytes; 128 leaves room for a longer namespace and refuses
 * anything else before decoding it.
 */
export const MAX_RECORD_KEY = 128

/**
 * How far apart two honest clocks may be: 10 minutes. Records are judged by
 * the validating node's clock, and laptops resuming from sleep or phones
 * without network time drift by minutes (Kerberos tolerates 5 by default).
 * A record counts as expired only once `now - MAX_CLOCK_SKEW >= expires`, and
 * is refused as coming from the future when `created > now + MAX_CLOCK_SKEW`.
 */
export const MAX_CLOCK_SKEW = 10 * MINUTE

/**
 * Default lifetime of a prekey record: 7 days, one signed-prekey rotation
 * period (DESIGN.md: weekly). The node republishes far more often; the expiry
 * only bounds how long a record survives a device that has gone for good.
 */
export const DEFAULT_PREKEY_RECORD_LIFETIME = 7 * DAY

/**
 * Default lifetime of an account record: 30 days. The device list changes
 * rarely and the owner republishes on a timer, so a longer life keeps an
 * account findable while all its devices are offline for a holiday.
 */
export const DEFAULT_ACCOUNT_RECORD_LIFETIME = 30 * DAY

/**
 * Longest lifetime a prekey record may claim: 30 days. A replayed old record
 * (pointing at a signed prekey the device has since deleted) can only live
 * this long in a part of the DHT that never saw the newer one.
 */
export const MAX_PREKEY_RECORD_LIFETIME = 30 * DAY

/**
 * Longest lifetime an account record may claim: 90 days. A replayed record
 * that still lists a removed device is the costly case (senders would keep
 * encrypting to it), so its life is bounded even if the signer asked for more.
 */
export const MAX_ACCOUNT_RECORD_LIFETIME = 90 * DAY

/**
 * Default lifetime of a device certificate: 365 days. A certificate outlives
 * the records that carry it; removing a device is done by publishing a record
 * without it, so the expiry only limits a certificate shown on its own.
 */
export const DEFAULT_DEVICE_CERTIFICATE_LIFETIME = 365 * DAY

/**
 * How long a device keeps the private half of a rotated-out signed prekey
 * (and ML-KEM prekey): MAX_PREKEY_RECORD_LIFETIME + MAX_CLOCK_SKEW, just over
 * 30 days. An old record may be served until it expires, so a shorter grace
 * would break handshakes made from a record the network still hands out.
 * NOTE: the record carries only the current prekeys; the grace is kept on the
 * holder's side. Cost: a message encrypted from an old record and held in a
 * sender's outbox for longer than this cannot be opened (forward secrecy wins).
 */
export const PREKEY_GRACE_PERIOD = MAX_PREKEY_RECORD_LIFETIME + MAX_CLOCK_SKEW

/**
 * Previous-version hashes a BusinessProfile carries besides `prev`: 31, so a
 * customer can check the chain from the version they accepted across up to 32
 * newer versions (about 1.1 KiB of the profile). A customer further behind
 * than that cannot check the chain and is asked again, loudly.
 */
export const MAX_PROFILE_HISTORY = 31

/** Longest display name, organisation, reader or processor name: 64 code points, as a device label. */
export const MAX_PROFILE_NAME = 64

/** Longest policy URL: 512 bytes; a link, not a document. */
export const MAX_PROFILE_URL = 512

/** Longest processor region ("EU", "eu-west-1", "Singapore"): 32 code points. */
export const MAX_PROFILE_REGION = 32

/** API readers a profile names: 64; larger teams are still one line each in a disclosure. */
export const MAX_API_READERS = 64

/** Processors a profile names: 16; every one is a sentence the customer must read. */
export const MAX_PROCESSORS = 16

/** Verifier attestations a profile carries: 8 (about 250 bytes each). */
export const MAX_PROFILE_ATTESTATIONS = 8

/** Longest retention a processor may state: 100 years in days (0 = not kept). */
export const MAX_RETENTION_DAYS = 36_500

/**
 * Longest lifetime a verifier attestation may claim: 398 days, the limit the
 * CA/Browser Forum sets for TLS certificates, which vouch for the same thing
 * (who holds a domain). A business that dissolves or loses its domain stops
 * counting as verified within about a year even if its verifier never
 * revokes, and a verifier's revocation list only needs to carry an id this
 * long (see MAX_REVOKED).
 */
export const MAX_ATTESTATION_LIFETIME = 398 * DAY

/**
 * Longest legal name in an attestation: 128 Unicode code points. Registered
 * names run long ("Internationale Nederlanden Groep N.V.", with a trading
 * suffix), but the name is shown in one line next to "Verified by"; anything
 * longer is a description, not a name.
 */
export const MAX_LEGAL_NAME = 128

/**
 * Longest scope of an attestation ("legal-entity domain"): 64 code points,
 * as a device label. It names what the verifier checked, in a few words.
 */
export const MAX_SCOPE = 64

/**
 * Longest domain in an attestation: 253 characters, the most a DNS name can
 * spell (RFC 1035 §2.3.4: 255 octets on the wire, 253 in text form).
 */
export const MAX_DOMAIN = 253

/**
 * Largest encoded Attestation: 1,280 bytes. Every field at its limit (two
 * keys, a 128-character legal name of 4-byte characters, a 253-character
 * domain, a 64-character scope, two times, the signature) encodes to 1,182
 * bytes, so the field bounds bind first; this is the cheap check made before
 * decoding bytes a stranger handed over (a profile, the CLI, the API).
 * A usual attestation is about 200 bytes (see MAX_BUSINESS_PROFILE).
 */
export const MAX_ATTESTATION = 1280

/**
 * Most attestation ids an account record may list as revoked: 64. Each costs
 * 34 bytes, so the list takes at most 2,176 bytes of MAX_ACCOUNT_RECORD, the
 * room left beside 32 ordinary device certificates and a full business
 * profile. An id only needs listing until the attestation it revokes expires
 * (at most MAX_ATTESTATION_LIFETIME), so the verifier drops it after that;
 * a verifier that revokes more than this within a year issues attestations
 * with shorter lives.
 */
export const MAX_REVOKED = 64

