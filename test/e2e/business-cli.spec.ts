/**
 * A business run the way an operator runs it: real `kabar` processes on
 * loopback, driven only through the CLI. The business publishes a profile
 * file, links an agent's node with a one-time code, and a customer's
 * `kabar lookup` shows the disclosure in words before the first message;
 * the agent reads it and answers for the business.
 */
import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { kabar, startDaemon, useScratch, waitFor } from './processes.ts'

const PROFILE = {
  displayName: 'Acme',
  privacyPolicy: { url: 'https://acme.example/privacy', sha256: 'ab'.repeat(32) },
  processors: [{ name: 'HelpdeskCo', purposes: ['store', 'reply'], region: 'EU', retentionDays: 30, privacyPolicy: { url: 'https://helpdesk.example/privacy', sha256: 'cd'.repeat(32) }, endpoint: 'hooks.helpdesk.example' }]
}

describe('a business through the CLI', { timeout: 240_000 }, () => {
  const { daemons, root: scratch } = useScratch('kabar-business-')

  it('business publish, add-device, link; the customer reads the disclosure, the agent answers', async () => {
    const root = await scratch()
    const [seedDir, acmeDir, dewiDir, customerDir] = ['seed', 'acme', 'dewi', 'customer'].map((n) => join(root, n)) as [string, string, string, string]
    const seed = await startDaemon(seedDir)
    daemons.push(seed)
    const acme = await startDaemon(acmeDir, seed.info.multiaddrs)
    const dewi = await startDaemon(dewiDir, seed.info.multiaddrs)
    const customer = await startDaemon(customerDir, seed.info.multiaddrs)
    daemons.push(acme, dewi, customer)

    const profileFile = join(root, 'acme.json')
    await writeFile(profileFile, JSON.stringify(PROFILE))
    const published = kabar(['business', 'publish', '--profile', profileFile, '--data', acmeDir, '--json'], 60_000)
    assert.equal(published.status, 0, published.stderr)
    assert.equal((JSON.parse(published.stdout) as { version: number }).version, 1)

    const added = kabar(['business', 'add-device', '--role', 'agent', '--label', 'Dewi', '--data', acmeDir, '--json'])
    assert.equal(added.status, 0, added.stderr)
    const { code } = JSON.parse(added.stdout) as { code: string }
    const linked = kabar(['link', code, '--data', dewiDir, '--json'], 60_000)
    assert.equal(linked.status, 0, linked.stderr)
    assert.deepEqual(JSON.parse(linked.stdout), { account: acme.info.peerId, role: 'agent', label: 'Dewi' })

    // The customer sees version 2 (Dewi added) in words, before any message.
    let lookup = ''
    await waitFor('the customer to see the profile with Dewi', () => {
      const r = kabar(['lookup', acme.info.peerId, '--data', customerDir])
      lookup = r.stdout
      return r.status === 0 && /profile version 2/.test(r.stdout)
    }, 90_000)
    assert.match(lookup, /1 person at Acme and 1 device of Acme can read your messages\./)
    assert.match(lookup, /Acme shares messages with HelpdeskCo to store and reply, in EU, kept 30 days/)
    assert.match(lookup, /your first message accepts this disclosure/)

    const sent = kabar(['send', acme.info.peerId, 'Where is my parcel?', '--wait', '--data', customerDir, '--json'], 90_000)
    assert.equal(sent.status, 0, sent.stderr)
    assert.equal((JSON.parse(sent.stdout) as { disclosureVersion: number }).disclosureVersion, 2)

    await waitFor('Dewi to read it', () => {
      const r = kabar(['messages', '--data', dewiDir, '--json'])
      return r.status === 0 && r.stdout.includes('Where is my parcel?')
    }, 60_000)
    const reply = kabar(['send', customer.info.peerId, 'It left this morning.', '--wait', '--data', dewiDir], 90_000)
    assert.equal(reply.status, 0, reply.stderr)
    const atCustomer = JSON.parse(kabar(['messages', '--peer', acme.info.peerId, '--data', customerDir, '--json']).stdout) as Array<{ text: string, from: string, sentBy?: string, direction: string, system?: { type: string } }>
    const answer = atCustomer.find((m) => m.text === 'It left this morning.')
    assert.equal(answer?.from, acme.info.peerId)
    assert.equal(answer?.sentBy, 'Dewi')
    assert.equal(atCustomer.find((m) => m.direction === 'system')?.system?.type, 'disclosure-shown')
    const atAcme = kabar(['messages', '--peer', customer.info.peerId, '--data', acmeDir])
    assert.match(atAcme.stdout, /→ .* \(Dewi\) {2}\[from another device\] {2}It left this morning\./, 'the business node shows who answered')
  })
})
