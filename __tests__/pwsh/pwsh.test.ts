/**
 * The pwsh adapter run for real: real PowerShell 7 (Linux pwsh has the same language,
 * profile rules and Get-Command as on Windows), the bundle as the runner runs it, and a
 * later `shell: pwsh` step launched exactly as the runner launches one.
 *
 * Not covered here: Windows PowerShell 5.1 (`powershell`), which only runs on Windows; its
 * script is kept to the 5.1 language subset (checked in the parser tests) and runs in
 * .github/workflows/test.yml.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { goArchive, indexFor, layOutGoTree, type GoArchive } from '../../__fixtures__/go-archive.js'
import { probeShell } from '../../src/shells/probe.js'
import { pwshShell } from '../../src/shells/pwsh.js'
import {
  basePathWithoutGo,
  bashStep,
  runAction,
  runnerDirs,
  type ActionRun,
  type RunnerDirs,
} from '../helpers/action.js'
import { startMirror, type Mirror } from '../helpers/mirror.js'
import { pwshDescribe, pwshDir, pwshStep } from '../helpers/pwsh.js'
import type { ReportFinding } from '../helpers/machine.js'

interface Report {
  findings: ReportFinding[]
  probes: Array<{ shell: string; status: string; commandLine?: string }>
  attribution?: Array<{ shell: string }>
}
const reportOf = (r: ActionRun) => JSON.parse(readFileSync(r.outputs.report, 'utf8')) as Report

/** The pwsh probe as the runner launches it, with `root` as its temp and working folder. */
function probeInRoot(env: NodeJS.ProcessEnv, root: string) {
  return probeShell(pwshShell('linux'), {
    env,
    platform: 'linux',
    tempDir: root,
    cwd: root,
    timeoutMs: 60_000,
    launch: { mode: 'runner' },
  })
}

function profile(dirs: RunnerDirs, text: string): string {
  const file = path.join(dirs.home, '.config', 'powershell', 'Microsoft.PowerShell_profile.ps1')
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, text)
  return file
}

