import { describe, expect, it } from '@jest/globals'
import { cmdShell, parseCmd } from '../../src/shells/cmd.js'
import { bashShell, parsePosix, shShell, zshShell } from '../../src/shells/posix.js'
import { fishShell } from '../../src/shells/fish.js'
import { resolveGo } from '../../src/shells/resolve.js'
import { startupErrors } from '../../src/shells/stderr.js'
import { parsePwsh, pwshProbeScript, pwshShell } from '../../src/shells/pwsh.js'
import { parseRecords } from '../../src/shells/records.js'
import { WSL_TERMINAL_LAUNCHER, wslShell, wslTerminalShell } from '../../src/shells/wsl.js'
import { GO_VARIABLES } from '../../src/go/settings.js'

/** Every Go variable a probe reads, unset. */
const unset = Object.fromEntries(GO_VARIABLES.map((n) => [n, null]))

const M = 'GPA0123456789abcdef'

describe('records', () => {
  it('values may hold newlines and marker-like text without the marker', () => {
    const out = `${M}:A\r\nline1\r\nGPAfake:B\r\n${M}:B\r\n\r\n${M}:END\r\n`
    expect(parseRecords(out, M)).toEqual([
      ['A', 'line1\nGPAfake:B'],
      ['B', ''],
      ['END', ''],
    ])
  })
})

