/**
 * The documents a newcomer reads first hold what they promise: every relative
 * link in README.md and docs/*.md resolves (to a file, and to a heading when
 * it names one); no document points to a file the repository does not have;
 * and PROTOCOL.md names every protocol id a node must speak and every label
 * of src/crypto/labels.ts, so an independent implementation can join kabar's
 * DHT from the document alone.
 */
import assert from 'node:assert/strict'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, it } from 'node:test'
import { LABELS, RECORD_LABELS } from '../src/crypto/labels.ts'
import { projectRoot } from './utils/root.ts'
import { KABAR_DHT_PROTOCOL, KABAR_LINK_PROTOCOL, KABAR_MAILBOX_PROTOCOL, KABAR_MSG_PROTOCOL, KABAR_PREKEY_PROTOCOL, MDNS_SERVICE_TAG, PING_PROTOCOL } from '../src/net/constants.ts'

const ROOT = projectRoot(import.meta.url)
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]

/** Markdown without fenced blocks and inline code, where brackets are not links. */
function prose (text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '')
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
function anchors (text: string): Set<string> {
  const out = new Set<string>()
  for (const [, heading] of prose(text).matchAll(/^#{1,6}\s+(.+)$/gm)) {
    out.add((heading ?? '').trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'))
  }
  return out
}

describe('docs', () => {
  it('every relative link in README.md and docs/*.md resolves', () => {
    const broken: string[] = []
    for (const doc of DOCS) {
      const text = readFileSync(join(ROOT, doc), 'utf8')
      for (const [, target] of prose(text).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (target === undefined || /^[a-z]+:/i.test(target)) continue
        const [path = '', anchor] = target.split('#')
        const file = path === '' ? join(ROOT, doc) : join(ROOT, dirname(doc), path)
        if (!existsSync(file)) broken.push(`${doc}: ${target} (no ${relative(ROOT, file)})`)
        else if (anchor !== undefined && file.endsWith('.md') && !anchors(readFileSync(file, 'utf8')).has(anchor)) broken.push(`${doc}: ${target} (no such heading)`)
      }
    }
    assert.deepEqual(broken, [])
  })

  it('names no design file the repository does not have', () => {
    for (const doc of DOCS) {
      const text = readFileSync(join(ROOT, doc), 'utf8')
      assert.doesNotMatch(text, /DESIGN\.md/, `${doc} points to a DESIGN.md, which is not in the repository`)
    }
  })

  it('PROTOCOL.md names the DHT protocol id, every protocol a node speaks, and every label in src/crypto/labels.ts', () => {
    const protocol = readFileSync(join(ROOT, 'docs/PROTOCOL.md'), 'utf8')
    const ids = [KABAR_DHT_PROTOCOL, KABAR_MSG_PROTOCOL, KABAR_PREKEY_PROTOCOL, KABAR_LINK_PROTOCOL, KABAR_MAILBOX_PROTOCOL, PING_PROTOCOL, '/ipfs/id/1.0.0', '/noise', '/yamux/1.0.0', MDNS_SERVICE_TAG]
    for (const id of ids) assert.ok(protocol.includes(`\`${id}\``), `PROTOCOL.md does not name ${id}`)
    for (const [name, value] of Object.entries({ ...LABELS, ...RECORD_LABELS })) {
      assert.ok(protocol.includes(`| ${name} | \`${value}\` |`), `PROTOCOL.md's label tables miss ${name} = ${value}`)
    }
    for (const words of ['Noise_XX_25519_ChaChaPoly_SHA256', 'Server mode', 'Private addresses kept', 'TCP']) assert.ok(protocol.includes(words), `PROTOCOL.md does not say "${words}"`)
  })
})
