import { describe, expect, it } from '@jest/globals'
import { cacheEntries, type KeyFacts } from '../../../src/action/cache/keys.js'
import { dependencyPatterns } from '../../../src/action/cache/deps.js'

const facts: KeyFacts = {
  os: 'Linux',
  arch: 'x64',
  goos: 'linux',
  goarch: 'amd64',
  goVersion: '1.22.5',
  depsHash: 'a'.repeat(64),
  runId: '1234',
  runAttempt: '2',
}
const folders = {
  gomodcache: '/home/runner/go/pkg/mod',
  gocache: '/home/runner/.cache/go-build',
  sep: '/' as const,
}
const A = 'a'.repeat(32)

describe('the two cache entries', () => {
  it('modules: the downloaded zips, keyed on OS, arch, target, Go and the dependency files; restored from the newest of the same Go', () => {
    const [modules] = cacheEntries(facts, folders)
    expect(modules).toEqual({
      name: 'modules',
      paths: ['/home/runner/go/pkg/mod/cache/download'],
      key: `go-path-arbiter-v1-modules-Linux-x64-linux-amd64-go1.22.5-${A}`,
      restoreKeys: ['go-path-arbiter-v1-modules-Linux-x64-linux-amd64-go1.22.5-'],
    })
  })
  it('build: keyed on the run too, so that it refreshes; restored from the same dependencies first, then the same Go', () => {
    const [, build] = cacheEntries(facts, folders)
    expect(build).toEqual({
      name: 'build',
      paths: ['/home/runner/.cache/go-build'],
      key: `go-path-arbiter-v1-build-Linux-x64-linux-amd64-go1.22.5-${A}-1234-2`,
      restoreKeys: [
        `go-path-arbiter-v1-build-Linux-x64-linux-amd64-go1.22.5-${A}-`,
        'go-path-arbiter-v1-build-Linux-x64-linux-amd64-go1.22.5-',
      ],
    })
  })
  it('Windows folders keep their separator', () => {
    const [modules] = cacheEntries(facts, {
      gomodcache: 'D:\\go-path-arbiter\\pkg\\mod',
      gocache: 'D:\\go-path-arbiter\\go-build',
      sep: '\\',
    })
    expect(modules.paths).toEqual(['D:\\go-path-arbiter\\pkg\\mod\\cache\\download'])
  })
  it.each<[string, Partial<KeyFacts>]>([
    ['another OS', { os: 'Windows' }],
    ['another runner architecture', { arch: 'arm64' }],
    ['another GOOS (a matrix job cross-building)', { goos: 'windows' }],
    ['another GOARCH', { goarch: '386' }],
    ['another Go', { goVersion: '1.22.6' }],
    ['other dependency files', { depsHash: 'b'.repeat(64) }],
  ])('%s: neither key nor restore key is shared', (_, change) => {
    const a = cacheEntries(facts, folders)
    const b = cacheEntries({ ...facts, ...change }, folders)
    for (const i of [0, 1]) {
      expect(b[i].key).not.toBe(a[i].key)
      if (!('depsHash' in change)) {
        for (const r of b[i].restoreKeys) expect(a[i].key.startsWith(r)).toBe(false)
      }
    }
  })
  it('other dependency files still restore the newest modules of the same Go (the restore key)', () => {
    const a = cacheEntries(facts, folders)[0]
    const b = cacheEntries({ ...facts, depsHash: 'b'.repeat(64) }, folders)[0]
    expect(a.key.startsWith(b.restoreKeys[0])).toBe(true)
  })
  it('another run: the same modules key, a new build key restored from the last run', () => {
    const a = cacheEntries(facts, folders)
    const b = cacheEntries({ ...facts, runId: '1235', runAttempt: '1' }, folders)
    expect(b[0].key).toBe(a[0].key)
    expect(b[1].key).not.toBe(a[1].key)
    expect(a[1].key.startsWith(b[1].restoreKeys[0])).toBe(true)
  })
  it('no dependency files: "none" in the key; commas and spaces never reach a key', () => {
    const [modules, build] = cacheEntries(
      { ...facts, depsHash: '', os: 'My OS,1', runId: '1 2' },
      folders,
    )
    expect(modules.key).toBe('go-path-arbiter-v1-modules-My_OS_1-x64-linux-amd64-go1.22.5-none')
    expect(build.key).toMatch(/-none-1_2-2$/)
    expect(`${modules.key}${build.key}`).not.toMatch(/[,\s]/)
  })
})

describe('cache-dependency-path', () => {
  it.each<[string, string, string[]]>([
    ['empty: go.mod and go.sum of the working directory', '', ['/w/app/go.mod', '/w/app/go.sum']],
    ['one file', 'go.sum', ['/w/app/go.sum']],
    ['a glob for several modules', '**/go.sum', ['/w/app/**/go.sum']],
    [
      'one per line, blank lines and spaces dropped',
      ' a/go.sum \n\n b/go.sum\n',
      ['/w/app/a/go.sum', '/w/app/b/go.sum'],
    ],
    ['an absolute path as given', '/elsewhere/go.sum', ['/elsewhere/go.sum']],
    ['a negation keeps its !', '**/go.sum\n!vendor/**', ['/w/app/**/go.sum', '!/w/app/vendor/**']],
  ])('%s', (_, input, patterns) => {
    expect(dependencyPatterns(input, '/w/app')).toEqual(patterns)
  })
})
