/**
 * Every name, version and limit of the store, in one place, each with the
 * reason for its value. docs/STORAGE.md describes the same layout for people.
 */

/**
 * One sublevel per concern (STYLE habit 13). The name is also bound into every
 * sealed value's associated data, so renaming one makes its values unreadable:
 * never rename, only add.
 */
export const SUBLEVELS = [
  'identity',
  'prekeys',
  'sessions',
  'outbox',
  'inbox',
  'messages',
  'message-ids',
  'contacts',
  'records',
  'seen',
  'meta',
  'webhooks',
  'account',
  'disclosures',
  'trust',
  'attestations',
  'api-tokens',
  'groups',
  'group-messages',
  'group-inbox',
  'mailbox'
] as const

export type SublevelName = typeof SUBLEVELS[number]

/** The schema this code writes and reads. Bump it with a migration, never silently. */
export const SCHEMA_VERSION = 1

/** `meta` key of the sealed `{ version }` record; reserved, callers cannot write it. */
export const SCHEMA_KEY = 'schema'

/** Files and folders inside the data directory. */
export const KEYRING_FILE = 'keyring.json'
export const KEY_FILE = 'data.key'
export const DB_FOLDER = 'db'

/** Owner-only modes: the data directory and the two key files. */
export const DIR_MODE = 0o700
export const KEY_FILE_MODE = 0o600

/** The data key is an AES-256 key. */
export const DATA_KEY_LENGTH = 32

/** keyring.json `version`; 1 = scrypt KEK, AES-256-GCM wrap, nonce || ciphertext || tag. */
export const KEYRING_VERSION = 1

/**
 * Default scrypt cost for new keyrings. OWASP's password storage cheat sheet
 * gives N=2^17, r=8, p=1 as the minimum; measured on the 2-core development
 * machine it took 0.65-1.2 s and 128 MiB, once per daemon start, so we take it
 * rather than the 2^15 floor (0.2 s). The parameters are stored in the file,
 * so a later kabar can raise them without breaking old keyrings.
 */
export const SCRYPT_DEFAULTS = { N: 2 ** 17, r: 8, p: 1 } as const

/** scrypt salt length: 128 bits, as RFC 7914 §2 suggests "at least 16 bytes". */
export const SCRYPT_SALT_LENGTH = 16

/**
 * keyring.json is read from disk, so its cost parameters are bounded: a file
 * asking for more memory or parallelism than this is refused as corrupt instead
 * of stalling or exhausting the machine. 1 GiB is 8x the default.
 */
export const SCRYPT_MAX_MEMORY = 1024 * 1024 * 1024
export const SCRYPT_MAX_P = 16
/** Below 2^10 a keyring is not protecting anything; treat it as tampered. */
export const SCRYPT_MIN_N = 2 ** 10

/**
 * First byte of every sealed value. 1 = AES-256-GCM under the value key,
 * 96-bit random nonce, associated data as in sealed-encoding.ts.
 */
export const SEALED_FORMAT_VERSION = 1

/**
 * Domain strings bound into the store's AEAD and KDF inputs. Store-local (not in
 * crypto/labels.ts) because they describe files on this machine, not the wire.
 */
export const STORE_LABELS = {
  /** HKDF info deriving the value-sealing key from the data key. */
  valueKey: 'kabar/v1/store/value-key',
  /** Associated-data prefix of every sealed value. */
  valueAd: 'kabar/v1/store/value',
  /** Associated data of the passphrase-wrapped data key. */
  keyringAd: 'kabar/v1/store/keyring'
} as const
