/**
 * Dependencies point down only (STYLE.md, "A layout that fits the layers").
 * This test reads every src/<layer>/**\/*.ts file, collects its import
 * specifiers (static `import … from`, `export … from`, side-effect `import '…'`,
 * dynamic `import('…')` and `require('…')`) and fails on any edge the table
 * below does not allow, naming the file, the line and the import.
 */
import assert from 'node:assert/strict'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, posix, relative, sep } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

interface LayerRule {
  /** Position in the stack: a layer never imports one of higher rank, nor a different layer of equal rank. */
  readonly rank: number
  /** Protocol core: never the network, storage, filesystem, child processes or the global `process`. */
  readonly core: boolean
  /** Packages it may import: exact names, or prefixes ending in '*'. 'any' = not checked. */
  readonly packages: readonly string[] | 'any'
  /** Other src/ layers it may import (every layer may import its own files). */
  readonly layers: readonly string[]
  /** Layers it may import with `import type` / `export type` only. */
  readonly typeOnlyLayers: readonly string[]
  /** Files directly under src/ it may import. 'any' = not checked. */
  readonly rootFiles: readonly string[] | 'any'
}

const LOWER_THAN_NODE = ['crypto', 'wire', 'session', 'records', 'store', 'net']

// The rules, from STYLE.md's "Which layer may import which" table. Every layer may import itself.
//
// | layer   | packages                                                     | layers (type-only)                 | root      |
// | ------- | ------------------------------------------------------------ | ---------------------------------- | --------- |
// | crypto  | node:crypto, @noble/post-quantum                             | -                                  | errors.ts |
// | wire    | protons-runtime, uint8arrays, uint8arraylist                 | -                                  | errors.ts |
// | session | -                                                            | crypto, wire                       | errors.ts |
// | records | uint8arrays (base58btc PeerId text)                          | crypto, wire, session              | errors.ts |
// | store   | level, classic-level, memory-level, abstract-level,          | crypto, wire (session, records)    | errors.ts |
// |         | node:fs, node:path, node:crypto (scrypt for the keyring)     |                                    |           |
// | net     | libp2p, @libp2p/*, @chainsafe/*, @multiformats/*, it-*,      | wire, records, crypto              | errors.ts |
// |         | uint8arraylist                                               |                                    |           |
// | node    | any                                                          | everything below                   | any       |
// | api     | any                                                          | everything below                   | any       |
// | cli/web | any                                                          | everything below (not each other)  | any       |
//
// crypto, wire, session and records are the protocol core: they also may
// never import CORE_FORBIDDEN below nor use the global `process`.
const LAYERS: Readonly<Record<string, LayerRule>> = {
  crypto: { rank: 0, core: true, packages: ['node:crypto', '@noble/post-quantum'], layers: [], typeOnlyLayers: [], rootFiles: ['errors.ts'] },
  wire: { rank: 0, core: true, packages: ['protons-runtime', 'uint8arrays', 'uint8arraylist'], layers: [], typeOnlyLayers: [], rootFiles: ['errors.ts'] },
  session: { rank: 1, core: true, packages: [], layers: ['crypto', 'wire'], typeOnlyLayers: [], rootFiles: ['errors.ts'] },
  records: { rank: 2, core: true, packages: ['uint8arrays'], layers: ['crypto', 'wire', 'session'], typeOnlyLayers: [], rootFiles: ['errors.ts'] },
  store: { rank: 3, core: false, packages: ['level', 'classic-level', 'memory-level', 'abstract-level', 'node:fs', 'node:path', 'node:crypto'], layers: ['crypto', 'wire'], typeOnlyLayers: ['session', 'records'], rootFiles: ['errors.ts'] },
  net: { rank: 3, core: false, packages: ['libp2p', '@libp2p/*', '@chainsafe/*', '@multiformats/*', 'it-*', 'uint8arraylist'], layers: ['wire', 'records', 'crypto'], typeOnlyLayers: [], rootFiles: ['errors.ts'] },
  // Higher layers: downward imports are not checked, only that nothing points up.
  node: { rank: 4, core: false, packages: 'any', layers: LOWER_THAN_NODE, typeOnlyLayers: [], rootFiles: 'any' },
  api: { rank: 5, core: false, packages: 'any', layers: [...LOWER_THAN_NODE, 'node'], typeOnlyLayers: [], rootFiles: 'any' },
  cli: { rank: 6, core: false, packages: 'any', layers: [...LOWER_THAN_NODE, 'node', 'api'], typeOnlyLayers: [], rootFiles: 'any' },
  web: { rank: 6, core: false, packages: 'any', layers: [...LOWER_THAN_NODE, 'node', 'api'], typeOnlyLayers: [], rootFiles: 'any' }
}

