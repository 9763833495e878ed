/**
 * CLI modules in-process: `init` and `start` over a fake node layer (the
 * loader contract of src/cli/node-loader.ts), the loader itself, exit-code
 * mapping, flag parsing and the human formatters.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { pathToFileURL } from 'node:url'
import { CommanderError } from 'commander'
import { init } from '../../src/cli/commands/init.ts'
import { start } from '../../src/cli/commands/start.ts'
import { ExitError, describeFailure } from '../../src/cli/errors.ts'
import { formatSafetyNumber } from '../../src/cli/format.ts'
import { loadNodeLayer } from '../../src/cli/node-loader.ts'
import type { NodeLayer, RunDaemonOptions } from '../../src/cli/node-loader.ts'
import { parseIntegerFlag, readPassphrase, resolveDataDir } from '../../src/cli/options.ts'
import { createOutput } from '../../src/cli/output.ts'
import type { Output } from '../../src/cli/output.ts'
import { KabarError } from '../../src/errors.ts'

function capture (json: boolean): { out: Output, stdout: () => string, stderr: () => string } {
  let stdout = ''
  let stderr = ''
  const sink = (append: (s: string) => void): Writable => new Writable({ write (chunk: Buffer, _enc, cb) { append(chunk.toString()); cb() } })
  const out = createOutput({ json, stdout: sink((s) => { stdout += s }), stderr: sink((s) => { stderr += s }) })
  return { out, stdout: () => stdout, stderr: () => stderr }
}

const READY = { peerId: '12D3KooWPeer', multiaddrs: ['/ip4/127.0.0.1/tcp/7744/p2p/12D3KooWPeer'], api: { url: 'http://127.0.0.1:7745', token: 'secret-token' } }

/** A node layer that records its calls; runDaemon reports ready at once. */
function fakeLayer (): { layer: NodeLayer, runs: RunDaemonOptions[], stops: () => number } {
  const runs: RunDaemonOptions[] = []
  let stops = 0
  const layer: NodeLayer = {
    initNode: async (options) => Promise.resolve({ peerId: `peer-of-${options.dataDir}`, created: options.passphrase === 'new' }),
    runDaemon: async (options) => {
      runs.push(options)
      options.onReady(READY)
      return Promise.resolve({ stop: async () => { stops++; await new Promise((resolve) => setTimeout(resolve, 20)) } })
    }
  }
  return { layer, runs, stops: () => stops }
}

/** Runs `fn`, then calls the SIGINT listeners it added (without signalling the test process). */
async function withSigint (fn: () => Promise<void>, times: number): Promise<void> {
  const before = new Set(process.listeners('SIGINT'))
  const running = fn()
  await new Promise((resolve) => setTimeout(resolve, 20))
  const added = process.listeners('SIGINT').filter((l) => !before.has(l))
  assert.equal(added.length, 1, 'start listens for SIGINT while running')
  for (let i = 0; i < times; i++) for (const listener of added) listener('SIGINT')
  await running
  assert.equal(process.listeners('SIGINT').filter((l) => !before.has(l)).length, 0, 'and removes its listener')
}

describe('cli commands over a fake node layer', () => {
  it('init prints the address, or {"peerId"} with --json', async () => {
    const human = capture(false)
    await init({ dataDir: '/d', passphrase: 'new' }, human.out, async () => Promise.resolve(fakeLayer().layer))
    assert.equal(human.stdout(), 'created a new identity in /d\naddress: peer-of-/d\n')
    const json = capture(true)
    await init({ dataDir: '/d' }, json.out, async () => Promise.resolve(fakeLayer().layer))
    assert.deepEqual(JSON.parse(json.stdout()), { peerId: 'peer-of-/d', created: false, dataDir: '/d' })
  })

  it('start passes the flags, prints address, multiaddrs and API URL (not the token), and stops on SIGINT', async () => {
    const fake = fakeLayer()
    const c = capture(false)
    await withSigint(async () => { await start({ dataDir: '/d', listen: ['/ip4/0.0.0.0/tcp/1'], bootstrap: [], apiPort: 0, mdns: true }, c.out, async () => Promise.resolve(fake.layer)) }, 1)
    assert.equal(fake.stops(), 1)
    assert.deepEqual({ ...fake.runs[0], onReady: undefined }, { dataDir: '/d', listen: ['/ip4/0.0.0.0/tcp/1'], bootstrap: [], apiPort: 0, mdns: true, onReady: undefined })
    assert.match(c.stdout(), /address: {3}12D3KooWPeer\nlistening:\n {2}\/ip4\/127\.0\.0\.1\/tcp\/7744\/p2p\/12D3KooWPeer\napi: {7}http:\/\/127\.0\.0\.1:7745\n/)
    assert.doesNotMatch(c.stdout() + c.stderr(), /secret-token/)
    assert.match(c.stderr(), /SIGINT: stopping…\nstopped\n$/)
  })

  it('start --json prints one JSON line; a second SIGINT gives up with exit 130', async () => {
    const fake = fakeLayer()
    fake.layer.runDaemon = async (options) => {
      options.onReady(READY)
      // A stop that never finishes (and holds no timer, so the test process can end).
      return Promise.resolve({ stop: async () => { await new Promise(() => {}) } })
    }
    const c = capture(true)
    await assert.rejects(withSigint(async () => { await start({ dataDir: '/d', listen: [], bootstrap: [], mdns: false }, c.out, async () => Promise.resolve(fake.layer)) }, 2),
      (err) => err instanceof ExitError && err.exitCode === 130)
    assert.deepEqual(JSON.parse(c.stdout()), { peerId: READY.peerId, multiaddrs: READY.multiaddrs, api: { url: READY.api.url }, dataDir: '/d', notices: [], alone: false })
    assert.equal(c.stderr(), '')
  })
})

