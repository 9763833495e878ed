/**
 * `kabar verify <address>`: marks the contact verified, pinning its account
 * key; run it only after comparing `kabar safety-number` out of band. A later
 * key change then blocks sending until the user accepts it.
 */
import { ApiClient } from '../../api/client.ts'
import type { Output } from '../output.ts'
import { addressOnly, resolvePeer } from '../peers.ts'

export interface VerifyOptions {
  dataDir: string
  address: string
}

export async function verify (options: VerifyOptions, out: Output): Promise<void> {
  addressOnly(options.address)
  const client = await ApiClient.fromDataDir(options.dataDir)
  const address = await resolvePeer(client, options.address)
  const contact = await client.verify(address)
  out.result(contact, (c) => `verified ${c.name === undefined ? c.address : `${c.name} (${c.address})`}: its account key is pinned`)
}
