/**
 * A new terminal's shell is started with a terminal (a pseudo-terminal made by `script`),
 * as a person's is: startup files that test `[ -t 0 ]`, `[ -t 1 ]`, `isatty` or
 * `[Console]::IsOutputRedirected` run on as they do in a terminal, and what the terminal
 * shows (a banner) stays out of the probe's answer. Real bash, sh (dash), zsh, fish and
 * pwsh. Windows shells (cmd, Windows PowerShell, Git Bash) start with pipes, as before: no
 * Windows console is made here, named in the last test.
 */
import { expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { scratchDir } from '../helpers/scratch.js'
import { bashShell, shShell, zshShell } from '../../src/shells/posix.js'
import { fishShell } from '../../src/shells/fish.js'
import { pwshShell } from '../../src/shells/pwsh.js'
import { probeShell, type ProbeOptions } from '../../src/shells/probe.js'
import { whichAll } from '../../src/processes/which.js'
import { describeWith, toolPath } from '../helpers/tools.js'
import { cli, machine, putFile, type Machine } from '../helpers/machine.js'
import { ptyLaunch } from '../../src/shells/pty.js'

interface Probe {
  shell: string
  status: string
  runs?: string
  terminal?: boolean
  detail?: string
}
interface Report {
  exitCode: number
  findings: Array<{ id: string; shells: string[]; message: string }>
  origins: Array<{ shell: string; entries: Array<{ entry: string; origin: { where: string } }> }>
  probes: Probe[]
}

const json = (m: Machine, args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = cli(m, ['--json', '--no-modules', ...args], 'neutral', env)
  return { ...r, report: JSON.parse(r.stdout) as Report }
}
/** A program on this process's PATH (pwsh in ~/.dotnet/tools too). */
const which = (name: string) =>
  whichAll(
    name,
    { PATH: `${process.env.PATH}:${path.dirname(toolPath('pwsh') ?? '/x/y')}` },
    'linux',
  )[0]!

const terminalOpts = (root: string, env: NodeJS.ProcessEnv, timeoutMs = 20_000): ProbeOptions => ({
  env,
  platform: 'linux',
  tempDir: root,
  cwd: root,
  timeoutMs,
  launch: { mode: 'terminal' },
})

/** Running (a killed process whose parent is gone may stay a zombie until init reaps it). */
const alive = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z'
  } catch {
    return false
  }
}
const probe = (r: Report, shell: string) => r.probes.find((p) => p.shell === shell)!
const originOf = (r: Report, shell: string, entry: string) =>
  r.origins.find((o) => o.shell === shell)?.entries.find((e) => e.entry === entry)?.origin.where

