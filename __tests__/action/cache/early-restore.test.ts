/**
 * The caches are restored while Go is downloaded (action/caches.ts): the restore started
 * early is the one used when `go env` settles the folders as foreseen; when it settles them
 * otherwise, what the early restore put there is removed and the caches are restored again
 * into the folders Go uses. The cache service is a stand-in here (its client is mocked);
 * the end-to-end cache tests run the real one.
 */
import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { CacheEntry } from '../../../src/action/cache/keys.js'
import type { Restored } from '../../../src/action/cache/decide.js'

const restoredWith: CacheEntry[][] = []
jest.unstable_mockModule('../../../src/action/cache/restore.js', () => ({
  restoreCaches: async (entries: CacheEntry[]): Promise<Restored[]> => {
    restoredWith.push(entries)
    return entries.map((entry) => {
      // what a restore leaves: the entry's folder filled
      for (const p of entry.paths) {
        mkdirSync(p, { recursive: true })
        writeFileSync(path.join(p, 'restored'), entry.key)
      }
      return { entry, matched: entry.key, ms: 1 }
    })
  },
}))
jest.unstable_mockModule('../../../src/action/cache/deps.js', () => ({
  hashDependencies: async () => ({ hash: 'h', patterns: [] }),
}))
const { restoreStage, startRestore } = await import('../../../src/action/caches.js')
const { parseInputs } = await import('../../../src/action/inputs.js')

describe('the restore started while Go is downloaded', () => {
  let root: string
  const inputs = parseInputs(() => '', {}, 'x64')
  const go = { version: '1.22.5', root: '/go', source: 'x', downloaded: true, decidedBy: 'x' }
  const ctx = () => ({
    env: {
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/',
      GITHUB_STATE: path.join(root, 'state'),
    },
    platform: 'linux' as const,
    cwd: root,
    arch: 'x64',
  })
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'gpa-early-'))
    writeFileSync(path.join(root, 'state'), '')
    process.env.GITHUB_STATE = path.join(root, 'state')
    restoredWith.length = 0
  })
  const env = (mod: string) => ({
    GOMODCACHE: path.join(root, mod),
    GOCACHE: path.join(root, 'build'),
    GOOS: 'linux',
    GOARCH: 'amd64',
  })

  it('go env settles the folders as foreseen: the early restore is the one used, once', async () => {
    const early = startRestore(inputs, { version: '1.22.5', env: env('mod') }, ctx())
    const r = await restoreStage(inputs, go, env('mod'), ctx(), early)
    expect(restoredWith).toHaveLength(1)
    expect(r).toBe(await early.done)
    expect(r.run?.hit).toBe(true)
  })

  it('go env settles them otherwise: the early folders are emptied, and the caches restored where Go looks', async () => {
    const early = startRestore(inputs, { version: '1.22.5', env: env('foreseen') }, ctx())
    const r = await restoreStage(inputs, go, env('actual'), ctx(), early)
    expect(restoredWith).toHaveLength(2)
    expect(restoredWith[1].flatMap((e) => e.paths)).toContain(
      path.join(root, 'actual', 'cache', 'download'),
    )
    expect(existsSync(path.join(root, 'foreseen', 'cache', 'download'))).toBe(false)
    expect(r.run?.restored.map((x) => x.entry.paths[0])).toContain(
      path.join(root, 'actual', 'cache', 'download'),
    )
  })

  it('another Go version than foreseen (a toolchain switch): restored again for its key', async () => {
    const early = startRestore(inputs, { version: '1.22.4', env: env('mod') }, ctx())
    await restoreStage(inputs, go, env('mod'), ctx(), early)
    expect(restoredWith).toHaveLength(2)
    expect(restoredWith[1][0].key).toContain('1.22.5')
  })
})