describe('launch lines, as the runner, a terminal, or nothing at all starts each shell', () => {
  it.each([
    ['cmd', cmdShell, 'runner', ['/D /E:ON /V:OFF /S /C "CALL "F""']],
    [
      'cmd (no AutoRun)',
      cmdShell,
      'terminal',
      ['/D /E:ON /V:OFF /S /C "call "F" :snap 0 & call "F""'],
    ],
    ['pwsh (Windows)', pwshShell('win32'), 'runner', ['-command', ". 'F'"]],
    [
      'pwsh (Windows)',
      pwshShell('win32'),
      'terminal',
      ['-NoProfile', '-NoLogo', '-Command', ". 'F'"],
    ],
    [
      'bash (Linux)',
      bashShell('linux'),
      'runner',
      ['--noprofile', '--norc', '-e', '-o', 'pipefail', 'F'],
    ],
    ['bash (Linux)', bashShell('linux'), 'terminal', ['--norc', '-i', 'F']],
    ['bash (macOS)', bashShell('darwin'), 'terminal', ['--login', '--noprofile', '-i', 'F']],
    ['bash (Git Bash)', bashShell('win32'), 'terminal', ['--login', '--noprofile', '-i', 'F']],
    ['bash', bashShell('linux'), 'session', ['--login', '--noprofile', 'F']],
    ['sh', shShell, 'runner', ['-e', 'F']],
    ['sh', shShell, 'terminal', ['-i', 'F']],
    ['sh', shShell, 'session', ['F']],
    ['zsh (Linux)', zshShell('linux'), 'terminal', ['-o', 'promptsubst', '-x', '+m', '-i', 'F']],
    [
      'zsh (macOS)',
      zshShell('darwin'),
      'terminal',
      ['-o', 'promptsubst', '-x', '+m', '-l', '-i', 'F'],
    ],
    ['zsh', zshShell('linux'), 'session', ['-o', 'promptsubst', '-x', '+m', '-l', 'F']],
    ['fish', fishShell('linux'), 'runner', ['F']],
    ['fish (Linux)', fishShell('linux'), 'terminal', ['--no-config', '-i', 'F']],
    ['fish (macOS)', fishShell('darwin'), 'terminal', ['--no-config', '-l', '-i', 'F']],
    ['fish', fishShell('linux'), 'session', ['--no-config', '-l', 'F']],
    [
      'pwsh (Linux)',
      pwshShell('linux'),
      'terminal',
      ['-NoProfile', '-NoLogo', '-Command', ". 'F'"],
    ],
  ] as const)('%s as %s', (_name, adapter, mode, args) => {
    expect(adapter.args('F', { mode })).toEqual(args)
  })
  it("pwsh doubles a quote in the script path, as the runner's '{0}' does", () => {
    expect(pwshShell('win32').args("C:\\it's\\p.ps1", { mode: 'runner' })).toEqual([
      '-command',
      ". 'C:\\it''s\\p.ps1'",
    ])
  })
  it("wsl: setup-wsl's line, the login shell as a terminal, and with the steps' user", () => {
    const w = wslShell('Ubuntu', '/mnt/', 'builder')
    expect(w.args('D:\\a\\_temp\\p.sh', { mode: 'runner' })).toEqual([
      '--distribution',
      'Ubuntu',
      '--user',
      'builder',
      'bash',
      '--noprofile',
      '--norc',
      '-euo',
      'pipefail',
      '/mnt/d/a/_temp/p.sh',
    ])
    // a new WSL terminal: the login shell, the script on stdin (nothing written into WSL)
    const t = wslTerminalShell('Debian')
    expect(t.args('D:\\a\\p.sh', { mode: 'terminal' })).toEqual([
      '--distribution',
      'Debian',
      '--exec',
      'sh',
      '-c',
      WSL_TERMINAL_LAUNCHER,
    ])
    expect(t.stdinScript).toBe(true)
    expect(t.script(M, { mode: 'terminal' })).toMatch(/^# shellcheck shell=bash/)
  })
})

describe('cmd: script and parser', () => {
  it('the script is fixed text: no variable expanded into a command; `call go` returns from a go.cmd', () => {
    const script = cmdShell.script(M, { mode: 'runner' })
    expect(script.startsWith('@echo off\r\n')).toBe(true)
    expect(script.split('\r\n').every((l) => !l.includes('\n'))).toBe(true)
    expect(script).not.toMatch(/%PATH%|%GO|!/)
    expect(script).toContain('\r\ncall go env -json ')
  })

  const out = (
    extra: string[] = [],
    goenv = ['{', '\t"GOVERSION": "go1.22.5"', '}', '', `${M}:GOENVEXIT:0`],
  ) =>
    [
      `${M}:PATH`,
      'Path=C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin;C:\\Users\\runneradmin\\go\\bin;C:\\Windows\\system32',
      'PATHEXT=.COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC;.CPL',
      `${M}:SET`,
      'GOPATH=C:\\Users\\runneradmin\\go',
      'GOROOT=C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64',
      'GOROOT_1_22_X64=C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64',
      'GOTOOLCHAIN=local',
      `${M}:CWDSEARCH`,
      ...extra,
      `${M}:CWD`,
      'D:\\a\\repo',
      `${M}:GOENV`,
      ...goenv,
      `${M}:END`,
      '',
    ].join('\r\n')

  it('parses what cmd prints on a windows-latest runner', () => {
    const v = parseCmd(out(['yes']), M)
    expect(v.path).toBe(
      'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin;C:\\Users\\runneradmin\\go\\bin;C:\\Windows\\system32',
    )
    expect(v.pathext).toBe('.COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC;.CPL')
    expect(v.env).toEqual({
      ...unset,
      GOROOT: 'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64',
      GOPATH: 'C:\\Users\\runneradmin\\go',
      GOTOOLCHAIN: 'local',
    })
    expect(v).toMatchObject({ cwdSearch: true, cwd: 'D:\\a\\repo', goEnvExit: 0, goStarted: true })
  })

  const ROOT = 'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin'
  const resolve = (stdout: string, files: string[]) =>
    resolveGo(parseCmd(stdout, M), cmdShell, {}, 'win32', (p) => files.includes(p))

  it('PATHEXT order within a folder: a go.com beside go.exe is what cmd runs', () => {
    const r = resolve(out(['yes']), [`${ROOT}\\go.exe`, `${ROOT}\\go.com`])
    expect(r.runs).toBe(`${ROOT}\\go.com`)
    expect(r.hits.go).toEqual([`${ROOT}\\go.com`, `${ROOT}\\go.exe`])
  })
  it('folders come before extensions: a go.bat in an earlier folder wins over a later go.exe', () => {
    const r = resolve(out(['yes']), [
      'C:\\Users\\runneradmin\\go\\bin\\go.bat',
      'C:\\Windows\\system32\\go.exe',
    ])
    expect(r.runs).toBe('C:\\Users\\runneradmin\\go\\bin\\go.bat')
  })
  it('the current folder comes first, unless NoDefaultCurrentDirectoryInExePath is set', () => {
    expect(resolve(out(['yes']), ['D:\\a\\repo\\go.exe', `${ROOT}\\go.exe`])).toMatchObject({
      runs: 'D:\\a\\repo\\go.exe',
      cwdHit: 'D:\\a\\repo\\go.exe',
    })
    expect(resolve(out([]), ['D:\\a\\repo\\go.exe', `${ROOT}\\go.exe`])).toMatchObject({
      runs: `${ROOT}\\go.exe`,
      cwdHit: undefined,
    })
  })
  it("a quoted entry with ; in it is one folder (documented behaviour of Windows' cmd and libuv; wine's cmd reads no quotes in PATH, so the Windows lane cannot show it)", () => {
    const stdout = out(['yes']).replace('Path=', 'Path="C:\\x\\quoted;semi";')
    const r = resolve(stdout, ['C:\\x\\quoted;semi\\go.cmd', `${ROOT}\\go.exe`])
    expect(r.runs).toBe('C:\\x\\quoted;semi\\go.cmd')
  })
  it("cmd's 9009 (\"'go' is not recognized\") is no go, not a failing go", () => {
    const v = parseCmd(
      out(
        ['yes'],
        ["'go' is not recognized as an internal or external command,", '', `${M}:GOENVEXIT:9009`],
      ),
      M,
    )
    expect(v).toMatchObject({ goNotFound: true, goEnvExit: null, goEnvText: '' })
    expect(resolveGo(v, cmdShell, {}, 'win32', () => true).runs).toBeUndefined()
  })
})

describe('pwsh: wrapper and parser', () => {
  it('wraps the probe like the runner (stop first, the last exit code last); a terminal runs it bare', () => {
    const s = pwshProbeScript(M, { mode: 'runner' })
    expect(s.split('\n')[0]).toBe("$ErrorActionPreference = 'stop'")
    expect(s.trimEnd().split('\n').pop()).toBe(
      'if ((Test-Path -LiteralPath variable:\\LASTEXITCODE)) { exit $LASTEXITCODE }',
    )
    expect(pwshProbeScript(M, { mode: 'terminal' })).not.toContain("'stop'")
    expect(pwshShell('win32').script(M, { mode: 'runner' })).toContain('\r\n')
    expect(pwshShell('linux').script(M, { mode: 'runner' })).not.toContain('\r')
  })
  it('uses nothing Windows PowerShell 5.1 lacks (no ??, ?:, && or || between commands): 5.1 itself runs only on Windows (.github/workflows/test.yml)', () => {
    // the code, not its comments; the traced start-up too
    for (const launch of [{ mode: 'runner' }, { mode: 'terminal' }] as const) {
      const code = pwshProbeScript(M, launch)
        .split('\n')
        .filter((l) => !/^\s*#/.test(l))
        .join('\n')
      expect(code).not.toMatch(/\?\?|\s\?\s|&&|\|\|/)
    }
  })
  it('reports a go alias or function as what it is, and the profile paths', () => {
    const out = `${M}:PATH\n/usr/bin\n${M}:PATHEXT\n\n${M}:PROFILES\n/opt/pwsh/profile.ps1\n/opt/pwsh/Microsoft.PowerShell_profile.ps1\n/root/.config/powershell/profile.ps1\n/root/.config/powershell/Microsoft.PowerShell_profile.ps1\n${M}:WHICH\nAlias go\n${M}:END\n`
    const v = parsePwsh({ stdout: out, stderr: '' }, M)
    expect(v.resolved).toBe('Alias go')
    expect(v.pathext).toBeUndefined()
    expect(v.profiles).toHaveLength(4)
  })
})

describe('POSIX shells', () => {
  it("Git Bash: /c/... hits map to Windows paths, Git's own stay as they are", () => {
    const out = `${M}:PATH\n/mingw64/bin:/c/Go/bin\n${M}:HIT:go\n/c/Go/bin/go.exe\n${M}:HIT:gofmt\n/c/Go/bin/gofmt.exe\n${M}:WHICH\n/c/Go/bin/go\n${M}:END\n`
    const v = parsePosix({ stdout: out, stderr: '' }, M)
    const r = resolveGo(v, bashShell('win32'), {}, 'win32')
    expect(r).toEqual({
      hits: { go: ['C:\\Go\\bin\\go.exe'], gofmt: ['C:\\Go\\bin\\gofmt.exe'] },
      runs: 'C:\\Go\\bin\\go',
    })
  })
  it('an alias is not a path: the shell runs no program named go', () => {
    const v = parsePosix({ stdout: `${M}:WHICH\nalias go='echo'\n${M}:END\n`, stderr: '' }, M)
    expect(resolveGo(v, bashShell('linux'), {}, 'linux').runs).toBeUndefined()
  })
})

describe('what a shell prints on its own is not an error', () => {
  it('drops job-control noise and ANSI colours, keeps a profile error', () => {
    const err =
      'bash: cannot set terminal process group (15199): Inappropriate ioctl for device\nbash: no job control in this shell\n\u001b[31;1mException: \u001b[0m/root/.config/powershell/Microsoft.PowerShell_profile.ps1:1\n'
    expect(startupErrors(err)).toBe(
      'Exception: /root/.config/powershell/Microsoft.PowerShell_profile.ps1:1',
    )
  })
})