describeWith(['go', 'zsh', 'fish'], 'a new terminal has a terminal', () => {
  it('bash: a PATH line after `[ -t 1 ] || return` in ~/.bashrc is seen, and a banner is not part of the answer', () => {
    const m = machine()
    putFile(
      m,
      '.bashrc',
      `echo "Welcome, $USER"\n[ -t 1 ] || return\n[ -t 0 ] || return\nexport PATH="${m.other}/bin:$PATH"\n`,
    )
    const r = json(m, ['--shells', 'bash', '--go', `${m.goroot}/bin/go`]).report
    expect(probe(r, 'bash')).toMatchObject({
      status: 'ok',
      terminal: true,
      runs: `${m.other}/bin/go`,
    })
    expect(originOf(r, 'bash', `${m.other}/bin`)).toBe('~/.bashrc:4')
    expect(r.findings.map((f) => f.id)).toContain('go-shadowed')
  })

  it('zsh: `[[ -t 0 ]] || exit 1` in ~/.zshrc does not fail the shell; the line after it is seen', () => {
    const m = machine({}, '/bin/zsh')
    putFile(m, '.zshrc', `[[ -t 0 ]] || exit 1\nprint banner\nexport PATH="${m.other}/bin:$PATH"\n`)
    const r = json(m, ['--shells', 'zsh', '--go', `${m.goroot}/bin/go`]).report
    expect(probe(r, 'zsh')).toMatchObject({
      status: 'ok',
      terminal: true,
      runs: `${m.other}/bin/go`,
    })
    expect(originOf(r, 'zsh', `${m.other}/bin`)).toBe('~/.zshrc:3')
  })

  it('sh (dash): the file $ENV names, with `[ -t 1 ] || return`, is read in a terminal', () => {
    const m = machine({
      '.profile': `export PATH="$HOME/../sdk/go/bin:$HOME/go/bin:$PATH"\nexport ENV="$HOME/.shrc"\n`,
    })
    putFile(m, '.shrc', `[ -t 1 ] || return 0\nexport PATH="${m.other}/bin:$PATH"\n`)
    const r = json(m, ['--shells', 'sh', '--go', `${m.goroot}/bin/go`]).report
    expect(probe(r, 'sh')).toMatchObject({
      status: 'ok',
      terminal: true,
      runs: `${m.other}/bin/go`,
    })
  })

  it('fish: `isatty stdout; or exit 1` in config.fish does not fail the shell, and its PATH line is seen', () => {
    const m = machine()
    putFile(
      m,
      '.config/fish/config.fish',
      `isatty stdin; or exit 1\nisatty stdout; or exit 1\necho hello from fish\nset -gx PATH ${m.other}/bin $PATH\n`,
    )
    const r = json(m, ['--shells', 'fish', '--go', `${m.goroot}/bin/go`]).report
    expect(probe(r, 'fish')).toMatchObject({
      status: 'ok',
      terminal: true,
      runs: `${m.other}/bin/go`,
    })
    expect(originOf(r, 'fish', `${m.other}/bin`)).toBe('~/.config/fish/config.fish:4')
  })

  const withPwsh = toolPath('pwsh') ? it : it.skip
  withPwsh(
    'pwsh: a profile that returns when its output is redirected runs on; Write-Host stays on the terminal',
    () => {
      const m = machine()
      putFile(
        m,
        '.config/powershell/Microsoft.PowerShell_profile.ps1',
        `if ([Console]::IsOutputRedirected -or [Console]::IsInputRedirected) { exit 1 }\nWrite-Host 'hello from pwsh'\n$env:PATH = '${m.other}/bin:' + $env:PATH\n`,
      )
      const r = json(m, ['--shells', 'pwsh', '--go', `${m.goroot}/bin/go`]).report
      expect(probe(r, 'pwsh')).toMatchObject({
        status: 'ok',
        terminal: true,
        runs: `${m.other}/bin/go`,
      })
    },
  )

  it('no `script` program on PATH: the shell starts with pipes and its probe says so (terminal: false)', async () => {
    const root = scratchDir('gpa-pty-')
    const bin = path.join(root, 'bin')
    mkdirSync(bin, { recursive: true })
    symlinkSync(which('bash'), path.join(bin, 'bash'))
    writeFileSync(path.join(root, '.bashrc'), `[ -t 1 ] || return\nexport GOFLAGS=-seen\n`)
    const r = await probeShell(bashShell('linux'), terminalOpts(root, { PATH: bin, HOME: root }))
    expect(r).toMatchObject({ status: 'ok', terminal: false })
    expect(r.view!.env.GOFLAGS).toBeNull()
    // the same shell with `script` on PATH has a terminal, and reads past the test
    const withTty = await probeShell(
      bashShell('linux'),
      terminalOpts(root, { PATH: `${bin}:${path.dirname(which('script'))}`, HOME: root }),
    )
    expect(withTty).toMatchObject({ status: 'ok', terminal: true })
    expect(withTty.view!.env.GOFLAGS).toBe('-seen')
  })

  it('a `script` that is not util-linux’s (BusyBox’s has no -e): the shell starts with pipes, no false shell-failed', async () => {
    const root = scratchDir('gpa-pty-')
    const bin = path.join(root, 'bin')
    mkdirSync(bin, { recursive: true })
    symlinkSync(which('bash'), path.join(bin, 'bash'))
    writeFileSync(
      path.join(bin, 'script'),
      `#!/bin/sh\ncase "$1" in --version) echo 'BusyBox v1.36.1 (2024-06-10) multi-call binary.';; *) echo "script: unrecognized option '$1'" >&2; exit 1;; esac\n`,
      { mode: 0o755 },
    )
    const r = await probeShell(
      bashShell('linux'),
      terminalOpts(root, { PATH: `${bin}:/usr/bin:/bin`, HOME: root }),
    )
    expect(r).toMatchObject({ status: 'ok', terminal: false })
  })

  it.each([
    ['bash', '.bashrc', 'echo "banner $((6*7))"; printf "\\033[1mbold\\033[0m\\n"\n'],
    [
      'pwsh',
      '.config/powershell/Microsoft.PowerShell_profile.ps1',
      "Write-Host ('banner ' + 42)\n",
    ],
  ])(
    '%s: what the terminal shows (a banner, colour) is not in the answer, and is no startup error',
    async (name, rel, text) => {
      if (name === 'pwsh' && !toolPath('pwsh')) return
      const root = scratchDir('gpa-pty-')
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
      writeFileSync(path.join(root, rel), text)
      const adapter = name === 'bash' ? bashShell('linux') : pwshShell('linux')
      const env = { PATH: `${path.dirname(which(name))}:/usr/bin:/bin`, HOME: root }
      const r = await probeShell(adapter, terminalOpts(root, env))
      expect(r).toMatchObject({ status: 'ok', terminal: true })
      expect(r.stdout).not.toContain('banner 42')
      expect(r.stdout).not.toContain('bold')
      expect(r.stderr).not.toContain('banner 42')
      expect(r.startupErrors).toBeUndefined()
    },
  )

  it('a terminal shell that hangs ends at the timeout, and what its ~/.bashrc left running is gone', async () => {
    const root = scratchDir('gpa-pty-')
    const pidFile = path.join(root, 'bg.pid')
    writeFileSync(
      path.join(root, '.bashrc'),
      `sleep 600 </dev/null >/dev/null 2>&1 &\necho $! > '${pidFile}'\nsleep 600\n`,
    )
    const r = await probeShell(
      bashShell('linux'),
      terminalOpts(root, { PATH: process.env.PATH, HOME: root }, 1500),
    )
    expect(r).toMatchObject({ status: 'timeout', terminal: true })
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false)
  })
})

