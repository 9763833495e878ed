/**
 * What delivery needs from the network: send envelopes to a device and learn
 * each one's fate. The libp2p implementation lives in net/protocols/msg.ts;
 * this seam keeps delivery's retry logic testable on its own.
 */

export interface OutgoingEnvelope {
  /** 16 random bytes, the same on every retry of this ciphertext. */
  id: Uint8Array
  /** An encoded SessionMessage. */
  payload: Uint8Array
}

/** delivered: stored by the recipient (or already seen); rejected: it can never be decrypted, do not retry; retry: try again later. */
export type AckStatus = 'delivered' | 'rejected' | 'retry'

export interface DeliveryTransport {
  /** Sends in order on one stream; resolves each envelope's status, or throws when the device cannot be reached. */
  sendMany: (devicePeerId: string, envelopes: OutgoingEnvelope[], signal: AbortSignal) => Promise<AckStatus[]>
}
