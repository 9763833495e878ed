/**
 * `kabar status`: the running daemon's address, listen addresses,
 * connections, DHT size and outbox; NOT_RUNNING (exit 1) when there is none.
 */
import { ApiClient } from '../../api/client.ts'
import { formatStatus } from '../format.ts'
import type { Output } from '../output.ts'

export interface StatusOptions {
  dataDir: string
}

export async function status (options: StatusOptions, out: Output): Promise<void> {
  const client = await ApiClient.fromDataDir(options.dataDir)
  out.result(await client.status(), formatStatus)
}
