/**
 * A first-time user's CLI against the real API server over FakeNode: names
 * wherever an address is taken (and clear errors for an unknown or
 * ambiguous one), names beside addresses, `contacts remove`, `send bob -`
 * reading the text from stdin, `invite` and `contacts add <invite>`, and a
 * node with no peers saying how to join.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { encodeInvite } from '../../src/node/invite.ts'
import { testAddress } from '../api/fake-node.ts'
import { TOKEN, startHarness } from '../api/helpers.ts'
import type { Harness } from '../api/helpers.ts'
import { CLI, cleanEnv, collect, dataDirFor, runCli } from './helpers.ts'
import type { CliResult } from './helpers.ts'

const ADA = testAddress(11)
const BOB = testAddress(12)
const BOB2 = testAddress(13)

describe('kabar CLI: names, stdin, invites', () => {
  let h: Harness
  let dir: string
  before(async () => {
    h = await startHarness()
    dir = await dataDirFor(h.api.url, TOKEN, h.node.address)
    h.node.contactList.push({ address: ADA, name: 'Ada', verified: false, addedAt: 0 }, { address: BOB, name: 'Bob', verified: false, addedAt: 0 }, { address: BOB2, name: 'bob', verified: false, addedAt: 0 })
  })
  after(async () => {
    await h.api.close()
    await rm(dir, { recursive: true, force: true })
  })

  const sends = (): unknown[][] => h.node.calls.filter((c) => c.op === 'send').map((c) => c.args)

  it('takes a contact\'s name wherever it takes an address, and shows it beside the address', async () => {
    const r = await runCli(['send', 'ada', 'hi Ada', '--data', dir])
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(sends().at(-1), [ADA, 'hi Ada'])
    assert.match(r.stdout, new RegExp(`^waiting in your outbox \\(message [0-9a-f]{32} to Ada \\(${ADA}\\)\\)\\n$`))
    const [lookup, sn, messages] = await Promise.all([runCli(['lookup', 'Ada', '--data', dir]), runCli(['safety-number', 'Ada', '--data', dir, '--json']), runCli(['messages', '--peer', 'Ada', '--data', dir])])
    assert.match(lookup.stdout, new RegExp(`^address: Ada \\(${ADA}\\)$`, 'm'))
    assert.equal((JSON.parse(sn.stdout) as { address: string }).address, ADA)
    assert.match(messages.stdout, new RegExp(`→ Ada \\(${ADA}\\) {2}\\[waiting\\] {2}hi Ada`))
  })

  it('refuses an unknown or ambiguous name in one line saying what to do (exit 2)', async () => {
    const unknown = await runCli(['send', 'Zed', 'hi', '--data', dir])
    assert.equal(unknown.code, 2)
    assert.equal(unknown.stderr, 'kabar: no contact is named "Zed" and it is not an address: `kabar contacts list` shows your contacts; add one with `kabar contacts add <address or invite> --name "Zed"`\n')
    const ambiguous = await runCli(['send', 'BOB', 'hi', '--data', dir])
    assert.equal(ambiguous.code, 2)
    assert.equal(ambiguous.stderr, `kabar: 2 contacts are named "BOB" (${BOB}, ${BOB2}): use the address, or rename one with \`kabar contacts add <address> --name <new name>\`\n`)
  })

  async function sendStdin (args: string[], input: string): Promise<CliResult> {
    const child = spawn(process.execPath, [CLI, ...args], { env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'], timeout: 15_000 })
    const done = collect(child)
    child.stdin.end(input)
    return done
  }

  it('reads the text from stdin with "-": a long message, and refuses an empty one or one over the limit', async () => {
    const long = 'line of a long message\n'.repeat(2_500)
    const r = await sendStdin(['send', 'Ada', '-', '--data', dir], long)
    assert.equal(r.code, 0, r.stderr)
    assert.equal(sends().at(-1)?.[1], long)
    const blank = await sendStdin(['send', 'Ada', '-', '--data', dir], ' \n\n ')
    assert.equal(blank.code, 2)
    assert.equal(blank.stderr, 'kabar: the message on stdin is empty (or only spaces and line breaks)\n')
    const huge = await sendStdin(['send', 'Ada', '-', '--data', dir], 'x'.repeat(70_000))
    assert.equal(huge.code, 2)
    assert.equal(huge.stderr, 'kabar: the message on stdin is over 65536 bytes\n')
    const spaces = await runCli(['send', 'Ada', '   ', '--data', dir])
    assert.equal(spaces.code, 2)
    assert.equal(spaces.stderr, 'kabar: the message text is empty (or only spaces and line breaks)\n')
  })

  it('removes a contact by name', async () => {
    h.node.contactList.push({ address: testAddress(14), name: 'Cy', verified: false, addedAt: 0 })
    const r = await runCli(['contacts', 'remove', 'cy', '--data', dir])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, `removed Cy (${testAddress(14)}) from your contacts (the conversation stays)\n`)
    assert.ok(!h.node.contactList.some((c) => c.address === testAddress(14)))
  })

  it('prints an invite, and adds one: the contact, and the network joined through it', async () => {
    const mine = await runCli(['invite', '--name', 'Me', '--data', dir])
    assert.equal(mine.code, 0, mine.stderr)
    assert.match(mine.stdout, /^kabar-invite:[A-Za-z0-9_-]+\n$/)
    const withQr = await runCli(['invite', '--qr', '--data', dir])
    assert.ok(withQr.stdout.split('\n').length > 20, 'a QR code drawn under the link')
    const dan = testAddress(15)
    const link = encodeInvite({ address: dan, name: 'Dan', addrs: [`/ip4/127.0.0.1/tcp/4001/p2p/${dan}`], bootstrap: [] })
    const added = await runCli(['contacts', 'add', link, '--data', dir])
    assert.equal(added.code, 0, added.stderr)
    assert.equal(added.stdout, `added Dan (${dan})\nconnected to their node: your node is in the network now\n`)
    const bad = await runCli(['contacts', 'add', 'kabar-invite:not-base64!', '--data', dir])
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /^kabar: this is not a valid kabar invite: /)
  })
})
