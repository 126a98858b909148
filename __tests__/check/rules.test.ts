import { describe, expect, it } from '@jest/globals'
import { evaluate, RULES } from '../../src/check/rules/index.js'
import { buildSights, isGitBashDir } from '../../src/check/sight.js'
import type { CheckInput, ModuleFacts } from '../../src/check/types.js'
import { finding, type Finding } from '../../src/findings/catalog.js'
import { exitCode, verdict } from '../../src/findings/exit-code.js'
import { parseGoMod } from '../../src/go/gomod.js'
import { parseWslConf } from '../../src/shells/wsl-conf.js'
import type { ProbeResult } from '../../src/shells/types.js'
import {
  GO,
  GOPATH,
  ROOT,
  WIN_PATH,
  goEnv,
  input,
  missing,
  probe,
  type ProbeOver,
} from '../helpers/check-input.js'

const modules = (text: string, over: Partial<ModuleFacts> = {}): ModuleFacts => {
  const mod = parseGoMod(text)
  return {
    goMod: 'go.mod',
    mod,
    goSum: 'go.sum',
    goSumPresent: true,
    requires: mod.requires.map((r) => ({ ...r, file: 'go.mod' })),
    missingSums: [],
    ...over,
  }
}

export const summary = (fs: Finding[]) =>
  fs.map((f) => `${f.severity}:${f.id}:${f.category}:${f.shells.join('+')}`)
const consistent = [probe('cmd'), probe('pwsh'), probe('powershell'), probe('bash')]

