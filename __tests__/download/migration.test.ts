/**
 * The README's migration table, row by row: what go-path-arbiter does with each form is
 * computed here from the same release index (the fixture) and must be what the README says.
 */
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chooseSpec } from '../../src/download/setup.js'
import {
  parseSpec,
  parseVersionFile,
  resolveRelease,
  type GoRelease,
} from '../../src/go/version.js'

const root = new URL('../../', import.meta.url)
const releases = JSON.parse(
  readFileSync(new URL('__fixtures__/releases.json', root), 'utf8'),
) as GoRelease[]
const readme = readFileSync(new URL('README.md', root), 'utf8')

/** The first table of the "Migrating from actions/setup-go" section: form -> our column. */
function rows(): Map<string, string> {
  const lines = readme.slice(readme.indexOf('## Migrating from actions/setup-go')).split('\n')
  const start = lines.findIndex((l) => l.startsWith('| form |'))
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'))
  return new Map(
    lines.slice(start + 2, end).map((l) => {
      const cells = l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim())
      return [cells[0], cells[cells.length - 1]]
    }),
  )
}

const resolve = (spec: string, from = 'go-version'): string | null =>
  resolveRelease(parseSpec(spec, { name: from }), releases, 'linux', 'amd64')?.version ?? null
const fromFile = (name: string, text: string) => resolve(parseVersionFile(name, text).spec, name)

/** A module's go.mod inside a workspace, chosen by the set-up itself from real files. */
const ws = mkdtempSync(path.join(os.tmpdir(), 'gpa-migration-'))
mkdirSync(path.join(ws, 'a'))
writeFileSync(path.join(ws, 'go.work'), 'go 1.22\n\nuse ./a\n')
writeFileSync(path.join(ws, 'a', 'go.mod'), 'module x\n\ngo 1.21\n')
const inWorkspace = await chooseSpec(
  { goVersion: '', goVersionFile: path.join(ws, 'a', 'go.mod') },
  () => {},
)

/** Ours, for each form, whatever gotoolchain says (it is not an argument anywhere). */
const cases: Record<string, () => string | null> = {
  '`go-version: 1.22.5`': () => resolve('1.22.5'),
  '`go-version: 1.22`': () => resolve('1.22'),
  '`go-version: ^1.22`': () => resolve('^1.22'),
  '`go-version: stable`': () => resolve('stable'),
  '`go-version: oldstable`': () => resolve('oldstable'),
  'go.mod `go 1.21`': () => fromFile('go.mod', 'module x\n\ngo 1.21\n'),
  'go.mod `go 1.22.5`': () => fromFile('go.mod', 'module x\n\ngo 1.22.5\n'),
  'go.mod `go 1.21`, `toolchain go1.22.5`': () =>
    fromFile('go.mod', 'module x\n\ngo 1.21\n\ntoolchain go1.22.5\n'),
  'go.mod `go 1.21`, `toolchain default`': () =>
    fromFile('go.mod', 'module x\n\ngo 1.21\n\ntoolchain default\n'),
  'go.mod `go 1.22.5`, `toolchain go1.21.0`': () =>
    fromFile('go.mod', 'module x\n\ngo 1.22.5\n\ntoolchain go1.21.0\n'),
  'go.work `go 1.21`': () => fromFile('go.work', 'go 1.21\n\nuse ./a\n'),
  'go.mod `go 1.21` of a module in a workspace whose go.work says `go 1.22`': () =>
    resolveRelease(inWorkspace.spec!, releases, 'linux', 'amd64')?.version ?? null,
  '`.go-version` `1.22.5`': () => fromFile('.go-version', '1.22.5\n'),
  '`.tool-versions` `golang 1.22.5`': () => fromFile('.tool-versions', 'golang 1.22.5\n'),
  'a version the index does not list, with a mirror': () => resolve('1.99.1'),
}

describe("the README's migration table, go-path-arbiter's column", () => {
  const table = rows()
  it('every row has a case here, and every case a row', () => {
    expect([...table.keys()].sort()).toEqual(Object.keys(cases).sort())
  })
  it.each(Object.keys(cases))('%s', (form) => {
    const said = table.get(form)!
    const version = /`(\d+\.\d+\.\d+)`/.exec(said)?.[1] ?? null
    const got = cases[form]()
    if (version === null) {
      // the README promises an error: nothing resolves
      expect(said).toContain('version-not-found')
      expect(got).toBeNull()
    } else expect(got).toBe(version)
  })
})
