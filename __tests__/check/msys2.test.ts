/**
 * msys2 steps and Git Bash login shells, from documented behaviour (no MSYS2 here):
 * setup-msys2's wrapper (`IF NOT DEFINED MSYS2_PATH_TYPE set MSYS2_PATH_TYPE=<path-type>`,
 * `bash.exe -leo pipefail %*`, MSYSTEM exported) and MSYS2's /etc/profile (`minimal` keeps
 * only Windows' System32, Windows, Wbem and WindowsPowerShell folders, `strict` none,
 * `inherit` the Windows PATH or an ORIGINAL_PATH already in the environment; then
 * `/<msystem>/bin` and MSYS2's own folders first). The transcripts are what the probe prints
 * there; they go through the real parser, hit mapping and rules. The probe script itself
 * runs under real bash at the end, with MSYS2's variables and a cygpath of its own.
 */
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ShellName } from '../../src/base/types.js'
import { evaluate } from '../../src/check/rules/index.js'
import type { CheckInput } from '../../src/check/types.js'
import { exitCode } from '../../src/findings/exit-code.js'
import { adapterFor, autoShells } from '../../src/shells/adapters.js'
import { msys2PathType, msys2Shell } from '../../src/shells/msys2.js'
import { bashShell, parsePosix } from '../../src/shells/posix.js'
import { startLine } from '../../src/shells/launch.js'
import type { LaunchMode } from '../../src/base/types.js'
import type { ProbeResult } from '../../src/shells/types.js'
import { writeExecutable } from '../helpers/machine.js'
import {
  GOPATH,
  ROOT,
  goEnv,
  input,
  posixTranscript,
  probeFromTranscript,
} from '../helpers/check-input.js'

const M = 'GPA0123456789abcdef'
const BIN = '/c/hostedtoolcache/windows/go/1.22.5/x64/bin'
const WINDOWS_OWN =
  '/c/Windows/System32:/c/Windows:/c/Windows/System32/Wbem:/c/Windows/System32/WindowsPowerShell/v1.0/'
const PERL = '/usr/bin/site_perl:/usr/bin/vendor_perl:/usr/bin/core_perl'
/** PATH as MSYS2's /etc/profile builds it for UCRT64 under each path type. */
const PATHS = {
  minimal: `/ucrt64/bin:/usr/local/bin:/usr/bin:/bin:${WINDOWS_OWN}:${PERL}`,
  strict: `/ucrt64/bin:/usr/local/bin:/usr/bin:/bin:${PERL}`,
  inherit: `/ucrt64/bin:/usr/local/bin:/usr/bin:/bin:${BIN}:/c/Users/runneradmin/go/bin:/c/Windows/system32:${PERL}`,
}

interface Said {
  path: string
  pathType: string | null
  msystem?: string
  hits?: string[]
  which?: string
  goEnv?: Record<string, string>
}

function transcript(s: Said): string {
  return posixTranscript(M, {
    path: s.path,
    hits: s.hits ?? [],
    which: s.which ?? '',
    goEnvText: s.goEnv ? JSON.stringify(goEnv(s.goEnv), null, '\t') : undefined,
    extra: [
      `${M}:MSYSTEM`,
      s.msystem ?? 'UCRT64',
      ...(s.pathType === null ? [] : [`${M}:MSYS2_PATH_TYPE`, s.pathType]),
      `${M}:MSYSROOT`,
      s.msystem === 'MINGW64' ? 'C:/Program Files/Git' : 'C:/msys64',
    ],
  })
}

const WIN_STARTED = `${ROOT}\\bin;${GOPATH}\\bin;C:\\Windows\\system32`

function checkFrom(
  shell: ShellName,
  said: Said,
  o: {
    requested?: CheckInput['requested']
    mode?: LaunchMode
    started?: ProbeResult['started']
    audience?: CheckInput['audience']
  } = {},
): CheckInput {
  const adapter = shell === 'msys2' ? msys2Shell : bashShell('win32')
  const probe = probeFromTranscript(adapter, M, transcript(said), {
    mode: o.mode ?? 'runner',
    started: o.started ?? { path: WIN_STARTED, originalPath: null },
  })
  return {
    ...input([probe]),
    requested: o.requested ?? [shell],
    ...(o.audience ? { audience: o.audience } : {}),
  }
}

const ids = (c: CheckInput) => evaluate(c).map((f) => `${f.severity}:${f.id}:${f.shells}`)

