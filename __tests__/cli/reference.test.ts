/**
 * The reference Go is declared or chosen, never guessed (real bash and sh, new terminals as
 * a terminal starts them): a stale line in the user's own shell does not become the Go the
 * others are held to; go.mod or a declared GOTOOLCHAIN picks among the Gos new terminals
 * run; a Go that does not work is never a candidate; GOROOT is the chosen Go's own tree.
 */
import { expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { layOutGoTree, machineGo } from '../../__fixtures__/go-archive.js'
import { cli, machine, sayVersion, type ReportFinding } from '../helpers/machine.js'
import { describeWith } from '../helpers/tools.js'

interface Report {
  exitCode: number
  reference: { program: string; how: string } | null
  undecided: {
    why: string
    candidates: Array<{ program: string; version?: string; shells: string[] }>
  } | null
  findings: ReportFinding[]
}
const json = (m: ReturnType<typeof machine>, args: string[]) => {
  const r = cli(m, ['--json', '--no-modules', ...args])
  return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout) as Report }
}
const errors = (r: Report) =>
  r.findings.filter((f) => f.severity === 'error').map((f) => `${f.id} ${f.shells.join(',')}`)
const version = () => machineGo().goVersion.replace(/^go/, '')

describeWith(['go'], 'the reference: declared or chosen, never guessed', () => {
  /** bash ($SHELL) runs a stale Go 1.17 from ~/.bashrc; sh runs the machine's Go from ~/.profile. */
  function stale(files: Record<string, string> = {}) {
    const m = machine(
      { '.bashrc': `export PATH="${'$'}HOME/../other/go/bin:$PATH"\n`, ...files },
      '/bin/bash',
    )
    sayVersion(m.other, '1.17.13')
    return m
  }

  it("a stale Go in the user's own shell is not the truth: one disagreement, each Go with its version and line, exit 1", () => {
    const m = stale()
    const r = json(m, ['--shells', 'bash,sh'])
    expect(r.code).toBe(1)
    expect(r.report.reference).toBeNull()
    expect(errors(r.report)).toEqual(['reference-undecided '])
    expect(r.report.undecided!.candidates.map((g) => [g.version, g.shells])).toEqual([
      ['1.17.13', ['bash']],
      [version(), ['sh']],
    ])
    const f = r.report.findings.find((x) => x.id === 'reference-undecided')!
    expect(f.message).toContain(
      `[1] Go 1.17.13 at ${m.home}/../other/go/bin/go (bash; from ~/.bashrc:1)`,
    )
    expect(f.message).toContain(`[2] Go ${version()} at ${m.goroot}/bin/go (sh; from`)
  })

  it("go.mod's go line picks the only Go that satisfies it: the stale bash is go-shadowed, at its line", () => {
    const m = stale()
    writeFileSync(path.join(m.home, 'go.mod'), 'module example.com/x\n\ngo 1.18\n')
    const r = json(m, ['--shells', 'bash,sh'])
    expect(r.report.reference!.program).toBe(`${m.goroot}/bin/go`)
    expect(r.report.reference!.how).toBe(
      `the only go new terminals run that satisfies go.mod's go 1.18 (${m.home}/go.mod:3)`,
    )
    expect(errors(r.report)).toEqual(['go-shadowed bash'])
    expect(r.report.findings[0].origin?.where).toBe('~/.bashrc:1')
  })

  it('a GOTOOLCHAIN declared in .go-env picks the Go it names, over what the shells run', () => {
    const m = stale({ '.go-env': '# the team\nGOTOOLCHAIN=go1.17.13\n' })
    const r = json(m, ['--shells', 'bash,sh'])
    expect(r.report.reference!.program).toBe(`${m.home}/../other/go/bin/go`)
    expect(r.report.reference!.how).toMatch(
      /^the only go new terminals run that satisfies .*\.go-env:2's GOTOOLCHAIN=go1\.17\.13$/,
    )
    expect(errors(r.report)).toContain('go-other sh')
  })

  it('a Go that does not work is never a candidate: the one that works is the reference', () => {
    const m = machine(
      { '.bashrc': `export PATH="${'$'}HOME/../broken/go/bin:$PATH"\n` },
      '/bin/bash',
    )
    layOutGoTree(path.join(m.root, 'broken'), 'go-fails')
    const r = json(m, ['--shells', 'bash,sh'])
    expect(r.report.reference!.program).toBe(`${m.goroot}/bin/go`)
    expect(r.report.reference!.how).toBe('the only go new terminals run that works')
    expect(errors(r.report)).toContain('go-shadowed bash')
  })

  it("--go while ~/.bashrc exports another Go's GOROOT: the reference's GOROOT is its own tree, so only bash is wrong", () => {
    const m = machine({ '.bashrc': `export GOROOT="${'$'}HOME/../other/go"\n` }, '/bin/bash')
    const r = json(m, ['--shells', 'bash,sh', '--go', `${m.goroot}/bin/go`])
    expect(errors(r.report)).toEqual(['goroot-mismatch bash'])
    expect(r.report.findings.find((f) => f.id === 'goroot-mismatch')!.origin?.where).toBe(
      '~/.bashrc:1',
    )
  })

  it('all new terminals run one Go: it is the reference, whatever $SHELL is', () => {
    const m = machine({}, '/bin/zsh')
    const r = json(m, ['--shells', 'bash,sh'])
    expect(r.report.reference!.how).toBe('the go every new terminal runs')
    expect(errors(r.report)).toEqual([])
  })
})

it("the reference's go env is asked once per program and environment: asked early (while slower shells start), the answer is shared", async () => {
  const { sharedGoEnv } = await import('../../src/cli/terminal/reference.js')
  const { scratchDir } = await import('../helpers/scratch.js')
  const { chmodSync, readFileSync } = await import('node:fs')
  const dir = scratchDir('gpa-goenv-')
  const go = path.join(dir, 'go')
  const calls = path.join(dir, 'calls')
  writeFileSync(go, `#!/bin/sh\necho "$GOFLAGS" >> '${calls}'\necho '{"GOVERSION":"go1.22.5"}'\n`)
  chmodSync(go, 0o755)
  const ask = sharedGoEnv(10_000)
  const env = { PATH: '/usr/bin:/bin', GOFLAGS: '-mod=mod' }
  const [a, b] = await Promise.all([
    ask(go, env),
    ask(go, { GOFLAGS: '-mod=mod', PATH: '/usr/bin:/bin' }),
  ])
  expect(a).toBe(b)
  expect(a).toMatchObject({ ok: true, env: { GOVERSION: 'go1.22.5' } })
  await ask(go, { ...env, GOFLAGS: '-mod=vendor' })
  expect(readFileSync(calls, 'utf8')).toBe('-mod=mod\n-mod=vendor\n')
})
