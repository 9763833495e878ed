/**
 * The compiled `kabar` executable, spawned: help, usage errors (exit 2, one
 * line on stderr), no daemon (exit 1, NOT_RUNNING), and the daemon-backed
 * commands against an API server in this process over a FakeNode.
 */
import assert from 'node:assert/strict'
import { rm } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import type { MessageView } from '../../src/node/types.ts'
import { testAddress } from '../api/fake-node.ts'
import { TOKEN, startHarness } from '../api/helpers.ts'
import type { Harness } from '../api/helpers.ts'
import { cleanEnv, collect, dataDirFor, runCli, spawnCli, tempDir } from './helpers.ts'

const PEER = testAddress(3)
const notRunning = (dir: string): string => `kabar: no node running for ${dir}: start one with \`kabar start\`\n`

// Each test spawns its own processes and shares nothing but an empty directory, so they run side by side.
describe('kabar CLI: parsing and usage errors', { concurrency: true }, () => {
  let empty: string
  before(async () => { empty = await tempDir() })
  after(async () => { await rm(empty, { recursive: true, force: true }) })

  it('--help lists the commands and exits 0', async () => {
    const r = await runCli(['--help'])
    assert.equal(r.code, 0)
    for (const command of ['init', 'start', 'send', 'messages', 'contacts', 'lookup', 'safety-number', 'verify', 'status', 'business', 'link', 'verifier', 'trust']) {
      assert.match(r.stdout, new RegExp(`\\n  ${command} `))
    }
    assert.equal(r.stderr, '')
    const sub = await runCli(['send', '--help'])
    assert.equal(sub.code, 0)
    assert.match(sub.stdout, /--wait/)
  })

  it('an unknown flag exits 2 with one line on stderr', async () => {
    const r = await runCli(['status', '--bogus', '--data', empty])
    assert.equal(r.code, 2)
    assert.equal(r.stderr, 'kabar: unknown option \'--bogus\'\n')
    assert.equal(r.stdout, '')
    const typo = await runCli(['messages', '--jsn', '--data', empty])
    assert.equal(typo.code, 2)
    assert.equal(typo.stderr.split('\n').length, 2, 'one line, even with a suggestion')
  })

  it('an invalid address exits 2 before any daemon is asked', async () => {
    const mistyped = '12D3KooWnope'
    const cases = [['send', mistyped, 'hi'], ['lookup', mistyped], ['messages', '--peer', mistyped], ['contacts', 'add', 'bob'], ['send', 'x'.repeat(44), 'hi']]
    const results = await Promise.all(cases.map(async (args) => runCli([...args, '--data', empty])))
    results.forEach((r, i) => {
      assert.equal(r.code, 2, cases[i]?.join(' '))
      assert.match(r.stderr, /^kabar: invalid address "[^"]*"\n$/)
    })
  })

  it('a contact name needs the running node to resolve it: no daemon, exit 1', async () => {
    const cases = [['send', 'bob', 'hi'], ['messages', '--peer', 'bob'], ['contacts', 'remove', 'bob']]
    const results = await Promise.all(cases.map(async (args) => runCli([...args, '--data', empty])))
    results.forEach((r, i) => {
      assert.equal(r.code, 1, cases[i]?.join(' '))
      assert.match(r.stderr, /^kabar: no node running for /, r.stderr)
    })
  })

  it('an unreadable --passphrase-file exits 2 with one line', async () => {
    const results = await Promise.all(['init', 'start'].map(async (command) => runCli([command, '--passphrase-file', `${empty}/missing.txt`, '--data', empty])))
    for (const r of results) {
      assert.equal(r.code, 2)
      assert.equal(r.stderr, `kabar: cannot read passphrase file "${empty}/missing.txt": ENOENT\n`)
    }
  })

  it('bad flag values exit 2 naming the flag', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['start', '--api-port', '70000'], /^kabar: --api-port must be an integer from 0 to 65535, got "70000"\n$/],
      [['start', '--listen', 'tcp://nope'], /^kabar: --listen "tcp:\/\/nope" is not a multiaddr/],
      [['send', PEER, 'hi', '--wait', '--timeout', 'soon'], /^kabar: --timeout must be a number of seconds/],
      [['send', PEER, 'hi', '--timeout', '5'], /^kabar: --timeout needs --wait\n$/],
      [['send', PEER], /^kabar: missing required argument 'text'\n$/]
    ]
    const results = await Promise.all(cases.map(async ([args]) => runCli([...args, '--data', empty])))
    results.forEach((r, i) => {
      const [args, stderr] = cases[i] ?? [[], /^$/]
      assert.equal(r.code, 2, args.join(' '))
      assert.match(r.stderr, stderr)
    })
  })

  it('status with no daemon exits 1 with NOT_RUNNING, for --data and $KABAR_HOME', async () => {
    const r = await runCli(['status', '--data', empty])
    assert.equal(r.code, 1)
    assert.equal(r.stderr, notRunning(empty))
    const viaEnv = await runCli(['status', '--json'], cleanEnv({ KABAR_HOME: empty }))
    assert.equal(viaEnv.code, 1)
    assert.equal(viaEnv.stderr, notRunning(empty))
  })
})

