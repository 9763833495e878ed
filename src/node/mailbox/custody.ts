/**
 * The mailbox's side: custody of other people's end-to-end encrypted
 * envelopes for its owner's devices, in the `mailbox` sublevel. It decrypts
 * nothing and holds no key that could: each envelope is a SessionMessage
 * encrypted to one of the owner's other devices, kept with the envelope id,
 * the recipient device, the depositing device and the time.
 *
 * - deposit: anyone may deposit for a device the owner's account lists (not
 *   the mailbox itself); a quota per depositor and in total refuses with a
 *   reason; custody is acknowledged only after a synced write; a repeated id
 *   is acknowledged again and stored once.
 * - fetch / ack: only the owner's certified devices, each for itself.
 * - push: the moment an owner's device connects (or a deposit arrives for a
 *   connected one), the mailbox hands its envelopes over.
 * - retention: an envelope undelivered after `retentionMs` is dropped; the
 *   depositor was told when at deposit time and fails it on its own clock.
 *
 * Keys: `q/<device>/<seq>` → the item, `i/<envelope id>` → its `q/` key.
 */
import { fromHex, toHex } from '../../crypto/index.ts'
import type { DepositResult, MailboxItem } from '../../net/protocols/mailbox.ts'
import { ed25519FromPeerIdString, peerIdStringFromEd25519 } from '../../records/index.ts'
import type { NodeComponents } from '../components.ts'
import {
  MAILBOX_BATCH, MAILBOX_BATCH_BYTES, MAILBOX_MAX_BYTES_PER_DEPOSITOR, MAILBOX_MAX_BYTES_TOTAL, MAILBOX_MAX_PER_DEPOSITOR, MAILBOX_MAX_TOTAL,
  MAILBOX_RETENTION_MS, MAILBOX_SWEEP_MS, MAILBOX_TIMEOUT_MS
} from '../constants.ts'
import type { MailboxStatus } from '../types.ts'

export interface MailboxQuotas {
  perDepositor: number
  bytesPerDepositor: number
  total: number
  bytesTotal: number
  retentionMs: number
}

export const DEFAULT_QUOTAS: MailboxQuotas = {
  perDepositor: MAILBOX_MAX_PER_DEPOSITOR,
  bytesPerDepositor: MAILBOX_MAX_BYTES_PER_DEPOSITOR,
  total: MAILBOX_MAX_TOTAL,
  bytesTotal: MAILBOX_MAX_BYTES_TOTAL,
  retentionMs: MAILBOX_RETENTION_MS
}

export interface CustodyInit {
  /** The owner's devices that may fetch (PeerIds): every certified device of the account but mailboxes (devices/roster.ts). */
  owners: () => Promise<string[]>
  /** Hands `items` to the connected `device` (/kabar/mailbox push); resolves the ids it stored. */
  push: (device: string, items: MailboxItem[], signal: AbortSignal) => Promise<Uint8Array[]>
  quotas?: Partial<MailboxQuotas>
  /** How often expired envelopes are dropped (default MAILBOX_SWEEP_MS). */
  sweepMs?: number
}

export type CustodyComponents = Pick<NodeComponents, 'store' | 'clock' | 'lock' | 'account' | 'libp2p'>

interface Held {
  id: string
  device: string
  sender: string
  payload: string
  depositedAt: number
  bytes: number
}

interface Usage { count: number, bytes: number }

const LOCK = 'mailbox:custody'
const pad = (n: number): string => String(n).padStart(16, '0')

export class MailboxCustody {
  readonly #c: CustodyComponents
  readonly #init: CustodyInit
  readonly quotas: MailboxQuotas
  readonly #byDepositor = new Map<string, Usage>()
  readonly #byDevice = new Map<string, Usage>()
  readonly #total: Usage = { count: 0, bytes: 0 }
  #seq = 0
  #sweep: NodeJS.Timeout | undefined
  readonly #pushing = new Set<string>()

  constructor (components: CustodyComponents, init: CustodyInit) {
    this.#c = components
    this.#init = init
    this.quotas = { ...DEFAULT_QUOTAS, ...init.quotas }
  }

  /** Whether this node is a mailbox: a device its owner's account certified with role `mailbox`. */
  get active (): boolean {
    return this.#c.account.membership?.role === 'mailbox'
  }

