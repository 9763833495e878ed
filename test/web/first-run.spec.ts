/**
 * The web page for a first-time user, in Chromium against the real API over
 * FakeNode: a message's state in the same words as the CLI's (and why it
 * waits); the invite dialog's link and a QR code that decodes to it; adding
 * a contact from an invite; a customer's disclosure with commands as code
 * (no literal backticks) and a control to trust the verifier who vouches;
 * and an agent's inbox titled with the business's name.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import decodeQR from 'qr/decode.js'
import { STATUS_WORDS } from '../../src/node/messaging/states.ts'
import { encodeInvite, parseInvite } from '../../src/node/invite.ts'
import type { DisclosureView, NodeStatus } from '../../src/node/types.ts'
import { STATUS_TEXT } from '../../src/web/app/words.ts'
import { FakeNode, testAddress } from '../api/fake-node.ts'
import { waitInPage } from './browser.ts'
import { ACME, CAROL, DAVID, VERIFIER, acmeDisclosure, customerScene, personScene, useBrowser } from './fixtures.ts'

describe('web page: a first-time user (Chromium, FakeNode)', () => {
  const { open } = useBrowser()

  it('uses the CLI\'s words for every state', () => {
    for (const [status, words] of Object.entries(STATUS_WORDS)) {
      assert.equal(STATUS_TEXT[status as keyof typeof STATUS_TEXT].toLowerCase(), words, status)
    }
  })

  it('says a message waits in the outbox and why', async () => {
    const page = await open(personScene())
    await page.click(`.conv-row[data-peer="${DAVID}"]`)
    const status = page.locator('#messages li.msg.out [data-testid="status"]').last()
    assert.equal(await status.getAttribute('data-status'), 'waiting')
    assert.equal(await status.getAttribute('data-reason'), 'recipient-offline')
    assert.match(await status.innerText(), /Waiting in your outbox — the recipient's device did not answer \(offline\?\)/)
    assert.doesNotMatch(await page.locator('#messages').innerText(), /✓ Sent|\bSent\b/)
  })

  it('shows an invite link and a QR code that decodes to it, and adds a contact from an invite', async () => {
    const node = personScene()
    const page = await open(node)
    await page.click('[data-testid="invite-button"]')
    const link = await page.locator('[data-testid="invite-link"]').inputValue()
    assert.equal(parseInvite(link).address, node.address)
    // Strings run in the page (this file is compiled without the DOM library): the QR code drawn on a canvas, read back as RGBA.
    await waitInPage(page, 'document.querySelector(\'[data-testid="invite-qr"]\')?.naturalWidth > 0')
    const pixels = await page.evaluate<number[]>(`(() => {
      const img = document.querySelector('[data-testid="invite-qr"]')
      const canvas = document.createElement('canvas')
      canvas.width = 360
      canvas.height = 360
      const ctx = canvas.getContext('2d')
      ctx.fillStyle = 'white'
      ctx.fillRect(0, 0, 360, 360)
      ctx.imageSmoothingEnabled = false
      ctx.drawImage(img, 20, 20, 320, 320)
      return Array.from(ctx.getImageData(0, 0, 360, 360).data)
    })()`)
    assert.equal(decodeQR({ width: 360, height: 360, data: new Uint8Array(pixels) }), link)
    await page.click('#invite button[value="close"]')

    const friend = testAddress(30)
    await page.fill('#contact-address', encodeInvite({ address: friend, name: 'Femi', addrs: [`/ip4/127.0.0.1/tcp/4001/p2p/${friend}`], bootstrap: [] }))
    await page.click('#add-contact button[type="submit"]')
    await page.waitForSelector(`.conv-row[data-peer="${friend}"]`)
    assert.equal(await page.locator('#conv-name').innerText(), 'Femi')
    assert.ok(node.calls.some((c) => c.op === 'acceptInvite'))
    await waitInPage(page, '/connected to the network through their invite/.test(document.getElementById("announcer").textContent)')
  })

  it('shows commands in a disclosure as code, and lets the customer trust the verifier who vouches', async () => {
    const node = customerScene()
    const base = acmeDisclosure(false)
    const untrusted: DisclosureView = {
      ...base,
      summary: [...base.summary.slice(0, -1), 'You trust no verifiers yet, so no business shows as verified; add one with `kabar trust add-verifier`.'],
      verification: { verified: false, required: 1, attestations: base.verification.attestations.map(({ verifierLabel: _l, ...a }) => ({ ...a, counts: false, reason: 'untrusted' as const })) }
    }
    node.disclosureView = untrusted
    const page = await open(node)
    await page.click(`.conv-row[data-peer="${ACME}"]`)
    const card = page.locator('[data-testid="disclosure"]')
    await card.waitFor()
    assert.doesNotMatch(await card.innerText(), /`/)
    assert.equal(await card.locator('code').first().innerText(), 'kabar trust add-verifier')
    const trust = card.locator('[data-testid="trust-verifier"]')
    assert.equal(await trust.getAttribute('data-verifier'), VERIFIER)
    node.disclosureView = acmeDisclosure(false)
    await trust.click()
    await page.waitForSelector('#conv-header [data-testid="business-verified"]')
    assert.ok(node.calls.some((c) => c.op === 'addVerifier' && c.args[0] === VERIFIER))
  })

  it('titles an agent\'s inbox with the business\'s name, not an address', async () => {
    class AgentNode extends FakeNode {
      override async status (): Promise<NodeStatus> {
        return { ...await super.status(), account: ACME, role: 'agent' }
      }

      override async disclosure (address: string): Promise<DisclosureView | undefined> {
        return address === ACME ? acmeDisclosure(false) : super.disclosure(address)
      }
    }
    const agent = new AgentNode()
    agent.contactList.push({ address: CAROL, name: 'Carol Diaz', verified: false, addedAt: 0 })
    agent.addMessage({ peer: CAROL, to: ACME, text: 'Is my bike ready?', disclosureVersion: 4 })
    agent.addMessage({ peer: CAROL, to: agent.address, text: 'Between us: can you hold it a day?' })
    const page = await open(agent)
    assert.equal(await page.locator('#me-title').innerText(), 'Inbox — Acme Bikes')
    assert.equal(await page.title(), 'Inbox — Acme Bikes')

    // The customer's message to this agent's own device is a thread apart, and says so.
    const rows = await Promise.all((await page.locator('.conv-row').all()).map(async (row) => row.getAttribute('data-peer')))
    assert.deepEqual(rows.sort(), [CAROL, `${CAROL}~direct`].sort())
    await page.click(`.conv-row[data-peer="${CAROL}"]`)
    assert.deepEqual(await page.locator('#messages li.msg p.text').allInnerTexts(), ['Is my bike ready?'])
    await page.click(`.conv-row[data-peer="${CAROL}~direct"]`)
    assert.equal(await page.locator('#conv-name').innerText(), 'Carol Diaz (to you directly)')
    assert.deepEqual(await page.locator('#messages li.msg p.text').allInnerTexts(), ['Between us: can you hold it a day?'])
    assert.match(await page.locator('[data-testid="direct-thread"]').innerText(), /wrote to your own device, not to Acme Bikes: this thread is not part of the business's inbox/)
    assert.equal(await page.locator('#composer').isHidden(), true)
  })
})
