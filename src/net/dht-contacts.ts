/**
 * The DHT routing table takes in the peers a node has talked to, not every
 * peer it has heard of.
 *
 * NOTE: kad-dht 16 hands every peer named in any DHT response (each answer
 * lists up to k = 20 "closer" peers) to its routing table, which pings each new
 * one before adding it, dialling it first when there is no connection. A
 * node's table holds up to 64 buckets × k peers, so in a network of up to
 * ~1,000 nodes every node ends up dialling nearly every other: a mesh of
 * Noise handshakes, identify exchanges and peer-store writes that grows with
 * N² (a 100-node simulation: 83 connections per node, one kad-dht ping each).
 * It also lets any DHT peer make us dial twenty addresses of its choosing per
 * answer.
 *
 * go-libp2p-kad-dht adds a peer to the table only once it has answered one of
 * our queries or connected to us and speaks the DHT protocol. kabar does the
 * same: a heard-of peer with no open connection is left out of the table
 * (libp2p's peer store still records its addresses, so a query can dial it);
 * when a query does dial it, or it dials us, the connection's identify tells
 * kad-dht so, and it is added then, its ping going over that connection. A
 * query still walks to every closer peer an answer names: Kademlia lookups are
 * unchanged, only the side effect on the table is gone. Measured at 100 nodes:
 * 65 connections per node instead of 83 (docs/SIMULATION.md).
 *
 * kad-dht routes both kinds of news through one method, `onPeerConnect`
 * (answers' peers with their multiaddrs; connected peers through its topology
 * listener); the wrapper lets only peers with an open connection through. The
 * service's shape is checked first: if a future kad-dht changes it, nothing
 * is patched, {@link tableFromConversations} returns false, and
 * test/net/dht-contacts.spec.ts fails, so an upgrade cannot silently bring the
 * mesh back.
 */
import type { PeerId } from '@libp2p/interface'

interface PeerData { id: PeerId }

interface ContactsDht { onPeerConnect: (peer: PeerData) => Promise<void> }

interface Node {
  services: { dht: unknown }
  getConnections: (peer?: PeerId) => unknown[]
}

/** Makes `libp2p`'s DHT add only connected peers to its routing table; true if it did (or already had). */
export function tableFromConversations (libp2p: Node): boolean {
  const dht = libp2p.services.dht as Partial<ContactsDht> & { kabarConversations?: boolean }
  if (typeof dht.onPeerConnect !== 'function') return false
  if (dht.kabarConversations === true) return true
  const onPeerConnect = dht.onPeerConnect.bind(dht)
  dht.onPeerConnect = async (peer) => {
    if (libp2p.getConnections(peer.id).length === 0) return
    await onPeerConnect(peer)
  }
  Object.defineProperty(dht, 'kabarConversations', { value: true })
  return true
}
