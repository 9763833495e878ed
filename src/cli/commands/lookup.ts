/**
 * `kabar lookup <address>`: what the DHT says about an account: its device
 * certificates, each device's prekey record, and known multiaddrs.
 */
import { ApiClient } from '../../api/client.ts'
import { parseAddress } from '../../api/validate.ts'
import { formatLookup } from '../format.ts'
import type { Output } from '../output.ts'

export interface LookupOptions {
  dataDir: string
  address: string
}

export async function lookup (options: LookupOptions, out: Output): Promise<void> {
  const address = parseAddress(options.address)
  const client = await ApiClient.fromDataDir(options.dataDir)
  out.result(await client.lookup(address), formatLookup)
}
