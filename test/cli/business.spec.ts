/**
 * The business, link, verifier and trust commands, spawned: bad flags and
 * files exit 2 with one line before any daemon is asked; the happy paths run
 * against an API server in this process over a FakeNode and an in-memory
 * store (reader tokens and webhooks real).
 */
import assert from 'node:assert/strict'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ApiClient } from '../../src/api/client.ts'
import { startApiServer } from '../../src/api/server.ts'
import type { ApiServer } from '../../src/api/server.ts'
import { TokenRegistry } from '../../src/api/tokens.ts'
import { WebhookDispatcher } from '../../src/api/webhooks.ts'
import type { BusinessProfileView } from '../../src/node/types.ts'
import { openStore } from '../../src/store/index.ts'
import type { KabarStore } from '../../src/store/index.ts'
import { FakeNode, testAddress, testProfile, testProfileInput as validInput } from '../api/fake-node.ts'
import { TOKEN } from '../api/helpers.ts'
import { dataDirFor, runCli, tempDir } from './helpers.ts'

const BUSINESS = testAddress(4)

describe('kabar business/verifier/trust: usage errors', { concurrency: true }, () => {
  let dir: string
  before(async () => {
    dir = await tempDir()
    await writeFile(join(dir, 'broken.json'), '{ "displayName": ')
    const input = validInput()
    await writeFile(join(dir, 'bad-field.json'), JSON.stringify({ ...input, processors: [{ ...input.processors?.[0], retentionDays: -1 }] }))
  })
  after(async () => { await rm(dir, { recursive: true, force: true }) })

  const cases: Array<[string[], RegExp]> = [
    [['business', 'publish'], /^kabar: required option '--profile <file>' not specified\n$/],
    [['business', 'publish', '--profile', 'DIR/missing.json'], /^kabar: cannot read --profile ".*missing\.json": ENOENT\n$/],
    [['business', 'publish', '--profile', 'DIR/broken.json'], /^kabar: --profile ".*broken\.json" is not valid JSON: .+\n$/],
    [['business', 'publish', '--profile', 'DIR/bad-field.json'], /^kabar: --profile ".*bad-field\.json": processors\[0\]\.retentionDays must be an integer from 0 to 36500\n$/],
    [['business', 'add-device', '--role', 'boss', '--label', 'x'], /^kabar: --role must be one of "agent", "processor", "linked", "mailbox"\n$/],
    [['business', 'add-device', '--role', 'agent'], /^kabar: required option '--label <name>' not specified\n$/],
    [['business', 'remove-device', 'nope'], /^kabar: invalid address "nope"\n$/],
    [['business', 'accept', '12D3KooWnope'], /^kabar: invalid address "12D3KooWnope"\n$/],
    [['business', 'token', 'add', '--name', 'Dewi', '--role', 'boss'], /^kabar: --role must be "agent" or "processor"\n$/],
    [['business', 'token', 'add', '--name', '', '--role', 'agent'], /^kabar: --name must be a non-empty string/],
    [['business', 'webhook', 'add', '--processor', 'HelpdeskCo', '--url', 'http://helpdesk.example/hook'], /^kabar: --url must be https/],
    [['business', 'webhook', 'add', '--processor', 'HelpdeskCo'], /^kabar: required option '--url <url>' not specified\n$/],
    [['verifier', 'attest', '--business', BUSINESS, '--legal-name', 'Acme', '--domain', 'acme.example', '--days', '0'], /^kabar: --days must be an integer from 1 to 398, got "0"\n$/],
    [['verifier', 'attest', '--business', '12D3KooWnope', '--legal-name', 'Acme', '--domain', 'acme.example', '--days', '30'], /^kabar: invalid address "12D3KooWnope"\n$/],
    [['verifier', 'revoke', 'xyz'], /^kabar: the attestation id must be 64 lowercase hex characters/],
    [['trust', 'threshold', '0'], /^kabar: threshold must be an integer from 1 to 32, got "0"\n$/],
    [['trust', 'add-verifier', '12D3KooWnope'], /^kabar: invalid address "12D3KooWnope"\n$/],
    [['link'], /^kabar: missing required argument 'code'\n$/],
    [['devices', 'add', '--role', 'agent', '--label', 'x'], /^kabar: --role must be one of "linked", "mailbox"\n$/],
    [['devices', 'add', '--role', 'mailbox'], /^kabar: required option '--label <name>' not specified\n$/],
    [['devices', 'remove', 'nope'], /^kabar: invalid address "nope"\n$/]
  ]
  it('business --help lists its commands', async () => {
    const r = await runCli(['business', '--help'])
    assert.equal(r.code, 0)
    for (const command of ['publish', 'profile', 'add-device', 'remove-device', 'devices', 'accept', 'token', 'webhook']) assert.match(r.stdout, new RegExp(`\\n  ${command} `))
  })

  for (const [args, stderr] of cases) {
    it(`${args.join(' ')} exits 2 with one line`, async () => {
      const r = await runCli([...args.map((a) => a.replace('DIR', dir)), '--data', dir])
      assert.equal(r.code, 2, r.stderr)
      assert.match(r.stderr, stderr)
      assert.equal(r.stderr.split('\n').length, 2, 'one line')
      assert.equal(r.stdout, '')
    })
  }
})

