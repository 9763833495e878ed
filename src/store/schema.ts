/**
 * The schema version record, `meta/schema` = sealed `{ "version": n }`. It is
 * written once into an empty database and checked on every open, which also
 * proves the data key fits the database before anything else is read: a
 * swapped data.key surfaces here, at open, as STORE_CORRUPT.
 */
import { decodeJson, encodeJson } from './args.ts'
import { SCHEMA_KEY, SCHEMA_VERSION } from './constants.ts'
import { StoreCorruptError, StoreVersionError } from './errors.ts'
import type { LevelDb, LevelSublevel } from './kabar-store.ts'
import type { ValueSealer } from './sealed-encoding.ts'

/** Returns the database's schema version, writing the current one into an empty database. */
export async function checkSchema (db: LevelDb, meta: LevelSublevel, sealer: ValueSealer): Promise<number> {
  const sealed = await meta.get(SCHEMA_KEY)
  if (sealed === undefined) {
    if (await isEmpty(db)) {
      await meta.put(SCHEMA_KEY, sealer.seal('meta', SCHEMA_KEY, encodeJson({ version: SCHEMA_VERSION })))
      return SCHEMA_VERSION
    }
    throw new StoreCorruptError(`the database has data but no meta/${SCHEMA_KEY} record`)
  }
  let record: unknown
  try {
    record = decodeJson('meta', SCHEMA_KEY, sealer.open('meta', SCHEMA_KEY, sealed))
  } catch (err) {
    throw new StoreCorruptError('the data key does not open this database (its schema record fails to open): wrong key file, or damaged files', { cause: err })
  }
  const version = (record as { version?: unknown } | null)?.version
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw new StoreCorruptError(`meta/${SCHEMA_KEY} holds no valid version`)
  }
  if (version > SCHEMA_VERSION) {
    throw new StoreVersionError(`the database has schema version ${version}; this kabar reads up to ${SCHEMA_VERSION}. Upgrade kabar`)
  }
  return version
}

async function isEmpty (db: LevelDb): Promise<boolean> {
  const keys = await db.keys({ limit: 1 }).all()
  return keys.length === 0
}
