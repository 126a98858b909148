import { describe, expect, it } from '@jest/globals'
import { parseGoMod } from '../../src/go/gomod.js'
import { moduleMode, unsummed, type Member } from '../../src/go/workspace.js'
import { modulesLine } from '../../src/report/modules-line.js'

describe("module mode or workspace mode, by Go's rules", () => {
  const at =
    (...files: string[]) =>
    (f: string) =>
      files.includes(f)
  it.each<[string, string | undefined, (f: string) => boolean, ReturnType<typeof moduleMode>]>([
    [
      'go.work in the working directory',
      undefined,
      at('/r/a/go.work'),
      { mode: 'workspace', file: '/r/a/go.work', why: 'found /r/a/go.work' },
    ],
    [
      'go.work two folders up',
      undefined,
      at('/r/go.work'),
      { mode: 'workspace', file: '/r/go.work', why: 'found /r/go.work' },
    ],
    [
      'the nearest go.work wins',
      undefined,
      at('/r/go.work', '/r/a/go.work'),
      { mode: 'workspace', file: '/r/a/go.work', why: 'found /r/a/go.work' },
    ],
    ['no go.work anywhere above', undefined, at(), { mode: 'module', why: 'no go.work above it' }],
    [
      'GOWORK=off, though a go.work is there',
      'off',
      at('/r/a/go.work'),
      { mode: 'module', why: 'GOWORK=off' },
    ],
    [
      'GOWORK names another file',
      '/elsewhere/ws.work',
      at('/r/a/go.work'),
      { mode: 'workspace', file: '/elsewhere/ws.work', why: 'GOWORK=/elsewhere/ws.work' },
    ],
    [
      'an empty GOWORK is unset',
      '',
      at('/r/go.work'),
      { mode: 'workspace', file: '/r/go.work', why: 'found /r/go.work' },
    ],
  ])('%s', (_, gowork, exists, want) => {
    expect(moduleMode('/r/a', gowork, exists)).toEqual(want)
  })
})

describe('go.work as Go reads it', () => {
  it('use lines, single and in a block, with their line numbers; go and toolchain lines', () => {
    const w = parseGoMod(
      'go 1.22\n\ntoolchain go1.22.5\n\nuse ./a\nuse (\n\t./b // the second\n\t"./c d"\n)\n',
    )
    expect(w.uses).toEqual([
      { value: './a', line: 5 },
      { value: './b', line: 7 },
      { value: './c d', line: 8 },
    ])
    expect(w.goLine).toEqual({ value: '1.22', line: 1 })
    expect(w.toolchainLine).toEqual({ value: 'go1.22.5', line: 3 })
  })
})

describe('which requirements no go.sum accounts for', () => {
  const member = (goMod: string, text: string, sum: string | null): Member => ({
    goMod,
    mod: parseGoMod(text),
    sum,
  })
  const a = member(
    '/r/a/go.mod',
    'module example.com/a\nrequire (\n\tx.io/x v1.0.0\n\texample.com/b v0.0.0\n)\n',
    'x.io/x v1.0.0/go.mod h1:1=\n',
  )
  const b = member('/r/b/go.mod', 'module example.com/b\nrequire y.io/y v2.0.0\n', null)
  it('a requirement in go.work.sum alone is accounted for', () => {
    expect(unsummed([a, b], ['y.io/y v2.0.0 h1:2=\n'])).toEqual([])
  })
  it("one member's go.sum counts for another", () => {
    const withY = member('/r/a/go.mod', 'module example.com/a\n', 'y.io/y v2.0.0/go.mod h1:2=\n')
    expect(unsummed([withY, b], [null])).toEqual([])
  })
  it('missing everywhere: named with the go.mod and the line that requires it', () => {
    expect(unsummed([a, b], [null])).toEqual([
      { path: 'y.io/y', version: 'v2.0.0', line: 2, file: '/r/b/go.mod' },
    ])
  })
  it('a member required by another is never looked for in a go.sum; a go.work replace neither', () => {
    expect(unsummed([a, b], [null], new Set(['y.io/y']))).toEqual([])
    // example.com/b is a member: a's requirement of it needs no sum
    expect(unsummed([a], [null]).map((r) => r.path)).toEqual(['example.com/b'])
  })
})

describe('the summary says which file decided', () => {
  const base = { mod: parseGoMod(''), goSum: '', goSumPresent: true, requires: [], missingSums: [] }
  it.each([
    [
      'a workspace',
      {
        ...base,
        goMod: '/r/go.work',
        workspace: {
          file: '/r/go.work',
          why: 'found /r/go.work',
          members: ['/r/a/go.mod', '/r/b/go.mod'],
        },
        decidedBy: { file: '/r/go.work', line: 3 },
      },
      'workspace /r/go.work (found /r/go.work), 2 modules: /r/a/go.mod, /r/b/go.mod; the go line at /r/go.work:3 decides',
    ],
    [
      'a module',
      { ...base, goMod: '/r/go.mod', decidedBy: { file: '/r/go.mod', line: 5 } },
      'module /r/go.mod; the go line at /r/go.mod:5 decides',
    ],
    [
      'GOWORK=off',
      {
        ...base,
        goMod: '/r/go.mod',
        moduleModeWhy: 'GOWORK=off',
        decidedBy: { file: '/r/go.mod', line: 5 },
      },
      'module /r/go.mod (GOWORK=off: no workspace); the go line at /r/go.mod:5 decides',
    ],
    ['no go line', { ...base, goMod: '/r/go.mod' }, 'module /r/go.mod; it has no go line'],
  ])('%s', (_, facts, want) => {
    expect(modulesLine(facts)).toBe(want)
  })
})
