#!/usr/bin/env node
// The Nodes the tests run on, from the npm registry as binaries (no system package): the
// runner's own Node, on which the action's bundles run (action.yml `runs.using: node24`), and
// the lowest Node the package's `engines` names, on which the CLI's suites run. Cached and
// reused; writes node-lane.json for __tests__/helpers/node.ts.
//
//   node scripts/node-lane.mjs           fetch (or reuse) both, print node-lane.json's path
//   node scripts/node-lane.mjs --bin cli print the bin folder of the CLI's Node (for PATH)
//   GPA_NODE_CACHE=/some/dir ...         where the cache lives
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ACTION_NODE, CLI_NODE, fetchNodePackage, hostPackage, nodeCache } from './npm-node.mjs'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

function fetchNode(version) {
  const got = fetchNodePackage(hostPackage(), version)
  const said = execFileSync(got.node, ['--version'], { encoding: 'utf8' }).trim()
  if (said !== `v${version}`) throw new Error(`${hostPackage()}@${version} says ${said}`)
  return { version, bin: got.bin, node: got.node }
}

const engines = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node
if (!engines.startsWith(`>=${CLI_NODE.split('.')[0]}`))
  throw new Error(`package.json engines.node is ${engines}; the CLI lane runs ${CLI_NODE}`)

const cache = nodeCache()
mkdirSync(cache, { recursive: true })
const lane = { action: fetchNode(ACTION_NODE), cli: fetchNode(CLI_NODE) }
const out = path.join(cache, 'node-lane.json')
writeFileSync(out, `${JSON.stringify(lane, null, 2)}\n`)
const at = process.argv.indexOf('--bin')
console.log(at >= 0 ? lane[process.argv[at + 1]].bin : out)
