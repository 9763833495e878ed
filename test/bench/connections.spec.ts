/**
 * The connection benchmark (bench/node.ts): it opens and closes connections
 * with both Noise cryptos and reports each; its ratio row is kabar's time per
 * connection ÷ the stock crypto's (below 1.00, kabar's is faster). A few
 * connections only: the figures themselves are the benchmark's business.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ratioRows } from '../../bench/harness.ts'
import { benchConnections } from '../../bench/node.ts'

describe('bench: connections with kabar\'s Noise crypto and the stock one', { timeout: 60_000 }, () => {
  it('measures both and derives the ratio row from them', async () => {
    const rows = await benchConnections(5, 2)
    assert.deepEqual(rows.map((r) => r.name), ['connection-open-close', 'connection-open-close-stock-noise'])
    for (const r of rows) {
      assert.ok(r.perSecond > 0, r.name)
      assert.ok(typeof r.msPerConnection === 'number' && r.msPerConnection > 0, r.name)
    }
    const ratio = ratioRows([{ name: 'connection-open-close', perSecond: 150 }, { name: 'connection-open-close-stock-noise', perSecond: 100 }])
    assert.deepEqual(ratio.map((r) => [r.name, r.ratio]), [['noise-kabar-x25519-vs-stock', 0.67]])
  })
})
