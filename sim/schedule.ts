/**
 * The run's schedule, computed up front from the options and the seed: each
 * node's role, every send (when, from, to) and every churn window (when a node
 * goes offline and when it comes back). Same seed, same schedule.
 */
import type { SimOptions } from './options.ts'
import { seedCount } from './options.ts'
import { Prng } from './prng.ts'

export type Role = 'business' | 'seed' | 'customer' | 'person' | 'idle'

export interface ScheduledSend {
  /** ms after the messaging phase starts. */
  at: number
  from: number
  to: number
}

export interface ChurnWindow {
  node: number
  /** ms after the messaging phase starts. */
  offAt: number
  onAt: number
}

export interface Schedule {
  roles: Role[]
  seeds: number[]
  /** Nodes that receive messages: their records must be in the DHT before the run. */
  recipients: number[]
  sends: ScheduledSend[]
  churn: ChurnWindow[]
}

export function buildSchedule (o: SimOptions): Schedule {
  const prng = new Prng(o.seed)
  const seeds = Array.from({ length: seedCount(o.nodes) }, (_, i) => i)
  const firstPerson = Math.max(o.businesses, seeds.length)
  const roles: Role[] = Array.from({ length: o.nodes }, (_, i) => i < o.businesses ? 'business' : i < seeds.length ? 'seed' : 'idle')
  const conversations: Array<{ from: number, to: number }> = []
  for (let c = 0; c < o.customers; c++) {
    const node = firstPerson + c
    roles[node] = 'customer'
    conversations.push({ from: node, to: prng.int(o.businesses) })
  }
  for (let p = 0; p < o.pairs; p++) {
    const a = firstPerson + o.customers + 2 * p
    const b = a + 1
    roles[a] = 'person'
    roles[b] = 'person'
    conversations.push({ from: a, to: b }, { from: b, to: a })
  }
  const durationMs = o.duration * 1000
  const sends: ScheduledSend[] = []
  for (let m = 0; m < o.messages; m++) {
    const { from, to } = prng.pick(conversations)
    sends.push({ at: Math.round(prng.between(0, durationMs)), from, to })
  }
  sends.sort((x, y) => x.at - y.at)
  const people = Array.from({ length: o.nodes - firstPerson }, (_, i) => firstPerson + i)
  const churned = prng.shuffle(people).slice(0, Math.round(o.churn * people.length)).sort((x, y) => x - y)
  // Offline at a random moment in the first 60% of the run, for 15–35% of it: every node is back before the end.
  const churn = churned.map((node) => {
    const offAt = Math.round(prng.between(0.1, 0.6) * durationMs)
    return { node, offAt, onAt: offAt + Math.round(prng.between(0.15, 0.35) * durationMs) }
  })
  const recipients = [...new Set(conversations.map((c) => c.to))].sort((x, y) => x - y)
  return { roles, seeds, recipients, sends, churn }
}
