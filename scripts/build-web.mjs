#!/usr/bin/env node
// The web page's build step after `tsc -p src/web` (which compiles src/web/app to dist/src/web/app):
// copies the static files of src/web/public (index.html, CSS, icon) beside it, into dist/src/web,
// the directory the daemon serves. No bundler: the page is a handful of ES modules.
import { cpSync, mkdirSync } from 'node:fs'

mkdirSync('dist/src/web', { recursive: true })
cpSync('src/web/public', 'dist/src/web', { recursive: true })
