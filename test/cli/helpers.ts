/**
 * Running the compiled CLI as a child process (always with a timeout, never
 * reading ~/.kabar or the caller's KABAR_* variables), and data directories
 * whose node.json points at an in-test API server.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** dist/src/cli/main.js, seen from dist/test/cli/. */
export const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url))

export const SPAWN_TIMEOUT_MS = 15_000

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** An environment without the caller's KABAR_HOME / KABAR_PASSPHRASE. */
export function cleanEnv (extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra }
  if (extra.KABAR_HOME === undefined) delete env.KABAR_HOME
  if (extra.KABAR_PASSPHRASE === undefined) delete env.KABAR_PASSPHRASE
  return env
}

/** Starts the CLI; it is killed after SPAWN_TIMEOUT_MS. */
export function spawnCli (args: string[], env: NodeJS.ProcessEnv = cleanEnv()): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: SPAWN_TIMEOUT_MS })
}

/** Waits for a spawned CLI to exit and collects its output. */
export async function collect (child: ChildProcess): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (s: string) => { stdout += s })
  child.stderr?.setEncoding('utf8').on('data', (s: string) => { stderr += s })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => { resolve({ code, signal, stdout, stderr }) })
  })
}

export async function runCli (args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult> {
  return collect(spawnCli(args, env))
}

/** A fresh empty directory. */
export async function tempDir (): Promise<string> {
  return mkdtemp(join(tmpdir(), 'kabar-cli-'))
}

/** A data directory whose node.json names `url` and `token`. */
export async function dataDirFor (url: string, token: string, peerId: string): Promise<string> {
  const dir = await tempDir()
  await writeFile(join(dir, 'node.json'), JSON.stringify({ peerId, multiaddrs: ['/ip4/127.0.0.1/tcp/7744'], api: { url, token } }), { mode: 0o600 })
  return dir
}
