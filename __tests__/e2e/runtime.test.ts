/**
 * The Nodes things run on: the action's bundles on the runner's own Node (action.yml's
 * `runs.using`), shown by the bundle itself; the CLI's suites on the lowest Node the
 * package's `engines` names, which is still maintained.
 */
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { repoRoot, runAction, runnerDirs } from '../helpers/action.js'
import { NODE_LANE_INSTALL, nodeLane } from '../helpers/node.js'

const action = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as {
  runs: { using: string; main: string; post: string }
}
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  engines: { node: string }
}
const major = (v: string) => Number(/^v?(\d+)/.exec(v)![1])
const runsOn = major(action.runs.using.replace(/^node/, ''))
const lowest = major(pkg.engines.node.replace(/^>=\s*/, ''))

/**
 * Node's release schedule (github.com/nodejs/Release): the day each major's maintenance
 * ends. A major missing here is not known to be maintained.
 */
const END_OF_LIFE: Record<number, string> = {
  20: '2026-04-30',
  22: '2027-04-30',
  24: '2028-04-30',
  26: '2029-04-30',
}

describe("the runner's Node and the package's", () => {
  const lane = nodeLane ? it : it.skip
  lane(
    `the action's bundles run on Node ${runsOn}, as runs.using says${nodeLane ? '' : ` [skipped: needs the node lane (${NODE_LANE_INSTALL})]`}`,
    async () => {
      const work = mkdtempSync(path.join(os.tmpdir(), 'gpa-runtime-'))
      const preload = path.join(work, 'version.cjs')
      const seen = path.join(work, 'seen')
      writeFileSync(
        preload,
        "require('fs').appendFileSync(process.env.GPA_SEEN, process.version + '\\n')\n",
      )
      // a bad input ends the run at once: the bundle started, and that is all this needs
      const r = await runAction(
        { 'fail-on': 'sometimes' },
        runnerDirs(),
        {},
        {
          NODE_OPTIONS: `--require ${preload}`,
          GPA_SEEN: seen,
        },
      )
      expect(r.outputs['exit-code']).toBe('1')
      expect(readFileSync(seen, 'utf8').trim().split('\n').map(major)).toEqual([runsOn])
    },
  )

  it(`engines names Node ${lowest}, which is still maintained today`, () => {
    expect(END_OF_LIFE[lowest]).toBeDefined()
    expect(new Date(END_OF_LIFE[lowest]).getTime()).toBeGreaterThan(Date.now())
  })

  const onCi = process.env.GPA_REQUIRE_TOOLS === '1' ? it : it.skip
  onCi(
    `the CLI's suites run on Node ${lowest}, the lowest engines names${process.env.GPA_REQUIRE_TOOLS === '1' ? '' : " [skipped: .ci/run runs them so, on the node lane's CLI Node]"}`,
    () => {
      expect(major(process.version)).toBe(lowest)
    },
  )
})
