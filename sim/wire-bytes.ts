/**
 * Counts the bytes the in-memory transport carries between all nodes of the
 * process: what each connection writes into its memory pipe, i.e. Noise
 * ciphertext with yamux framing, multistream-select and the Noise handshake
 * included (what TCP would carry as payload, without TCP/IP headers). It
 * counts every protocol (DHT, identify, ping, /kabar/msg), so the report
 * subtracts the background rate measured while the network is idle.
 *
 * How: @libp2p/memory does not export its connection class, so the counter
 * wraps `sendData` on the prototype of the first memory connection it sees
 * (libp2p's Connection keeps it as `maConn`). One class, patched once.
 */
import type { Connection } from '@libp2p/interface'
import type { KabarLibp2p } from '../src/net/libp2p.ts'

type SendData = (data: { byteLength: number }) => unknown

let total = 0
const patched = new WeakSet<object>()

function patch (connection: Connection): void {
  const maConn = (connection as unknown as { maConn?: object }).maConn
  if (maConn === undefined) return
  const proto = Object.getPrototypeOf(maConn) as { sendData?: SendData } | null
  if (proto === null || patched.has(proto) || typeof proto.sendData !== 'function') return
  const original = proto.sendData
  proto.sendData = function (this: unknown, data) {
    total += data.byteLength
    return original.call(this, data)
  }
  patched.add(proto)
}

/** Watches `libp2p`'s connections (call before it dials anything) so the counter gets patched in. */
export function countWireBytes (libp2p: KabarLibp2p): void {
  libp2p.addEventListener('connection:open', (evt) => { patch(evt.detail) })
}

/** Bytes carried so far by every memory connection in this process. */
export function wireBytes (): number {
  return total
}