const table: Array<[string, CheckInput, string[], 0 | 1 | 2 | 3]> = [
  ['consistent windows-latest: cmd, pwsh, powershell, Git Bash', input(consistent), [], 0],
  [
    'pwsh profile puts another Go first: one cause, one finding (its GOROOT is not reported again)',
    input([
      probe('cmd'),
      probe('pwsh', {
        hits: { go: ['C:\\Go\\bin\\go.exe', GO], gofmt: [] },
        resolved: 'C:\\Go\\bin\\go.exe',
        goEnv: goEnv({ GOROOT: 'C:\\Go', GOVERSION: 'go1.21.0' }),
      }),
    ]),
    ['error:go-shadowed:config:pwsh', 'notice:go-several:config:pwsh'],
    1,
  ],
  [
    'go missing from cmd',
    input([
      probe('cmd', {
        hits: { go: [], gofmt: [] },
        goEnv: undefined,
        path: ['C:\\Windows\\system32'],
        view: { goEnvText: '', goEnvExit: null, goStarted: false },
      }),
    ]),
    ['error:go-missing:config:cmd', 'error:gopath-bin-missing:config:cmd'],
    1,
  ],
  [
    "cmd's 9009 is no go (config), not a failing go (toolchain)",
    input([
      probe('cmd', {
        runs: undefined,
        goEnv: undefined,
        view: { goNotFound: true, goEnvExit: null, goEnvText: '' },
      }),
    ]),
    ['error:go-missing:config:cmd'],
    1,
  ],
  [
    'another Go and the exported one absent',
    input([
      probe('cmd', {
        hits: { go: ['C:\\Go\\bin\\go.exe'], gofmt: [] },
        path: ['C:\\Go\\bin', `${GOPATH}\\bin`],
      }),
    ]),
    ['error:go-other:config:cmd'],
    1,
  ],
  [
    'a pwsh function named go',
    input([probe('pwsh', { resolved: 'Function go', runs: undefined })]),
    ['error:go-not-a-program:config:pwsh'],
    1,
  ],
  [
    'cmd: a go.com beside go.exe in GOROOT\\bin runs first (PATHEXT order within a folder)',
    input([probe('cmd', { hits: { go: [`${ROOT}\\bin\\go.com`, GO], gofmt: [] } })]),
    ['error:go-shadowed:config:cmd', 'notice:go-several:config:cmd'],
    1,
  ],
  [
    'two programs in one folder are no repeated folder (go.com and go.cmd)',
    input([
      probe('cmd', {
        path: ['C:\\x', ...WIN_PATH],
        hits: { go: ['C:\\x\\go.com', 'C:\\x\\go.cmd', GO], gofmt: [] },
      }),
    ]),
    ['error:go-shadowed:config:cmd', 'notice:go-several:config:cmd'],
    1,
  ],
  [
    "Git Bash: a go in Git's own usr/bin wins",
    input([
      probe('cmd'),
      probe('bash', { hits: { go: ['/usr/bin/go', GO], gofmt: [] }, resolved: '/usr/bin/go' }),
    ]),
    ['error:go-shadowed:config:bash', 'notice:go-several:config:bash'],
    1,
  ],
  [
    'Git Bash: a native C:\\ GOROOT is never converted by MSYS',
    input([probe('bash', { env: { GOROOT: ROOT }, goEnv: goEnv() })]),
    [],
    0,
  ],
  [
    'Git Bash: GOROOT exported in /c/ form reaches go.exe as C:/ (the same folder)',
    input([
      probe('bash', {
        env: { GOROOT: '/c/hostedtoolcache/windows/go/1.22.5/x64' },
        goEnv: goEnv({ GOROOT: 'C:/hostedtoolcache/windows/go/1.22.5/x64' }),
      }),
    ]),
    [],
    0,
  ],
  [
    "Git Bash: a Unix-form GOROOT is rewritten under Git's folder for go.exe: goroot-mismatch says so",
    input([
      probe('bash', {
        env: { GOROOT: '/opt/go' },
        goEnv: goEnv({ GOROOT: 'C:/Program Files/Git/opt/go' }),
      }),
    ]),
    ['error:goroot-mismatch:config:bash'],
    1,
  ],
  [
    'cmd: a go.exe in the working directory runs before PATH',
    input([probe('cmd', { runs: 'D:\\a\\repo\\go.exe', cwdHit: 'D:\\a\\repo\\go.exe' })]),
    ['error:go-in-workdir:config:cmd'],
    1,
  ],
  [
    'GOTOOLCHAIN not exported into one shell',
    input([probe('cmd'), probe('bash', { env: { GOTOOLCHAIN: null } })]),
    ['error:gotoolchain-mismatch:config:bash'],
    1,
  ],
  [
    'GOTOOLCHAIN inherited is not checked, whatever each shell has',
    input(
      [
        probe('bash', { env: { GOTOOLCHAIN: null } }),
        probe('cmd', { env: { GOTOOLCHAIN: 'auto' } }),
      ],
      { expected: { ...input([]).expected, gotoolchain: null } },
    ),
    [],
    0,
  ],
  [
    'an empty GOPATH from go env is compared (Go would use none), not skipped',
    input([probe('cmd', { goEnv: goEnv({ GOPATH: '' }) })]),
    ['error:gopath-mismatch:config:cmd'],
    1,
  ],
  [
    'a folder without a go written twice is no path-duplicate (only folders that hold go)',
    input([probe('cmd', { path: [...WIN_PATH, 'C:\\Windows\\system32'] })]),
    [],
    0,
  ],
  [
    'GOPATH from a stale machine variable in cmd',
    input([probe('cmd', { goEnv: goEnv({ GOPATH: 'D:\\gopath' }) })]),
    ['error:gopath-mismatch:config:cmd'],
    1,
  ],
  [
    'the same folder twice (spelled differently) is a warning only',
    input([
      probe('cmd', {
        path: [...WIN_PATH, 'c:/hostedtoolcache/windows/go/1.22.5/x64/bin/'],
        hits: { go: [GO, 'c:/hostedtoolcache/windows/go/1.22.5/x64/bin/go.exe'], gofmt: [] },
      }),
    ]),
    ['warning:path-duplicate:config:cmd'],
    0,
  ],
  [
    'go that fails in cmd',
    input([
      probe('cmd', {
        view: { goEnvText: 'boom', goEnvExit: 1 },
        goEnv: undefined,
        goEnvError: 'boom',
      }),
    ]),
    ['error:go-fails:toolchain:cmd'],
    2,
  ],
  [
    'GOTOOLCHAIN switched the version in every shell: one finding for one cause',
    input([probe('cmd', { goEnv: goEnv({ GOVERSION: 'go1.23.1' }) })], {
      toolchain: {
        goEnv: { ok: true, goVersion: 'go1.23.1' },
        pkgTool: { ok: true, dir: 'x' },
        gofmt: { ok: true },
        vet: { ok: true },
      },
    }),
    ['error:version-not-installed:toolchain:cmd'],
    2,
  ],
  [
    'an experiment suffix and the pre-1.21 name are the same version (go1.20 is 1.20.0)',
    input([probe('cmd', { goEnv: goEnv({ GOVERSION: 'go1.20 X:boringcrypto' }) })], {
      expected: { ...input([]).expected, version: '1.20.0' },
      toolchain: {
        goEnv: { ok: true, goVersion: 'go1.20' },
        pkgTool: { ok: true, dir: 'x' },
        gofmt: { ok: true },
        vet: { ok: true },
      },
    }),
    [],
    0,
  ],
  [
    'GOROOT without pkg/tool, gofmt and vet broken',
    input([probe('cmd')], {
      toolchain: {
        goEnv: { ok: true, goVersion: 'go1.22.5' },
        pkgTool: { ok: false, dir: 'pkg\\tool\\windows_amd64' },
        gofmt: { ok: false, detail: 'exit 1' },
        vet: { ok: false },
      },
    }),
    [
      'error:pkg-tool-missing:toolchain:',
      'error:gofmt-fails:toolchain:',
      'error:vet-missing:toolchain:',
    ],
    2,
  ],
  [
    'a go env -w GOROOT fighting the export, plus a harmless GOFLAGS',
    input([probe('cmd')], {
      goEnvFile: {
        path: 'C:\\Users\\runneradmin\\AppData\\Roaming\\go\\env',
        values: {
          GOROOT: { value: 'C:\\Go', line: 1 },
          GOFLAGS: { value: '-mod=mod', line: 2 },
          GOPATH: { value: 'c:/users/runneradmin/go', line: 3 },
        },
      },
    }),
    ['error:goenv-file-conflict:config:', 'warning:goenv-file-conflict:config:'],
    1,
  ],
  [
    "a CRLF go env file: the \\r Go keeps makes an 'equal' GOROOT another folder",
    input([probe('cmd')], {
      goEnvFile: {
        path: 'C:\\Users\\runneradmin\\AppData\\Roaming\\go\\env',
        values: { GOROOT: { value: `${ROOT}\r`, line: 1 } },
      },
    }),
    ['error:goenv-file-conflict:config:'],
    1,
  ],
  [
    'PATH near and over the cmd limit',
    input([
      // long PATHs that still hold the exported folders: only their length is at fault
      probe('cmd', {
        view: { path: `${WIN_PATH.join(';')};${'x'.repeat(7500 - WIN_PATH.join(';').length - 1)}` },
      }),
      probe('pwsh', {
        view: { path: `${WIN_PATH.join(';')};${'x'.repeat(9000 - WIN_PATH.join(';').length - 1)}` },
      }),
    ]),
    ['error:path-too-long:config:pwsh', 'warning:path-near-limit:config:cmd'],
    1,
  ],
  [
    'shells: auto with no WSL is a notice',
    input([missing('wsl', 'no distribution')]),
    ['notice:shell-missing:config:wsl'],
    0,
  ],
  [
    'a shell named in shells but missing',
    input([missing('zsh')], { requested: ['zsh'] }),
    ['error:shell-missing:config:zsh'],
    1,
  ],
  [
    'a hanging go vs a hanging shell: only the go env record header means go hung',
    input([
      { ...probe('cmd'), status: 'timeout', detail: 'timed out after 60000 ms' },
      // a shell that hung after printing its env records (ENV:GOENV, UNSET:GOENV) was not running go
      {
        ...probe('pwsh', { view: { goStarted: false } }),
        status: 'timeout',
        detail: 'timed out after 60000 ms',
        stdout: 'GPAx:ENV:GOENV\nC:\\x\nGPAx:UNSET:GOENV\n',
      },
    ]),
    ['error:go-timeout:toolchain:cmd', 'error:shell-timeout:config:pwsh'],
    1,
  ],
  [
    'a profile that printed an error but let the step run is a warning',
    input([
      probe('pwsh', {
        startupErrors: 'Exception: C:\\Users\\x\\Documents\\PowerShell\\profile.ps1:1',
      }),
    ]),
    ['warning:shell-startup-error:config:pwsh'],
    0,
  ],
  [
    'go.mod newer than the Go set up under GOTOOLCHAIN=local, and a stale go.sum',
    input([probe('cmd')], {
      modules: modules('module x\ngo 1.23\nrequire a.b/c v1.0.0\n', {
        missingSums: [{ path: 'a.b/c', version: 'v1.0.0', line: 3, file: 'go.mod' }],
        verify: { ok: false, detail: 'a.b/c v1.0.0: dir has been modified' },
      }),
    }),
    ['error:gomod-newer:config:', 'error:gosum-stale:module:', 'error:mod-verify-failed:module:'],
    1,
  ],
  [
    'a huge go line is compared as Go compares it (no crash)',
    input([probe('cmd')], {
      modules: modules('module x\ngo 1.99999999999999999999\n', { verify: { ok: true } }),
    }),
    ['error:gomod-newer:config:'],
    1,
  ],
  [
    'a toolchain line newer than the Go set up: Go builds with the older one (a warning)',
    input([probe('cmd')], {
      modules: modules('module x\ngo 1.21\ntoolchain go1.23.1\n', { verify: { ok: true } }),
    }),
    ['warning:gomod-newer:config:'],
    0,
  ],
  [
    'the toolchain line the action itself set up from is no finding',
    input([probe('cmd')], {
      modules: modules('module x\ngo 1.21\ntoolchain go1.22.5\n', { verify: { ok: true } }),
    }),
    [],
    0,
  ],
  [
    'Go cannot read go.mod: what Go said, at its line (not "clean the module cache")',
    input([probe('cmd')], {
      modules: modules('module x\ngo 1.21\ntoolchain go1.22.4\n', {
        verify: {
          ok: false,
          detail:
            'go: errors parsing go.mod: / D:\\a\\repo\\go.mod:3: unknown directive: toolchain',
        },
      }),
    }),
    ['error:gomod-invalid:module:'],
    3,
  ],
  [
    'only module findings: exit code 3',
    input([probe('cmd')], {
      modules: modules('module x\ngo 1.22\nrequire a.b/c v1.0.0\n', { goSumPresent: false }),
    }),
    ['error:gosum-missing:module:'],
    3,
  ],
  [
    'documented behaviour (actions/runner#216): bash found in System32 is the WSL launcher; the step script is not found; bash named in shells',
    input(
      [
        probe('cmd'),
        {
          ...missing('bash'),
          status: 'failed',
          executable: 'C:\\WINDOWS\\system32\\bash.EXE',
          detail:
            'exit code 1: /bin/bash: E:SourceGithubrunner_layout_work_temp4d150768-4ef5-4b8b-a310-3effbd9ac7aa.sh: No such file or directory',
        },
      ],
      { requested: ['cmd', 'bash'] },
    ),
    ['error:bash-is-wsl-launcher:config:bash'],
    1,
  ],
  [
    'documented behaviour (actions/runner-images#12646): the WSL placeholder with no distribution, under shells: auto, is a warning',
    input([
      probe('cmd'),
      {
        ...missing('bash'),
        status: 'failed',
        executable: 'C:\\Windows\\System32\\bash.exe',
        detail: 'exit code 1: Windows Subsystem for Linux has no installed distributions.',
      },
    ]),
    ['warning:bash-is-wsl-launcher:config:bash'],
    0,
  ],
]