  async start (): Promise<void> {
    this.#byDepositor.clear()
    this.#byDevice.clear()
    this.#total.count = 0
    this.#total.bytes = 0
    for await (const { key, value } of this.#c.store.iterateJson<Held | string>('mailbox', { gt: 'q/', lt: 'q/~' })) {
      if (typeof value === 'string') continue
      this.#seq = Math.max(this.#seq, Number(key.slice(key.lastIndexOf('/') + 1)))
      this.#count(value, 1)
    }
    if (this.active) await this.sweep()
    // Always: a node may become a mailbox (be linked as one) while it runs.
    this.#sweep = setInterval(() => { void this.sweep().catch(() => undefined) }, this.#init.sweepMs ?? MAILBOX_SWEEP_MS)
    this.#sweep.unref()
  }

  stop (): void {
    if (this.#sweep !== undefined) clearInterval(this.#sweep)
    this.#sweep = undefined
  }

  #count (held: Held, sign: 1 | -1): void {
    for (const [map, key] of [[this.#byDepositor, held.sender], [this.#byDevice, held.device]] as const) {
      const usage = map.get(key) ?? { count: 0, bytes: 0 }
      usage.count += sign
      usage.bytes += sign * held.bytes
      if (usage.count <= 0) map.delete(key)
      else map.set(key, usage)
    }
    this.#total.count += sign
    this.#total.bytes += sign * held.bytes
  }

  /** Why one more envelope of `bytes` from `sender` is refused, or undefined. */
  #overQuota (sender: string, bytes: number): string | undefined {
    const q = this.quotas
    const mine = this.#byDepositor.get(sender) ?? { count: 0, bytes: 0 }
    if (mine.count + 1 > q.perDepositor) return `quota: this mailbox holds ${mine.count} envelopes from you, its limit per sender`
    if (mine.bytes + bytes > q.bytesPerDepositor) return `quota: this mailbox holds ${mine.bytes} bytes from you, its limit per sender is ${q.bytesPerDepositor}`
    if (this.#total.count + 1 > q.total) return 'quota: this mailbox is full (envelopes)'
    if (this.#total.bytes + bytes > q.bytesTotal) return 'quota: this mailbox is full (bytes)'
    return undefined
  }

  /** `from` deposits envelopes; each is stored (durably, before this resolves), refused with a reason, or not accepted. */
  async deposit (from: string, items: MailboxItem[]): Promise<DepositResult[]> {
    const notAccepted = (id: Uint8Array, reason: string): DepositResult => ({ id, status: 'not-accepted', reason, expiresAt: 0 })
    if (!this.active) return items.map((i) => notAccepted(i.id, 'this node is not a mailbox'))
    const owners = new Set(await this.#init.owners())
    const devices = new Set<string>()
    const results = await this.#c.lock.run(LOCK, async () => {
      const now = this.#c.clock()
      const expiresAt = now + this.quotas.retentionMs
      const batch = this.#c.store.batch()
      const added: Held[] = []
      const out: DepositResult[] = []
      const ids = new Set<string>()
      for (const item of items) {
        const device = peerIdStringFromEd25519(item.device)
        const id = toHex(item.id)
        if (!owners.has(device)) {
          out.push(notAccepted(item.id, 'this mailbox does not hold envelopes for that device'))
          continue
        }
        // A repeated id (a sender whose answer was lost, a crash between write and answer) is stored once.
        const existing = ids.has(id) ? undefined : await this.#c.store.getJson<string>('mailbox', `i/${id}`)
        if (ids.has(id) || existing !== undefined) {
          const held = existing === undefined ? undefined : await this.#c.store.getJson<Held>('mailbox', existing)
          out.push({ id: item.id, status: 'stored', reason: '', expiresAt: (held?.depositedAt ?? now) + this.quotas.retentionMs })
          continue
        }
        const held: Held = { id, device, sender: from, payload: toHex(item.payload), depositedAt: now, bytes: item.payload.length }
        const refused = this.#overQuota(from, held.bytes)
        if (refused !== undefined) {
          out.push({ id: item.id, status: 'refused', reason: refused, expiresAt: 0 })
          continue
        }
        const key = `q/${device}/${pad(++this.#seq)}`
        batch.putJson('mailbox', key, held).putJson('mailbox', `i/${id}`, key)
        this.#count(held, 1)
        added.push(held)
        ids.add(id)
        devices.add(device)
        out.push({ id: item.id, status: 'stored', reason: '', expiresAt })
      }
      try {
        // Custody is promised only for what is on disk.
        await batch.write({ sync: true })
      } catch (err) {
        for (const held of added) this.#count(held, -1)
        throw err
      }
      return out
    })
    for (const device of devices) this.offer(device)
    return results
  }

  /** Up to `limit` envelopes waiting for `device`, oldest first. */
  async #waiting (device: string, limit: number): Promise<{ items: MailboxItem[], more: boolean }> {
    const items: MailboxItem[] = []
    let bytes = 0
    let more = false
    for await (const { value } of this.#c.store.iterateJson<Held>('mailbox', { gt: `q/${device}/`, lt: `q/${device}/~` })) {
      if (items.length >= limit || (items.length > 0 && bytes + value.bytes > MAILBOX_BATCH_BYTES)) {
        more = true
        break
      }
      bytes += value.bytes
      items.push({ id: fromHex(value.id), device: ed25519FromPeerIdString(value.device), sender: ed25519FromPeerIdString(value.sender), payload: fromHex(value.payload), depositedAt: value.depositedAt })
    }
    return { items, more }
  }

  /** An owner's device fetches what waits for it; anyone else is refused. */
  async fetch (from: string, limit: number): Promise<{ items: MailboxItem[], more: boolean } | string> {
    if (!this.active) return 'this node is not a mailbox'
    if (!(await this.#init.owners()).includes(from)) return 'only the owner\'s certified devices may fetch'
    return this.#waiting(from, Math.min(limit, MAILBOX_BATCH))
  }

  /** `from` stored these envelopes: they are forgotten. Ids of another device's envelopes are ignored. */
  async ack (from: string, ids: Uint8Array[]): Promise<void> {
    await this.#c.lock.run(LOCK, async () => {
      const batch = this.#c.store.batch()
      const gone: Held[] = []
      for (const raw of ids) {
        const id = toHex(raw)
        const key = await this.#c.store.getJson<string>('mailbox', `i/${id}`)
        if (key?.startsWith(`q/${from}/`) !== true) continue
        const held = await this.#c.store.getJson<Held>('mailbox', key)
        batch.del('mailbox', key).del('mailbox', `i/${id}`)
        if (held !== undefined) gone.push(held)
      }
      await batch.write()
      for (const held of gone) this.#count(held, -1)
    })
  }

  /** Pushes what waits for `device` if it is connected now (a no-op otherwise, or when a push to it runs). */
  offer (device: string): void {
    if (!this.active || this.#pushing.has(device) || !this.#byDevice.has(device)) return
    if (!this.#c.libp2p.getConnections().some((c) => c.remotePeer.toString() === device && c.status === 'open' && c.limits === undefined)) return
    this.#pushing.add(device)
    void this.#push(device).catch(() => undefined).finally(() => { this.#pushing.delete(device) })
  }

  async #push (device: string): Promise<void> {
    if (!(await this.#init.owners()).includes(device)) return
    for (let round = 0; round < 1000; round++) {
      const { items, more } = await this.#waiting(device, MAILBOX_BATCH)
      if (items.length === 0) return
      const acked = await this.#init.push(device, items, AbortSignal.timeout(MAILBOX_TIMEOUT_MS))
      await this.ack(device, acked)
      if (!more || acked.length === 0) return
    }
  }

  /** Drops envelopes held longer than the retention period; returns how many. */
  async sweep (): Promise<number> {
    if (this.#total.count === 0) return 0
    const cutoff = this.#c.clock() - this.quotas.retentionMs
    return this.#c.lock.run(LOCK, async () => {
      const batch = this.#c.store.batch()
      const gone: Held[] = []
      for await (const { key, value } of this.#c.store.iterateJson<Held>('mailbox', { gt: 'q/', lt: 'q/~' })) {
        if (value.depositedAt > cutoff) continue
        batch.del('mailbox', key).del('mailbox', `i/${value.id}`)
        gone.push(value)
      }
      await batch.write()
      for (const held of gone) this.#count(held, -1)
      return gone.length
    })
  }

  /** What `kabar status` shows on a mailbox: how many envelopes for which devices, and the quotas. */
  status (): MailboxStatus | undefined {
    if (!this.active) return undefined
    return {
      envelopes: this.#total.count,
      bytes: this.#total.bytes,
      devices: [...this.#byDevice].map(([device, u]) => ({ device, envelopes: u.count, bytes: u.bytes })),
      depositors: this.#byDepositor.size,
      quotas: { ...this.quotas }
    }
  }
}
