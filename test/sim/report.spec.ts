/** The report's small pieces: percentiles, ticks, the SVG writer, flag parsing. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { UsageError, parseSimArgs, scaleScenario } from '../../sim/options.ts'
import { cdf, percentile, quantiles } from '../../sim/stats.ts'
import { deliveryCharts } from '../../sim/report.ts'
import type { RunRecord, Summary } from '../../sim/report.ts'
import { chartGroup, formatTicks, integerTicks, niceTicks, svgDocument } from '../../sim/svg.ts'

describe('sim report helpers', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i)
    assert.equal(percentile(values, 0.5), 50)
    assert.equal(percentile(values, 0.99), 99)
    assert.equal(percentile([], 0.5), null)
    assert.deepEqual(quantiles([7]), { p50: 7, p95: 7, p99: 7 })
    const points = cdf([3, 1, 2])
    assert.deepEqual(points[points.length - 1], [3, 1])
  })

  it('picks round ticks that cover the range', () => {
    assert.deepEqual(niceTicks(0, 37), [0, 10, 20, 30, 40])
    assert.deepEqual(niceTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1])
    const t = niceTicks(25, 200)
    assert.ok((t[0] ?? Infinity) <= 25 && (t[t.length - 1] ?? 0) >= 200)
  })

  it('writes a standalone SVG with title, axis labels, legend and escaped text', () => {
    const svg = svgDocument([
      { title: 'A & B', xLabel: 'x <ms>', yLabel: 'y', series: [{ name: 's1', points: [[0, 0], [1, 2]] }, { name: 's2', points: [[0.5, 1]], step: true }] },
      { title: 'second', xLabel: 'x', yLabel: 'y', height: 200, series: [] }
    ])
    assert.match(svg, /^<\?xml version="1.0"/)
    assert.match(svg, /height="600"/)
    assert.match(svg, />A &amp; B</)
    assert.match(svg, />x &lt;ms&gt;</)
    assert.match(svg, /<polyline [^>]*points="[^"]+"/)
    assert.match(svg, /<circle /)
    assert.match(svg, />s2</)
  })

  it('labels every tick of an axis in one unit', () => {
    assert.deepEqual(formatTicks([0, 5000, 10000, 15000]), ['0', '5k', '10k', '15k'])
    assert.deepEqual(formatTicks([0, 200, 400]), ['0', '200', '400'])
    assert.deepEqual(formatTicks([0, 0.5, 1]), ['0', '0.5', '1'])
    assert.deepEqual(formatTicks([0, 500_000, 1_000_000]), ['0', '0.5M', '1M'])
  })

  it('draws whole-number bins as bars side by side, on whole-number ticks', () => {
    assert.deepEqual(integerTicks(0, 2), [0, 1, 2])
    assert.deepEqual(integerTicks(1, 1), [1, 2])
    const { body } = chartGroup({ title: 'hops', xLabel: 'hops', yLabel: 'lookups', xFromZero: true, series: [{ name: 'a', points: [[0, 5], [1, 3], [2, 1]], bars: true }, { name: 'b', points: [[1, 4], [2, 2]], bars: true }] })
    assert.doesNotMatch(body, /<polyline/)
    // [x, width] of each bar: not the white background, not the 20 × 10 legend swatches.
    const bars = [...body.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="([\d.]+)" fill="(#[0-9a-f]+)"/g)]
      .filter((m) => !(m[2] === '20' && m[3] === '10')).map((m) => [Number(m[1]), Number(m[2])] as const)
    assert.equal(bars.length, 5)
    // Bin 1: series a's bar (the second of a) ends where series b's (the first of b) begins.
    const [a1, b1] = [bars[1], bars[3]]
    assert.ok(a1 !== undefined && b1 !== undefined)
    assert.ok(a1[0] + a1[1] <= b1[0] + 0.1, `${a1.join(',')} then ${b1.join(',')}`)
  })

  it('puts a legend below the axis when asked, clear of the plot', () => {
    const inside = chartGroup({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 'curve', points: [[0, 0], [1, 1]] }] })
    const below = chartGroup({ title: 't', xLabel: 'x', yLabel: 'y', legend: 'below', series: [{ name: 'curve', points: [[0, 0], [1, 1]] }] })
    const legendY = (body: string): number => Number(/<text x="\d+" y="([\d.]+)" font-size="11">curve</.exec(body)?.[1])
    assert.ok(legendY(inside.body) < 400 - 50, 'inside the plot by default')
    assert.ok(legendY(below.body) > 400 - 50 + 18, `below the tick labels: ${legendY(below.body)}`)
    assert.ok(below.height > inside.height)
  })

  it('plots the delivery panels on one x range, with the scheduled sends beside sent and delivered', () => {
    const record = {
      schedule: { sends: [{ at: 1000 }, { at: 2000 }, { at: 29_000 }] },
      sends: [{ id: 'a', at: 1100 }, { id: 'b', at: 2100 }, { id: 'c', at: 29_100 }],
      arrivals: new Map([['a', { at: 10_000 + 1500 }], ['b', { at: 10_000 + 41_000 }], ['c', { at: 10_000 + 30_000 }]]),
      timeline: { start: 10_000, end: 10_000 + 30_000 },
      offline: [[0, 0], [5000, 2]]
    } as unknown as RunRecord
    const summary = { nodes: 3, churnedNodes: 1, sent: 3, delivered: 3 } as unknown as Summary
    const [messages, offline] = deliveryCharts(record, summary)
    assert.ok(messages !== undefined && offline !== undefined)
    assert.deepEqual(messages.xDomain, offline.xDomain)
    assert.equal(messages.xDomain?.[1], 41, 'the range reaches the last delivery (41 s), past the end of sending')
    assert.deepEqual(messages.series.map((x) => x.name), ['scheduled (3)', 'sent (3)', 'delivered (3)'])
    const ticks = (svg: string): string[] => [...svg.matchAll(/text-anchor="middle" font-size="11">([^<]+)</g)].map((m) => m[1] ?? '')
    assert.deepEqual(ticks(chartGroup(messages).body), ticks(chartGroup(offline).body))
  })

  it('parses flags strictly and scales a sweep', () => {
    const o = parseSimArgs(['--nodes=40', '--businesses', '2', '--customers', '20', '--churn', '0.25'])
    assert.equal(o.nodes, 40)
    assert.equal(o.pairs, 0)
    assert.equal(o.churn, 0.25)
    assert.equal(scaleScenario(o, 80).customers, 40)
    assert.throws(() => parseSimArgs(['--nodes']), UsageError)
    assert.throws(() => parseSimArgs(['--nodes', '10', '--nodes', '12']), UsageError)
    assert.throws(() => parseSimArgs(['--pairs', '40', '--nodes', '20']), /need 80 people/)
    assert.throws(() => parseSimArgs(['--processes', 'yes']), UsageError)
  })
})
