/**
 * The few file operations the keyring needs, written so that a key file is
 * never seen half-written, never silently replaced, and never created with
 * permissions wider than the owner's.
 */
import { constants as fsConstants } from 'node:fs'
import { link, mkdir, open, readFile, readdir, stat, unlink } from 'node:fs/promises'
import { dirname } from 'node:path'
import { toHex } from '../crypto/bytes.ts'
import { defaultRandom } from '../crypto/random.ts'
import { DIR_MODE, KEY_FILE_MODE } from './constants.ts'

/** Something the caller should show the user; the store still opened. */
export interface StoreWarning {
  code: 'KEY_FILE_PERMISSIONS'
  /** The file concerned. */
  path: string
  /** Its permission bits, e.g. 0o644. */
  mode: number
  message: string
}

/** The file's bytes, or undefined when it does not exist. */
export async function readIfExists (path: string): Promise<Uint8Array | undefined> {
  try {
    const buf = await readFile(path)
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined
    throw err
  }
}

/** True when `path` is a directory with at least one entry. */
export async function isNonEmptyDir (path: string): Promise<boolean> {
  try {
    return (await readdir(path)).length > 0
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return false
    throw err
  }
}

/** Creates `path` (and parents) owner-only; an existing directory keeps its mode. */
export async function ensureDir (path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: DIR_MODE })
}

/**
 * Writes `bytes` to `path` with mode 0600 unless `path` already exists.
 * The data goes to a temporary file that is fsynced and then hard-linked into
 * place: link() is atomic and fails with EEXIST rather than overwrite, so two
 * processes initialising one directory cannot end up with different keys.
 * Returns false when another writer got there first.
 */
export async function writeNewFileAtomic (path: string, bytes: Uint8Array): Promise<boolean> {
  const tmp = `${path}.${toHex(defaultRandom(8))}.tmp`
  const handle = await open(tmp, fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY, KEY_FILE_MODE)
  try {
    await handle.writeFile(bytes)
    await handle.chmod(KEY_FILE_MODE)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await link(tmp, path)
  } catch (err) {
    if (isErrno(err, 'EEXIST')) return false
    throw err
  } finally {
    await unlink(tmp)
  }
  await syncDir(dirname(path))
  return true
}

/**
 * A warning when a key file can be read or written by group or others.
 * NOTE: we warn instead of refusing (ssh refuses). Refusing would not undo the
 * exposure, would lock users out of their messages on filesystems without Unix
 * modes, and the CLI can print the fix (`chmod 600 FILE`) loudly. Windows has
 * no such bits, so nothing is reported there.
 */
export async function permissionWarning (path: string): Promise<StoreWarning | undefined> {
  if (process.platform === 'win32') return undefined
  const mode = (await stat(path)).mode & 0o777
  if ((mode & 0o077) === 0) return undefined
  return {
    code: 'KEY_FILE_PERMISSIONS',
    path,
    mode,
    message: `${path} is accessible to other users (mode ${mode.toString(8).padStart(4, '0')}); run: chmod 600 '${path}'`
  }
}

/** Makes a new directory entry durable; best effort, as some filesystems refuse to open directories. */
async function syncDir (path: string): Promise<void> {
  try {
    const handle = await open(path, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Durability of the entry is best effort; the file's own data was already fsynced.
  }
}

function isErrno (err: unknown, code: string): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === code
}