/** What each row's findings say, in order (reviewed once; a changed word is a changed test). */
const MESSAGES: Record<string, string[]> = {
  'documented behaviour (actions/runner#216): bash found in System32 is the WSL launcher; the step script is not found; bash named in shells':
    [
      'bash: the bash found on PATH is C:\\WINDOWS\\system32\\bash.EXE, the WSL launcher, not Git Bash (the probe failed: exit code 1: /bin/bash: E:SourceGithubrunner_layout_work_temp4d150768-4ef5-4b8b-a310-3effbd9ac7aa.sh: No such file or directory)',
    ],
  'documented behaviour (actions/runner-images#12646): the WSL placeholder with no distribution, under shells: auto, is a warning':
    [
      'bash: the bash found on PATH is C:\\Windows\\System32\\bash.exe, the WSL launcher, not Git Bash (the probe failed: exit code 1: Windows Subsystem for Linux has no installed distributions.)',
    ],
  'consistent windows-latest: cmd, pwsh, powershell, Git Bash': [],
  'pwsh profile puts another Go first: one cause, one finding (its GOROOT is not reported again)': [
    'pwsh: C:\\Go\\bin\\go.exe comes before the exported C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin\\go.exe on PATH',
    'pwsh: 2 different go programs on PATH: C:\\Go\\bin\\go.exe, C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin\\go.exe',
  ],
  'go missing from cmd': [
    'cmd: no go on PATH',
    'GOPATH/bin (C:\\Users\\runneradmin\\go\\bin) is not on PATH in cmd: tools installed with `go install` will not be found',
  ],
  "cmd's 9009 is no go (config), not a failing go (toolchain)": [
    'cmd: no go on PATH (cmd answered "\'go\' is not recognized")',
  ],
  'another Go and the exported one absent': [
    'cmd: go is C:\\Go\\bin\\go.exe, and the exported C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin\\go.exe is not on PATH at all',
  ],
  'a pwsh function named go': [
    'pwsh: `go` is a Function go, not the program C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin\\go.exe',
  ],
  'cmd: a go.com beside go.exe in GOROOT\\bin runs first (PATHEXT order within a folder)': [
    'cmd: C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin\\go.com comes before the exported C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin\\go.exe in the same folder (PATHEXT lists its extension first)',
    'cmd: 2 different go programs on PATH: C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin\\go.com, C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin\\go.exe',
  ],
  'two programs in one folder are no repeated folder (go.com and go.cmd)': [
    'cmd: C:\\x\\go.com comes before the exported C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin\\go.exe on PATH',
    'cmd: 3 different go programs on PATH: C:\\x\\go.com, C:\\x\\go.cmd, C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin\\go.exe',
  ],
  "Git Bash: a go in Git's own usr/bin wins": [
    'bash: /usr/bin/go comes before the exported C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin\\go.exe on PATH',
    'bash: 2 different go programs on PATH: /usr/bin/go, C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin\\go.exe',
  ],
  'Git Bash: a native C:\\ GOROOT is never converted by MSYS': [],
  'Git Bash: GOROOT exported in /c/ form reaches go.exe as C:/ (the same folder)': [],
  "Git Bash: a Unix-form GOROOT is rewritten under Git's folder for go.exe: goroot-mismatch says so":
    [
      "GOROOT differs from the exported value in bash (bash: C:/Program Files/Git/opt/go; Git Bash has /opt/go, a Unix-form value MSYS rewrites under Git's own folder when it starts go.exe: export it as a native C:\\ path)",
    ],
  'cmd: a go.exe in the working directory runs before PATH': [
    'cmd: D:\\a\\repo\\go.exe in the working directory runs instead of the exported C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin\\go.exe',
  ],
  'GOTOOLCHAIN not exported into one shell': ['GOTOOLCHAIN is not "local" in bash ("unset")'],
  'GOTOOLCHAIN inherited is not checked, whatever each shell has': [],
  'an empty GOPATH from go env is compared (Go would use none), not skipped': [
    'GOPATH differs from the exported value in cmd (cmd: (empty))',
  ],
  'a folder without a go written twice is no path-duplicate (only folders that hold go)': [],
  'GOPATH from a stale machine variable in cmd': [
    'GOPATH differs from the exported value in cmd (cmd: D:\\gopath)',
  ],
  'the same folder twice (spelled differently) is a warning only': [
    'cmd: a folder holding go is on PATH more than once (C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin)',
  ],
  'go that fails in cmd': ['cmd: `go env` failed (exit 1): boom'],
  'GOTOOLCHAIN switched the version in every shell: one finding for one cause': [
    'The exported go reports another version than 1.22.5 (the tree: go1.23.1; cmd: go1.23.1)',
  ],
  'an experiment suffix and the pre-1.21 name are the same version (go1.20 is 1.20.0)': [],
  'GOROOT without pkg/tool, gofmt and vet broken': [
    'GOROOT C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64 has no pkg\\tool\\windows_amd64',
    'gofmt in GOROOT/bin does not work: exit 1',
    'go vet is not available',
  ],
  'a go env -w GOROOT fighting the export, plus a harmless GOFLAGS': [
    '`go env -w GOROOT="C:\\\\Go"` in C:\\Users\\runneradmin\\AppData\\Roaming\\go\\env fights the exported GOROOT=C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64; any shell without the exported variable gets the file\'s value',
    '`go env -w GOFLAGS="-mod=mod"` in C:\\Users\\runneradmin\\AppData\\Roaming\\go\\env applies to every shell of this user',
  ],
  "a CRLF go env file: the \\r Go keeps makes an 'equal' GOROOT another folder": [
    '`go env -w GOROOT="C:\\\\hostedtoolcache\\\\windows\\\\go\\\\1.22.5\\\\x64\\r"` in C:\\Users\\runneradmin\\AppData\\Roaming\\go\\env fights the exported GOROOT=C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64 (it ends with a carriage return, which Go keeps as part of the value (the file has CRLF line ends)); any shell without the exported variable gets the file\'s value',
  ],
  'PATH near and over the cmd limit': [
    "pwsh: PATH is 9000 characters, over cmd's 8191-character line limit",
    "cmd: PATH is 7500 characters, near cmd's 8191 limit",
  ],
  'shells: auto with no WSL is a notice': ['wsl: no distribution (skipped under shells: auto)'],
  'a shell named in shells but missing': ['zsh: not available'],
  'a hanging go vs a hanging shell: only the go env record header means go hung': [
    'cmd: `go env` did not answer (timed out after 60000 ms)',
    'pwsh: the shell did not finish its probe (timed out after 60000 ms); its whole process tree was stopped',
  ],
  'a profile that printed an error but let the step run is a warning': [
    "pwsh: the shell printed an error while starting, before the step's own script: Exception: C:\\Users\\x\\Documents\\PowerShell\\profile.ps1:1",
  ],
  'go.mod newer than the Go set up under GOTOOLCHAIN=local, and a stale go.sum': [
    'go.mod asks for go 1.23 but Go 1.22.5 is set up and GOTOOLCHAIN=local forbids switching: the go command refuses to build it',
    'go.sum has no entry for a.b/c v1.0.0 required by go.mod',
    'go mod verify failed: a.b/c v1.0.0: dir has been modified',
  ],
  'a huge go line is compared as Go compares it (no crash)': [
    'go.mod asks for go 1.99999999999999999999 but Go 1.22.5 is set up and GOTOOLCHAIN=local forbids switching: the go command refuses to build it',
  ],
  'a toolchain line newer than the Go set up: Go builds with the older one (a warning)': [
    'go.mod names toolchain go1.23.1, but Go 1.22.5 is set up and GOTOOLCHAIN=local keeps it: builds use the older Go',
  ],
  'the toolchain line the action itself set up from is no finding': [],
  'Go cannot read go.mod: what Go said, at its line (not "clean the module cache")': [
    'Go cannot read go.mod: go: errors parsing go.mod: / D:\\a\\repo\\go.mod:3: unknown directive: toolchain',
  ],
  'only module findings: exit code 3': ['go.mod requires 1 module(s) but go.sum does not exist'],
}

