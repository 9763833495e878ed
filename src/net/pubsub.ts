/**
 * Gossipsub for private topics (groups now, channels and audit later):
 * kabar's configuration of `@libp2p/gossipsub` and a small seam over it.
 *
 * - `StrictNoSign`: no `from`, `seqno`, signature or key on the wire, so a
 *   relaying peer does not learn who wrote a message; authors sign inside the
 *   payload (session/sender-keys.ts for groups).
 * - Content-addressed message ids: SHA-256 over the published bytes, the
 *   same id at every hop and in every catch-up exchange.
 * - Opaque topic names: HMAC of a secret only the topic's members hold.
 * - Every topic has a validator; forwarding waits for it (synchronous
 *   validation), so a message that does not verify stops at the first hop.
 * - Peer scores: the application scores each peer (`PubsubScores`); a peer
 *   no topic owner vouches for scores below 0 and below gossipsub's publish and
 *   gossip thresholds: never in a mesh, never sent a message or gossip.
 * docs/PROTOCOL.md §15.4.
 */
import { StrictNoSign, TopicValidatorResult, gossipsub } from '@libp2p/gossipsub'
import type { GossipSub, GossipsubMessage, GossipsubOpts } from '@libp2p/gossipsub'
import type { PeerId } from '@libp2p/interface'
import { groupLabel, hmacSha256, lengthPrefixed, sha256, toHex } from '../crypto/index.ts'

/**
 * The application-specific score of a peer no topic owner vouches for. Gossipsub
 * weighs it by `appSpecificWeight` (10): −60 is below 0 (never grafted into a
 * mesh), below the gossip threshold (−10: no IHAVE/IWANT either way) and below
 * the publish threshold (−50: our own messages are never sent to it), but above
 * the graylist threshold (−80). NOTE: not graylisted on purpose: a graylisted
 * peer's RPCs are dropped whole, subscriptions included, and gossipsub announces
 * subscriptions only once per connection — a member whose membership we learn
 * after it connected (its key arrives later over the pairwise session) would
 * stay unknown on the topic for the life of the connection. What such a peer
 * publishes still meets the topic's validator at the first hop.
 */
export const UNKNOWN_PEER_SCORE = -6
/** The score of a peer a topic owner vouches for (a member's device): neutral, the router's own counters decide. */
export const KNOWN_PEER_SCORE = 0
/** Largest message gossipsub decodes: a group message's bound (session MAX_GROUP_MESSAGE) with headroom for channels. */
export const MAX_PUBSUB_DATA = 256 * 1024

/** Who may take part: each capability that owns topics answers for the peers it knows. */
export type PeerVouch = (peerId: string) => boolean

/** The peer scores gossipsub asks for, built from every topic owner's vouch. */
export class PubsubScores {
  readonly #vouches = new Set<PeerVouch>()

  /** Adds a topic owner's vouch; returns a function removing it. */
  add (vouch: PeerVouch): () => void {
    this.#vouches.add(vouch)
    return () => { this.#vouches.delete(vouch) }
  }

  score (peerId: string): number {
    for (const vouch of this.#vouches) if (vouch(peerId)) return KNOWN_PEER_SCORE
    return UNKNOWN_PEER_SCORE
  }
}

/** A message's id: SHA-256(lp("kabar/v1/group-message-id") || lp(data)). */
export function pubsubMessageId (data: Uint8Array): Uint8Array {
  return sha256(lengthPrefixed(groupLabel('groupMessageId'), data))
}

/** The opaque topic of a secret: hex(HMAC-SHA256(secret, "kabar/v1/group-topic")). */
export function topicForSecret (secret: Uint8Array): string {
  return toHex(hmacSha256(secret, groupLabel('groupTopic')))
}

/** kabar's gossipsub options (see the module doc for each). */
export function gossipsubOptions (scores: PubsubScores): Partial<GossipsubOpts> {
  return {
    globalSignaturePolicy: StrictNoSign,
    msgIdFn: (message) => pubsubMessageId(message.data),
    msgIdToStrFn: (id) => toHex(id),
    // Topics are announced only by members, and only members' peers are scored in.
    scoreParams: { appSpecificScore: (peer) => scores.score(peer), IPColocationFactorWeight: 0 },
    // Our own messages go to every peer on the topic (all members: no one else is scored in),
    // not only to the mesh: one hop fewer for most members, at D-times the publisher's bytes.
    floodPublish: true,
    allowPublishToZeroTopicPeers: true,
    ignoreDuplicatePublishError: true,
    emitSelf: false,
    maxInboundDataLength: MAX_PUBSUB_DATA
  }
}

/** The gossipsub service factory for createLibp2p's `services.pubsub`. */
export function kabarGossipsub (scores: PubsubScores): ReturnType<typeof gossipsub> {
  return gossipsub(gossipsubOptions(scores))
}

export type Verdict = 'accept' | 'ignore' | 'reject'

/** What a topic's owner does with its messages. */
export interface TopicHandler {
  /** Runs before a message is delivered or forwarded: 'reject' penalises the peer that sent it, 'ignore' just drops it. Must be fast. */
  validate: (data: Uint8Array, from: string) => Verdict
  /** A validated message, once per id. */
  deliver: (data: Uint8Array, id: string, from: string) => void
}

const VERDICTS: Record<Verdict, TopicValidatorResult> = {
  accept: TopicValidatorResult.Accept,
  ignore: TopicValidatorResult.Ignore,
  reject: TopicValidatorResult.Reject
}

/** Topics joined through one gossipsub router. */
export class Pubsub {
  readonly #router: GossipSub
  readonly #handlers = new Map<string, TopicHandler>()
  readonly #onMessage = (event: CustomEvent<GossipsubMessage>): void => {
    const { msg, msgId, propagationSource } = event.detail
    const handler = this.#handlers.get(msg.topic)
    if (handler === undefined) return
    try {
      handler.deliver(msg.data, msgId, propagationSource.toString())
    } catch {
      // The handler's own failures are its to report; the router goes on.
    }
  }

  constructor (router: GossipSub) {
    this.#router = router
    router.addEventListener('gossipsub:message', this.#onMessage)
  }

  /** Validates, subscribes and delivers `topic`. Joining a topic twice replaces its handler. */
  join (topic: string, handler: TopicHandler): void {
    this.#handlers.set(topic, handler)
    this.#router.topicValidators.set(topic, (peer: PeerId, message) => {
      try {
        return VERDICTS[handler.validate(message.data, peer.toString())]
      } catch {
        return TopicValidatorResult.Reject
      }
    })
    if (!this.#router.getTopics().includes(topic)) this.#router.subscribe(topic)
  }

  leave (topic: string): void {
    this.#handlers.delete(topic)
    this.#router.topicValidators.delete(topic)
    if (this.#router.getTopics().includes(topic)) this.#router.unsubscribe(topic)
  }

  joined (): string[] {
    return [...this.#handlers.keys()]
  }

  /** The peers gossipsub knows on `topic`. */
  peers (topic: string): string[] {
    return this.#router.getSubscribers(topic).map((p) => p.toString())
  }

  /** Publishes `data`; resolves with its id and how many peers it was sent to (0 when none is online). */
  async publish (topic: string, data: Uint8Array): Promise<{ id: string, recipients: number }> {
    const { recipients } = await this.#router.publish(topic, data)
    return { id: toHex(pubsubMessageId(data)), recipients: recipients.length }
  }

  close (): void {
    this.#router.removeEventListener('gossipsub:message', this.#onMessage)
    for (const topic of [...this.#handlers.keys()]) this.leave(topic)
  }
}
