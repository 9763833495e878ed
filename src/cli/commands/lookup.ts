/**
 * `kabar lookup <address>`: what the DHT says about an account: its device
 * certificates, each device's prekey record, and known multiaddrs.
 */
import { ApiClient } from '../../api/client.ts'
import { formatLookup } from '../format.ts'
import type { Output } from '../output.ts'
import { addressOnly, contactNames, resolvePeer } from '../peers.ts'

export interface LookupOptions {
  dataDir: string
  address: string
}

export async function lookup (options: LookupOptions, out: Output): Promise<void> {
  addressOnly(options.address)
  const client = await ApiClient.fromDataDir(options.dataDir)
  const address = await resolvePeer(client, options.address)
  const names = out.json ? new Map<string, string>() : await contactNames(client)
  out.result(await client.lookup(address), (r) => formatLookup(r, names))
}
