import { describe, expect, it } from '@jest/globals'
import { cmdShell, parseCmd } from '../../src/shells/cmd.js'
import { parsePwsh, pwshShell } from '../../src/shells/pwsh.js'
import { parsePosix, bashShell } from '../../src/shells/posix.js'
import { hitsFor } from '../../src/shells/probe.js'
import { parseRecords } from '../../src/shells/records.js'

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

describe('cmd: launch line, script and parser', () => {
  it('is launched like the runner launches a cmd step', () => {
    expect(cmdShell.args('D:\\a\\_temp\\probe.cmd')).toEqual([
      '/D /E:ON /V:OFF /S /C "CALL "D:\\a\\_temp\\probe.cmd""',
    ])
    expect(cmdShell.verbatim).toBe(true)
    const script = cmdShell.script(M)
    expect(script.startsWith('@echo off\r\n')).toBe(true)
    expect(script.split('\r\n').every((l) => !l.includes('\n'))).toBe(true)
    expect(script).not.toMatch(/%PATH%|%GO/)
  })
  it('parses what cmd prints on a windows-latest runner', () => {
    const out = [
      `${M}:PATH`,
      'Path=C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin;C:\\Users\\runneradmin\\go\\bin;C:\\Program Files\\Git\\bin;C:\\Windows\\system32',
      'PATHEXT=.COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC;.CPL',
      `${M}:SET`,
      'GOPATH=C:\\Users\\runneradmin\\go',
      'GOROOT=C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64',
      'GOROOT_1_22_X64=C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64',
      'GOTOOLCHAIN=local',
      `${M}:WHICH`,
      'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin\\go.exe',
      `${M}:GOENV`,
      '{',
      '\t"GOROOT": "C:\\\\hostedtoolcache\\\\windows\\\\go\\\\1.22.5\\\\x64",',
      '\t"GOVERSION": "go1.22.5"',
      '}',
      '',
      `${M}:GOENVEXIT:0`,
      `${M}:END`,
      '',
    ].join('\r\n')
    const v = parseCmd(out, M)
    expect(v.path).toBe(
      'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin;C:\\Users\\runneradmin\\go\\bin;C:\\Program Files\\Git\\bin;C:\\Windows\\system32',
    )
    expect(v.env).toEqual({
      GOROOT: 'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64',
      GOPATH: 'C:\\Users\\runneradmin\\go',
      GOBIN: null,
      GOTOOLCHAIN: 'local',
      GOFLAGS: null,
      GOENV: null,
    })
    expect(v.resolved).toBe('C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin\\go.exe')
    expect(v.goEnvExit).toBe(0)
    expect(JSON.parse(v.goEnvText)).toEqual({
      GOROOT: 'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64',
      GOVERSION: 'go1.22.5',
    })
  })
  it('a go.exe in the working directory is what cmd runs', () => {
    const out = `${M}:PATH\r\nPath=C:\\Go\\bin\r\n${M}:SET\r\n${M}:WHICH\r\nC:\\Go\\bin\\go.exe\r\n${M}:CWD\r\nD:\\a\\repo\\go.exe\r\n${M}:END\r\n`
    expect(parseCmd(out, M)).toMatchObject({
      resolved: 'D:\\a\\repo\\go.exe',
      cwdHit: 'D:\\a\\repo\\go.exe',
    })
    const none = `${M}:PATH\r\nPath=C:\\Go\\bin\r\n${M}:WHICH\r\nC:\\Go\\bin\\go.exe\r\n${M}:CWD\r\n${M}:END\r\n`
    expect(parseCmd(none, M)).toMatchObject({ resolved: 'C:\\Go\\bin\\go.exe', cwdHit: undefined })
    expect(cmdShell.script(M)).toContain('if not defined NoDefaultCurrentDirectoryInExePath')
  })
  it("ignores cmd's own complaint when there is no go", () => {
    const out = `${M}:PATH\r\nPath=C:\\Windows\r\n${M}:SET\r\n${M}:WHICH\r\n\r\n${M}:GOENV\r\n'go' is not recognized as an internal or external command,\r\n\r\n${M}:GOENVEXIT:9009\r\n${M}:END\r\n`
    const v = parseCmd(out, M)
    expect(v).toMatchObject({ resolved: '', goEnvText: '', goEnvExit: null })
  })
  it('finds every go on a Windows PATH with PATHEXT (first hit first)', () => {
    const v = parseCmd(`${M}:PATH\r\nPath=C:\\a;C:\\Go\\bin;C:\\b\r\n${M}:END\r\n`, M)
    const files = new Set([
      'C:\\a\\go.bat',
      'C:\\Go\\bin\\go.exe',
      'C:\\b\\go.exe',
      'C:\\Go\\bin\\gofmt.exe',
    ])
    expect(
      hitsFor(v, cmdShell, { PATHEXT: '.COM;.EXE;.BAT' }, 'win32', (p) => files.has(p)),
    ).toEqual({
      go: ['C:\\a\\go.bat', 'C:\\Go\\bin\\go.exe', 'C:\\b\\go.exe'],
      gofmt: ['C:\\Go\\bin\\gofmt.exe'],
    })
  })
})

describe('pwsh: wrapper and parser', () => {
  it('wraps the probe like the runner and loads the profile (no -NoProfile)', () => {
    const s = pwshShell('win32')
    const script = s.script(M)
    expect(script.startsWith("$ErrorActionPreference = 'stop'\r\n")).toBe(true)
    expect(
      script
        .trimEnd()
        .endsWith('if ((Test-Path -LiteralPath variable:\\LASTEXITCODE)) { exit $LASTEXITCODE }'),
    ).toBe(true)
    expect(s.args("D:\\a\\_temp\\it's.ps1")).toEqual(['-command', ". 'D:\\a\\_temp\\it''s.ps1'"])
    expect(s.args('x').join(' ')).not.toMatch(/NoProfile/i)
  })
  it('reports a go function defined by a profile as what it is', () => {
    const out = `${M}:PATH\r\nC:\\x\r\n${M}:UNSET:GOROOT\r\n${M}:WHICH\r\nFunction go\r\n${M}:GOENV\r\n{}\r\n${M}:GOENVEXIT:0\r\n${M}:END\r\n`
    expect(parsePwsh(out, M)).toMatchObject({
      path: 'C:\\x',
      resolved: 'Function go',
      goEnvExit: 0,
    })
  })
})

describe('Git Bash (msys) parser and hits', () => {
  it('maps /c/... hits to Windows paths', () => {
    const out = [
      `${M}:PATH`,
      '/mingw64/bin:/usr/bin:/c/hostedtoolcache/windows/go/1.22.5/x64/bin',
      `${M}:HIT:go`,
      '/c/hostedtoolcache/windows/go/1.22.5/x64/bin/go.exe',
      `${M}:WHICH`,
      '/c/hostedtoolcache/windows/go/1.22.5/x64/bin/go',
      `${M}:END`,
      '',
    ].join('\n')
    const v = parsePosix(out, M)
    expect(hitsFor(v, bashShell('win32'), {}, 'win32')).toEqual({
      go: ['C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin\\go.exe'],
      gofmt: [],
    })
  })
})
