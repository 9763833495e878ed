/**
 * Real `kabar` processes on loopback for end-to-end tests: init, start (and
 * wait for node.json), run one-shot commands, kill. Every wait is bounded and
 * every started process is killed in `stopAll`.
 */
import { spawn, spawnSync } from 'node:child_process'
import { after } from 'node:test'
import type { ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ApiClient } from '../../src/api/client.ts'
import { waitFor as waitForAny } from '../utils/wait.ts'

export const CLI = join(process.cwd(), 'dist/src/cli/main.js')

export interface CliResult { status: number | null, stdout: string, stderr: string }

/** Runs one CLI command to completion (bounded). */
export function kabar (args: string[], timeoutMs = 30_000): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, KABAR_PASSPHRASE: '' } })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

export interface Daemon {
  dataDir: string
  child: ChildProcess
  info: { peerId: string, multiaddrs: string[], api: { url: string, token: string } }
  client: ApiClient
  output: () => string
}

const running = new Set<ChildProcess>()

/**
 * Starts `kabar start` on `dataDir` and resolves once its node.json is written. Several local
 * daemons share 127.0.0.1, so they are exempt from the per-host connection limits unless
 * `allowLoopback` is false (a node as a person runs it).
 */
export async function startDaemon (dataDir: string, bootstrap: string[] = [], timeoutMs = 30_000, extraArgs: string[] = [], allowLoopback = true): Promise<Daemon> {
  const infoPath = join(dataDir, 'node.json')
  const args = [CLI, 'start', '--data', dataDir, '--listen', '/ip4/127.0.0.1/tcp/0', '--api-port', '0', ...(allowLoopback ? ['--allow-loopback'] : []), ...bootstrap.flatMap((b) => ['--bootstrap', b]), ...extraArgs]
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KABAR_PASSPHRASE: '' } })
  running.add(child)
  child.on('exit', () => running.delete(child))
  let log = ''
  child.stdout?.on('data', (d: Buffer) => { log += d.toString() })
  child.stderr?.on('data', (d: Buffer) => { log += d.toString() })
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (existsSync(infoPath)) {
      try {
        const info = JSON.parse(readFileSync(infoPath, 'utf8')) as Daemon['info']
        const client = await ApiClient.fromDataDir(dataDir)
        await client.health()
        return { dataDir, child, info, client, output: () => log }
      } catch { /* written but not yet reachable: poll again */ }
    }
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`kabar start exited (${child.exitCode ?? child.signalCode ?? ''}): ${log}`)
    if (Date.now() > deadline) throw new Error(`kabar start did not become ready in ${timeoutMs} ms: ${log}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** SIGKILL: no chance to finish anything. */
export async function crash (daemon: Daemon): Promise<void> {
  const exited = new Promise((resolve) => daemon.child.once('exit', resolve))
  daemon.child.kill('SIGKILL')
  await exited
}

/** SIGTERM and wait for a clean exit; resolves with the exit code. */
export async function stop (daemon: Daemon, timeoutMs = 15_000): Promise<number | null> {
  if (daemon.child.exitCode !== null || daemon.child.signalCode !== null) return daemon.child.exitCode
  const exited = new Promise<number | null>((resolve) => daemon.child.once('exit', (code) => { resolve(code) }))
  daemon.child.kill('SIGTERM')
  const timer = setTimeout(() => daemon.child.kill('SIGKILL'), timeoutMs)
  const code = await exited
  clearTimeout(timer)
  return code
}

export function killAll (): void {
  for (const child of running) child.kill('SIGKILL')
}

/** {@link waitForAny} with this suite's default deadline. */
export async function waitFor (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  await waitForAny(what, check, timeoutMs)
}

/**
 * A describe block's scratch directory and daemons. Call it inside `describe`:
 * `after` stops every daemon pushed to `daemons`, kills any stray process and
 * removes the directory, which `root()` creates on first use.
 */
export function useScratch (prefix: string): { daemons: Daemon[], root: () => Promise<string> } {
  let root: Promise<string> | undefined
  const daemons: Daemon[] = []
  after(async () => {
    await Promise.allSettled(daemons.map(async (d) => stop(d)))
    killAll()
    if (root !== undefined) await rm(await root, { recursive: true, force: true })
  })
  return { daemons, root: async () => (root ??= mkdtemp(join(tmpdir(), prefix))) }
}
