/**
 * Sessions to send on: the one kept for a device, or a new one (PQXDH) from
 * the device's prekey record in the DHT and, when the device is online, a
 * one-time prekey it hands out. The caller holds the devices' locks.
 */
import { bytesEqual } from '../../crypto/index.ts'
import { KabarError } from '../../errors.ts'
import { bundleFromPrekeyRecord, ed25519FromPeerIdString } from '../../records/index.ts'
import type { SessionRecord } from '../../session/index.ts'
import type { NodeComponents } from '../components.ts'
import { PREKEY_FETCH_TIMEOUT_MS } from '../constants.ts'
import type { Device } from '../directory.ts'
import { loadSession } from './receive.ts'

export type SessionsComponents = Pick<NodeComponents, 'store' | 'random' | 'identity' | 'directory' | 'network'>

/** A device to encrypt for, its session, and whether it gets the sync copy (a device of our own account). */
export interface Target { device: Device, session: SessionRecord, sync: boolean }

/** A session we can send on, with the device's prekeys from the DHT and, when it is online, a one-time prekey. */
async function sessionFor (c: SessionsComponents, device: Device, context: Uint8Array | undefined): Promise<SessionRecord> {
  const record = await loadSession(c.store, device.peerId)
  if (record.canSend && record.remoteSigningKey !== undefined && bytesEqual(record.remoteSigningKey, ed25519FromPeerIdString(device.peerId))) return record
  const prekeys = await c.directory.prekeys(device.peerId)
  if (prekeys === undefined) throw new KabarError('RECIPIENT_UNKNOWN', `no prekey record found for device ${device.peerId}`)
  if (device.certificate !== undefined && !bytesEqual(device.certificate.identityKey, prekeys.identity.identityKey)) {
    throw new KabarError('UNTRUSTED_IDENTITY', `device ${device.peerId} publishes an identity key its account did not certify`)
  }
  let oneTime: { id: number, publicKey: Uint8Array } | undefined
  try {
    oneTime = await c.network.fetchOneTime(device.peerId, AbortSignal.timeout(PREKEY_FETCH_TIMEOUT_MS))
  } catch {
    oneTime = undefined // offline: the signed and ML-KEM last-resort prekeys suffice
  }
  return record.initiate({ identity: c.identity, bundle: bundleFromPrekeyRecord(prekeys, oneTime), random: c.random, ...(context === undefined ? {} : { context }) })
}

/**
 * Sessions with every recipient device and every other device of our own
 * account. A device we cannot set up a session with (no prekey record yet,
 * an identity its account did not certify) is left out: that means one
 * reader fewer, never one more. Throws when no recipient device is left.
 */
export async function sessionTargets (c: SessionsComponents, recipients: Device[], own: Device[], context: Uint8Array | undefined): Promise<Target[]> {
  const settle = async (devices: Device[], sync: boolean): Promise<Array<Target | KabarError>> =>
    Promise.all(devices.map(async (device) => {
      try {
        return { device, session: await sessionFor(c, device, sync ? undefined : context), sync }
      } catch (err) {
        if (KabarError.is(err, 'RECIPIENT_UNKNOWN') || KabarError.is(err, 'UNTRUSTED_IDENTITY')) return err
        throw err
      }
    }))
  const isTarget = (r: Target | KabarError): r is Target => !KabarError.is(r)
  const forRecipients = await settle(recipients, false)
  const ready = forRecipients.filter(isTarget)
  if (ready.length === 0) throw forRecipients.find((r): r is KabarError => KabarError.is(r)) ?? new KabarError('RECIPIENT_UNKNOWN', 'the recipient lists no device')
  return [...ready, ...(await settle(own, true)).filter(isTarget)]
}
