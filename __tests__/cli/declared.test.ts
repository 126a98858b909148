/**
 * One declared Go environment on a developer's machine, with the real shells: a `.go-env`
 * found from the working directory upwards (or named by --go-env-file) holds every new
 * terminal to its settings, and `--apply` converges: the declared values go into the
 * user's go env file, as `go env -w` writes it (a pattern list merged, never replaced), and
 * a startup-file line that hides one is overridden by the shell's owned block. `--undo`
 * then leaves every file of HOME, the go env file included, byte for byte as before.
 */
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { cliBundle } from '../helpers/action.js'
import {
  homeSnapshot as snapshot,
  machine,
  type Machine,
  type ReportFinding,
} from '../helpers/machine.js'
import { describeWith, toolPath } from '../helpers/tools.js'

const GOENV = '.config/go/env'
const DECLARED = [
  '# the company proxy, its private modules, and no vendoring surprises',
  'GOPROXY=https://proxy.corp.example,direct',
  'GOPRIVATE=corp.example/*',
  'GOFLAGS=-mod=mod',
  '',
].join('\n')

/** The CLI typed into a terminal in the project folder. */
function cliIn(m: Machine, cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [cliBundle(), '--no-modules', ...args], {
    env: m.env,
    cwd,
    encoding: 'utf8',
    timeout: 180_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const SHELLS = 'bash,zsh,fish,pwsh'

/** A project with a .go-env; the user's go env file with a private pattern of their own; zsh hiding GOPROXY. */
function declaredMachine() {
  const m = machine({
    [GOENV]: 'GOPRIVATE=github.com/me/*\n',
    '.zshrc': 'export GOPROXY=https://goproxy.cn,direct\n',
  })
  const project = path.join(m.home, 'src', 'project')
  mkdirSync(path.join(project, 'cmd'), { recursive: true })
  writeFileSync(path.join(project, '.go-env'), DECLARED)
  return { m, project, cwd: path.join(project, 'cmd') }
}

const findingsOf = (stdout: string) =>
  (JSON.parse(stdout) as { findings: ReportFinding[] }).findings

describeWith(['go', 'zsh', 'fish', 'pwsh'], 'a declared environment (.go-env)', () => {
  it('is found from the working directory upwards: every shell that settles elsewhere is named, with the setting, both values and the line that set it', () => {
    const { m, cwd } = declaredMachine()
    const r = cliIn(m, cwd, ['--json', '--go', m.goroot, '--shells', SHELLS])
    expect(r.code).toBe(1)
    const mismatches = findingsOf(r.stdout).filter((f) => f.id === 'declared-mismatch')
    const about = (shell: string, name: string) =>
      mismatches.find((f) => f.shells[0] === shell && f.message.includes(`: ${name} is`))
    const zshProxy = about('zsh', 'GOPROXY')
    expect(zshProxy?.message).toContain('"https://goproxy.cn,direct"')
    expect(zshProxy?.message).toContain('declares "https://proxy.corp.example,direct"')
    expect(zshProxy?.origin?.where).toBe('~/.zshrc:1')
    // the user's own pattern does not hold the declared one
    expect(about('fish', 'GOPRIVATE')?.message).toContain('"github.com/me/*"')
    for (const shell of SHELLS.split(',')) expect(about(shell, 'GOFLAGS')).toBeDefined()
  })

  it('--apply: the dry run says the go env file applies to every project, and changes no byte', () => {
    const { m, cwd } = declaredMachine()
    const before = snapshot(m)
    const r = cliIn(m, cwd, ['--apply', '--go', m.goroot, '--shells', SHELLS])
    expect(r.stdout).toContain('this file applies to every project and every shell of yours')
    expect(r.stdout).toContain('+GOPRIVATE=github.com/me/*,corp.example/*')
    expect(r.stdout).toContain("+export GOPROXY='https://proxy.corp.example,direct'")
    expect(snapshot(m)).toEqual(before)
  })

  it('--apply --yes: the go env file gets the declared values (a pattern list merged), the zsh line that hid GOPROXY is overridden, every shell agrees; --undo restores every byte', () => {
    const { m, cwd } = declaredMachine()
    const before = snapshot(m)
    const r = cliIn(m, cwd, ['--apply', '--yes', '--go', m.goroot, '--shells', SHELLS])
    expect(r.stderr).toBe('')
    expect(readFileSync(path.join(m.home, GOENV), 'utf8')).toBe(
      [
        'GOPRIVATE=github.com/me/*,corp.example/*',
        'GOFLAGS=-mod=mod',
        'GOPROXY=https://proxy.corp.example,direct',
        '',
      ].join('\n'),
    )
    expect(readFileSync(path.join(m.home, '.zshrc'), 'utf8')).toContain(
      "export GOPROXY='https://proxy.corp.example,direct'",
    )
    // only zsh hid a value: no other startup file was touched
    expect(existsSync(path.join(m.home, '.bashrc'))).toBe(false)
    const after = cliIn(m, cwd, ['--json', '--go', m.goroot, '--shells', SHELLS])
    expect(findingsOf(after.stdout).filter((f) => f.id === 'declared-mismatch')).toEqual([])
    // a real zsh, started as a terminal starts it, settles on the declared proxy
    const zsh = spawnSync('bash', ['-l', '-c', `exec ${toolPath('zsh')} -i -c 'go env GOPROXY'`], {
      env: { ...m.env, TERM: 'dumb' },
      cwd,
      encoding: 'utf8',
    })
    expect(zsh.stdout.trim()).toBe('https://proxy.corp.example,direct')
    const undo = cliIn(m, cwd, ['--undo'])
    expect(undo.code).toBe(0)
    expect(snapshot(m)).toEqual(before)
  })

  describe('--go-env-file', () => {
    it('names the file anywhere; a file that does not exist is a clear error naming it', () => {
      const { m, project } = declaredMachine()
      const elsewhere = path.join(m.root, 'team.env')
      writeFileSync(elsewhere, 'CGO_ENABLED=0\n')
      const r = cliIn(m, m.home, [
        '--json',
        '--go',
        m.goroot,
        '--shells',
        'bash',
        '--go-env-file',
        elsewhere,
      ])
      const cgo = findingsOf(r.stdout).find((f) => f.id === 'declared-mismatch')
      expect(cgo?.message).toContain('CGO_ENABLED is "1"')
      const missing = cliIn(m, project, ['--go-env-file', path.join(m.root, 'nope.env')])
      expect(missing.code).toBe(1)
      expect(missing.stderr).toContain('nope.env')
    })
  })
})
