/**
 * An agent learns a business's new profile version when a customer's first
 * message is bound to it, even though the agent looked the business's record
 * up a moment earlier. The agent keeps kabar's default 5-minute record cache
 * here (the business suite turns caching off): before the refresh asked the
 * DHT again, the agent answered "retry later" from its cached, older record
 * until the cache expired, and the customer's message waited minutes for it
 * (seen as a rare timeout of test/e2e/business-cli.spec.ts).
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { KabarNode } from '../../src/node/kabar-node.ts'
import type { BusinessProfileInput } from '../../src/node/types.ts'
import { createNode, publishConfirmed, stopAll, waitFor } from './helpers.ts'

const POLICY = { url: 'https://acme.example/privacy', sha256: 'ab'.repeat(32) }
const input: BusinessProfileInput = { displayName: 'Acme', privacyPolicy: POLICY, processors: [] }

describe('an agent and a profile newer than the one it cached', { timeout: 120_000 }, () => {
  let seed: KabarNode
  let acme: KabarNode
  let agent: KabarNode
  let customer: KabarNode

  before(async () => {
    seed = await createNode()
    const join = { bootstrap: seed.multiaddrs, retryInitialMs: 200, retryMaxMs: 1_000 }
    acme = await createNode({ ...join, recordCacheMs: 0 })
    agent = await createNode(join)
    customer = await createNode({ ...join, recordCacheMs: 0 })
    await publishConfirmed(acme)
    await acme.publishProfile(input)
    const code = await acme.addDevice({ role: 'agent', label: 'Dewi' })
    await agent.link(code.code)
    await publishConfirmed(agent)
    await publishConfirmed(acme)
    await publishConfirmed(customer)
  })

  after(async () => { await stopAll([customer, agent, acme, seed]) })

  it('accepts the customer\'s first message bound to the new version within seconds', async () => {
    // The agent has just looked the record up (at link time and on its republish timer).
    const newer = await acme.publishProfile({ ...input, privacyPolicy: { ...POLICY, url: 'https://acme.example/privacy-2' } })
    await publishConfirmed(acme)
    await waitFor('the customer to see the new version', async () => (await customer.lookup(acme.address)).business?.profile.version === newer.version)
    const sent = await customer.send(acme.address, 'Is my parcel insured?')
    assert.equal(sent.disclosureVersion, newer.version)
    await waitFor('the agent to read it', async () => (await agent.messages({ peer: customer.address })).some((m) => m.text === 'Is my parcel insured?'), 20_000)
    await waitFor('delivery to every device of the business', async () => (await customer.message(sent.id))?.status === 'delivered', 20_000)
  })
})
