/**
 * The Nodes the bundles run on in the tests: the action's bundles (main and post) on the
 * runner's own Node, the one action.yml's `runs.using` names (node24), fetched from npm by
 * `node scripts/node-lane.mjs`; the CLI's suites on the Node Jest runs on, which .ci/run
 * makes the lowest one the package's `engines` names. Without the lane the action's
 * bundles run on this Node, unless GPA_REQUIRE_TOOLS=1 (as .ci/run sets it), which makes the
 * missing lane an error.
 */
import { existsSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const NODE_LANE_INSTALL = 'node scripts/node-lane.mjs'

interface Lane {
  action: { version: string; node: string }
  cli: { version: string; node: string }
}

function readLane(): Lane | null {
  const cache =
    process.env.GPA_NODE_CACHE || path.join(os.homedir(), '.cache', 'go-path-arbiter', 'node-lane')
  const file = path.join(cache, 'node-lane.json')
  if (!existsSync(file)) return null
  const lane = JSON.parse(readFileSync(file, 'utf8')) as Lane
  return existsSync(lane.action.node) ? lane : null
}

export const nodeLane = readLane()

if (!nodeLane && process.env.GPA_REQUIRE_TOOLS === '1') {
  throw new Error(
    `GPA_REQUIRE_TOOLS=1 but the runner's Node is not here for the action's bundles: ${NODE_LANE_INSTALL}`,
  )
}

/** The node that runs the action's bundles: the runner's Node 24 from the lane, else this one. */
export const actionNode = (): string => nodeLane?.action.node ?? process.execPath
