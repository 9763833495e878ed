/** Renders the frozen vectors as the markdown block docs/PROTOCOL.md prints. */
import type { Vectors } from './compute.ts'

function table (rows: Record<string, string | number>): string {
  return ['| name | value |', '| --- | --- |', ...Object.entries(rows).map(([k, v]) => `| ${k} | \`${String(v)}\` |`)].join('\n')
}

export function renderVectors (v: Vectors): string {
  return [
    '### Labels', '', table(v.labels), '',
    '### KDF steps', '',
    'Root KDF of (rootKeyIn, rootDhIn); chain KDF of chainKeyIn. A message key is used as is (the transcript below pins ENCRYPT).', '',
    table(v.kdf), '',
    '### Signatures', '',
    'An Ed25519 key from `seed`; Alice\'s and Bob\'s device keys and signatures as described above.', '',
    table(v.signatures), '',
    '### PQXDH handshake (Alice to Bob, with one-time prekey and context)', '',
    table(v.handshake), '',
    '### Ratchet transcript', '',
    '| # | from | plaintext | SessionMessage (hex, or SHA-256 when it carries the handshake) |', '| --- | --- | --- | --- |',
    ...v.transcript.map((t, i) => `| ${i + 1} | ${t.from} | ${t.plaintext} | \`${t.message}\` |`), '',
    '### Safety number', '',
    `Account keys \`${v.safetyNumber.keyA}\` and \`${v.safetyNumber.keyB}\`:`, '',
    '```', v.safetyNumber.digits, '```'
  ].join('\n')
}