describe('rules: findings and exit code', () => {
  it.each(table)('%s', (name, c, want, code) => {
    const findings = evaluate(c)
    // in report order: errors first, each rule's order kept; and word for word
    expect(summary(findings)).toEqual(want)
    if (process.env.GPA_PRINT_MESSAGES)
      console.log(JSON.stringify([name, findings.map((f) => f.message)]))
    expect(findings.map((f) => f.message)).toEqual(MESSAGES[name])
    expect(exitCode(findings)).toBe(code)
    for (const f of findings) {
      expect(f.message.length).toBeGreaterThan(10)
      expect(f.hint.length).toBeGreaterThan(10)
    }
  })

  it('go-shadowed in one folder says PATHEXT, naming go.com', () => {
    const f = evaluate(
      input([probe('cmd', { hits: { go: [`${ROOT}\\bin\\go.com`, GO], gofmt: [] } })]),
    )[0]
    expect(f.message).toContain(
      `${ROOT}\\bin\\go.com comes before the exported ${GO} in the same folder`,
    )
    expect(f.hint).toContain('PATHEXT')
  })
  it('the MSYS note of goroot-mismatch names the Unix-form value', () => {
    const f = evaluate(
      input([
        probe('bash', {
          env: { GOROOT: '/opt/go' },
          goEnv: goEnv({ GOROOT: 'C:/Program Files/Git/opt/go' }),
        }),
      ]),
    )[0]
    expect(f.message).toContain('a Unix-form value MSYS rewrites')
  })
  it('a CRLF go env value says why it differs', () => {
    const f = evaluate(
      input([probe('cmd')], {
        goEnvFile: { path: 'env', values: { GOROOT: { value: `${ROOT}\r`, line: 4 } } },
      }),
    )[0]
    expect(f.message).toContain('carriage return')
    expect(f).toMatchObject({ file: 'env', line: 4 })
  })
  it('gomod-invalid points at the line Go named', () => {
    const f = evaluate(
      input([probe('cmd')], {
        modules: modules('module x\ngo 1.21\n', {
          verify: {
            ok: false,
            detail: 'go: errors parsing go.mod:\n/w/go.mod:3: unknown directive: toolchain',
          },
        }),
      }),
    ).find((x) => x.id === 'gomod-invalid')!
    expect(f.line).toBe(3)
    expect(f.message).toContain('unknown directive: toolchain')
  })
})

