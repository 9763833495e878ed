/**
 * A business with two agent devices, as customers meet it: over the memory
 * transport, the business links two agent nodes with one-time codes and
 * publishes its profile; a customer looks it up, sees the disclosure in
 * words, messages it; both agents read, one answers, and every device of the
 * business sees who answered. A profile that adds a processor holds the
 * customer's messages until accepted; a removed agent reads nothing sent
 * after its removal; a rolled-back or equivocating profile fails loudly.
 */
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { verifyWebhookSignature } from '../../src/api/webhook-signature.ts'
import { WebhookDispatcher } from '../../src/api/webhooks.ts'
import { after, before, describe, it } from 'node:test'
import { KabarError } from '../../src/errors.ts'
import { dhtPut } from '../../src/net/dht.ts'
import { accountKey, buildAccountRecord, decodeBusinessProfile, encodeBusinessProfile, validateAccountRecord } from '../../src/records/index.ts'
import type { KabarNode } from '../../src/node/kabar-node.ts'
import type { BusinessProfileInput } from '../../src/node/types.ts'
import { createNode, publishConfirmed, stopAll, waitFor, waitForText } from './helpers.ts'

const POLICY = { url: 'https://acme.example/privacy', sha256: 'ab'.repeat(32) }
const HELPDESK = { name: 'HelpdeskCo', purposes: ['store' as const, 'reply' as const], region: 'EU', retentionDays: 30, privacyPolicy: { url: 'https://helpdesk.example/privacy', sha256: 'cd'.repeat(32) }, endpoint: '127.0.0.1' }

const FAST = { recordCacheMs: 0, retryInitialMs: 100, retryMaxMs: 500 }

