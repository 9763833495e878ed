/**
 * `kabar invite [--name NAME] [--qr]`: this node's invite link, to give to
 * someone who runs `kabar contacts add <link>` (or pastes it into the web
 * page's Add): they get you as a contact and join the network through your
 * node. `--qr` also draws it as a QR code in the terminal.
 */
import encodeQR from 'qr'
import { ApiClient } from '../../api/client.ts'
import type { InviteView } from '../../node/types.ts'
import type { Output } from '../output.ts'

export interface InviteOptions {
  dataDir: string
  name?: string
  qr: boolean
}

export async function invite (options: InviteOptions, out: Output): Promise<void> {
  const client = await ApiClient.fromDataDir(options.dataDir)
  const view = await client.invite(options.name)
  out.notice('give this invite to someone; they run `kabar contacts add <invite>` (or paste it into the web page\'s Add):')
  out.result(view, (v: InviteView) => [
    v.link,
    ...(options.qr ? [encodeQR(v.link, 'term', { ecc: 'medium' })] : [])
  ])
  out.notice(`it names your address ${view.address}, ${view.addrs.length} address(es) of your node and ${view.bootstrap.length} peer(s) to join through`)
}
