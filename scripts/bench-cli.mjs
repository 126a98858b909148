// The CLI's check of bash, sh, zsh, fish and pwsh against pwsh's own start, side by side,
// alternating, in one run (issue 35's goal: the whole check within 500 ms of pwsh starting,
// since every shell is started at once and pwsh is the slowest to start).
import { spawnSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { CLI_NODE, fetchNodePackage, hostPackage } from './npm-node.mjs'

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function timed(file, args, env) {
  const t = performance.now()
  spawnSync(file, args, { stdio: 'ignore', env, cwd: os.tmpdir() })
  return performance.now() - t
}

/**
 * The Node the CLI runs on here: this one when the package's engines allow it, else the CLI
 * lane's (the lowest Node engines names, from npm): an older Node is not one the CLI runs on.
 */
function cliNode() {
  if (Number(process.versions.node.split('.')[0]) >= Number(CLI_NODE.split('.')[0]))
    return { node: process.execPath, version: process.versions.node }
  const got = fetchNodePackage(hostPackage(), CLI_NODE)
  return { node: got.node, version: CLI_NODE }
}

/** pwsh and the other shells on PATH, or why the row is left out. */
export function benchCli(root, runs, pwshDir) {
  const missing = ['zsh', 'fish', 'go'].filter(
    (t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0,
  )
  if (!pwshDir) missing.push('pwsh')
  if (missing.length)
    return [`CLI check of five shells: not measured (${missing.join(', ')} missing)`]
  const env = { ...process.env, PATH: `${pwshDir}${path.delimiter}${process.env.PATH}` }
  const cli = [
    path.join(root, 'dist', 'cli', 'index.js'),
    '--json',
    '--no-modules',
    '--shells',
    'bash,sh,zsh,fish,pwsh',
  ]
  const pwsh = path.join(pwshDir, 'pwsh')
  const rows = { check: [], pwsh: [], over: [] }
  const node = cliNode()
  timed(node.node, cli, env)
  for (let i = 0; i < runs; i++) {
    const c = timed(node.node, cli, env)
    const p = timed(pwsh, ['-NoProfile', '-NoLogo', '-Command', 'exit 0'], env)
    rows.check.push(c)
    rows.pwsh.push(p)
    rows.over.push(c - p)
  }
  const r = (x) => Math.round(x)
  return [
    `CLI check of bash, sh, zsh, fish and pwsh (--json --no-modules, Node ${node.version}):`.padEnd(
      80,
    ) + `median ${r(median(rows.check))} ms`,
    `  pwsh's own start (-NoProfile -Command exit 0):`.padEnd(80) +
      `median ${r(median(rows.pwsh))} ms`,
    `  check - pwsh's start:`.padEnd(80) + `median ${r(median(rows.over))} ms  [goal <= 500]`,
  ]
}
