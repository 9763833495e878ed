#!/usr/bin/env node
// The web page's build step after `tsc --build src/web` (which compiles src/web/app to dist/src/web/app):
// copies the static files of src/web/public (index.html, CSS, icon) beside it, into dist/src/web,
// the directory the daemon serves. No bundler: the page is a handful of ES modules. A file whose
// copy is already there with the same bytes is left alone, so a build with nothing changed writes nothing.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const FROM = 'src/web/public'
const TO = 'dist/src/web'

function same (a, b) {
  try {
    return statSync(a).size === statSync(b).size && readFileSync(a).equals(readFileSync(b))
  } catch {
    return false
  }
}

function copyChanged (from, to) {
  mkdirSync(to, { recursive: true })
  let copied = 0
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name)
    const target = join(to, entry.name)
    if (entry.isDirectory()) copied += copyChanged(source, target)
    else if (!same(source, target)) {
      copyFileSync(source, target)
      copied++
    }
  }
  return copied
}

copyChanged(FROM, TO)

// The `kabar` bin (package.json "bin"): tsc writes it 0644, and npm makes a bin executable only when
// it links it (npm link, npx's first run). A rebuild after `rm -rf dist` would then leave `kabar`
// and `npx kabar` failing with "Permission denied".
const BIN = 'dist/src/cli/main.js'
if (existsSync(BIN) && (statSync(BIN).mode & 0o111) === 0) chmodSync(BIN, 0o755)