describe('msys2 steps under each path-type (documented behaviour: setup-msys2, MSYS2 /etc/profile; no MSYS2 here)', () => {
  it('path-type minimal (the default): the exported Go is absent, one finding says why, exit 1', () => {
    const c = checkFrom('msys2', { path: PATHS.minimal, pathType: 'minimal' })
    const found = evaluate(c)
    expect(ids(c)).toEqual(['error:msys2-path-type:msys2'])
    expect(found[0].message).toBe(
      `msys2: MSYS2_PATH_TYPE=minimal keeps only Windows' own System32, Windows, Wbem and WindowsPowerShell folders of the Windows PATH, so ${ROOT}\\bin is not on PATH (no go on PATH, MSYSTEM=UCRT64)`,
    )
    expect(found[0].hint).toMatch(/path-type: inherit/)
    expect(found[0].hint).toMatch(/\/ucrt64\/bin\/go/)
    expect(exitCode(found)).toBe(1)
  })

  it('under shells: auto the same is a warning (a job may use msys2 for gcc alone)', () => {
    const c = checkFrom(
      'msys2',
      { path: PATHS.minimal, pathType: 'minimal' },
      { requested: 'auto' },
    )
    expect(ids(c)).toEqual(['warning:msys2-path-type:msys2'])
    expect(exitCode(evaluate(c))).toBe(0)
  })

  it('MSYS2_PATH_TYPE unset: MSYS2 follows minimal, and the message says it was unset', () => {
    const c = checkFrom('msys2', { path: PATHS.minimal, pathType: null })
    expect(evaluate(c)[0].message).toMatch(/MSYS2_PATH_TYPE=minimal \(unset\) keeps only/)
  })

  it('path-type strict keeps none of the Windows PATH', () => {
    const c = checkFrom('msys2', { path: PATHS.strict, pathType: 'strict' })
    expect(ids(c)).toEqual(['error:msys2-path-type:msys2'])
    expect(evaluate(c)[0].message).toMatch(/MSYS2_PATH_TYPE=strict keeps none of the Windows PATH/)
  })

  it("MSYS2's own Go from pacman (/ucrt64/bin/go) is a go like any other, named by its Windows path", () => {
    const c = checkFrom('msys2', {
      path: PATHS.minimal,
      pathType: 'minimal',
      hits: ['/ucrt64/bin/go.exe', '/ucrt64/bin/gofmt.exe'],
      which: '/ucrt64/bin/go',
      goEnv: { GOROOT: 'C:/msys64/ucrt64/lib/go', GOVERSION: 'go1.23.4' },
    })
    expect(c.probes[0].runs).toBe('C:\\msys64\\ucrt64\\bin\\go')
    expect(c.probes[0].hits.go).toEqual(['C:\\msys64\\ucrt64\\bin\\go.exe'])
    const found = evaluate(c)
    expect(found.map((f) => f.id)).toContain('msys2-path-type')
    expect(found.find((f) => f.id === 'msys2-path-type')!.message).toMatch(
      /go is C:\\msys64\\ucrt64\\bin\\go, MSYSTEM=UCRT64/,
    )
    // the path type is the cause: no go-other or gopath-bin-missing beside it
    expect(found.map((f) => f.id)).not.toContain('go-other')
    expect(found.map((f) => f.id)).not.toContain('gopath-bin-missing')
  })

  it('path-type inherit: MSYS2 sees the exported Go first after its own folders: no finding', () => {
    const c = checkFrom('msys2', {
      path: PATHS.inherit,
      pathType: 'inherit',
      hits: [`${BIN}/go.exe`, `${BIN}/gofmt.exe`],
      which: `${BIN}/go`,
      goEnv: { GOEXE: '.exe', GOTOOLCHAIN: 'local' },
    })
    expect(evaluate(c)).toEqual([])
  })

  it('path-type inherit with an ORIGINAL_PATH already in the environment: that one wins and is named', () => {
    const c = checkFrom(
      'msys2',
      {
        path: `/ucrt64/bin:/usr/local/bin:/usr/bin:/bin:/c/Windows/system32:${PERL}`,
        pathType: 'inherit',
      },
      { started: { path: WIN_STARTED, originalPath: '/c/Windows/system32' } },
    )
    expect(ids(c)).toEqual(['error:original-path-inherited:msys2'])
    expect(evaluate(c)[0].message).toBe(
      `msys2: the shell started with ${ROOT}\\bin on PATH, but /etc/profile kept the ORIGINAL_PATH it inherited, which lacks it (no go on PATH)`,
    )
  })

  it('an inherited ORIGINAL_PATH that holds the exported Go is no cause: the usual finding instead', () => {
    const c = checkFrom(
      'msys2',
      { path: `/ucrt64/bin:/usr/bin:/c/Windows/system32`, pathType: 'inherit' },
      { started: { path: WIN_STARTED, originalPath: `${ROOT}\\bin;C:\\Windows\\system32` } },
    )
    expect(ids(c)).toEqual(['error:go-missing:msys2', 'error:gopath-bin-missing:msys2'])
  })
})

