// Jest global setup: the end-to-end tests run the action and the CLI as bundles, and must
// never run a stale dist/. This builds all three (main, post, CLI) from src/ with ncc into a folder laid out like
// the action (dist/, dist/cli/, matchers/), keyed by a hash of everything that goes into
// them (reused while nothing changed), and hands its path to the tests as GPA_TEST_BUNDLE.
// CI separately checks that the committed dist/ equals a fresh build.
import { createHash } from 'node:crypto'
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildAll } from './build.mjs'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(path.join(dir, d.name)) : [path.join(dir, d.name)],
  )
}

export function bundleHash() {
  const h = createHash('sha256')
  for (const f of [
    ...files(path.join(root, 'src')).sort(),
    path.join(root, 'package-lock.json'),
    path.join(root, 'tsconfig.json'),
    path.join(root, 'scripts', 'build.mjs'),
  ]) {
    h.update(path.relative(root, f)).update('\0').update(readFileSync(f)).update('\0')
  }
  return h.digest('hex').slice(0, 16)
}

export default async function setup() {
  const dir = path.join(os.tmpdir(), 'gpa-test-bundle', bundleHash())
  if (!existsSync(path.join(dir, 'dist', 'cli', 'index.js'))) {
    const stage = `${dir}.partial-${process.pid}`
    rmSync(stage, { recursive: true, force: true })
    await buildAll(stage, { quiet: true })
    cpSync(path.join(root, 'matchers'), path.join(stage, 'matchers'), { recursive: true })
    try {
      renameSync(stage, dir)
    } catch {
      // another run built it meanwhile
      rmSync(stage, { recursive: true, force: true })
    }
  }
  process.env.GPA_TEST_BUNDLE = dir
}
