/**
 * The always-on daemon as an operator sees it, with two real processes:
 * /v1/health without a token, /metrics with the owner token counting a real
 * message, JSON-line logs on stderr that never carry message text or the
 * token, and a clean SIGTERM stop that logs daemon.stopped.
 */
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { kabar, startDaemon, stop, useScratch, waitFor } from './processes.ts'

const SECRET_TEXT = 'the-text-must-never-reach-a-log'

/** The JSON lines of a daemon's output (stdout/stderr interleaved; human lines skipped). */
function logLines (output: string): Array<Record<string, unknown>> {
  return output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>)
}

describe('daemon operations: health, metrics, logs, shutdown', () => {
  const { daemons, root: scratch } = useScratch('kabar-ops-')

  it('serves health and metrics, logs without secrets, and stops cleanly on SIGTERM', async () => {
    const root = await scratch()
    const [bobDir, aliceDir] = ['bob', 'alice'].map((n) => join(root, n)) as [string, string]
    for (const dir of [bobDir, aliceDir]) assert.equal(kabar(['init', '--data', dir]).status, 0)
    const bob = await startDaemon(bobDir, [], 30_000, ['--log-level', 'debug'])
    daemons.push(bob)
    const alice = await startDaemon(aliceDir, bob.info.multiaddrs)
    daemons.push(alice)

    const health = await fetch(`${bob.info.api.url}/v1/health`)
    assert.equal(health.status, 200)
    assert.equal((await health.json() as { ok: boolean }).ok, true)
    assert.equal((await fetch(`${bob.info.api.url}/metrics`)).status, 401, 'metrics need the token')

    await waitFor('bob to be found in the DHT', () => {
      const r = kabar(['lookup', bob.info.peerId, '--data', aliceDir, '--json'])
      return r.status === 0 && (JSON.parse(r.stdout) as { account?: unknown }).account !== undefined
    }, 60_000)
    const sent = kabar(['send', bob.info.peerId, SECRET_TEXT, '--wait', '--data', aliceDir], 60_000)
    assert.equal(sent.status, 0, sent.stderr)

    const metrics = await (await fetch(`${bob.info.api.url}/metrics`, { headers: { authorization: `Bearer ${bob.info.api.token}` } })).text()
    assert.match(metrics, /^kabar_messages_received_total 1$/m)
    assert.match(metrics, /^kabar_connections [1-9]\d*$/m)
    assert.match(metrics, /^process_resident_memory_bytes \d+$/m)

    assert.equal(await stop(bob), 0, bob.output())
    const output = bob.output()
    const lines = logLines(output)
    const events = lines.map((l) => l.event)
    for (const event of ['daemon.started', 'message.received', 'api.request', 'daemon.stopping', 'daemon.stopped']) assert.ok(events.includes(event), `${event} in ${events.join(', ')}`)
    for (const line of lines) {
      assert.equal(typeof line.t, 'string')
      assert.ok(['debug', 'info', 'warn', 'error'].includes(line.level as string))
    }
    assert.equal(output.includes(SECRET_TEXT), false, 'message text never logged')
    assert.equal(output.includes(bob.info.api.token), false, 'the API token never logged')
    assert.equal(await stop(alice), 0, alice.output())
  })
})
