/**
 * `npm run vectors`: rewrites test/vectors/kabar-v1.json and the vectors
 * section of docs/PROTOCOL.md. Only for an intended protocol change.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { computeVectors } from './compute.ts'
import { renderVectors } from './doc.ts'

const vectors = computeVectors()
writeFileSync('test/vectors/kabar-v1.json', JSON.stringify(vectors, null, 2) + '\n')
const doc = readFileSync('docs/PROTOCOL.md', 'utf8')
const begin = '<!-- vectors:begin -->'
const end = '<!-- vectors:end -->'
const start = doc.indexOf(begin)
const stop = doc.indexOf(end)
if (start < 0 || stop < start) throw new Error('docs/PROTOCOL.md lacks the vectors markers')
writeFileSync('docs/PROTOCOL.md', doc.slice(0, start + begin.length) + '\n' + renderVectors(vectors) + '\n' + doc.slice(stop))
console.log('wrote test/vectors/kabar-v1.json and docs/PROTOCOL.md')