/** Files directly under src/ that are checked like a layer (the core imports errors.ts, so it must stay a leaf). */
const ROOT_FILES: Readonly<Record<string, LayerRule>> = {
  'errors.ts': { rank: 0, core: true, packages: [], layers: [], typeOnlyLayers: [], rootFiles: [] }
}

/** What the protocol core (crypto, wire, session, records) must never import, and why. */
const CORE_FORBIDDEN: ReadonlyArray<readonly [string, string]> = [
  ['libp2p', 'the network'],
  ['@libp2p/*', 'the network'],
  ['@chainsafe/*', 'the network'],
  ['level', 'storage'],
  ['classic-level', 'storage'],
  ['memory-level', 'storage'],
  ['abstract-level', 'storage'],
  ['node:net', 'the network'],
  ['node:http', 'the network'],
  ['node:https', 'the network'],
  ['node:fs', 'the filesystem'],
  ['node:child_process', 'child processes'],
  ['node:process', 'the process']
]

interface ImportRef {
  specifier: string
  typeOnly: boolean
  line: number
}

interface Violation {
  file: string
  line: number
  specifier: string
  reason: string
}

/**
 * Blanks out comments (keeping newlines, so offsets and line numbers stay
 * true). `code` keeps string contents, for reading specifiers; `bare` also
 * blanks them, for looking at identifiers.
 */