describe('kabar CLI: commands through the daemon API', () => {
  let h: Harness
  let dir: string
  before(async () => {
    h = await startHarness()
    dir = await dataDirFor(h.api.url, TOKEN, h.node.address)
    h.node.addMessage({ peer: PEER, from: PEER, text: 'first' })
    h.node.addMessage({ peer: testAddress(4), from: testAddress(4), text: 'other\nsecond line' })
  })
  after(async () => {
    await h.api.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('messages --json prints the log as a JSON array', async () => {
    const r = await runCli(['messages', '--json', '--data', dir])
    assert.equal(r.code, 0, r.stderr)
    const list = JSON.parse(r.stdout) as MessageView[]
    assert.ok(Array.isArray(list))
    assert.deepEqual(list.map((m) => m.text).slice(0, 2), ['first', 'other\nsecond line'])
    for (const m of list) for (const key of ['id', 'from', 'to', 'text', 'sentAt', 'status']) assert.ok(key in m, key)
    const one = await runCli(['messages', '--json', '--peer', PEER, '--data', dir])
    assert.deepEqual((JSON.parse(one.stdout) as MessageView[]).map((m) => m.peer), [PEER])
  })

  it('messages prints readable lines, with contact names', async () => {
    h.node.contactList.push({ address: PEER, name: 'Ada', verified: false, addedAt: 0 })
    const r = await runCli(['messages', '--data', dir])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^2023-11-14 22:13:20Z {2}← Ada \(12D3KooW\w+\) {2}\[received\] {2}first$/m)
    assert.match(r.stdout, /other\n {4}second line/)
  })

  it('status, contacts, lookup, safety-number and verify', async () => {
    // Independent reads run side by side; `contacts list` runs after `contacts add`.
    const [status, human, added, lookup, sn, verified] = await Promise.all([
      ['status', '--json'], ['status'], ['contacts', 'add', testAddress(5), '--name', 'Bo'], ['lookup', PEER], ['safety-number', PEER], ['verify', PEER, '--json']
    ].map(async (args) => runCli([...args, '--data', dir])))
    assert.equal((JSON.parse(status?.stdout ?? '') as { address: string }).address, h.node.address)
    assert.match(human?.stdout ?? '', /^peers: {7}2 connected, 5 in the DHT routing table$/m)
    assert.equal(added?.stdout, `added Bo (${testAddress(5)})\n`)
    assert.match(lookup?.stdout ?? '', /^account: no record found in the DHT$/m)
    assert.equal(sn?.stdout, '12345 67890 12345 67890\n12345 67890 12345 67890\n12345 67890 12345 67890\n')
    assert.equal((JSON.parse(verified?.stdout ?? '') as { verified: boolean }).verified, true)
    const list = await runCli(['contacts', 'list', '--json', '--data', dir])
    assert.ok((JSON.parse(list.stdout) as Array<{ name?: string }>).some((c) => c.name === 'Bo'))
  })

  it('send queues; send --wait exits 0 once delivered', async () => {
    const queued = await runCli(['send', PEER, 'no wait', '--data', dir])
    assert.equal(queued.code, 0, queued.stderr)
    assert.match(queued.stdout, new RegExp(`^waiting in your outbox \\(message [0-9a-f]{32} to Ada \\(${PEER}\\)\\)\\n$`))
    h.node.afterSend = (m) => { setTimeout(() => { h.node.setStatus(m.id, 'delivered') }, 200) }
    const r = await runCli(['send', PEER, 'wait for it', '--wait', '--json', '--data', dir])
    h.node.afterSend = undefined
    assert.equal(r.code, 0, r.stderr)
    assert.equal((JSON.parse(r.stdout) as MessageView).status, 'delivered')
  })

  it('send --wait exits 1 on timeout and on failure', async () => {
    const slow = await runCli(['send', PEER, 'never acked', '--wait', '--timeout', '0.5', '--data', dir])
    assert.equal(slow.code, 1)
    assert.match(slow.stderr, /^kabar: message [0-9a-f]{32} was not delivered within 0\.5 s: waiting in your outbox; the node keeps trying\n$/m)
    h.node.afterSend = (m) => { setTimeout(() => { h.node.setStatus(m.id, 'failed') }, 100) }
    const failed = await runCli(['send', PEER, 'refused', '--wait', '--data', dir])
    h.node.afterSend = undefined
    assert.equal(failed.code, 1)
    assert.match(failed.stderr, /: failed: a recipient device refused it for good: it cannot decrypt it\n$/)
  })

  it('node errors come back as one line, exit 1', async () => {
    const { KabarError } = await import('../../src/errors.ts')
    h.node.failNext(new KabarError('UNTRUSTED_IDENTITY', 'the identity key of this contact changed'))
    const r = await runCli(['send', PEER, 'hi', '--data', dir])
    assert.equal(r.code, 1)
    assert.equal(r.stderr, 'kabar: the identity key of this contact changed\n')
  })

  it('a stale node.json (daemon gone) or a wrong token exits 1', async () => {
    const gone = await startHarness()
    await gone.api.close()
    const stale = await dataDirFor(gone.api.url, TOKEN, gone.node.address)
    const wrong = await dataDirFor(h.api.url, 'not-the-token-at-all', h.node.address)
    try {
      const r = await runCli(['status', '--data', stale])
      assert.equal(r.code, 1)
      assert.equal(r.stderr, notRunning(stale))
      const w = await runCli(['contacts', 'list', '--data', wrong])
      assert.equal(w.code, 1)
      assert.match(w.stderr, /^kabar: missing or wrong bearer token/)
    } finally {
      await rm(stale, { recursive: true, force: true })
      await rm(wrong, { recursive: true, force: true })
    }
  })

  it('messages --follow --json prints JSON lines until SIGINT, then exits 0', async () => {
    const child = spawnCli(['messages', '--follow', '--json', '--peer', PEER, '--data', dir])
    const done = collect(child)
    let seen = ''
    const lines = async (n: number): Promise<string[]> => new Promise((resolve) => {
      const check = (): void => {
        const all = seen.split('\n').filter((l) => l.length > 0)
        if (all.length >= n) { child.stdout?.off('data', onData); resolve(all) }
      }
      const onData = (s: Buffer | string): void => { seen += s.toString(); check() }
      child.stdout?.on('data', onData)
      check()
    })
    const history = h.node.log.filter((m) => m.peer === PEER).length
    await lines(history)
    const fresh = h.node.addMessage({ peer: PEER, from: PEER, text: 'live' })
    h.node.emit('message', h.node.addMessage({ peer: testAddress(6), text: 'not this peer' }))
    h.node.emit('message', fresh)
    const all = await lines(history + 1)
    assert.deepEqual(JSON.parse(all.at(-1) ?? ''), fresh)
    child.kill('SIGINT')
    const r = await done
    assert.equal(r.code, 0, r.stderr)
  })
})
