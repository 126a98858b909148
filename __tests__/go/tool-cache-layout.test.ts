import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as tc from '@actions/tool-cache'
import { toolCacheVersions } from '../../src/go/local-trees.js'

/**
 * The tool cache is read without loading @actions/tool-cache (start-up, docs/design.md), so
 * the reading is held to the toolkit's own findAllVersions, over the same folders.
 */
describe('toolCacheVersions reads the tool cache as the toolkit findAllVersions does', () => {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'gpa-tc-layout-'))
  const tree = (v: string, arch: string, complete: boolean, dir = true) => {
    if (dir) mkdirSync(path.join(cache, 'go', v, arch), { recursive: true })
    else mkdirSync(path.join(cache, 'go', v), { recursive: true })
    if (complete) writeFileSync(path.join(cache, 'go', v, `${arch}.complete`), '')
  }
  tree('1.19.8', 'x64', true)
  tree('1.20.0', 'x64', false) // unpacked, never marked complete
  tree('1.21.0', 'x64', true, false) // a marker without its tree
  tree('1.22.0-rc.1', 'x64', true)
  tree('v1.22.1', 'x64', true)
  tree('1.23.0', 'arm64', true) // another architecture only
  tree('not-a-version', 'x64', true)
  tree('1.22', 'x64', true) // not an explicit version
  writeFileSync(path.join(cache, 'go', '1.24.0'), '') // a file, not a folder

  const toolkit = (arch: string) => {
    const saved = process.env.RUNNER_TOOL_CACHE
    process.env.RUNNER_TOOL_CACHE = cache
    try {
      return tc.findAllVersions('go', arch).sort()
    } finally {
      if (saved === undefined) delete process.env.RUNNER_TOOL_CACHE
      else process.env.RUNNER_TOOL_CACHE = saved
    }
  }

  it.each(['x64', 'arm64', 'ia32'])('%s', (arch) => {
    expect(toolCacheVersions(cache, arch).sort()).toEqual(toolkit(arch))
  })

  it('the x64 answer, spelled out', () => {
    expect(toolCacheVersions(cache, 'x64').sort()).toEqual(['1.19.8', '1.22.0-rc.1', 'v1.22.1'])
  })

  it('a tool cache without a go folder holds none', () => {
    expect(toolCacheVersions(mkdtempSync(path.join(os.tmpdir(), 'gpa-tc-none-')), 'x64')).toEqual(
      [],
    )
  })
})
