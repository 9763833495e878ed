/**
 * `kabar safety-number <address>`: the 60-digit number both parties compare
 * out of band (in person, on a call) before `kabar verify`.
 */
import { ApiClient } from '../../api/client.ts'
import { formatSafetyNumber } from '../format.ts'
import type { Output } from '../output.ts'
import { addressOnly, resolvePeer } from '../peers.ts'

export interface SafetyNumberOptions {
  dataDir: string
  address: string
}

export async function safetyNumber (options: SafetyNumberOptions, out: Output): Promise<void> {
  addressOnly(options.address)
  const client = await ApiClient.fromDataDir(options.dataDir)
  const address = await resolvePeer(client, options.address)
  const digits = await client.safetyNumber(address)
  out.result({ address, safetyNumber: digits }, (r) => formatSafetyNumber(r.safetyNumber))
}