describe('a rule that fails on its input is a finding, never an unhandled error', () => {
  it('names what it was reading', () => {
    const c = input([probe('cmd')], { modules: modules('module x\ngo 1.22\n') })
    // a go.mod reader that cannot cope
    ;(c.modules as unknown as { mod: unknown }).mod = null
    const fs = evaluate(c)
    const f = fs.find((x) => x.id === 'check-error')!
    expect(f.message).toContain('the check of go.mod and go.sum (go.mod) failed')
    expect(exitCode(fs)).toBe(1)
  })
  it('every rule is listed once', () => {
    expect(new Set(RULES.map(([r]) => r)).size).toBe(RULES.length)
  })
})

describe('exit code and fail-on', () => {
  const f = (severity: Finding['severity'], category: Finding['category']): Finding => ({
    ...finding('go-several', [], 'x'),
    severity,
    category,
  })
  it.each([
    [[], 0],
    [[f('warning', 'config'), f('notice', 'toolchain')], 0],
    [[f('error', 'module')], 3],
    [[f('error', 'module'), f('error', 'toolchain')], 2],
    [[f('error', 'module'), f('error', 'toolchain'), f('error', 'config')], 1],
    [[f('warning', 'config'), f('error', 'module')], 3],
  ] as Array<[Finding[], number]>)('%# -> %i', (fs, code) => expect(exitCode(fs)).toBe(code))
  it('fail-on names the failing categories; the process exits with the lowest of them', () => {
    const fs = [f('error', 'module'), f('error', 'config')]
    expect(verdict(fs, ['config', 'toolchain', 'module'])).toEqual({
      code: 1,
      failing: ['config', 'module'],
      processCode: 1,
    })
    // fail-on: module with a config and a module error: the job fails because of the module error
    expect(verdict(fs, ['module'])).toEqual({ code: 1, failing: ['module'], processCode: 3 })
    expect(verdict(fs, [])).toEqual({ code: 1, failing: [], processCode: 0 })
  })
})