describe('business nodes: disclosure, agents, consent', { timeout: 180_000 }, () => {
  let seed: KabarNode
  let acme: KabarNode
  let alice: KabarNode
  let bob: KabarNode
  let customer: KabarNode
  const input: BusinessProfileInput = { displayName: 'Acme', privacyPolicy: POLICY, processors: [] }

  before(async () => {
    seed = await createNode()
    const join = { bootstrap: seed.multiaddrs, ...FAST }
    acme = await createNode(join)
    alice = await createNode(join)
    bob = await createNode(join)
    customer = await createNode(join)
    await publishConfirmed(acme)
    await acme.publishProfile(input)
    for (const [agent, label] of [[alice, 'Alice'], [bob, 'Bob']] as const) {
      const code = await acme.addDevice({ role: 'agent', label })
      const membership = await agent.link(code.code)
      assert.deepEqual(membership, { account: acme.address, role: 'agent', label })
      await publishConfirmed(agent)
    }
    await publishConfirmed(acme)
    await publishConfirmed(customer)
  })

  after(async () => { await stopAll([customer, bob, alice, acme, seed]) })

  it('publishes a profile whose readers are its devices, one version per change', async () => {
    const profile = await acme.profile()
    assert.ok(profile !== undefined)
    assert.equal(profile.version, 3, 'the profile, then one version per linked agent')
    assert.deepEqual(profile.readers.map((r) => [r.role, r.label]), [['primary', 'primary'], ['agent', 'Alice'], ['agent', 'Bob']])
    assert.equal((await alice.status()).account, acme.address)
    assert.equal((await alice.status()).role, 'agent')
  })

  it('a customer sees the disclosure in words before the first message', async () => {
    const found = await customer.lookup(acme.address)
    const business = found.business
    assert.ok(business !== undefined)
    assert.equal(business.profile.version, 3)
    assert.equal(business.acceptedVersion, undefined)
    assert.match(business.summary[0] ?? '', /2 people at Acme/)
    assert.ok(business.summary.some((s) => /Alice and Bob/.test(s)), business.summary.join(' | '))
    assert.ok(business.summary.some((s) => /shares your messages with no other company/.test(s)))
    assert.ok(business.summary.some((s) => /Not verified/.test(s)))
  })

  it('both agents read, one answers, every device of the business sees who answered', async () => {
    const sent = await customer.send(acme.address, 'Where is my order?')
    assert.equal(sent.disclosureVersion, 3)
    const shown = (await customer.messages({ peer: acme.address })).find((m) => m.direction === 'system')
    assert.equal(shown?.system?.type, 'disclosure-shown')
    assert.equal(shown?.system?.version, 3)

    for (const reader of [acme, alice, bob]) {
      const m = await waitForText(reader, customer.address, 'Where is my order?')
      assert.equal(m.direction, 'in')
      assert.equal(m.disclosureVersion, 3, 'each message records the profile version it was sent under')
    }
    await waitFor('the question to be delivered to all three devices', async () => (await customer.message(sent.id))?.status === 'delivered')

    const reply = await alice.send(customer.address, 'It ships tomorrow.')
    assert.equal(reply.from, acme.address)
    const got = await waitForText(customer, acme.address, 'It ships tomorrow.')
    assert.equal(got.from, acme.address, 'an agent speaks for the business')
    assert.equal(got.sentBy, 'Alice')
    assert.equal(got.direction, 'in')
    for (const colleague of [acme, bob]) {
      const copy = await waitForText(colleague, customer.address, 'It ships tomorrow.')
      assert.equal(copy.direction, 'out', 'a sync copy is filed as the business\'s own outgoing message')
      assert.equal(copy.sentBy, 'Alice')
    }

    const viaApi = await acme.send(customer.address, 'Anything else?', { sentBy: 'Dewi (API)' })
    assert.equal(viaApi.sentBy, 'Dewi (API)')
    assert.equal((await waitForText(customer, acme.address, 'Anything else?')).sentBy, 'Dewi (API)')
    assert.equal((await waitForText(alice, customer.address, 'Anything else?')).sentBy, 'Dewi (API)')
  })

  it('a customer who writes to an agent\'s own device is a thread of its own, apart from the business\'s', async () => {
    const direct = await customer.send(alice.peerId, 'Alice, a question just for you')
    const got = await waitForText(alice, customer.address, 'Alice, a question just for you')
    assert.equal(got.to, alice.peerId, 'to this device, not to the business')
    assert.equal(direct.disclosureVersion, undefined)
    const viaBusiness = (await alice.messages({ peer: customer.address })).find((m) => m.text === 'Where is my order?')
    assert.equal(viaBusiness?.to, acme.address, 'the business\'s thread stays the business\'s')
    // A colleague's reply, copied to this device: this device did not send it, so it claims no delivery.
    const copy = (await bob.messages({ peer: customer.address })).find((m) => m.text === 'It ships tomorrow.')
    assert.equal(copy?.status, 'synced')
  })

  it('a profile that adds a processor holds the outbox until the customer accepts', async () => {
    await acme.publishProfile({ ...input, processors: [HELPDESK] })
    const held = await customer.send(acme.address, 'Please refund me')
    assert.equal(held.status, 'held')
    const disclosure = await customer.disclosure(acme.address)
    assert.equal(disclosure?.acceptedVersion, 3)
    assert.deepEqual(disclosure?.pending?.addedProcessors.map((p) => p.name), ['HelpdeskCo'])
    assert.equal(disclosure?.pending?.widens, true)
    const changed = (await customer.messages({ peer: acme.address })).find((m) => m.system?.type === 'disclosure-changed')
    assert.match(changed?.text ?? '', /shares messages with HelpdeskCo \(store, reply, kept 30 days\)/)
    assert.ok(!(await acme.messages({ peer: customer.address })).some((m) => m.text === 'Please refund me'), 'nothing left before acceptance')

    const accepted = await customer.acceptDisclosure(acme.address)
    assert.equal(accepted.acceptedVersion, 4)
    assert.equal(accepted.pending, undefined)
    const arrived = await waitForText(acme, customer.address, 'Please refund me')
    assert.equal(arrived.disclosureVersion, 4)
    await assert.rejects(customer.acceptDisclosure(acme.address), (err) => KabarError.is(err, 'CONFLICT'))
  })

  it('the disclosed processor receives each message by signed webhook; an undisclosed one gets nothing', async () => {
    const received: Array<{ body: string, signature: string | undefined }> = []
    const receiver = createServer((req, res) => {
      let body = ''
      req.setEncoding('utf8')
      req.on('data', (chunk: string) => { body += chunk })
      req.on('end', () => {
        received.push({ body, signature: req.headers['kabar-signature'] as string | undefined })
        res.writeHead(204).end()
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/kabar`
    const hooks = await WebhookDispatcher.open({ node: acme, store: acme.store, minBackoffMs: 50, maxBackoffMs: 500 })
    hooks.start()
    try {
      await assert.rejects(hooks.add('ShadowCRM', url), (err) => KabarError.is(err, 'UNDISCLOSED'), 'a processor the profile does not name')
      await assert.rejects(hooks.add('HelpdeskCo', url.replace('127.0.0.1', 'localhost')), (err) => KabarError.is(err, 'UNDISCLOSED'), 'a host other than the disclosed endpoint')
      const { secret } = await hooks.add('HelpdeskCo', url)
      await customer.send(acme.address, 'Is my refund through?')
      await waitFor('the processor to receive the message', () => received.some((r) => r.body.includes('Is my refund through?')))
      const hook = received.find((r) => r.body.includes('Is my refund through?'))
      assert.ok(hook !== undefined)
      assert.equal(verifyWebhookSignature(secret, hook.signature, hook.body).ok, true)
      assert.equal(verifyWebhookSignature('another secret', hook.signature, hook.body).ok, false)
      const event = JSON.parse(hook.body) as { type: string, business: string, message: { from: string, disclosureVersion?: number } }
      assert.equal(event.type, 'message.received')
      assert.equal(event.business, acme.address)
      assert.equal(event.message.from, customer.address)
      assert.equal(event.message.disclosureVersion, 4)
    } finally {
      await hooks.stop()
      await new Promise<void>((resolve) => { receiver.close(() => { resolve() }) })
    }
  })

  it('a removed agent cannot read a message sent after its removal', async () => {
    const devices = await acme.removeDevice(bob.peerId)
    assert.deepEqual(devices.map((d) => d.label), ['primary', 'Alice'])
    await waitFor('the customer to see the narrower profile', async () => (await customer.disclosure(acme.address))?.profile.readers.length === 2)
    const after = await customer.send(acme.address, 'After Bob left')
    assert.equal(after.status, 'waiting', 'fewer readers need no consent')
    await waitForText(alice, customer.address, 'After Bob left')
    await waitFor('delivery to the remaining devices', async () => (await customer.message(after.id))?.status === 'delivered')
    assert.ok(!(await bob.messages({ peer: customer.address })).some((m) => m.text === 'After Bob left'))
    const updated = (await customer.messages({ peer: acme.address })).find((m) => m.system?.type === 'disclosure-updated')
    assert.match(updated?.text ?? '', /removes Bob/)
  })

  it('a verifier vouches: the customer sees who, only for verifiers it trusts, until revoked', async () => {
    const { attestation, view: issued } = await seed.attest({ business: acme.address, legalName: 'Acme Trading Ltd', domain: 'acme.example', days: 30 })
    await acme.publishProfile({ ...input, processors: [HELPDESK], attestations: [attestation] })
    await waitFor('the attestation to reach the customer', async () => ((await customer.disclosure(acme.address))?.verification.attestations.length ?? 0) === 1)
    let seen = await customer.disclosure(acme.address)
    assert.equal(seen?.verification.verified, false)
    assert.equal(seen?.verification.attestations[0]?.reason, 'untrusted')
    assert.equal(seen?.pending, undefined, 'an attestation adds no reader')

    await customer.addVerifier(seed.address, 'Chamber of Commerce')
    seen = await customer.disclosure(acme.address)
    assert.equal(seen?.verification.verified, true)
    assert.ok(seen?.summary.some((s) => /Verified by Chamber of Commerce.*Acme Trading Ltd, acme\.example/.test(s)), seen?.summary.join(' | '))

    await customer.setTrustThreshold(2)
    assert.equal((await customer.disclosure(acme.address))?.verification.verified, false, 'below the k rule')
    await customer.setTrustThreshold(1)

    await seed.revokeAttestation(issued.id)
    await waitFor('the revocation to reach the customer', async () => (await customer.disclosure(acme.address))?.verification.attestations[0]?.reason === 'revoked')
    assert.equal((await customer.disclosure(acme.address))?.verification.verified, false)
  })

  it('a rolled-back or equivocating profile makes sending fail loudly', async () => {
    assert.equal((await customer.send(acme.address, 'Checking in')).status, 'waiting', 'the customer has now seen the current version')
    const current = await customer.disclosure(acme.address)
    assert.ok(current !== undefined)
    const record = validateAccountRecord(accountKey(acme.identity.public.signingKey), await acme.store.get('records', 'own:account') as Uint8Array, Date.now())
    const profile = decodeBusinessProfile(record.business as Uint8Array)
    const key = accountKey(acme.identity.public.signingKey)
    // The same version with other content, signed by the business key and with a newer seq.
    const forged = encodeBusinessProfile({ ...profile, displayName: 'Acme (other text)' })
    const forgedRecord = buildAccountRecord({ seq: record.seq + 10_000_000, created: Date.now(), devices: record.devices, business: forged }, acme.identity.signing)
    await dhtPut(acme.libp2p, key, forgedRecord, { timeoutMs: 5_000 })
    await waitFor('the customer to see the forged profile', async () => (await customer.disclosure(acme.address))?.profile.displayName === 'Acme (other text)')
    await assert.rejects(customer.send(acme.address, 'hello?'), (err) => KabarError.is(err, 'DISCLOSURE_REJECTED') && /equivocation/.test(err.message))
    const rejected = (await customer.messages({ peer: acme.address })).find((m) => m.system?.type === 'disclosure-rejected')
    assert.ok(rejected !== undefined, 'the conversation says so')

    const rolledBack = encodeBusinessProfile({ ...profile, version: 2, prev: profile.earlier.at(-1) as Uint8Array, earlier: [] })
    const rollbackRecord = buildAccountRecord({ seq: record.seq + 20_000_000, created: Date.now(), devices: record.devices, business: rolledBack }, acme.identity.signing)
    await dhtPut(acme.libp2p, key, rollbackRecord, { timeoutMs: 5_000 })
    await waitFor('the customer to see the rolled-back profile', async () => (await customer.disclosure(acme.address))?.profile.version === 2)
    await assert.rejects(customer.send(acme.address, 'hello?'), (err) => KabarError.is(err, 'DISCLOSURE_REJECTED') && /rolled back/.test(err.message))
    assert.equal((await customer.disclosure(acme.address))?.acceptedVersion, current.acceptedVersion, 'the accepted version is unchanged')
  })
})
