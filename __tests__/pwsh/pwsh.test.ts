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
import { spawnSync } from 'node:child_process'
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
    // a new terminal's traced start records them through its own JSON writer, intact
    const traced = await probeShell(pwshShell('linux'), {
      env,
      platform: 'linux',
      tempDir: root,
      cwd: root,
      timeoutMs: 60_000,
      launch: { mode: 'terminal' },
    })
    expect(traced.status).toBe('ok')
    expect(traced.view!.trace!.steps[0].values.PATH!.endsWith(env.PATH)).toBe(true)
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

  describe("a new terminal's pwsh started while the login session runs, and handed its environment (env-handoff.ts)", () => {
    const terminal = (
      env: NodeJS.ProcessEnv,
      root: string,
      envLater?: Promise<NodeJS.ProcessEnv>,
      timeoutMs = 60_000,
    ) =>
      probeShell(pwshShell('linux'), {
        env,
        envLater,
        platform: 'linux',
        tempDir: path.join(root, 'probes'),
        cwd: root,
        timeoutMs,
        launch: { mode: 'terminal' },
      })
    const later = <T>(ms: number, value: T) =>
      new Promise<T>((resolve) => setTimeout(() => resolve(value), ms))
    const session = (root: string) => {
      const bin = path.join(root, 'session-bin')
      mkdirSync(bin, { recursive: true })
      const start = { PATH: pathWithPwsh, HOME: root, GOTOOLCHAIN: 'local', GPA_GONE: 'x' }
      const env = {
        PATH: `${bin}:${pathWithPwsh}`,
        HOME: root,
        GOFLAGS: '-mod=mod',
        GOTOOLCHAIN: 'go1.99.1',
        GPA_NEW: 'it\'s "quoted"\nand two lines',
      }
      return { bin, start, env }
    }

    it('what it sees is what a pwsh started in that environment sees: PATH (its own folder put first again), the Go variables, a variable set and one gone; the start-up trace too', async () => {
      const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-pwsh-early-'))
      const s = session(root)
      // the profile (read after the hand-over) shows the variable set and the one gone
      profile({ home: root } as RunnerDirs, '$env:GOPRIVATE = "$env:GPA_NEW|$env:GPA_GONE"\n')
      const cold = await terminal(s.env, root)
      const warm = await terminal(s.start, root, Promise.resolve(s.env))
      expect(cold.status).toBe('ok')
      expect(warm.status).toBe('ok')
      expect(warm.startedEarly).toBe(true)
      expect(cold.startedEarly).toBeUndefined()
      expect(warm.view!.path).toBe(cold.view!.path)
      expect(warm.view!.path.endsWith(s.env.PATH)).toBe(true)
      expect(warm.pathEntries).toEqual(cold.pathEntries)
      expect(warm.view!.env).toEqual(cold.view!.env)
      expect(warm.view!.env).toMatchObject({
        GOFLAGS: '-mod=mod',
        GOTOOLCHAIN: 'go1.99.1',
        GOPRIVATE: `${s.env.GPA_NEW}|`,
      })
      expect(warm.view!.trace!.steps.map((x) => x.values)).toEqual(
        cold.view!.trace!.steps.map((x) => x.values),
      )
    })

    it('a variable pwsh reads as it starts differs (HOME, and with it the profiles): that pwsh is ended and one is started in the new environment, which runs the new profile', async () => {
      const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-pwsh-early-'))
      const s = session(root)
      const home = path.join(root, 'other-home')
      const prof = profile({ home } as RunnerDirs, "$env:GOFLAGS = '-tags=fromprofile'\n")
      const warm = await terminal(s.start, root, Promise.resolve({ ...s.env, HOME: home }))
      expect(warm.status).toBe('ok')
      expect(warm.startedEarly).toBeUndefined()
      expect(warm.view!.env.GOFLAGS).toBe('-tags=fromprofile')
      expect(JSON.stringify(warm.view!.trace)).toContain(prof)
    })

    it('a session slower than the probe timeout: pwsh is started again in its environment, with the whole timeout of its own (no false timeout)', async () => {
      const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-pwsh-early-'))
      const s = session(root)
      const r = await terminal(s.start, root, later(8_500, s.env), 8_000)
      expect(r.status).toBe('ok')
      expect(r.startedEarly).toBeUndefined()
      expect(r.view!.env.GOFLAGS).toBe('-mod=mod')
    })

    it('a profile that hangs after the hand-over: a timeout counted from the hand-over, and its pwsh is gone', async () => {
      const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-pwsh-early-'))
      const s = session(root)
      profile({ home: root } as RunnerDirs, 'Start-Sleep -Seconds 600\n')
      const started = Date.now()
      const r = await terminal(s.start, root, later(1_000, s.env), 6_000)
      expect(r.status).toBe('timeout')
      expect(r.detail).toBe('timed out after 6000 ms')
      expect(r.startedEarly).toBe(true)
      expect(Date.now() - started).toBeGreaterThanOrEqual(7_000)
      const running = spawnSync(
        'sh',
        ['-c', `ps -eo args | grep -F '${root}' | grep -v grep || true`],
        { encoding: 'utf8' },
      )
      expect(running.stdout.trim()).toBe('')
    })

    it('the environment never comes (the session failed): the probe fails with it and its pwsh is gone', async () => {
      const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-pwsh-early-'))
      const s = session(root)
      await expect(
        terminal(
          s.start,
          root,
          new Promise((_, reject) => setTimeout(() => reject(new Error('no session')), 300)),
        ),
      ).rejects.toThrow('no session')
      const running = spawnSync(
        'sh',
        ['-c', `ps -eo args | grep -F '${root}' | grep -v grep || true`],
        {
          encoding: 'utf8',
        },
      )
      expect(running.stdout.trim()).toBe('')
    })
  })
})