it('the command line `script` runs: every word quoted, SHELL put back as it was (util-linux and BSD forms); Windows has no pseudo-terminal here', () => {
  const files = { records: "/t/it's.out", stderr: '/t/e.err' }
  const linux = ptyLaunch(
    '/usr/bin/script',
    '/bin/bash',
    ['--norc', '-i', '/t/p.sh'],
    files,
    '/bin/zsh',
    'linux',
  )
  expect(linux).toEqual({
    file: '/usr/bin/script',
    args: [
      '-q',
      '-e',
      '-c',
      "exec 2>'/t/e.err'; SHELL='/bin/zsh'; export SHELL; exec '/bin/bash' '--norc' '-i' '/t/p.sh'",
      '/dev/null',
    ],
    env: { SHELL: '/bin/sh' },
  })
  const mac = ptyLaunch(
    '/usr/bin/script',
    '/bin/zsh',
    ['-i', "/t/a'b.sh"],
    files,
    undefined,
    'darwin',
  )
  expect(mac.args).toEqual([
    '-q',
    '/dev/null',
    '/bin/sh',
    '-c',
    "exec 2>'/t/e.err'; unset SHELL; exec '/bin/zsh' '-i' '/t/a'\\''b.sh'",
  ])
})

/** The process group of a process (Linux: /proc/<pid>/stat, after the name in parentheses). */
const pgidWord = (pid: string) => `$(sed 's/.*) //' /proc/${pid}/stat | cut -d' ' -f3)`

describeWith(['zsh', 'fish'], 'a terminal’s shell runs without job control while it starts', () => {
  const posixRc = (out: string) =>
    `sleep 30 & __j=$!\necho "${pgidWord('$__j')} ${pgidWord('$$')} $([ -t 0 ] && echo tty)" > '${out}'\nkill $__j\n`
  it.each([
    ['bash', () => bashShell('linux'), '.bashrc'],
    ['sh', () => shShell, '.shrc'],
    ['zsh', () => zshShell('linux'), '.zshrc'],
  ])(
    '%s: a job its startup file starts stays in the shell’s process group (and ends with it), with a terminal',
    async (_name, adapter, rc) => {
      const root = scratchDir('gpa-pty-jobs-')
      const home = path.join(root, 'home')
      mkdirSync(home)
      const out = path.join(root, 'groups')
      writeFileSync(path.join(home, rc), posixRc(out))
      const r = await probeShell(
        adapter(),
        terminalOpts(root, { PATH: process.env.PATH, HOME: home, ENV: path.join(home, '.shrc') }),
      )
      expect(r.status).toBe('ok')
      expect(r.terminal).toBe(true)
      const [job, shell, tty] = readFileSync(out, 'utf8').trim().split(' ')
      expect(tty).toBe('tty')
      expect(job).toBe(shell)
    },
  )

  it('fish: a job config.fish starts stays in the shell’s process group, with a terminal', async () => {
    const root = scratchDir('gpa-pty-jobs-')
    const home = path.join(root, 'home')
    const out = path.join(root, 'groups')
    mkdirSync(path.join(home, '.config', 'fish'), { recursive: true })
    writeFileSync(
      path.join(home, '.config', 'fish', 'config.fish'),
      [
        'sleep 30 &',
        'set -l j $last_pid',
        // fish expands $(...) inside double quotes: the sh words are escaped
        `sh -c "echo ${pgidWord('$1').replace(/\$/g, '\\$')} ${pgidWord('$2').replace(/\$/g, '\\$')} \\$([ -t 0 ] && echo tty) > '${out}'" sh $j $fish_pid`,
        'kill $j',
        '',
      ].join('\n'),
    )
    const r = await probeShell(
      fishShell('linux'),
      terminalOpts(root, { PATH: process.env.PATH, HOME: home }),
    )
    expect(r.status).toBe('ok')
    expect(r.terminal).toBe(true)
    const [job, shell, tty] = readFileSync(out, 'utf8').trim().split(' ')
    expect(tty).toBe('tty')
    expect(job).toBe(shell)
  })
})

it('a terminal’s shell is not waited for once it has answered: an EXIT trap in ~/.bashrc that sleeps does not hold the probe, which ends it (with what the trap started)', async () => {
  const root = scratchDir('gpa-pty-answered-')
  const home = path.join(root, 'home')
  mkdirSync(home)
  writeFileSync(path.join(home, '.bashrc'), `trap 'sleep 600' EXIT\n`)
  const r = await probeShell(
    bashShell('linux'),
    terminalOpts(root, { PATH: process.env.PATH, HOME: home }, 60_000),
  )
  expect(r.status).toBe('ok')
  expect(r.terminal).toBe(true)
})