describe("Git Bash's own folders (x64 and ARM64 Git, and ~/bin)", () => {
  it.each([
    ['/usr/bin', true],
    ['/mingw64/bin/', true],
    ['/clangarm64/bin', true],
    ['/bin', true],
    ['C:\\Program Files\\Git\\usr\\bin', true],
    ['C:\\Program Files\\Git\\clangarm64\\bin', true],
    ['C:\\Program Files\\Git\\cmd', true],
    ['/c/Users/runneradmin/bin', true],
    ['C:\\Users\\runneradmin\\bin', true],
    ['/c/hostedtoolcache/windows/go/1.22.5/x64/bin', false],
    ['C:\\Go\\bin', false],
  ])('%s: %s', (dir, want) => {
    expect(isGitBashDir(dir, 'C:\\Users\\runneradmin')).toBe(want)
  })

  it("names Git's launcher in the hint, for ~/bin too", () => {
    for (const dir of ['/mingw64/bin', '/c/Users/runneradmin/bin']) {
      const f = evaluate(
        input([
          probe('bash', {
            hits: { go: [`${dir}/go`, GO], gofmt: [] },
            resolved: `${dir}/go`,
            runs: `${dir}/go`,
          }),
        ]),
      ).find((x) => x.id === 'go-shadowed')
      expect(f?.hint).toContain("Git Bash's own folders")
    }
  })
})

