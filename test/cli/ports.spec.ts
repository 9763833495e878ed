/**
 * Two people on one machine, with no ports chosen: a second `kabar start`
 * whose default TCP and API ports are taken takes free ones and says so, and
 * node.json tells where; a port the user chose that is taken is one line
 * naming the flag. The "defaults" here are ports this test holds, never the
 * real 7744/7745 (tests use no fixed ports).
 */
import assert from 'node:assert/strict'
import { readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import type { Server } from 'node:net'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { createLogger } from '../../src/api/logger.ts'
import { KabarError } from '../../src/errors.ts'
import { runDaemon } from '../../src/cli/daemon.ts'
import { addressInUse, defaultOrFree, portFree } from '../../src/cli/ports.ts'
import type { NodeReadyInfo } from '../../src/cli/node-loader.ts'
import { tempDir } from './helpers.ts'

async function hold (host: string): Promise<{ server: Server, port: number }> {
  const server = createServer()
  await new Promise<void>((resolve) => { server.listen({ host, port: 0, exclusive: true }, () => { resolve() }) })
  const address = server.address()
  assert.ok(address !== null && typeof address === 'object')
  return { server, port: address.port }
}

const quiet = createLogger({ level: 'error', write: () => {} })

describe('default ports that give way', () => {
  const held: Server[] = []
  const dirs: string[] = []
  const scratchDir = async (): Promise<string> => { const d = await tempDir(); dirs.push(d); return d }
  after(async () => {
    await Promise.all(held.map(async (s) => new Promise((resolve) => { s.close(resolve) })))
    await Promise.all(dirs.map(async (d) => rm(d, { recursive: true, force: true })))
  })

  it('tells a free port from a taken one', async () => {
    const { server, port } = await hold('0.0.0.0')
    held.push(server)
    assert.equal(await portFree('0.0.0.0', port), false)
    assert.deepEqual(await defaultOrFree('0.0.0.0', port), { port: 0, replaced: port })
    const other = await hold('127.0.0.1')
    await new Promise((resolve) => { other.server.close(resolve) })
    assert.deepEqual(await defaultOrFree('127.0.0.1', other.port), { port: other.port })
    assert.equal(addressInUse(new Error('x', { cause: Object.assign(new Error('listen EADDRINUSE: address already in use'), { code: 'EADDRINUSE' }) })), true)
  })

  it('starts a second node on free ports when the defaults are taken, says so, and writes them to node.json', async () => {
    const tcp = await hold('0.0.0.0')
    const api = await hold('127.0.0.1')
    held.push(tcp.server, api.server)
    const dataDir = join(await scratchDir(), 'second')
    let ready: NodeReadyInfo | undefined
    const daemon = await runDaemon({ dataDir, listen: [], bootstrap: [], mdns: false, log: quiet, defaultTcpPort: tcp.port, defaultApiPort: api.port, onReady: (info) => { ready = info } })
    try {
      assert.ok(ready !== undefined)
      assert.deepEqual(ready.notices, [
        `TCP port ${tcp.port} is taken (another kabar node?): listening on a free port instead (below)`,
        `API port ${api.port} is taken (another kabar node?): the API is on a free port instead (below)`
      ])
      assert.ok(ready.multiaddrs.length > 0 && ready.multiaddrs.every((m) => !m.includes(`/tcp/${tcp.port}/`)), ready.multiaddrs.join(' '))
      assert.notEqual(new URL(ready.api.url).port, String(api.port))
      const info = JSON.parse(await readFile(join(dataDir, 'node.json'), 'utf8')) as NodeReadyInfo
      assert.equal(info.api.url, ready.api.url)
      assert.deepEqual(info.multiaddrs, ready.multiaddrs)
      assert.equal(ready.alone, true, 'no bootstrap, no mDNS, no peer')
    } finally {
      await daemon.stop()
    }
  })

  it('refuses a chosen port that is taken in one line naming the flag', async () => {
    const tcp = await hold('127.0.0.1')
    const api = await hold('127.0.0.1')
    held.push(tcp.server, api.server)
    const root = await scratchDir()
    const start = async (dir: string, more: { listen?: string[], apiPort?: number }): Promise<unknown> =>
      runDaemon({ dataDir: join(root, dir), listen: more.listen ?? ['/ip4/127.0.0.1/tcp/0'], bootstrap: [], mdns: false, log: quiet, ...(more.apiPort === undefined ? { apiPort: 0 } : { apiPort: more.apiPort }), onReady: () => {} })
    await assert.rejects(start('a', { listen: [`/ip4/127.0.0.1/tcp/${tcp.port}`] }), (err: Error) => {
      assert.ok(KabarError.is(err, 'INVALID_CONFIG'))
      assert.equal(err.message, `cannot listen on /ip4/127.0.0.1/tcp/${tcp.port}: the port is in use (another kabar node?); choose another with --listen (e.g. --listen /ip4/0.0.0.0/tcp/0 for any free port)`)
      return true
    })
    await assert.rejects(start('b', { apiPort: api.port }), (err: Error) => {
      assert.ok(KabarError.is(err, 'INVALID_CONFIG'))
      assert.equal(err.message, `the API cannot listen on 127.0.0.1:${api.port}: the port is in use; choose another with --api-port (0 = any free port)`)
      return true
    })
  })
})
