/**
 * The node's database: LevelDB (through `level`) in DATA/db, or memory-level in
 * tests, with one sublevel per concern and every value sealed under the data
 * key (DESIGN.md "Storage"). Accessors are deliberately thin (sublevel, string
 * key, bytes); typed records are built on top by the layers that own them.
 * Every error that leaves here is a KabarError with the level error as `cause`.
 */
import { join } from 'node:path'
import { Level } from 'level'
import { wipe } from '../crypto/bytes.ts'
import { defaultRandom } from '../crypto/random.ts'
import type { RandomSource } from '../crypto/random.ts'
import { DATA_KEY_LENGTH, DB_FOLDER, SUBLEVELS } from './constants.ts'
import type { SublevelName } from './constants.ts'
import { fromLevelError } from './errors.ts'
import { ensureDir, isNonEmptyDir } from './files.ts'
import type { StoreWarning } from './files.ts'
import { KabarStore } from './kabar-store.ts'
import type { LevelDb, LevelSublevel } from './kabar-store.ts'
import { loadDataKey } from './keyring.ts'
import { checkSchema } from './schema.ts'
import type { ScryptParams } from './scrypt.ts'
import { createValueSealer } from './sealed-encoding.ts'

export interface OpenStoreOptions {
  /** The data directory (DATA). Required unless `memory`. */
  dir?: string
  /** Unlocks a passphrase-protected directory, or protects a new one. The caller reads it (env, file, prompt). */
  passphrase?: string
  /** memory-level with a fresh random data key: nothing touches the disk. `dir` must be absent; `passphrase` is ignored. */
  memory?: boolean
  /** scrypt cost for a *new* keyring (default SCRYPT_DEFAULTS); tests lower it. Existing keyrings keep theirs. */
  scrypt?: ScryptParams
  /** Randomness for keys, salts and nonces (default: the OS CSPRNG). */
  random?: RandomSource
}

/**
 * Opens (creating when new) the store in `options.dir`, or in memory.
 * Throws WRONG_PASSPHRASE, PASSPHRASE_REQUIRED, STORE_LOCKED, STORE_CORRUPT,
 * STORE_VERSION_UNSUPPORTED or STORE_FAILED; a failed open leaves nothing open.
 */
export async function openStore (options: OpenStoreOptions = {}): Promise<KabarStore> {
  const random = options.random ?? defaultRandom
  const { db, dataKey, warnings, location } = options.memory === true
    ? await openMemory(options, random)
    : await openDisk(options, random)
  const sealer = createValueSealer(dataKey, random)
  wipe(dataKey)
  try {
    const subs = new Map<SublevelName, LevelSublevel>()
    for (const name of SUBLEVELS) {
      subs.set(name, db.sublevel<string, Uint8Array>(name, { keyEncoding: 'utf8', valueEncoding: 'view' }))
    }
    const schemaVersion = await checkSchema(db, subs.get('meta') as LevelSublevel, sealer)
    return new KabarStore(db, subs, sealer, { schemaVersion, warnings, location })
  } catch (err) {
    sealer.destroy()
    await db.close().catch(() => {})
    throw fromLevelError(err, 'opening the database')
  }
}

interface Opened { db: LevelDb, dataKey: Uint8Array, warnings: StoreWarning[], location: string | undefined }

async function openMemory (options: OpenStoreOptions, random: RandomSource): Promise<Opened> {
  if (options.dir !== undefined) throw new TypeError('openStore: give either `dir` or `memory: true`, not both')
  // memory-level is a dev dependency: load it only when asked for, so production installs need not have it.
  const { MemoryLevel } = await import('memory-level')
  const db: LevelDb = new MemoryLevel<string, Uint8Array>({ keyEncoding: 'utf8', valueEncoding: 'view' })
  await openLevel(db)
  return { db, dataKey: random(DATA_KEY_LENGTH), warnings: [], location: undefined }
}

async function openDisk (options: OpenStoreOptions, random: RandomSource): Promise<Opened> {
  const { dir } = options
  if (typeof dir !== 'string' || dir.length === 0) throw new TypeError('openStore: `dir` is required unless `memory: true`')
  const location = join(dir, DB_FOLDER)
  try {
    await ensureDir(dir)
  } catch (err) {
    throw fromLevelError(err, `creating ${dir}`)
  }
  const create = !await isNonEmptyDir(location)
  const { key, warnings } = await loadDataKey(dir, {
    passphrase: options.passphrase,
    create,
    ...(options.scrypt === undefined ? {} : { scrypt: options.scrypt }),
    random
  })
  try {
    await ensureDir(location)
    const db: LevelDb = new Level<string, Uint8Array>(location, { keyEncoding: 'utf8', valueEncoding: 'view' })
    await openLevel(db)
    return { db, dataKey: key, warnings, location }
  } catch (err) {
    wipe(key)
    throw fromLevelError(err, `opening ${location}`)
  }
}

async function openLevel (db: LevelDb): Promise<void> {
  try {
    await db.open()
  } catch (err) {
    throw fromLevelError(err, 'opening the database')
  }
}