describe('kabar business/verifier/trust against a daemon API', () => {
  let node: FakeNode
  let store: KabarStore
  let api: ApiServer
  let webhooks: WebhookDispatcher
  let dir: string

  before(async () => {
    node = new FakeNode()
    node.profileView = testProfile(node.address)
    store = await openStore({ memory: true })
    webhooks = await WebhookDispatcher.open({ node, store })
    api = await startApiServer({ node, token: TOKEN, tokens: await TokenRegistry.open(store), webhooks })
    dir = await dataDirFor(api.url, TOKEN, node.address)
    await writeFile(join(dir, 'profile.json'), JSON.stringify(validInput()))
  })
  after(async () => {
    await api.close()
    await webhooks.stop(100)
    await store.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('business publish validates the file and publishes it; business profile shows it', async () => {
    const r = await runCli(['business', 'publish', '--profile', join(dir, 'profile.json'), '--data', dir])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^published version 1 of the business profile\n/)
    assert.match(r.stdout, /^ {2}HelpdeskCo {2}store, reply {2}region EU, kept 30 days, webhooks to 127\.0\.0\.1$/m)
    assert.deepEqual(node.calls.find((c) => c.op === 'publishProfile')?.args, [validInput()])
    const json = await runCli(['business', 'profile', '--json', '--data', dir])
    assert.equal((JSON.parse(json.stdout) as BusinessProfileView).displayName, 'Acme')
  })

  it('business token add prints the token once; it works for that agent; list and remove', async () => {
    const r = await runCli(['business', 'token', 'add', '--name', 'Dewi', '--role', 'agent', '--data', dir])
    assert.equal(r.code, 0, r.stderr)
    const token = r.stdout.trim().split('\n').at(-1) ?? ''
    assert.match(token, /^kabar_r_[0-9a-f]{64}$/)
    const agent = new ApiClient({ url: api.url, token })
    assert.equal((await agent.send(BUSINESS, 'hi')).sentBy, 'Dewi')
    const refused = await runCli(['business', 'token', 'add', '--name', 'Mallory', '--role', 'agent', '--data', dir])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /^kabar: agent "Mallory" is not listed in the published business profile/)
    const list = await runCli(['business', 'token', 'list', '--json', '--data', dir])
    assert.deepEqual((JSON.parse(list.stdout) as Array<{ name: string }>).map((t) => t.name), ['Dewi'])
    const removed = await runCli(['business', 'token', 'remove', 'Dewi', '--data', dir])
    assert.equal(removed.stdout, 'revoked the token of "Dewi"\n')
  })

  it('business webhook add/list/remove; an undisclosed processor exits 1', async () => {
    const r = await runCli(['business', 'webhook', 'add', '--processor', 'HelpdeskCo', '--url', 'http://127.0.0.1:9/hook', '--json', '--data', dir])
    assert.equal(r.code, 0, r.stderr)
    assert.match((JSON.parse(r.stdout) as { secret: string }).secret, /^[0-9a-f]{64}$/)
    const refused = await runCli(['business', 'webhook', 'add', '--processor', 'Other', '--url', 'https://other.example/hook', '--data', dir])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /^kabar: processor "Other" is not named in the published business profile/)
    const list = await runCli(['business', 'webhook', 'list', '--data', dir])
    assert.match(list.stdout, /^HelpdeskCo {2}http:\/\/127\.0\.0\.1:9\/hook {2}/)
    assert.equal((await runCli(['business', 'webhook', 'remove', 'HelpdeskCo', '--data', dir])).code, 0)
  })

  it('devices add (linked by default, or a mailbox), list and remove reach the node', async () => {
    const code = await runCli(['devices', 'add', '--role', 'mailbox', '--label', 'home mailbox', '--data', dir])
    assert.equal(code.code, 0, code.stderr)
    assert.match(code.stdout, /^ {2}kabar link kabar-link:test$/m)
    assert.deepEqual(node.calls.filter((c) => c.op === 'addDevice').at(-1)?.args, [{ role: 'mailbox', label: 'home mailbox' }])
    assert.equal((await runCli(['devices', 'add', '--label', 'laptop', '--data', dir])).code, 0)
    assert.deepEqual(node.calls.filter((c) => c.op === 'addDevice').at(-1)?.args, [{ role: 'linked', label: 'laptop' }])
    assert.equal((await runCli(['devices', 'list', '--data', dir])).code, 0)
    assert.ok(node.calls.some((c) => c.op === 'devices'))
    const removed = await runCli(['devices', 'remove', BUSINESS, '--data', dir])
    assert.equal(removed.code, 0, removed.stderr)
    assert.deepEqual(node.calls.filter((c) => c.op === 'removeDevice').at(-1)?.args, [BUSINESS])
  })

  it('add-device prints the link command; link, accept, verifier and trust reach the node', async () => {
    const code = await runCli(['business', 'add-device', '--role', 'agent', '--label', 'Dewi laptop', '--data', dir])
    assert.equal(code.code, 0, code.stderr)
    assert.match(code.stdout, /^ {2}kabar link kabar-link:test$/m)
    const linked = await runCli(['link', 'kabar-link:abc', '--data', dir])
    assert.match(linked.stdout, /^this node is now agent "test" of account 12D3KooW\w+\n$/)
    const attest = await runCli(['verifier', 'attest', '--business', BUSINESS, '--legal-name', 'Acme B.V.', '--domain', 'acme.example', '--days', '30', '--data', dir])
    assert.equal(attest.code, 0, attest.stderr)
    assert.equal(attest.stdout, 'AA==\n', 'only the attestation on stdout')
    assert.match(attest.stderr, /^attestation 0{64}: Acme B\.V\. \(acme\.example\)/)
    const trust = await runCli(['trust', 'add-verifier', BUSINESS, '--label', 'KvK', '--data', dir])
    assert.match(trust.stdout, /^ {2}12D3KooW\w+ {2}KvK$/m)
    const threshold = await runCli(['trust', 'threshold', '2', '--json', '--data', dir])
    assert.equal((JSON.parse(threshold.stdout) as { threshold: number }).threshold, 2)
    node.disclosureView = undefined
    const accept = await runCli(['business', 'accept', BUSINESS, '--data', dir])
    assert.equal(accept.code, 1, 'the fake node has nothing to accept')
    assert.equal(accept.stderr, 'kabar: internal error\n')
  })
})
