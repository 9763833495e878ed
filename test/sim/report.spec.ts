/** The report's small pieces: percentiles, ticks, the SVG writer, flag parsing. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { UsageError, parseSimArgs, scaleScenario } from '../../sim/options.ts'
import { cdf, percentile, quantiles } from '../../sim/stats.ts'
import { niceTicks, svgDocument } from '../../sim/svg.ts'

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
