/**
 * `kabar init`: creates the data directory and the account identity (an
 * Ed25519 key whose PeerId is the address). Running it again only reports
 * the existing address.
 */
import { loadNodeLayer } from '../node-loader.ts'
import type { NodeLayer } from '../node-loader.ts'
import type { Output } from '../output.ts'

export interface InitOptions {
  dataDir: string
  passphrase?: string
}

/** `loadNode` is for tests; the CLI uses the real node layer. */
export async function init (options: InitOptions, out: Output, loadNode: () => Promise<NodeLayer> = loadNodeLayer): Promise<void> {
  const node = await loadNode()
  const { peerId, created } = await node.initNode({
    dataDir: options.dataDir,
    ...(options.passphrase === undefined ? {} : { passphrase: options.passphrase })
  })
  out.result({ peerId, created, dataDir: options.dataDir }, (r) => [
    r.created ? `created a new identity in ${r.dataDir}` : `an identity already exists in ${r.dataDir}`,
    `address: ${r.peerId}`
  ])
}
