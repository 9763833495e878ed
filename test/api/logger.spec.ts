/**
 * The daemon's structured logs: one JSON object per line, levels filtered,
 * and fields named like secrets dropped whatever a call site passes.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createLogger, errorFields } from '../../src/api/logger.ts'
import { KabarError } from '../../src/errors.ts'

describe('api/logger', () => {
  it('writes JSON lines from its level up, without secret fields', () => {
    const lines: string[] = []
    const log = createLogger({ level: 'info', write: (line) => lines.push(line), clock: () => 1_767_366_245_123 })
    log.debug('hidden', { id: 'x' })
    log.info('message.received', { id: 'abc', index: 7, text: 'hello', token: 't0k', secret: 's', peer: undefined, event: 'overwrite?' })
    log.error('api.internal_error', errorFields(new KabarError('STORE_FAILED', 'disk full')))
    assert.equal(lines.length, 2)
    for (const line of lines) assert.ok(line.endsWith('\n') && !line.slice(0, -1).includes('\n'))
    assert.deepEqual(JSON.parse(lines[0] ?? ''), { t: '2026-01-02T15:04:05.123Z', level: 'info', event: 'message.received', id: 'abc', index: 7 })
    assert.deepEqual(JSON.parse(lines[1] ?? ''), { t: '2026-01-02T15:04:05.123Z', level: 'error', event: 'api.internal_error', error: 'disk full', code: 'STORE_FAILED' })
  })
})