describe('cli/node-loader', () => {
  let dir: string
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'kabar-loader-')) })
  after(async () => { await rm(dir, { recursive: true, force: true }) })

  it('loads a module with initNode and runDaemon', async () => {
    const file = join(dir, 'layer.mjs')
    await writeFile(file, 'export async function initNode (o) { return { peerId: "p:" + o.dataDir, created: true } }\nexport async function runDaemon () { return { stop: async () => {} } }\n')
    const layer = await loadNodeLayer(pathToFileURL(file).href)
    assert.deepEqual(await layer.initNode({ dataDir: 'x' }), { peerId: 'p:x', created: true })
  })

  it('says clearly when the node layer is missing or incomplete', async () => {
    await assert.rejects(loadNodeLayer(pathToFileURL(join(dir, 'missing.mjs')).href), (err) => KabarError.is(err, 'INTERNAL') && /it is not built/.test(err.message))
    const partial = join(dir, 'partial.mjs')
    await writeFile(partial, 'export const initNode = () => {}\n')
    await assert.rejects(loadNodeLayer(pathToFileURL(partial).href), (err) => KabarError.is(err, 'INTERNAL') && /does not export initNode and runDaemon/.test(err.message))
  })
})

describe('cli errors, options and formatting', () => {
  it('maps failures to exit codes and one-line messages', () => {
    assert.deepEqual(describeFailure(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'\n(Did you mean --y?)")), { exitCode: 2, message: "unknown option '--x' (Did you mean --y?)" })
    assert.deepEqual(describeFailure(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)')), { exitCode: 0, message: '' })
    assert.deepEqual(describeFailure(new CommanderError(0, 'commander.help', '(outputHelp)')), { exitCode: 0, message: '' }, '`kabar help`')
    assert.deepEqual(describeFailure(new CommanderError(1, 'commander.help', '(outputHelp)')), { exitCode: 2, message: '' }, '`kabar contacts` without a subcommand')
    assert.deepEqual(describeFailure(new KabarError('INVALID_ADDRESS', 'invalid address "x"')), { exitCode: 2, message: 'invalid address "x"' })
    assert.deepEqual(describeFailure(new KabarError('NOT_RUNNING', 'no node')), { exitCode: 1, message: 'no node' })
    assert.deepEqual(describeFailure(new ExitError(130, 'again')), { exitCode: 130, message: 'again' })
    assert.deepEqual(describeFailure(new TypeError('boom\n  at x')), { exitCode: 1, message: 'unexpected error: boom at x' })
  })

  it('resolves --data, $KABAR_HOME, then ~/.kabar', () => {
    assert.equal(resolveDataDir('/a/b', { KABAR_HOME: '/c' }), '/a/b')
    assert.equal(resolveDataDir(undefined, { KABAR_HOME: '/c' }), '/c')
    assert.match(resolveDataDir(undefined, {}), /\/\.kabar$/)
  })

  it('reads the passphrase from the file (one trailing newline dropped) or $KABAR_PASSPHRASE', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kabar-pass-'))
    try {
      await writeFile(join(dir, 'p'), ' two words \n')
      assert.equal(await readPassphrase(join(dir, 'p'), { KABAR_PASSPHRASE: 'env' }), ' two words ')
      assert.equal(await readPassphrase(undefined, { KABAR_PASSPHRASE: 'env' }), 'env')
      assert.equal(await readPassphrase(undefined, {}), undefined)
      await writeFile(join(dir, 'empty'), '\n')
      await assert.rejects(readPassphrase(join(dir, 'empty'), {}), (err) => KabarError.is(err, 'BAD_REQUEST') && /is empty/.test(err.message))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('parses integer flags strictly', () => {
    assert.equal(parseIntegerFlag('--n', '8080', 0, 65535), 8080)
    for (const bad of ['', '-1', '1e3', '0x10', '65536', ' 1']) assert.throws(() => parseIntegerFlag('--n', bad, 0, 65535), /--n must be an integer/)
  })

  it('groups a 60-digit safety number as 3 lines of 4 × 5 digits', () => {
    assert.deepEqual(formatSafetyNumber('0123456789'.repeat(6)), ['01234 56789 01234 56789', '01234 56789 01234 56789', '01234 56789 01234 56789'])
    assert.deepEqual(formatSafetyNumber('123'), ['123'])
  })
})
