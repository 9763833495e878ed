/**
 * Shared fixtures for the store specs: throwaway data directories under the OS
 * temp dir, a cheap scrypt cost for tests that are not about the KDF, and a
 * reader of every byte under a directory for the at-rest checks.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ScryptParams } from '../../src/store/index.ts'

/** 2^10: the lowest cost a keyring may have; fine for tests that are not about the KDF. */
export const FAST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 }

/** A fresh empty directory; pass the result to `removeDir` in `after`/`finally`. */
export async function makeTmpDir (): Promise<string> {
  return mkdtemp(join(tmpdir(), 'kabar-store-test-'))
}

export async function removeDir (dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}

/** Every regular file under `dir` (recursively) with its raw bytes. */
export async function readAllFiles (dir: string): Promise<Array<{ path: string, bytes: Buffer }>> {
  const out: Array<{ path: string, bytes: Buffer }> = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...await readAllFiles(path))
    else if (entry.isFile()) out.push({ path, bytes: await readFile(path) })
  }
  return out
}

/** Paths of the files under `dir` whose bytes contain `needle`. */
export async function filesContaining (dir: string, needle: Uint8Array): Promise<string[]> {
  const files = await readAllFiles(dir)
  return files.filter((f) => f.bytes.indexOf(needle) !== -1).map((f) => f.path)
}

/** A snapshot of a directory (paths and bytes) to compare before/after an operation. */
export async function snapshotDir (dir: string): Promise<Map<string, string>> {
  const files = await readAllFiles(dir)
  return new Map(files.map((f) => [f.path, f.bytes.toString('base64')]))
}

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
export const text = (value: Uint8Array | undefined): string | undefined =>
  value === undefined ? undefined : new TextDecoder().decode(value)
