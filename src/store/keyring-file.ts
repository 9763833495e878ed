/**
 * keyring.json as a type, and its strict parser. The file comes from disk and
 * may be damaged or edited, so every field is checked (shape, base64, lengths,
 * scrypt bounds) before any of it reaches scrypt or AES: a bad file is
 * STORE_CORRUPT, never a TypeError from deep inside node:crypto.
 */
import { GCM_NONCE_LENGTH, GCM_TAG_LENGTH } from '../crypto/aead.ts'
import { DATA_KEY_LENGTH, KEYRING_VERSION, SCRYPT_SALT_LENGTH } from './constants.ts'
import { StoreCorruptError, StoreVersionError } from './errors.ts'
import { scryptParamsAcceptable } from './scrypt.ts'

/** keyring.json, decoded: `{ version, kdf: { name: 'scrypt', N, r, p, salt }, wrapped }`, bytes as base64 on disk. */
export interface KeyringFile {
  version: number
  kdf: { name: 'scrypt', N: number, r: number, p: number, salt: Uint8Array }
  /** nonce (12) || AES-256-GCM(kek, nonce, dataKey, ad) (32 + 16 tag). */
  wrapped: Uint8Array
}

/** Length of `wrapped` in a version-1 keyring: nonce, the sealed 32-byte key, tag. */
export const WRAPPED_LENGTH = GCM_NONCE_LENGTH + DATA_KEY_LENGTH + GCM_TAG_LENGTH

/** Longest salt accepted from disk; anything longer is not one we wrote. */
const MAX_SALT_LENGTH = 64

/** Parses the bytes of keyring.json; StoreCorruptError (naming `path`) on anything unexpected. */
export function parseKeyringFile (bytes: Uint8Array, path: string): KeyringFile {
  const fail = (why: string, cause?: unknown): StoreCorruptError =>
    new StoreCorruptError(`${path} is damaged: ${why}`, cause === undefined ? undefined : { cause })
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch (err) {
    throw fail('not valid JSON', err)
  }
  if (!isRecord(json) || !isRecord(json.kdf)) throw fail('expected { version, kdf, wrapped }')
  const { version, kdf, wrapped } = json
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) throw fail('bad version')
  if (version > KEYRING_VERSION) {
    throw new StoreVersionError(`${path} has version ${version}, written by a newer kabar (this one reads ${KEYRING_VERSION})`)
  }
  if (kdf.name !== 'scrypt') throw fail(`unknown kdf ${JSON.stringify(kdf.name)}`)
  const { N, r, p } = kdf
  if (typeof N !== 'number' || typeof r !== 'number' || typeof p !== 'number' || !scryptParamsAcceptable({ N, r, p })) {
    throw fail('scrypt parameters missing or out of bounds')
  }
  const salt = strictBase64(kdf.salt)
  if (salt === undefined || salt.length < SCRYPT_SALT_LENGTH || salt.length > MAX_SALT_LENGTH) throw fail('bad salt')
  const wrappedBytes = strictBase64(wrapped)
  if (wrappedBytes === undefined || wrappedBytes.length !== WRAPPED_LENGTH) throw fail('bad wrapped key')
  return { version, kdf: { name: 'scrypt', N, r, p, salt }, wrapped: wrappedBytes }
}

/** Decodes canonical base64 only (Buffer.from is lenient: it skips junk characters). */
function strictBase64 (value: unknown): Uint8Array | undefined {
  if (typeof value !== 'string') return undefined
  const buf = Buffer.from(value, 'base64')
  if (buf.toString('base64') !== value) return undefined
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)
}

function isRecord (value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
