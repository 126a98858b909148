import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import semver from 'semver'
import { FindingError } from '../../src/findings/errors.js'
import { compareGo, goToSemver, goVersionOf, semverToGo } from '../../src/go/gover.js'
import {
  bestLocal,
  parseSpec,
  parseVersionFile,
  resolveRelease,
  type GoRelease,
} from '../../src/go/version.js'

const releases = JSON.parse(
  readFileSync(new URL('../../__fixtures__/releases.json', import.meta.url), 'utf8'),
) as GoRelease[]

describe('goToSemver / semverToGo', () => {
  it.each([
    ['go1.22.5', '1.22.5', 'go1.22.5'],
    ['1.22.5', '1.22.5', 'go1.22.5'],
    ['go1.21rc2', '1.21.0-rc.2', 'go1.21rc2'],
    ['go1.21.0', '1.21.0', 'go1.21.0'],
    ['go1.20', '1.20.0', 'go1.20'],
    ['go1.20rc1', '1.20.0-rc.1', 'go1.20rc1'],
    ['go1.9beta2', '1.9.0-beta.2', 'go1.9beta2'],
    ['1.23.0-rc.1', '1.23.0-rc.1', 'go1.23rc1'],
  ])('%s -> %s -> %s', (go, sv, back) => {
    expect(goToSemver(go)).toBe(sv)
    expect(semverToGo(sv)).toBe(back)
  })
  it.each(['devel go1.23-abc', 'weekly', ''])('%j is not a version', (v) => {
    expect(goToSemver(v)).toBeNull()
  })
})

describe('resolveRelease against a realistic index', () => {
  const table: Array<[string, string, string, string | null]> = [
    // spec, os, arch, expected version (semver) or null
    ['1.22.5', 'linux', 'amd64', '1.22.5'],
    ['go1.22.5', 'windows', 'amd64', '1.22.5'],
    ['1.22', 'linux', 'amd64', '1.22.12'],
    ['go1.22', 'linux', 'amd64', '1.22.12'],
    ['1.x', 'linux', 'amd64', '1.25.4'],
    ['^1.21', 'darwin', 'arm64', '1.25.4'],
    ['~1.22.0', 'linux', 'arm64', '1.22.12'],
    ['>=1.20 <1.23', 'linux', 'amd64', '1.22.12'],
    ['1.20', 'linux', 'amd64', '1.20.14'],
    ['1.20.0', 'linux', 'amd64', '1.20.0'],
    ['1.21', 'linux', 'amd64', '1.21.13'],
    ['1.25', 'linux', '386', '1.25.4'],
    ['1.23.0-rc.1', 'linux', 'amd64', '1.23.0-rc.1'],
    ['go1.23rc1', 'linux', 'amd64', '1.23.0-rc.1'],
    ['1.25rc2', 'linux', 'amd64', '1.25.0-rc.2'],
    ['>=1.25.0-rc.1', 'linux', 'amd64', '1.25.4'],
    ['stable', 'linux', 'amd64', '1.25.4'],
    ['stable', 'windows', 'amd64', '1.25.4'], // go1.25.5 has only an installer
    ['oldstable', 'linux', 'amd64', '1.24.10'],
    ['OldStable', 'darwin', 'amd64', '1.24.10'],
    ['1.26', 'linux', 'amd64', null],
    ['1.22.99', 'linux', 'amd64', null],
    ['1.22.5', 'plan9', 'amd64', null],
    ['1.22.5', 'linux', 'mips', null],
  ]
  it.each(table)('%s on %s/%s -> %s', (spec, os, arch, want) => {
    const r = resolveRelease(parseSpec(spec), releases, os, arch)
    expect(r?.version ?? null).toBe(want)
    if (r) {
      expect(r.file.kind).toBe('archive')
      expect(r.file.os).toBe(os)
      expect(r.file.filename.endsWith(os === 'windows' ? '.zip' : '.tar.gz')).toBe(true)
    }
  })

  it('never picks a pre-release for a plain range', () => {
    expect(resolveRelease(parseSpec('>=1.25.0'), releases, 'linux', 'amd64')?.version).toBe(
      '1.25.4',
    )
    expect(resolveRelease(parseSpec('<1.21.0'), releases, 'linux', 'amd64')?.version).toBe(
      '1.20.14',
    )
  })
})

describe('parseSpec errors name the input and the value', () => {
  it.each(['latest-ish', '1.2.3.4', 'go', '>=banana', '1.99999999999999999999'])('%j', (v) => {
    expect(() => parseSpec(v)).toThrow(`go-version: "${v}" is not a Go version`)
  })
  it('uses the given source name and finding', () => {
    let err: unknown
    try {
      parseSpec('nope', { name: 'go-version-file (go.mod go nope)', id: 'version-file-unreadable' })
    } catch (e) {
      err = e
    }
    expect((err as FindingError).finding).toMatchObject({
      id: 'version-file-unreadable',
      category: 'config',
    })
    expect((err as Error).message).toContain('go-version-file (go.mod go nope): "nope"')
  })
})

