/**
 * Who the node trusts more: contacts (read from the store, then kept current
 * by `add`), our own account's node, and the devices our account certified.
 * Everyone else — whoever started a session with us included — is a stranger.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { KnownPeers } from '../../src/node/known-peers.ts'
import { openStore } from '../../src/store/index.ts'

describe('node/known-peers', () => {
  it('knows contacts, the account and its certified devices, and nobody else', async () => {
    const store = await openStore({ memory: true })
    try {
      await store.putJson('contacts', 'alice', { address: 'alice', verified: false, addedAt: 0 })
      const device = Uint8Array.of(7)
      const certified: Array<{ devicePeerKey: Uint8Array, expires: number }> = [{ devicePeerKey: device, expires: 10 }]
      const account = { account: 'me', linkedDevices: (now: number) => certified.filter((c) => c.expires > now) }
      const clock = { now: 0 }
      const known = await KnownPeers.load(store, account, (key) => `device-${key[0] ?? 0}`, () => clock.now)
      assert.equal(known.has('alice'), true, 'a stored contact')
      assert.equal(known.has('me'), true, 'our own account')
      assert.equal(known.has('device-7'), true, 'a device our account certified')
      assert.equal(known.has('bob'), false)
      known.add('bob')
      assert.equal(known.has('bob'), true, 'a contact added later')
      clock.now = 10
      assert.equal(known.has('device-7'), false, 'an expired certificate is no longer ours')
    } finally {
      await store.close()
    }
  })
})
