import { describe, expect, it } from '@jest/globals'
import {
  restoreInto,
  saveDecision,
  type Branch,
  type Fingerprint,
  type Restored,
  type SavePolicy,
} from '../../../src/action/cache/decide.js'
import { describeRestores } from '../../../src/action/cache/describe.js'
import type { CacheEntry, CacheName } from '../../../src/action/cache/keys.js'

const entry = (name: CacheName): CacheEntry => ({
  name,
  paths: [`/c/${name}`],
  key: `${name}-KEY`,
  restoreKeys: [`${name}-`],
})
const fp = (files: number, bytes: number): Fingerprint => ({ files, bytes })
const main: Branch = { ref: 'refs/heads/main', defaultBranch: 'main' }

type Row = [
  string,
  CacheName,
  Partial<Restored>,
  Fingerprint | null,
  SavePolicy,
  Branch,
  string | true,
]

describe('whether the post step saves', () => {
  it.each<Row>([
    ['a miss, then files: saved', 'modules', {}, fp(10, 100), 'always', main, true],
    [
      'an exact hit, nothing added: not saved',
      'modules',
      { matched: 'modules-KEY', after: fp(10, 100) },
      fp(10, 100),
      'always',
      main,
      'nothing was added since it was restored',
    ],
    [
      'an exact hit, files added: not saved (an entry never changes)',
      'modules',
      { matched: 'modules-KEY', after: fp(10, 100) },
      fp(12, 140),
      'always',
      main,
      'restored from its exact key, which is not saved again (an entry never changes); what was added goes under the next key',
    ],
    [
      'modules through a restore key, unchanged: saved under the new key (the next run hits)',
      'modules',
      { matched: 'modules-OLD', after: fp(10, 100) },
      fp(10, 100),
      'always',
      main,
      true,
    ],
    [
      'build through a restore key, unchanged: not saved',
      'build',
      { matched: 'build-OLD', after: fp(10, 100) },
      fp(10, 100),
      'always',
      main,
      'nothing was added since it was restored',
    ],
    [
      'build through a restore key, same count but other bytes: saved',
      'build',
      { matched: 'build-OLD', after: fp(10, 100) },
      fp(10, 101),
      'always',
      main,
      true,
    ],
    [
      'build through a restore key, one file more: saved',
      'build',
      { matched: 'build-OLD', after: fp(10, 100) },
      fp(11, 100),
      'always',
      main,
      true,
    ],
    [
      'the folder is gone',
      'build',
      {},
      null,
      'always',
      main,
      'nothing to save: /c/build does not exist',
    ],
    [
      'the folder is empty',
      'build',
      {},
      fp(0, 0),
      'always',
      main,
      'nothing to save: /c/build is empty',
    ],
    ['cache-save: never', 'modules', {}, fp(10, 100), 'never', main, 'cache-save is never'],
    [
      'default-branch on the default branch',
      'modules',
      {},
      fp(10, 100),
      'default-branch',
      main,
      true,
    ],
    [
      'default-branch on a pull request',
      'modules',
      {},
      fp(10, 100),
      'default-branch',
      { ref: 'refs/pull/7/merge', defaultBranch: 'main' },
      'this run is on refs/pull/7/merge, not main (cache-save: default-branch)',
    ],
    [
      'default-branch on a branch named like it',
      'modules',
      {},
      fp(10, 100),
      'default-branch',
      { ref: 'refs/heads/main-old', defaultBranch: 'main' },
      'this run is on refs/heads/main-old, not main (cache-save: default-branch)',
    ],
    [
      'default-branch with no event to read it from',
      'modules',
      {},
      fp(10, 100),
      'default-branch',
      { ref: 'refs/heads/main' },
      'the default branch is not known here (cache-save: default-branch)',
    ],
    [
      'skipped at restore (the folder was full), files now: saved',
      'modules',
      { skipped: 'full' },
      fp(10, 100),
      'always',
      main,
      true,
    ],
  ])('%s', (_, name, r, now, policy, branch, want) => {
    const d = saveDecision({ entry: entry(name), ...r }, now, policy, branch)
    expect(d).toEqual(want === true ? { save: true } : { save: false, why: want })
  })
})

describe('restoring only into empty folders', () => {
  it.each<[string, Array<Fingerprint | null>, string | undefined]>([
    ['missing', [null], undefined],
    ['empty', [fp(0, 0)], undefined],
    [
      'holds files (a second set-up, a toolchain download)',
      [fp(3, 30)],
      '/c/modules already holds 3 files (a second set-up, or a download): not restored over them',
    ],
  ])('%s', (_, held, want) => {
    expect(restoreInto(entry('modules'), held)).toBe(want)
  })
})

describe('the summary line', () => {
  it('hit, restore key, miss and skip, each with what it says', () => {
    const line = describeRestores([
      { entry: entry('modules'), matched: 'modules-KEY', after: fp(2048, 3 * 1048576), ms: 812 },
      { entry: entry('build'), matched: 'build-OLD', after: fp(10, 1048576), ms: 90 },
    ])
    expect(line).toBe(
      'modules hit `modules-KEY`, 2048 files, 3.0 MiB, 812 ms · build restored from `build-OLD` (a restore key; saved under `build-KEY`), 10 files, 1.0 MiB, 90 ms',
    )
    expect(
      describeRestores([
        { entry: entry('modules'), ms: 5 },
        { entry: entry('build'), skipped: 'full' },
      ]),
    ).toBe('modules miss (`modules-KEY`), 5 ms · build not restored (full)')
    expect(describeRestores([], 'no service')).toBe('off: no service')
  })
})