describe('parseVersionFile: which line decides', () => {
  const table: Array<[string, string, string, string, number]> = [
    // file, content, spec, decided by, line
    ['go.mod', 'module x\n\ngo 1.22\n', '1.22', 'go.mod go 1.22', 3],
    ['go.mod', 'module x\r\n\r\ngo 1.22.5\r\n', '1.22.5', 'go.mod go 1.22.5', 3],
    // the toolchain line picks the Go when it is newer than the go line, whatever GOTOOLCHAIN says
    [
      'go.mod',
      'module x\ngo 1.21 // language\ntoolchain go1.22.3\n',
      '1.22.3',
      'go.mod toolchain go1.22.3',
      3,
    ],
    [
      'go.mod',
      'module example.com/m\n\ngo 1.21\n\ntoolchain go1.22.4\n',
      '1.22.4',
      'go.mod toolchain go1.22.4',
      5,
    ],
    // not newer: the go line (Go itself uses the go line as the minimum)
    ['go.mod', 'module x\ngo 1.22.1\ntoolchain go1.22.1\n', '1.22.1', 'go.mod go 1.22.1', 2],
    ['go.mod', 'module x\ngo 1.22.1\ntoolchain go1.21.0\n', '1.22.1', 'go.mod go 1.22.1', 2],
    ['go.mod', 'module x\ngo 1.21\ntoolchain default\n', '1.21', 'go.mod go 1.21', 2],
    [
      'go.mod',
      'module x\ngo 1.21\ntoolchain go1.22rc1\n',
      '1.22rc1',
      'go.mod toolchain go1.22rc1',
      3,
    ],
    ['sub/go.work', '// workspace\ngo 1.23.0\n\nuse ./a\n', '1.23.0', 'go.work go 1.23.0', 2],
    [
      'sub/go.work',
      'go 1.22\ntoolchain go1.23.1\nuse ./a\n',
      '1.23.1',
      'go.work toolchain go1.23.1',
      2,
    ],
    ['go.mod', '\uFEFFmodule x\n// go 1.10\ngo 1.20\n', '1.20', 'go.mod go 1.20', 3],
    ['.go-version', '1.22.5\n', '1.22.5', '.go-version 1.22.5', 1],
    ['.go-version', '# pinned\n\n  go1.21.4  \r\n', 'go1.21.4', '.go-version go1.21.4', 3],
    [
      '.tool-versions',
      'nodejs 20.1.0\ngolang 1.22.5 1.21.0 # two\n',
      '1.22.5',
      '.tool-versions golang 1.22.5',
      2,
    ],
    ['.tool-versions', '# tools\r\ngo 1.23.1\r\n', '1.23.1', '.tool-versions go 1.23.1', 2],
  ]
  it.each(table)('%s %j -> %s (%s)', (file, content, spec, decidedBy, line) => {
    expect(parseVersionFile(file, content)).toEqual({ spec, decidedBy, line })
  })
  it.each([
    ['go.mod', 'module x\n', 'go-version-file: "go.mod" has no "go" line'],
    [
      'go.mod',
      'module x\ngo banana\n',
      'go-version-file: "go.mod" line 2: "go banana" is not a Go version',
    ],
    ['.tool-versions', 'nodejs 20\n', 'go-version-file: ".tool-versions" has no "golang" line'],
    ['.go-version', '# nothing\n\n', 'go-version-file: ".go-version" is empty'],
  ])('%s without a version fails clearly', (file, content, msg) => {
    expect(() => parseVersionFile(file, content)).toThrow(msg)
  })
})

describe('Go version order (as the go command compares)', () => {
  it.each([
    ['1.21', '1.21rc1', -1],
    ['1.21rc1', '1.21.0', -1],
    ['1.21.0', '1.21.1', -1],
    ['1.22.4', 'go1.22.4', 0],
    ['1.21.13', '1.22.4', -1],
    ['1.99999999999999999999', '1.22.5', 1],
    ['1.22.0-rc.1', '1.22rc1', 0],
    ['1.9', '1.10', -1],
  ] as const)('%s vs %s', (a, b, want) => expect(compareGo(a, b)).toBe(want))
  it('not a version: null, never a throw', () => {
    expect(compareGo('banana', '1.2')).toBeNull()
  })
})

describe('goVersionOf(GOVERSION)', () => {
  it.each([
    ['go1.22.5', '1.22.5'],
    ['go1.22.5 X:boringcrypto', '1.22.5'],
    ['go1.21rc2', '1.21.0-rc.2'],
    ['go1.20', '1.20.0'],
    ['devel go1.23-abc123 Tue', null],
    ['', null],
    [undefined, null],
  ])('%j -> %j', (v, want) => expect(goVersionOf(v)).toBe(want))
})

describe('bestLocal: the newest local Go that answers the spec, as semver.maxSatisfying says', () => {
  const local = ['1.19.8', '1.21.0-rc.2', '1.21.0', '1.22.5', '1.22.10', 'not-a-version']
  it.each([
    ['1.22.5', '1.22.5'],
    ['1.22.4', null],
    ['1.21.0-rc.2', '1.21.0-rc.2'],
    ['1.21rc2', '1.21.0-rc.2'],
    ['1.21.0', '1.21.0'],
    ['1.22', '1.22.10'],
    ['^1.21', '1.22.10'],
    ['~1.21.0', '1.21.0'],
    ['>=1.20 <1.22', '1.21.0'],
    ['1.23', null],
  ])('%s → %s', (input, want) => {
    const spec = parseSpec(input, { name: 'go-version' })
    expect(bestLocal(spec, local)).toBe(want)
    if (spec.kind === 'range') {
      const valid = local.filter((v) => semver.valid(v))
      expect(bestLocal(spec, local)).toBe(
        semver.maxSatisfying(valid, spec.range, { includePrerelease: spec.includePrerelease }),
      )
    }
  })
})
