/**
 * The system tools some suites need. A suite whose tool is missing is skipped, with the tool
 * and its install command in the skip's name, so that `npm test` passes on a machine with
 * Node alone; `GPA_REQUIRE_TOOLS=1` (as .ci/run sets it) makes a missing tool an error.
 */
import { describe, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const INSTALL = {
  go: 'apt-get install -y golang-go',
  zsh: 'apt-get install -y zsh',
  fish: 'apt-get install -y fish',
  shellcheck: 'apt-get install -y shellcheck',
  'cmark-gfm': 'apt-get install -y cmark-gfm',
  pwsh: 'dotnet tool install --global PowerShell --version 7.6.9',
  zip: 'apt-get install -y zip',
  curl: 'apt-get install -y curl',
} as const
export type Tool = keyof typeof INSTALL

const found = new Map<Tool, string | null>()

/** Where a tool is, or null (pwsh also as the .NET global tool). */
export function toolPath(tool: Tool): string | null {
  if (!found.has(tool)) {
    const onPath = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim()
    const dotnet = path.join(os.homedir(), '.dotnet', 'tools', tool)
    found.set(tool, onPath || (tool === 'pwsh' && existsSync(dotnet) ? dotnet : null))
  }
  return found.get(tool)!
}

export const missing = (tools: readonly Tool[]) => tools.filter((t) => !toolPath(t))

/** A suite that runs only where its tools are; the skip names them and how to get them. */
export function describeWith(tools: readonly Tool[], name: string, fn: () => void): void {
  const lacking = missing(tools)
  if (lacking.length === 0) return describe(name, fn)
  const why = `skipped: needs ${lacking.map((t) => `${t} (${INSTALL[t]})`).join(', ')}`
  if (process.env.GPA_REQUIRE_TOOLS === '1')
    throw new Error(`${name}: ${why}, and GPA_REQUIRE_TOOLS=1`)
  describe.skip(`${name} [${why}]`, () => {
    // a suite that needs the tool to build its own tables cannot even be listed
    try {
      fn()
    } catch (err) {
      it.skip('(its tests are built with the tool, so none could be listed)', () => {
        throw err
      })
    }
  })
}

/** One test that runs only where its tools are; the skip names them and how to get them. */
export function itWith(tools: readonly Tool[], name: string, fn: () => void | Promise<void>): void {
  const lacking = missing(tools)
  if (lacking.length === 0) return it(name, fn)
  const why = `skipped: needs ${lacking.map((t) => `${t} (${INSTALL[t]})`).join(', ')}`
  if (process.env.GPA_REQUIRE_TOOLS === '1')
    throw new Error(`${name}: ${why}, and GPA_REQUIRE_TOOLS=1`)
  it.skip(`${name} [${why}]`, fn)
}
