/**
 * The node bench's rows and their ratios (bench/node.ts, harness.ts): the
 * stock-lpStream floors, kabar's burst and one-at-a-time delivery, and the
 * fan-in of several customers into one business, each run with a few
 * messages only, checked for shape; the figures are the benchmark's business.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ratioRows } from '../../bench/harness.ts'
import type { BenchResult } from '../../bench/harness.ts'
import { benchBare, benchFanIn, benchKabar } from '../../bench/node.ts'

const latency = (r: BenchResult | undefined): { p50: number, p99: number } => r?.latencyMs as { p50: number, p99: number }

describe('bench: node rows', { timeout: 180_000 }, () => {
  const rows: BenchResult[] = []

  it('measures the stock lpStream floors: acked with 64 in flight, and one round trip at a time', async () => {
    const bare = await benchBare(200)
    rows.push(...bare)
    assert.deepEqual(bare.map((r) => r.name), ['bare-acked-1k-w64', 'bare-rtt-1k'])
    for (const r of bare) assert.ok(r.perSecond > 0, r.name)
    assert.equal(bare[0]?.count, 200)
    const rtt = latency(bare[1])
    assert.ok(rtt.p50 > 0 && rtt.p99 >= rtt.p50)
  })

  it('measures kabar between two nodes: a burst delivered, and one at a time with its latency', async () => {
    const kabar = await benchKabar(30, 5)
    rows.push(...kabar)
    const burst = kabar.find((r) => r.name === 'kabar-1k-burst-delivered')
    const single = kabar.find((r) => r.name === 'kabar-1k-one-at-a-time')
    assert.equal(burst?.delivered, 30, 'every message of the burst is delivered')
    assert.ok((burst?.perSecond ?? 0) > 0)
    assert.equal(single?.count, 5)
    assert.ok(latency(single).p50 > 0)
  })

  it('measures a business receiving from several customers at once', async () => {
    const fanIn = await benchFanIn(3, 4)
    rows.push(fanIn)
    assert.equal(fanIn.name, 'kabar-1k-fan-in-3')
    assert.equal(fanIn.delivered, 12)
    assert.ok(fanIn.perSecond > 0)
  })

  it('derives the ratio rows from the rows of the same run', () => {
    const ratios = ratioRows(rows)
    assert.deepEqual(ratios.map((r) => r.name), ['kabar-burst-vs-bare-acked', 'kabar-single-vs-bare-rtt', 'kabar-fan-in-vs-burst'])
    for (const r of ratios) assert.ok(r.ratio > 0, r.name)
    // Time per operation: the subject's ÷ the baseline's.
    const fixed = ratioRows([
      { name: 'bare-acked-1k-w64', perSecond: 6000 },
      { name: 'bare-rtt-1k', perSecond: 5000, latencyMs: { p50: 0.2, p99: 0.5 } },
      { name: 'kabar-1k-burst-delivered', perSecond: 3000 },
      { name: 'kabar-1k-one-at-a-time', perSecond: 1000, latencyMs: { p50: 1, p99: 2 } },
      { name: 'kabar-1k-fan-in-50', perSecond: 1500, customers: 50 }
    ])
    assert.deepEqual(fixed.map((r) => [r.name, r.ratio]), [['kabar-burst-vs-bare-acked', 2], ['kabar-single-vs-bare-rtt', 5], ['kabar-fan-in-vs-burst', 2]])
  })
})