pwshDescribe('real PowerShell: the pwsh probe, its profile, and a later pwsh step', () => {
  let archive: GoArchive
  let mirror: Mirror
  let pathWithPwsh: string
  beforeAll(async () => {
    archive = goArchive()
    mirror = await startMirror(indexFor(archive), { [archive.filename]: archive.file })
    pathWithPwsh = `${pwshDir()}:${basePathWithoutGo()}`
  })
  afterAll(() => mirror.close())

  const run = (dirs: RunnerDirs, more: Record<string, string> = {}) =>
    runAction(
      {
        'go-version': archive.version,
        'go-download-base-url': mirror.baseUrl,
        shells: 'pwsh, bash',
        ...more,
      },
      dirs,
      { PATH: pathWithPwsh },
    )

  it('a clean set-up is exit code 0, and a later pwsh step runs the exported go', async () => {
    const dirs = runnerDirs()
    const r = await run(dirs)
    expect(r.stderr).toBe('')
    expect(r.outputs['exit-code']).toBe('0')
    const pwsh = reportOf(r).probes.find((p) => p.shell === 'pwsh')!
    expect(pwsh.status).toBe('ok')
    expect(pwsh.commandLine).toMatch(/pwsh -command \. '.*\.ps1'$/)
    const step = pwshStep('go version\ngo env GOROOT', r.stepEnv, dirs.workspace)
    expect(step.stderr).toBe('')
    expect(step.code).toBe(0)
    expect(step.stdout.split('\n').slice(0, 2)).toEqual([
      `go version ${archive.goVersion} ${archive.goos}/${archive.goarch}`,
      r.outputs.goroot,
    ])
  })

  describe('a declared environment (go-env-file)', () => {
    const DECLARED =
      '# the team\nGOPROXY=https://proxy.corp.example,direct\nGOPRIVATE=*.corp.example\nCGO_ENABLED=0\n'
    const declare = (dirs: RunnerDirs) =>
      writeFileSync(path.join(dirs.workspace, '.go-env'), DECLARED)

    it('every later step gets it: a bash step and a pwsh step see the declared values', async () => {
      const dirs = runnerDirs()
      declare(dirs)
      const r = await run(dirs, { 'go-env-file': '.go-env' })
      expect(r.outputs['exit-code']).toBe('0')
      expect(r.env).toMatchObject({
        GOPROXY: 'https://proxy.corp.example,direct',
        GOPRIVATE: '*.corp.example',
        CGO_ENABLED: '0',
      })
      const want = ['https://proxy.corp.example,direct', '*.corp.example', '0']
      const p = pwshStep('go env GOPROXY GOPRIVATE CGO_ENABLED', r.stepEnv, dirs.workspace)
      expect(p.stdout.trim().split('\n')).toEqual(want)
      const b = bashStep('go env GOPROXY GOPRIVATE CGO_ENABLED', r.stepEnv, dirs.workspace)
      expect(b.stdout.trim().split('\n')).toEqual(want)
    })

    it('a pwsh profile that sets another GOPRIVATE: declared-mismatch for pwsh, naming the profile line', async () => {
      const dirs = runnerDirs()
      declare(dirs)
      const file = profile(dirs, `# mine\n$env:GOPRIVATE = 'github.com/me'\n`)
      const r = await run(dirs, { 'go-env-file': '.go-env' })
      expect(r.code).toBe(1)
      const errors = reportOf(r).findings.filter((f) => f.severity === 'error')
      expect(errors.map((f) => [f.id, f.shells])).toEqual([['declared-mismatch', ['pwsh']]])
      expect(errors[0].message).toContain(
        'pwsh: GOPRIVATE is "github.com/me" (from its environment), but',
      )
      expect(errors[0].origin?.where).toBe(`~${path.sep}${path.relative(dirs.home, file)}:2`)
    })

    it('a file that cannot be read is the input named, with its value', async () => {
      const r = await run(runnerDirs(), { 'go-env-file': 'no/such/.go-env' })
      expect(r.code).toBe(1)
      expect(reportOf(r).findings[0]).toMatchObject({ id: 'input-invalid' })
      expect(reportOf(r).findings[0].message).toMatch(
        /^go-env-file: ".*no\/such\/\.go-env" cannot be read \(ENOENT\)$/,
      )
    })
  })

  it('a profile that prepends another Go: go-shadowed for pwsh only, naming the profile line', async () => {
    const dirs = runnerDirs()
    const other = mkdtempSync(path.join(os.tmpdir(), 'gpa-othergo-'))
    layOutGoTree(other)
    const file = profile(
      dirs,
      `# my profile\n$env:PATH = '${other}/go/bin' + [IO.Path]::PathSeparator + $env:PATH\n`,
    )
    const r = await run(dirs)
    expect(r.code).toBe(1)
    const errors = reportOf(r).findings.filter((f) => f.severity === 'error')
    expect(errors.map((f) => [f.id, f.shells])).toEqual([['go-shadowed', ['pwsh']]])
    expect(errors[0].origin?.where).toBe(`~${path.sep}${path.relative(dirs.home, file)}:2`)
    // only the shell with the finding is started again and attributed, not bash
    expect(reportOf(r).attribution?.map((a) => a.shell)).toEqual(['pwsh'])
    const row = r.summary
      .split('\n')
      .find((l) => l.startsWith(`| <code>${other.replace(/_/g, '&#95;')}/go/bin</code>`))!
    expect(row).toContain('shadows go in pwsh')
    expect(row).toContain(
      'added by &#126;/.config/powershell/Microsoft.PowerShell&#95;profile.ps1:2 (pwsh)',
    )
    // and a real pwsh step does run the other go
    const step = pwshStep('(Get-Command go).Source', r.stepEnv, dirs.workspace)
    expect(step.stdout.trim()).toBe(`${other}/go/bin/go`)
  })

  it.each([
    ['an alias', 'Set-Alias go Write-Output', 'an Alias go'],
    ['a function', 'function go { "not go" }', 'a Function go'],
  ])('a profile that makes go %s: go-not-a-program', async (_n, text, what) => {
    const dirs = runnerDirs()
    profile(dirs, `${text}\n`)
    const r = await run(dirs)
    expect(r.code).toBe(1)
    const f = reportOf(r).findings.find((x) => x.id === 'go-not-a-program')!
    expect(f.shells).toEqual(['pwsh'])
    expect(f.message).toContain(`\`go\` is ${what}`)
    expect(f.origin?.where).toMatch(/Microsoft\.PowerShell_profile\.ps1:1$/)
  })

  it('a profile that throws: the error is printed but the step still runs, so it is a warning, not shell-failed', async () => {
    const dirs = runnerDirs()
    profile(dirs, 'throw "profile broke"\n')
    const r = await run(dirs)
    expect(r.outputs['exit-code']).toBe('0')
    const f = reportOf(r).findings.find((x) => x.id === 'shell-startup-error')!
    expect(f).toMatchObject({ severity: 'warning', shells: ['pwsh'] })
    expect(f.message).toContain('profile broke')
    expect(pwshStep('Write-Output ran', r.stepEnv, dirs.workspace)).toMatchObject({
      code: 0,
      stdout: 'ran\n',
    })
  })

  it('a profile that hangs: shell-timeout, and its process tree is gone', async () => {
    const dirs = runnerDirs()
    const pidFile = path.join(dirs.root, 'pwsh.pid')
    profile(dirs, `Set-Content -LiteralPath '${pidFile}' -Value $PID\nStart-Sleep -Seconds 600\n`)
    const start = Date.now()
    const r = await run(dirs, { 'probe-timeout': '8' })
    // waits for the 8 s timeout and until the tree is gone; 40 s holds on a loaded machine
    expect(Date.now() - start).toBeLessThan(40_000)
    expect(r.code).toBe(1)
    expect(reportOf(r).findings.find((x) => x.id === 'shell-timeout')?.shells).toEqual(['pwsh'])
    const pid = Number(readFileSync(pidFile, 'utf8').trim())
    const alive =
      existsSync(`/proc/${pid}/stat`) &&
      readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z'
    expect(alive).toBe(false)
  })

  it('hostile PATH values pass through the probe unchanged and run nothing', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-pwsh-probe-'))
    const nasty = [
      `${root}/it's "quoted"`,
      `${root}/$(New-Item -Path '${root}/PWNED' -ItemType File)`,
      `${root}/back\`tick;semi`,
      `${root}/new\nline`,
    ].join(':')
    const env = { PATH: `${nasty}:${pathWithPwsh}`, HOME: root }
    const r = await probeInRoot(env, root)
    expect(r.status).toBe('ok')
    // pwsh puts its own folder first when it starts; the rest is the value as given
    expect(r.view!.path.endsWith(env.PATH)).toBe(true)
    expect(r.pathEntries).toEqual(
      expect.arrayContaining([
        `${root}/it's "quoted"`,
        `${root}/back\`tick;semi`,
        `${root}/new\nline`,
      ]),
    )
    expect(existsSync(path.join(root, 'PWNED'))).toBe(false)
  })

  it("a failing go env inside the probe is reported, not fatal, under the runner's 'stop'", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-pwsh-probe-'))
    mkdirSync(path.join(root, 'bin'))
    writeFileSync(
      path.join(root, 'bin', 'go'),
      '#!/bin/sh\necho "go: broken on purpose" >&2\nexit 7\n',
      { mode: 0o755 },
    )
    const env = { PATH: `${root}/bin:${pathWithPwsh}`, HOME: root }
    const r = await probeInRoot(env, root)
    expect(r.status).toBe('ok')
    expect(r.view!.goEnvExit).toBe(7)
    expect(r.goEnvError).toContain('go: broken on purpose')
    expect(r.runs).toBe(path.join(root, 'bin', 'go'))
  })
})