function stripComments (source: string): { code: string, bare: string } {
  let code = ''
  let bare = ''
  let i = 0
  let lastSignificant = ''
  const blank = (text: string): string => text.replace(/[^\n]/g, ' ')
  const push = (codeText: string, bareText: string): void => { code += codeText; bare += bareText }
  while (i < source.length) {
    const c = source[i] ?? ''
    const next = source[i + 1] ?? ''
    let end = i + 1
    if (c === '/' && next === '/') {
      end = source.indexOf('\n', i)
      if (end === -1) end = source.length
      push(blank(source.slice(i, end)), blank(source.slice(i, end)))
    } else if (c === '/' && next === '*') {
      end = source.indexOf('*/', i + 2)
      end = end === -1 ? source.length : end + 2
      push(blank(source.slice(i, end)), blank(source.slice(i, end)))
    } else if (c === '"' || c === '\'' || c === '`' || (c === '/' && /^$|[(,=:[!&|?{};]$/.test(lastSignificant))) {
      // A string, a template literal or a regular expression literal: skip to its unescaped end.
      let inClass = false
      while (end < source.length) {
        const d = source[end] ?? ''
        if (d === '\\') { end += 2; continue }
        if (c === '/' && d === '[') inClass = true
        else if (c === '/' && d === ']') inClass = false
        else if (d === c && !inClass) break
        else if (d === '\n' && c !== '`') break
        end++
      }
      end = Math.min(end + 1, source.length)
      const text = source.slice(i, end)
      push(text, c + blank(text.slice(1, -1)) + (text.length > 1 ? text.slice(-1) : ''))
      lastSignificant = 'x'
    } else {
      push(c, c)
      if (!/\s/.test(c)) lastSignificant = c
    }
    i = end
  }
  return { code, bare }
}

function lineAt (text: string, index: number): number {
  let line = 1
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

const STATIC_FROM = /(?<![\w$.])(import|export)\s+(type\s+)?[\w$*\s{},]*?\bfrom\s*(['"])([^'"\n]+)\3/g
const SIDE_EFFECT = /(?<![\w$.])import\s*(['"])([^'"\n]+)\1/g
const DYNAMIC = /(?<![\w$.])import\s*\(\s*(?:(['"`])([^'"`\n]*)\1\s*[,)])?/g
const REQUIRE = /(?<![\w$.])require\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g

/** Import specifiers of a TypeScript source, comments ignored. `specifier` is '' for a dynamic import of a computed value. */
function collectImports (source: string): ImportRef[] {
  const { code, bare } = stripComments(source)
  const found: Array<ImportRef & { index: number }> = []
  const add = (index: number, specifier: string, typeOnly: boolean): void => {
    // Specifiers are read from `code`, but the keyword itself must be code, not the inside of a string.
    if (/^(?:import|export|require)/.test(bare.slice(index))) found.push({ specifier, typeOnly, line: 0, index })
  }
  for (const m of code.matchAll(STATIC_FROM)) add(m.index, m[4] ?? '', m[2] !== undefined)
  for (const m of code.matchAll(SIDE_EFFECT)) add(m.index, m[2] ?? '', false)
  for (const m of code.matchAll(DYNAMIC)) {
    const literal = m[2]
    add(m.index, literal === undefined || literal.includes('${') ? '' : literal, false)
  }
  for (const m of code.matchAll(REQUIRE)) add(m.index, m[2] ?? '', false)
  return found
    .sort((a, b) => a.index - b.index)
    .map(({ index, ...ref }) => ({ ...ref, line: lineAt(code, index) }))
}

/** Lines where the global `process` is used (strings and comments ignored). */
function findProcessUses (source: string): number[] {
  const { bare } = stripComments(source)
  const lines: number[] = []
  for (const m of bare.matchAll(/(?<![\w$.])process(?![\w$]|\s*:)|\b(?:globalThis|global)\s*\.\s*process\b/g)) {
    lines.push(lineAt(bare, m.index))
  }
  return lines
}

const BUILTINS = new Set(builtinModules)

/** 'node:fs/promises' -> 'node:fs', 'fs' -> 'node:fs', '@libp2p/crypto/keys' -> '@libp2p/crypto', 'uint8arrays/alloc' -> 'uint8arrays'. */
function packageName (specifier: string): string {
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier
  if (specifier.startsWith('node:') || BUILTINS.has(bare)) return `node:${bare.split('/')[0] ?? bare}`
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] ?? specifier
}

function matches (name: string, pattern: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern
}

/** The rule of a src/-relative path ('crypto/x25519.ts', 'errors.ts'), or undefined when the file is not checked. */
function ruleFor (srcPath: string): { name: string, rule: LayerRule } | undefined {
  const [first, ...rest] = srcPath.split('/')
  if (first === undefined) return undefined
  if (rest.length === 0) {
    const rule = ROOT_FILES[first]
    return rule === undefined ? undefined : { name: `src/${first}`, rule }
  }
  const rule = LAYERS[first]
  if (rule === undefined) throw new Error(`src/${first}/ is not in the architecture table: add its rules to test/architecture.spec.ts`)
  return { name: first, rule }
}

/** The reason `ref` is forbidden in the file at `srcPath` (relative to src/), or undefined if allowed. */
function judge (srcPath: string, own: { name: string, rule: LayerRule }, ref: ImportRef): string | undefined {
  const { rule } = own
  if (ref.specifier === '') {
    return rule.core || rule.packages !== 'any' ? `${own.name} may not import a computed specifier (it cannot be checked)` : undefined
  }
  if (ref.specifier.startsWith('.')) {
    const target = posix.normalize(posix.join(posix.dirname(srcPath), ref.specifier))
    if (target.startsWith('../') || target === '..') return `${own.name} may not import from outside src/`
    const [targetFirst, ...targetRest] = target.split('/')
    if (targetFirst === undefined) return `unresolvable import`
    if (targetRest.length === 0) {
      if (rule.rootFiles === 'any' || rule.rootFiles.includes(targetFirst)) return undefined
      return `${own.name} may import only ${rule.rootFiles.map((f) => `src/${f}`).join(', ') || 'nothing'} from the src/ root, not src/${targetFirst}`
    }
    if (targetFirst === own.name) return undefined
    const targetRule = LAYERS[targetFirst]
    if (targetRule !== undefined && (targetRule.rank > rule.rank || (targetRule.rank === rule.rank && targetFirst !== own.name))) {
      if (!rule.layers.includes(targetFirst) && !rule.typeOnlyLayers.includes(targetFirst)) {
        return `${own.name} may not import ${targetFirst}/ (dependencies point down only)`
      }
    }
    if (rule.layers.includes(targetFirst)) return undefined
    if (rule.typeOnlyLayers.includes(targetFirst)) {
      return ref.typeOnly ? undefined : `${own.name} may import ${targetFirst}/ with \`import type\` only`
    }
    return `${own.name} may not import ${targetFirst}/ (allowed: ${[...rule.layers, ...rule.typeOnlyLayers.map((l) => `${l} (types)`)].join(', ') || 'none'})`
  }
  if (ref.specifier.startsWith('/') || /^[a-z]+:\/\//i.test(ref.specifier) || ref.specifier.startsWith('file:')) {
    return `${own.name} may not import an absolute path or URL`
  }
  const name = packageName(ref.specifier)
  if (rule.core) {
    const forbidden = CORE_FORBIDDEN.find(([pattern]) => matches(name, pattern))
    if (forbidden !== undefined) return `the protocol core (${own.name}) must not depend on ${forbidden[1]} (${name})`
  }
  if (rule.packages === 'any' || rule.packages.some((p) => matches(name, p))) return undefined
  return `${own.name} may import only ${rule.packages.join(', ') || 'no packages'}, not ${name}`
}

/**
 * The forbidden edges of one source file: the pure check the real-tree test and
 * the self-tests share. `file` is its path from the project root
 * ('src/crypto/x25519.ts'); root entry points (src/index.ts, src/polyfill.ts) yield nothing.
 */
function checkSource (file: string, source: string): Violation[] {
  const normalized = file.split(sep).join('/')
  if (!normalized.startsWith('src/')) throw new Error(`not a src/ file: ${file}`)
  const srcPath = normalized.slice('src/'.length)
  const own = ruleFor(srcPath)
  if (own === undefined) return []
  const violations: Violation[] = []
  for (const ref of collectImports(source)) {
    const reason = judge(srcPath, own, ref)
    if (reason !== undefined) violations.push({ file: normalized, line: ref.line, specifier: ref.specifier, reason })
  }
  if (own.rule.core) {
    for (const line of findProcessUses(source)) {
      violations.push({ file: normalized, line, specifier: 'process', reason: `the protocol core (${own.name}) must not use the global \`process\`` })
    }
  }
  return violations
}

function format (v: Violation): string {
  return `${v.file}:${v.line} imports '${v.specifier}': ${v.reason}`
}

function projectRoot (): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('package.json not found above the test file')
    dir = parent
  }
  return dir
}

function walk (dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

function sourceFiles (root: string): string[] {
  return walk(join(root, 'src'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => relative(root, f).split(sep).join('/'))
    .sort()
}

/**
 * One capability per module (STYLE.md): no hand-written src/ file over
 * MAX_MODULE_LINES, and the KabarNode facade within MAX_FACADE_LINES, so the
 * 858-line node cannot grow back. A new capability goes into its own module
 * under src/node/ (docs/ARCHITECTURE.md), not into the facade.
 */
const MAX_MODULE_LINES = 400
const MAX_FACADE_LINES = 300
const FACADE = 'src/node/kabar-node.ts'

/**
 * Hand-written files allowed over MAX_MODULE_LINES, each with its reason.
 * An entry whose file is gone or back under the limit fails the test: remove it then.
 */
const OVERSIZE_EXEMPT: Readonly<Record<string, string>> = {
  // The web page's controller (437 lines): its render and event functions share the page's
  // module-level state, and the page is another issue's work; split it when it is next changed.
  'src/web/app/main.ts': 'the web page controller, not yet split'
}

/** Lines as `wc -l` counts them. */
function lineCount (text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++
  return n
}

/**
 * Files protons generated from a schema (src/wire/<name>.ts beside src/wire/<name>.proto,
 * built on protons-runtime): never hand-edited, so exempt from the size limit.
 */
function isGenerated (root: string, file: string): boolean {
  if (!file.startsWith('src/wire/')) return false
  return existsSync(join(root, file.replace(/\.ts$/, '.proto'))) && readFileSync(join(root, file), 'utf8').includes("from 'protons-runtime'")
}

describe('architecture', () => {
  const root = projectRoot()

  it('every directory under src/ is a layer in the table', () => {
    const dirs = readdirSync(join(root, 'src')).filter((name) => statSync(join(root, 'src', name)).isDirectory())
    const unknown = dirs.filter((d) => LAYERS[d] === undefined)
    assert.deepEqual(unknown, [], `add rules for: ${unknown.join(', ')}`)
  })

  it('finds the protocol core to check', () => {
    const files = sourceFiles(root)
    for (const layer of ['crypto', 'wire', 'session']) {
      assert.ok(files.some((f) => f.startsWith(`src/${layer}/`)), `no files under src/${layer}/`)
    }
  })

  it('no file in src/ imports across a forbidden edge', () => {
    const violations = sourceFiles(root).flatMap((file) => checkSource(file, readFileSync(join(root, file), 'utf8')))
    assert.deepEqual(violations.map(format), [], `forbidden imports:\n  ${violations.map(format).join('\n  ')}`)
  })

  describe('self-test of the checker on synthetic sources', () => {
    const flagged = (file: string, source: string): string[] => checkSource(file, source).map(format)

    it('flags libp2p imported from a crypto file, naming the file, line and import', () => {
      const out = flagged('src/crypto/evil.ts', "import { randomBytes } from 'node:crypto'\nimport { createLibp2p } from 'libp2p'\n")
      assert.equal(out.length, 1)
      assert.match(out[0] ?? '', /^src\/crypto\/evil\.ts:2 imports 'libp2p': the protocol core \(crypto\) must not depend on the network/)
    })

    it('flags every import form: export-from, side effect, dynamic, require, multi-line, type-only', () => {
      const source = [
        "export { tcp } from '@libp2p/tcp'",
        "import '@chainsafe/libp2p-noise'",
        "const lazy = async () => await import('classic-level')",
        "const fs = require('node:fs')",
        'import {',
        '  createServer,',
        '  request',
        "} from 'node:http'",
        "import type { Libp2p } from '@libp2p/interface'",
        "export * as net from 'net'"
      ].join('\n')
      const out = checkSource('src/session/evil.ts', source)
      assert.deepEqual(out.map((v) => [v.line, v.specifier]), [
        [1, '@libp2p/tcp'], [2, '@chainsafe/libp2p-noise'], [3, 'classic-level'], [4, 'node:fs'], [5, 'node:http'], [9, '@libp2p/interface'], [10, 'net']
      ])
      assert.match(out[6]?.reason ?? '', /must not depend on the network \(node:net\)/)
    })

    it('normalizes bare builtins and subpaths (fs/promises is node:fs)', () => {
      assert.equal(flagged('src/wire/evil.ts', "import { readFile } from 'fs/promises'").length, 1)
      assert.match(flagged('src/wire/evil.ts', "import { readFile } from 'fs/promises'")[0] ?? '', /filesystem \(node:fs\)/)
      assert.deepEqual(flagged('src/crypto/ok.ts', "import { ml_kem768 } from '@noble/post-quantum/ml-kem.js'"), [])
      assert.deepEqual(flagged('src/wire/ok.ts', "import { alloc } from 'uint8arrays/alloc'"), [])
    })

    it('flags the global process in the core, but not in comments, strings or identifiers', () => {
      assert.equal(flagged('src/records/evil.ts', 'const debug = process.env.DEBUG').length, 1)
      assert.equal(flagged('src/wire/evil.ts', 'const p = globalThis.process').length, 1)
      assert.deepEqual(flagged('src/crypto/ok.ts', [
        '// process.exit(1) in a comment',
        '/* process */',
        "const s = 'process.env'",
        'const t = `the process`',
        'function processMessage (): void {}',
        'const o = { process: 1 }',
        'o.process = 2'
      ].join('\n')), [])
      assert.deepEqual(flagged('src/net/ok.ts', 'const debug = process.env.DEBUG'), [], 'net is not protocol core')
    })

    it('ignores imports inside comments and strings', () => {
      assert.deepEqual(flagged('src/crypto/ok.ts', [
        '/**',
        " * import { createLibp2p } from 'libp2p'",
        ' */',
        "// import 'node:fs'",
        "const doc = \"import x from 'libp2p'\"",
        "const re = /from 'libp2p'/"
      ].join('\n')), [])
    })

    it('allows the edges in the table and flags the ones outside it', () => {
      assert.deepEqual(flagged('src/crypto/ok.ts', "import { KabarError } from '../errors.ts'\nimport { concat } from './bytes.ts'"), [])
      assert.deepEqual(flagged('src/session/ratchet/ok.ts', "import { kabar } from '../../wire/index.ts'\nimport { wipe } from '../../crypto/index.ts'"), [])
      assert.equal(flagged('src/crypto/evil.ts', "import { kabar } from '../wire/index.ts'").length, 1, 'crypto -> wire')
      assert.equal(flagged('src/wire/evil.ts', "import { concat } from '../crypto/bytes.ts'").length, 1, 'wire -> crypto')
      assert.match(flagged('src/session/evil.ts', "import { x } from '../records/index.ts'")[0] ?? '', /session may not import records\//)
      assert.match(flagged('src/crypto/evil.ts', "export * from '../index.ts'")[0] ?? '', /not src\/index\.ts/)
      assert.match(flagged('src/crypto/evil.ts', "import x from '../../test/utils/random.ts'")[0] ?? '', /outside src\//)
    })

    it('store may import session types only; records may use session', () => {
      assert.deepEqual(flagged('src/store/ok.ts', "import type { PublicIdentity } from '../session/index.ts'"), [])
      assert.match(flagged('src/store/evil.ts', "import { IdentityKeyPair } from '../session/index.ts'")[0] ?? '', /import type/)
      assert.deepEqual(flagged('src/records/ok.ts', "import { verifyBundle } from '../session/index.ts'"), [])
    })

    it('flags upward imports: net -> node/api/cli, store -> net, node -> api', () => {
      assert.match(flagged('src/net/evil.ts', "import { KabarNode } from '../node/kabar-node.ts'")[0] ?? '', /dependencies point down only/)
      assert.equal(flagged('src/net/evil.ts', "import { server } from '../api/server.ts'").length, 1)
      assert.equal(flagged('src/net/evil.ts', "import { main } from '../cli/main.ts'").length, 1)
      assert.match(flagged('src/store/evil.ts', "import { dht } from '../net/dht.ts'")[0] ?? '', /dependencies point down only/)
      assert.equal(flagged('src/node/evil.ts', "import { server } from '../api/server.ts'").length, 1)
      assert.equal(flagged('src/api/evil.ts', "import { main } from '../cli/main.ts'").length, 1)
      assert.equal(flagged('src/cli/evil.ts', "import { page } from '../web/page.ts'").length, 1)
    })

    it('does not check downward imports or packages of the higher layers', () => {
      assert.deepEqual(flagged('src/node/ok.ts', "import { createLibp2p } from 'libp2p'\nimport { x } from '../net/index.ts'\nimport { s } from '../store/db.ts'\nconst e = process.env"), [])
      assert.deepEqual(flagged('src/cli/ok.ts', "import { client } from '../api/client.ts'\nconst run = async (name: string) => await import(`./commands/${name}.ts`)"), [])
    })

    it('flags a computed dynamic import in the core', () => {
      assert.match(flagged('src/session/evil.ts', 'const m = await import(name)')[0] ?? '', /computed specifier/)
    })

    it('checks the packages of store and net', () => {
      assert.deepEqual(flagged('src/store/ok.ts', "import { ClassicLevel } from 'classic-level'\nimport { join } from 'node:path'"), [])
      assert.equal(flagged('src/store/evil.ts', "import { tcp } from '@libp2p/tcp'").length, 1)
      assert.deepEqual(flagged('src/net/ok.ts', "import * as lp from 'it-length-prefixed'\nimport { multiaddr } from '@multiformats/multiaddr'"), [])
      assert.equal(flagged('src/net/evil.ts', "import { ClassicLevel } from 'classic-level'").length, 1)
      assert.equal(flagged('src/net/evil.ts', "import { SessionRecord } from '../session/index.ts'").length, 1)
    })

    it('src/errors.ts stays a leaf, since the whole core imports it', () => {
      assert.equal(flagged('src/errors.ts', "import { concat } from './crypto/bytes.ts'").length, 1)
      assert.deepEqual(flagged('src/index.ts', "export * as net from './net/index.ts'"), [])
    })

    it('refuses a src/ directory that is not in the table', () => {
      assert.throws(() => checkSource('src/utils/x.ts', ''), /src\/utils\/ is not in the architecture table/)
    })
  })

  describe('module size', () => {
    const sizes = sourceFiles(root).map((file) => ({ file, lines: lineCount(readFileSync(join(root, file), 'utf8')) }))

    it(`the KabarNode facade stays within ${MAX_FACADE_LINES} lines`, () => {
      const facade = sizes.find((s) => s.file === FACADE)
      assert.ok(facade !== undefined, `${FACADE} not found`)
      assert.ok(facade.lines <= MAX_FACADE_LINES, `${FACADE} has ${facade.lines} lines (at most ${MAX_FACADE_LINES}): move logic into a service module under src/node/`)
    })

    it(`no hand-written file in src/ has more than ${MAX_MODULE_LINES} lines`, () => {
      const over = sizes
        .filter((s) => s.lines > MAX_MODULE_LINES && !isGenerated(root, s.file) && OVERSIZE_EXEMPT[s.file] === undefined)
        .map((s) => `${s.file}: ${s.lines} lines`)
      assert.deepEqual(over, [], `split these into modules of at most ${MAX_MODULE_LINES} lines:\n  ${over.join('\n  ')}`)
    })

    it('recognizes the protons-generated wire files, and not the hand-written ones beside them', () => {
      const generated = new Set(sizes.filter((s) => isGenerated(root, s.file)).map((s) => s.file))
      for (const file of ['src/wire/kabar.ts', 'src/wire/records.ts']) assert.ok(generated.has(file), `${file} is generated`)
      for (const file of ['src/wire/index.ts', 'src/wire/limits.ts']) assert.ok(!generated.has(file), `${file} is hand-written`)
      assert.ok([...generated].every((f) => f.startsWith('src/wire/')), 'only src/wire/ holds generated files')
    })

    it('every size exemption names a file still over the limit', () => {
      const stale = Object.keys(OVERSIZE_EXEMPT).filter((file) => (sizes.find((s) => s.file === file)?.lines ?? 0) <= MAX_MODULE_LINES)
      assert.deepEqual(stale, [], `remove these from OVERSIZE_EXEMPT: ${stale.join(', ')}`)
    })
  })
})