describe("Git Bash login shells and ORIGINAL_PATH (documented behaviour: Git for Windows' /etc/profile; no Git Bash here)", () => {
  const said: Said = {
    path: '/mingw64/bin:/usr/bin:/c/Users/me/bin:/c/Windows/system32',
    pathType: null,
    msystem: 'MINGW64',
  }
  const stale = { path: WIN_STARTED, originalPath: 'C:\\Windows\\system32' }

  it('a new Git Bash terminal (login) that inherits a stale ORIGINAL_PATH: named as the cause', () => {
    const c = checkFrom('bash', said, { mode: 'terminal', started: stale, audience: 'terminal' })
    expect(ids(c)).toEqual(['error:original-path-inherited:bash'])
    expect(evaluate(c)[0].hint).toMatch(
      /Remove ORIGINAL_PATH from the environment a new terminal gets/,
    )
  })

  it('a Git Bash step (--noprofile --norc) never reads /etc/profile: ORIGINAL_PATH is no cause there', () => {
    const c = checkFrom('bash', said, { started: stale })
    expect(ids(c)).toEqual(['error:go-missing:bash', 'error:gopath-bin-missing:bash'])
  })

  it("Git's profile follows inherit when MSYS2_PATH_TYPE is unset; minimal there is named too", () => {
    const c = checkFrom('bash', { ...said, pathType: 'minimal' }, { mode: 'terminal' })
    expect(ids(c)).toEqual(['error:msys2-path-type:bash'])
  })
})

describe('the msys2 adapter', () => {
  it('is a Windows runner step only; auto has it on Windows runners, not in terminals', () => {
    expect(adapterFor('msys2', 'win32')).toBe(msys2Shell)
    expect(adapterFor('msys2', 'win32', 'terminal')).toBeNull()
    expect(adapterFor('msys2', 'linux')).toBeNull()
    expect(autoShells('win32', 'runner')).toContain('msys2')
    expect(autoShells('win32', 'terminal')).not.toContain('msys2')
    expect(autoShells('linux', 'runner')).not.toContain('msys2')
  })

  it.each([
    ['minimal', 'minimal'],
    ['strict', 'strict'],
    ['inherit', 'inherit'],
    [null, 'minimal'],
    ['full', 'minimal'],
  ])(
    "MSYS2_PATH_TYPE=%s is followed as %s (anything else is the profile's default case)",
    (v, t) => {
      expect(msys2PathType(v)).toBe(t)
    },
  )

  it.each([
    [null, 'inherit'],
    ['', 'inherit'],
    ['minimal', 'minimal'],
    ['strict', 'strict'],
    ['full', 'minimal'],
  ])(
    "Git for Windows' profile: MSYS2_PATH_TYPE=%s is followed as %s (unset or empty: its default, inherit; anything else: its `*)` case)",
    (v, t) => {
      expect(msys2PathType(v, 'inherit')).toBe(t)
    },
  )

  it('starts the wrapper batch file as Windows does for the runner: %ComSpec% /s /c, the line quoted whole', () => {
    const env = { ComSpec: 'C:\\Windows\\system32\\cmd.exe' }
    expect(
      startLine(
        'D:\\a\\_temp\\setup-msys2\\msys2.cmd',
        ['D:\\a\\_temp\\probe msys2.sh'],
        env,
        'win32',
      ),
    ).toEqual({
      file: 'C:\\Windows\\system32\\cmd.exe',
      args: ['/s', '/c', '""D:\\a\\_temp\\setup-msys2\\msys2.cmd" "D:\\a\\_temp\\probe msys2.sh""'],
      verbatim: true,
    })
    expect(startLine('C:\\Program Files\\Git\\bin\\bash.exe', ['x.sh'], env, 'win32')).toEqual({
      file: 'C:\\Program Files\\Git\\bin\\bash.exe',
      args: ['x.sh'],
      verbatim: false,
    })
  })
})

describe("the probe's MSYS records, run for real under bash with MSYS2's variables and a cygpath", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gpa-msys-'))
  const bin = path.join(dir, 'bin')
  // cygpath -m / as MSYS2 answers it
  writeExecutable(path.join(bin, 'cygpath'), '#!/bin/sh\n[ "$1 $2" = "-m /" ] && echo C:/msys64\n')
  const run = (env: Record<string, string>) => {
    const script = path.join(dir, 'probe.sh')
    writeFileSync(script, msys2Shell.script(M, { mode: 'runner' }))
    const r = spawnSync('bash', ['-eo', 'pipefail', script], {
      env: { PATH: `${bin}:/usr/bin:/bin`, ...env },
      encoding: 'utf8',
    })
    expect(r.stderr).toBe('')
    return parsePosix({ stdout: r.stdout, stderr: '' }, M)
  }

  it('MSYSTEM, MSYS2_PATH_TYPE and the root are read', () => {
    expect(run({ MSYSTEM: 'UCRT64', MSYS2_PATH_TYPE: 'minimal' }).msys).toEqual({
      msystem: 'UCRT64',
      pathType: 'minimal',
      root: 'C:/msys64',
    })
  })

  it('MSYS2_PATH_TYPE unset is null; outside MSYS (no MSYSTEM) there is no record at all', () => {
    expect(run({ MSYSTEM: 'MINGW64' }).msys).toEqual({
      msystem: 'MINGW64',
      pathType: null,
      root: 'C:/msys64',
    })
    expect(run({}).msys).toBeUndefined()
  })
})
