/**
 * The 32-byte data key that seals every stored value, and how it rests on disk:
 * with a passphrase, wrapped by AES-256-GCM under scrypt(passphrase) in
 * DATA/keyring.json; without one, raw in DATA/data.key (mode 0600), which
 * protects against other users of the machine but not against anyone who can
 * read the owner's files. Reading never writes: a wrong passphrase leaves the
 * directory exactly as it was.
 */
import { join } from 'node:path'
import { aes256gcmOpen, aes256gcmSeal, GCM_NONCE_LENGTH } from '../crypto/aead.ts'
import { lengthPrefixed, u32be, utf8, wipe } from '../crypto/bytes.ts'
import { defaultRandom } from '../crypto/random.ts'
import type { RandomSource } from '../crypto/random.ts'
import { DATA_KEY_LENGTH, KEY_FILE, KEYRING_FILE, KEYRING_VERSION, SCRYPT_DEFAULTS, SCRYPT_SALT_LENGTH, STORE_LABELS } from './constants.ts'
import { PassphraseRequiredError, StoreCorruptError, StoreVersionError, WrongPassphraseError } from './errors.ts'
import { permissionWarning, readIfExists, writeNewFileAtomic } from './files.ts'
import type { StoreWarning } from './files.ts'
import { parseKeyringFile } from './keyring-file.ts'
import type { KeyringFile } from './keyring-file.ts'
import { scrypt } from './scrypt.ts'
import type { ScryptParams } from './scrypt.ts'

export type { KeyringFile } from './keyring-file.ts'

export interface LoadDataKeyOptions {
  /** Unlocks (or, for a new directory, protects) the data key. Empty strings are refused. */
  passphrase?: string
  /** Create a key when the directory has none. db.ts passes false when a database already exists. */
  create: boolean
  /** Cost of a newly created keyring; existing keyrings use the parameters they were written with. */
  scrypt?: ScryptParams
  random?: RandomSource
}

export interface DataKey {
  /** The 32-byte data key. The caller owns it and wipes it on close. */
  key: Uint8Array
  /** Where it came from. */
  source: 'keyring' | 'key-file'
  /** True when this call generated it. */
  created: boolean
  warnings: StoreWarning[]
}

/** Reads (or creates) the data key of the data directory `dir`. */
export async function loadDataKey (dir: string, options: LoadDataKeyOptions): Promise<DataKey> {
  const { passphrase } = options
  if (passphrase !== undefined && (typeof passphrase !== 'string' || passphrase.length === 0)) {
    throw new TypeError('passphrase must be a non-empty string (leave it undefined for a key file)')
  }
  const keyringPath = join(dir, KEYRING_FILE)
  const keyFilePath = join(dir, KEY_FILE)
  const [keyring, keyFile] = await Promise.all([readIfExists(keyringPath), readIfExists(keyFilePath)])
  if (keyring !== undefined && keyFile !== undefined) {
    throw new StoreCorruptError(`both ${KEYRING_FILE} and ${KEY_FILE} exist in ${dir}; keep the one that opens the database and move the other away`)
  }
  if (keyring !== undefined) {
    if (passphrase === undefined) throw new PassphraseRequiredError()
    const key = await unwrapDataKey(parseKeyringFile(keyring, keyringPath), passphrase)
    return { key, source: 'keyring', created: false, warnings: await warningsFor(keyringPath) }
  }
  if (keyFile !== undefined) {
    if (passphrase !== undefined) {
      throw new WrongPassphraseError(`a passphrase was given, but ${dir} is not passphrase-protected (its key is in ${KEY_FILE}); open it without one`)
    }
    if (keyFile.length !== DATA_KEY_LENGTH) {
      throw new StoreCorruptError(`${keyFilePath} must hold ${DATA_KEY_LENGTH} bytes, found ${keyFile.length}`)
    }
    return { key: keyFile, source: 'key-file', created: false, warnings: await warningsFor(keyFilePath) }
  }
  if (!options.create) {
    throw new StoreCorruptError(`the data key is missing: ${dir} holds a database but neither ${KEYRING_FILE} nor ${KEY_FILE}; restore the key file from a backup`)
  }
  return createDataKey(dir, options)
}