describe('WSL in the rules', () => {
  const LROOT = '/opt/go-path-arbiter/go/1.22.5/amd64'
  const wslProbe = (over: ProbeOver) =>
    probe('wsl', {
      pathStyle: 'wsl',
      path: [
        `${LROOT}/bin`,
        '/root/go/bin',
        '/usr/bin',
        '/mnt/c/hostedtoolcache/windows/go/1.22.5/x64/bin',
      ],
      goEnv: goEnv({ GOROOT: LROOT, GOPATH: '/root/go', GOOS: 'linux' }),
      env: { GOROOT: LROOT, GOPATH: '/root/go' },
      ...over,
    })
  const perShell = {
    wsl: {
      goroot: LROOT,
      gopath: '/root/go',
      goBinary: `${LROOT}/bin/go`,
      gorootBin: `${LROOT}/bin`,
      gopathBin: '/root/go/bin',
    },
  }
  const withWsl = (p: ProbeResult, more: Partial<CheckInput> = {}) =>
    input([probe('cmd'), p], { expected: { ...input([]).expected, perShell }, ...more })

  it.each([
    [
      'the provisioned Linux Go',
      wslProbe({ hits: { go: [`${LROOT}/bin/go`, GO], gofmt: [] }, resolved: `${LROOT}/bin/go` }),
      ['notice:go-several:config:wsl'],
      0,
    ],
    [
      "the distribution's own Go",
      wslProbe({
        hits: { go: ['/usr/bin/go', GO], gofmt: [] },
        resolved: '/usr/bin/go',
        goEnv: goEnv({ GOROOT: '/usr/lib/go-1.22', GOPATH: '/root/go' }),
      }),
      ['error:go-other:config:wsl', 'notice:go-several:config:wsl'],
      1,
    ],
    [
      'only the Windows go.exe through interop',
      wslProbe({
        hits: { go: [GO], gofmt: [] },
        resolved: '',
        runs: undefined,
        goEnv: undefined,
        view: { goEnvExit: null, goEnvText: '' },
      }),
      ['error:wsl-go-interop-only:config:wsl'],
      1,
    ],
  ] as const)('%s', (_n, p, want, code) => {
    const fs = evaluate(withWsl(p))
    expect(summary(fs)).toEqual(want)
    expect(exitCode(fs)).toBe(code)
  })

  describe("/etc/wsl.conf explains what WSL sees (documented behaviour: Microsoft's wsl.conf settings)", () => {
    const interopOnly = (wslConf?: ReturnType<typeof parseWslConf>) =>
      wslProbe({
        hits: { go: [GO], gofmt: [] },
        resolved: '',
        runs: undefined,
        goEnv: undefined,
        view: { goEnvExit: null, goEnvText: '', ...(wslConf ? { wslConf } : {}) },
      })
    it('only go.exe, no wsl.conf: the default appends the Windows PATH', () => {
      const [f] = evaluate(withWsl(interopOnly()))
      expect(f.id).toBe('wsl-go-interop-only')
      expect(f.message).toMatch(
        /\(no readable \/etc\/wsl\.conf, so WSL's default: the Windows PATH is appended\)$/,
      )
    })
    it('only go.exe although appendWindowsPath = false: something else put it there', () => {
      const [f] = evaluate(
        withWsl(interopOnly(parseWslConf('[interop]\nappendWindowsPath = false\n'))),
      )
      expect(f.message).toMatch(
        /\(\/etc\/wsl\.conf has \[interop\] appendWindowsPath = false, so a startup file or the environment put that Windows folder on PATH\)$/,
      )
    })
    it.each([
      [
        '[interop]\nappendWindowsPath=false',
        '/etc/wsl.conf has [interop] appendWindowsPath = false',
      ],
      ['[interop]\nenabled = false', '/etc/wsl.conf turns interop off ([interop] enabled = false)'],
    ])('no go at all, %j: go-missing says why not even go.exe is seen', (conf, why) => {
      const p = wslProbe({
        path: [`${LROOT}/bin`, '/usr/bin'],
        hits: { go: [], gofmt: [] },
        resolved: '',
        runs: undefined,
        goEnv: undefined,
        view: { goEnvExit: null, goEnvText: '', wslConf: parseWslConf(conf) },
      })
      const f = evaluate(withWsl(p)).find((x) => x.id === 'go-missing')!
      expect(f.message).toBe(`wsl: no go on PATH (${why}, so not even a Windows go.exe is seen)`)
    })
  })

  describe('a GOPATH in WSL that is a Windows folder (wsl-gopath-windows)', () => {
    const withGopath = (gopath: string, wslConf?: ReturnType<typeof parseWslConf>) =>
      wslProbe({
        hits: { go: [`${LROOT}/bin/go`], gofmt: [] },
        resolved: `${LROOT}/bin/go`,
        goEnv: goEnv({ GOROOT: LROOT, GOPATH: gopath, GOOS: 'linux' }),
        env: { GOROOT: LROOT, GOPATH: gopath },
        ...(wslConf ? { view: { wslConf } } : {}),
      })
    it('passed in by WSLENV GOPATH/p: a warning that says so, with the Linux GOPATH as the fix', () => {
      const fs = evaluate(
        withWsl(withGopath('/mnt/c/Users/runneradmin/go'), {
          env: { USERPROFILE: 'C:\\Users\\runneradmin', WSLENV: 'BASH_ENV/u:GOPATH/p' },
        }),
      )
      const f = fs.find((x) => x.id === 'wsl-gopath-windows')!
      expect(f.severity).toBe('warning')
      expect(f.message).toBe(
        'wsl: GOPATH is /mnt/c/Users/runneradmin/go, a Windows folder through the drive mount (WSLENV passes GOPATH into WSL): the module and build caches there are slow',
      )
      expect(f.hint).toContain('Take GOPATH out of WSLENV')
      expect(f.hint).toContain('wsl-gopath output')
    })
    it('under an automount root of / (wsl.conf), without WSLENV', () => {
      const fs = evaluate(withWsl(withGopath('/d/go', parseWslConf('[automount]\nroot = /\n'))))
      expect(fs.find((x) => x.id === 'wsl-gopath-windows')?.message).toContain('GOPATH is /d/go')
    })
    it.each(['/root/go', '/mnt/data/go', '/mnt/cc/go'])(
      '%s is a Linux folder: nothing',
      (gopath) => {
        const fs = evaluate(withWsl(withGopath(gopath)))
        expect(fs.find((x) => x.id === 'wsl-gopath-windows')).toBeUndefined()
      },
    )
  })

  it('with [automount] root=/ the Windows entries still map back', () => {
    const p = wslProbe({
      path: [`${LROOT}/bin`, '/root/go/bin', '/c/hostedtoolcache/windows/go/1.22.5/x64/bin'],
      hits: { go: [`${LROOT}/bin/go`], gofmt: [] },
      resolved: `${LROOT}/bin/go`,
    })
    const s = buildSights(withWsl(p, { mountRoot: '/' }))
    const wsl = s.shells.find((x) => x.shell === 'wsl')!
    expect(wsl.entries[2].host).toBe('C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin')
  })

  it('a required WSL that is missing is an error, with the setup-wsl hint', () => {
    const fs = evaluate(
      input([probe('cmd'), missing('wsl', 'WSL has no distribution installed')], {
        required: ['wsl'],
      }),
    )
    expect(summary(fs)).toEqual(['error:shell-missing:config:wsl'])
    expect(fs[0].hint).toContain('Vampire/setup-wsl')
  })

  it('wsl: false with wsl named in shells: the hint does not say "set wsl: false"', () => {
    const fs = evaluate(
      input([probe('cmd'), missing('wsl', 'not probed (the wsl input is false)')], {
        requested: ['cmd', 'wsl'],
        missingHints: {
          wsl: 'Set wsl: auto (or true) so that WSL is provisioned and probed, or remove wsl from the shells input.',
        },
      }),
    )
    expect(fs[0].hint).not.toContain('set wsl: false')
    expect(fs[0].hint).toContain('Set wsl: auto')
  })
})
