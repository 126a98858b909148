/**
 * Git Bash on a real windows-latest runner, from its documented behaviour (no Git Bash
 * here): Cygwin/MSYS `stat("…/bin/go")` succeeds when only go.exe exists, so the probe sees
 * both names, and `command -v go` prints the path without `.exe`. The transcript below is
 * what the probe prints there; it goes through the real parser, hit mapping and rules.
 */
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, linkSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { evaluate } from '../../src/check/rules/index.js'
import type { CheckInput } from '../../src/check/types.js'
import { exitCode } from '../../src/findings/exit-code.js'
import { bashShell, parsePosix, posixProbeScript } from '../../src/shells/posix.js'
import { ROOT, goEnv, input, posixTranscript, probeFromTranscript } from '../helpers/check-input.js'
import { writeExecutable } from '../helpers/machine.js'

const M = 'GPA0123456789abcdef'
const MSYS_PATH = [
  '/mingw64/bin',
  '/usr/bin',
  '/c/Users/runneradmin/bin',
  '/c/hostedtoolcache/windows/go/1.22.5/x64/bin',
  '/c/Users/runneradmin/go/bin',
  '/c/Program Files/PowerShell/7',
  '/c/Windows/system32',
  '/c/Program Files/Git/bin',
].join(':')

function transcript(hits: string[], which: string): string {
  const goEnvText = JSON.stringify(goEnv({ GOEXE: '.exe', GOTOOLCHAIN: 'local' }), null, '\t')
  return posixTranscript(M, { path: MSYS_PATH, hits, which, goEnvText })
}

function checkFrom(stdout: string): CheckInput {
  return input([probeFromTranscript(bashShell('win32'), M, stdout)])
}

const BIN = '/c/hostedtoolcache/windows/go/1.22.5/x64/bin'

describe("Git Bash on windows-latest (from Git for Windows' documented behaviour; no Git Bash here)", () => {
  it('a clean set-up: go.exe listed once, `command -v go` without .exe: no finding at all', () => {
    const c = checkFrom(transcript([`${BIN}/go.exe`, `${BIN}/gofmt.exe`], `${BIN}/go`))
    expect(c.probes[0].hits.go).toEqual([`${ROOT}\\bin\\go.exe`])
    expect(evaluate(c)).toEqual([])
    expect(exitCode(evaluate(c))).toBe(0)
  })

  it('`command -v go` without .exe is the exported go.exe (keys compare without the extension)', () => {
    // even a probe that listed only the extension-less twin agrees with the export
    const c = checkFrom(transcript([`${BIN}/go`], `${BIN}/go`))
    expect(evaluate(c).filter((f) => f.severity === 'error')).toEqual([])
  })

  it("another go in Git's own /usr/bin still wins and is named", () => {
    const c = checkFrom(transcript(['/usr/bin/go', `${BIN}/go.exe`], '/usr/bin/go'))
    const ids = evaluate(c).map((f) => `${f.severity}:${f.id}`)
    expect(ids).toContain('error:go-shadowed')
  })
})

describe('the POSIX probe lists a program and its .exe twin once (the -ef test, run for real)', () => {
  // On Linux a hard link is what MSYS's "go names go.exe" looks like to `test -ef`.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gpa-twin-'))
  const bin = path.join(dir, 'bin')
  writeExecutable(path.join(bin, 'go.exe'), '#!/bin/sh\necho twin\n')
  linkSync(path.join(bin, 'go.exe'), path.join(bin, 'go'))
  const other = path.join(dir, 'other')
  for (const n of ['go', 'go.exe']) writeExecutable(path.join(other, n), '#!/bin/sh\necho other\n')

  it.each([['bash'], ['sh'], ['zsh']])(
    '%s: one hit for a twin, two for distinct files',
    (shell) => {
      const script = path.join(dir, `probe-${shell}.sh`)
      writeFileSync(script, posixProbeScript(M))
      const r = spawnSync(shell, [script], {
        env: { PATH: `${bin}:${other}:/usr/bin:/bin` },
        encoding: 'utf8',
      })
      expect(r.stderr).toBe('')
      const view = parsePosix({ stdout: r.stdout, stderr: '' }, M)
      expect(view.hits!.go.filter((h) => h.startsWith(dir))).toEqual([
        path.join(bin, 'go.exe'),
        path.join(other, 'go'),
        path.join(other, 'go.exe'),
      ])
    },
  )
})