/** Wraps `dataKey` under `passphrase`: the contents of keyring.json. */
export async function wrapDataKey (dataKey: Uint8Array, passphrase: string, params: ScryptParams = SCRYPT_DEFAULTS, random: RandomSource = defaultRandom): Promise<KeyringFile> {
  const salt = random(SCRYPT_SALT_LENGTH)
  const kek = await scrypt(passphraseBytes(passphrase), salt, params, DATA_KEY_LENGTH)
  const nonce = random(GCM_NONCE_LENGTH)
  const kdf = { name: 'scrypt' as const, N: params.N, r: params.r, p: params.p, salt }
  try {
    const sealed = aes256gcmSeal(kek, nonce, dataKey, keyringAd(KEYRING_VERSION, kdf))
    const wrapped = new Uint8Array(nonce.length + sealed.length)
    wrapped.set(nonce, 0)
    wrapped.set(sealed, nonce.length)
    return { version: KEYRING_VERSION, kdf, wrapped }
  } finally {
    wipe(kek)
  }
}

/** Opens a parsed keyring with `passphrase`; WrongPassphraseError when it does not fit. */
export async function unwrapDataKey (keyring: KeyringFile, passphrase: string): Promise<Uint8Array> {
  if (keyring.version > KEYRING_VERSION) {
    throw new StoreVersionError(`keyring version ${keyring.version} was written by a newer kabar (this one reads ${KEYRING_VERSION})`)
  }
  const { kdf, wrapped } = keyring
  const kek = await scrypt(passphraseBytes(passphrase), kdf.salt, kdf, DATA_KEY_LENGTH)
  try {
    const nonce = wrapped.subarray(0, GCM_NONCE_LENGTH)
    return aes256gcmOpen(kek, nonce, wrapped.subarray(GCM_NONCE_LENGTH), keyringAd(keyring.version, kdf))
  } catch (err) {
    // A bad tag means a wrong passphrase or a damaged file; GCM cannot tell them apart.
    throw new WrongPassphraseError(undefined, { cause: err })
  } finally {
    wipe(kek)
  }
}

async function createDataKey (dir: string, options: LoadDataKeyOptions): Promise<DataKey> {
  const random = options.random ?? defaultRandom
  const key = random(DATA_KEY_LENGTH)
  const { passphrase } = options
  const [path, bytes] = passphrase === undefined
    ? [join(dir, KEY_FILE), key]
    : [join(dir, KEYRING_FILE), serialiseKeyring(await wrapDataKey(key, passphrase, options.scrypt, random))]
  if (!await writeNewFileAtomic(path, bytes)) {
    // Another process initialised the directory between our read and our write: use its key.
    wipe(key)
    return loadDataKey(dir, { ...options, create: false })
  }
  return { key, source: passphrase === undefined ? 'key-file' : 'keyring', created: true, warnings: [] }
}

function serialiseKeyring (keyring: KeyringFile): Uint8Array {
  const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64')
  const json = {
    version: keyring.version,
    kdf: { name: keyring.kdf.name, N: keyring.kdf.N, r: keyring.kdf.r, p: keyring.kdf.p, salt: b64(keyring.kdf.salt) },
    wrapped: b64(keyring.wrapped)
  }
  return utf8(JSON.stringify(json, null, 2) + '\n')
}

/** Binds the format version and every KDF parameter, so an edited header cannot be re-used. */
function keyringAd (version: number, kdf: KeyringFile['kdf']): Uint8Array {
  return lengthPrefixed(utf8(STORE_LABELS.keyringAd), u32be(version), utf8(kdf.name), u32be(kdf.N), u32be(kdf.r), u32be(kdf.p), kdf.salt)
}

/** NFC first, so the same passphrase typed on two systems gives the same bytes. */
function passphraseBytes (passphrase: string): Uint8Array {
  return utf8(passphrase.normalize('NFC'))
}

async function warningsFor (path: string): Promise<StoreWarning[]> {
  const warning = await permissionWarning(path)
  return warning === undefined ? [] : [warning]
}
