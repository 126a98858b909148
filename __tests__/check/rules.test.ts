import { describe, expect, it } from '@jest/globals'
import { evaluate } from '../../src/check/rules.js'
import { exitCode, shouldFail } from '../../src/check/exit-code.js'
import type { CheckInput, Finding } from '../../src/check/types.js'
import type { ProbeResult } from '../../src/shells/types.js'
import type { ShellName } from '../../src/inputs.js'

const ROOT = 'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64'
const GO = `${ROOT}\\bin\\go.exe`
const GOPATH = 'C:\\Users\\runneradmin\\go'
const WIN_PATH = [
  `${ROOT}\\bin`,
  `${GOPATH}\\bin`,
  'C:\\Program Files\\Git\\bin',
  'C:\\Windows\\system32',
]

function goEnv(over: Record<string, string> = {}) {
  return { GOROOT: ROOT, GOPATH, GOVERSION: 'go1.22.5', GOOS: 'windows', GOARCH: 'amd64', ...over }
}

function probe(
  shell: ShellName,
  over: Partial<ProbeResult> & {
    path?: string[]
    env?: Record<string, string | null>
    resolved?: string
  } = {},
): ProbeResult {
  const style = over.pathStyle ?? (shell === 'bash' ? 'msys' : 'win32')
  const entries =
    over.path ??
    (style === 'msys'
      ? [
          '/mingw64/bin',
          '/usr/bin',
          ...WIN_PATH.map((p) => '/' + p[0].toLowerCase() + p.slice(2).replace(/\\/g, '/')),
        ]
      : WIN_PATH)
  const hits = over.hits ?? { go: [GO], gofmt: [`${ROOT}\\bin\\gofmt.exe`] }
  return {
    shell,
    status: 'ok',
    durationMs: 100,
    pathStyle: style,
    pathEntries: entries,
    hits,
    goEnv: goEnv(),
    view: {
      path: entries.join(style === 'win32' ? ';' : ':'),
      env: {
        GOROOT: ROOT,
        GOPATH,
        GOBIN: null,
        GOTOOLCHAIN: 'local',
        GOFLAGS: null,
        GOENV: null,
        ...(over.env ?? {}),
      },
      resolved: over.resolved ?? hits.go[0] ?? '',
      goEnvText: '{}',
      goEnvExit: 0,
    },
    ...over,
  }
}

function input(probes: ProbeResult[], over: Partial<CheckInput> = {}): CheckInput {
  return {
    platform: 'win32',
    expected: {
      goroot: ROOT,
      gopath: GOPATH,
      gotoolchain: 'local',
      version: '1.22.5',
      goBinary: GO,
    },
    requested: 'auto',
    probes,
    toolchain: {
      goEnv: { ok: true, goVersion: 'go1.22.5', goos: 'windows', goarch: 'amd64' },
      pkgTool: { ok: true, dir: 'pkg\\tool\\windows_amd64' },
      gofmt: { ok: true },
      vet: { ok: true },
    },
    env: { USERPROFILE: 'C:\\Users\\runneradmin' },
    ...over,
  }
}

const summary = (fs: Finding[]) =>
  fs.map((f) => `${f.severity}:${f.id}:${f.category}:${f.shells.join('+')}`)
const consistent = [probe('cmd'), probe('pwsh'), probe('powershell'), probe('bash')]

const table: Array<[string, CheckInput, string[], 0 | 1 | 2 | 3]> = [
  ['consistent windows-latest: cmd, pwsh, powershell, Git Bash', input(consistent), [], 0],
  [
    'pwsh profile puts another Go first',
    input([
      probe('cmd'),
      probe('pwsh', {
        hits: { go: ['C:\\Go\\bin\\go.exe', GO], gofmt: [] },
        resolved: 'C:\\Go\\bin\\go.exe',
        goEnv: goEnv({ GOROOT: 'C:\\Go', GOVERSION: 'go1.21.0' }),
      }),
    ]),
    [
      'error:go-shadowed:config:pwsh',
      'error:goroot-mismatch:config:pwsh',
      'notice:go-several:config:pwsh',
    ],
    1,
  ],
  [
    'go missing from cmd',
    input([
      probe('cmd', {
        hits: { go: [], gofmt: [] },
        goEnv: undefined,
        path: ['C:\\Windows\\system32'],
        view: {
          path: 'C:\\Windows\\system32',
          env: { GOTOOLCHAIN: 'local' },
          resolved: '',
          goEnvText: '',
          goEnvExit: null,
        },
      }),
    ]),
    ['error:go-missing:config:cmd', 'error:gopath-bin-missing:config:cmd'],
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
    input([probe('pwsh', { resolved: 'Function go' })]),
    ['error:go-not-a-program:config:pwsh'],
    1,
  ],
  [
    "Git Bash: a go in Git's own usr/bin wins",
    input([
      probe('cmd'),
      probe('bash', {
        hits: { go: ['/usr/bin/go', GO], gofmt: [] },
        resolved: '/usr/bin/go',
      }),
    ]),
    ['error:go-shadowed:config:bash', 'notice:go-several:config:bash'],
    1,
  ],
  [
    'Git Bash: MSYS changed GOROOT on its way to go.exe',
    input([
      probe('bash', {
        goEnv: goEnv({
          GOROOT: 'C:\\Program Files\\Git\\hostedtoolcache\\windows\\go\\1.22.5\\x64',
        }),
      }),
    ]),
    ['error:msys-converted:config:bash', 'error:goroot-mismatch:config:bash'],
    1,
  ],
  [
    'Git Bash: GOROOT exported in /c/ form still reaches go.exe as C:/',
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
    'cmd: a go.exe in the working directory runs before PATH',
    input([
      (() => {
        const p = probe('cmd', { resolved: 'D:\\a\\repo\\go.exe' })
        return { ...p, view: { ...p.view!, cwdHit: 'D:\\a\\repo\\go.exe' } }
      })(),
    ]),
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
    'GOTOOLCHAIN inherited is not checked',
    input([probe('bash', { env: { GOTOOLCHAIN: null } })], {
      expected: {
        goroot: ROOT,
        gopath: GOPATH,
        gotoolchain: null,
        version: '1.22.5',
        goBinary: GO,
      },
    }),
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
        view: {
          path: WIN_PATH.join(';'),
          env: { GOTOOLCHAIN: 'local' },
          resolved: GO,
          goEnvText: 'boom',
          goEnvExit: 1,
        },
        goEnv: undefined,
        goEnvError: 'boom',
      }),
    ]),
    ['error:go-fails:toolchain:cmd'],
    2,
  ],
  [
    'GOTOOLCHAIN switched the version in every shell',
    input([probe('cmd', { goEnv: goEnv({ GOVERSION: 'go1.23.1' }) })], {
      toolchain: {
        goEnv: { ok: true, goVersion: 'go1.23.1' },
        pkgTool: { ok: true, dir: 'x' },
        gofmt: { ok: true },
        vet: { ok: true },
      },
    }),
    ['error:version-not-installed:toolchain:cmd', 'error:version-not-installed:toolchain:'],
    2,
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
        values: { GOROOT: 'C:\\Go', GOFLAGS: '-mod=mod', GOPATH: 'c:/users/runneradmin/go' },
      },
    }),
    ['error:goenv-file-conflict:config:', 'warning:goenv-file-conflict:config:'],
    1,
  ],
  [
    'PATH near and over the cmd limit',
    input([
      probe('cmd', {
        view: {
          path: 'x'.repeat(7500),
          env: { GOTOOLCHAIN: 'local' },
          resolved: GO,
          goEnvText: '',
          goEnvExit: 0,
        },
      }),
      probe('pwsh', {
        view: {
          path: 'x'.repeat(9000),
          env: { GOTOOLCHAIN: 'local' },
          resolved: GO,
          goEnvText: '',
          goEnvExit: 0,
        },
      }),
    ]),
    ['error:path-too-long:config:pwsh', 'warning:path-near-limit:config:cmd'],
    1,
  ],
  [
    'shells: auto with no WSL is a notice; asked for, an error',
    input([
      {
        shell: 'wsl',
        status: 'missing',
        detail: 'no distribution',
        durationMs: 0,
        pathStyle: 'posix',
        pathEntries: [],
        hits: { go: [], gofmt: [] },
      },
    ]),
    ['notice:shell-missing:config:wsl'],
    0,
  ],
  [
    'a shell named in shells but missing',
    input(
      [
        {
          shell: 'zsh',
          status: 'missing',
          durationMs: 0,
          pathStyle: 'posix',
          pathEntries: [],
          hits: { go: [], gofmt: [] },
        },
      ],
      { requested: ['zsh'] },
    ),
    ['error:shell-missing:config:zsh'],
    1,
  ],
  [
    'a hanging go vs a hanging shell',
    input([
      {
        ...probe('cmd'),
        status: 'timeout',
        detail: 'timed out after 60000 ms',
        stdout: 'GPAx:GOENV\n',
      },
      { ...probe('pwsh'), status: 'timeout', detail: 'timed out after 60000 ms', stdout: '' },
    ]),
    ['error:go-timeout:toolchain:cmd', 'error:shell-timeout:config:pwsh'],
    1,
  ],
  [
    'go.mod newer than the installed Go under GOTOOLCHAIN=local, and a stale go.sum',
    input([probe('cmd')], {
      modules: {
        goMod: 'go.mod',
        goLine: { version: '1.23', line: 3 },
        requires: [{ path: 'a.b/c', version: 'v1.0.0', line: 5 }],
        goSum: 'go.sum',
        goSumPresent: true,
        missingSums: [{ path: 'a.b/c', version: 'v1.0.0', line: 5 }],
        verify: { ok: false, detail: 'a.b/c v1.0.0: dir has been modified' },
      },
    }),
    ['error:gomod-newer:config:', 'error:gosum-stale:module:', 'error:mod-verify-failed:module:'],
    1,
  ],
  [
    'only module findings: exit code 3',
    input([probe('cmd')], {
      modules: {
        goMod: 'go.mod',
        goLine: { version: '1.22', line: 3 },
        requires: [{ path: 'a.b/c', version: 'v1.0.0', line: 5 }],
        goSum: 'go.sum',
        goSumPresent: false,
        missingSums: [],
      },
    }),
    ['error:gosum-missing:module:'],
    3,
  ],
]

describe('rules: findings and exit code', () => {
  it.each(table)('%s', (_name, c, want, code) => {
    const findings = evaluate(c)
    expect(summary(findings).sort()).toEqual([...want].sort())
    expect(exitCode(findings)).toBe(code)
    for (const f of findings) {
      expect(f.message.length).toBeGreaterThan(10)
      expect(f.hint.length).toBeGreaterThan(10)
    }
  })
})

describe('exit code and fail-on', () => {
  const f = (severity: Finding['severity'], category: Finding['category']): Finding => ({
    id: 'x',
    severity,
    category,
    shells: [],
    message: '',
    hint: '',
  })
  it.each([
    [[], 0],
    [[f('warning', 'config'), f('notice', 'toolchain')], 0],
    [[f('error', 'module')], 3],
    [[f('error', 'module'), f('error', 'toolchain')], 2],
    [[f('error', 'module'), f('error', 'toolchain'), f('error', 'config')], 1],
    [[f('warning', 'config'), f('error', 'module')], 3],
  ] as Array<[Finding[], number]>)('%# -> %i', (fs, code) => expect(exitCode(fs)).toBe(code))
  it('fails on the categories named only', () => {
    const fs = [f('error', 'toolchain'), f('warning', 'config')]
    expect(shouldFail(fs, ['config', 'toolchain', 'module'])).toBe(true)
    expect(shouldFail(fs, ['config'])).toBe(false)
    expect(shouldFail(fs, [])).toBe(false)
  })
})

describe("Git Bash's own folders", () => {
  it.each([
    ['/usr/bin', true],
    ['/mingw64/bin/', true],
    ['/bin', true],
    ['C:\\Program Files\\Git\\usr\\bin', true],
    ['C:\\Program Files\\Git\\cmd', true],
    ['/c/hostedtoolcache/windows/go/1.22.5/x64/bin', false],
    ['C:\\Go\\bin', false],
  ])('%s: %s', async (dir, want) => {
    const { isGitBashDir } = await import('../../src/check/rules.js')
    expect(isGitBashDir(dir)).toBe(want)
  })

  it("names Git's launcher in the hint", () => {
    const f = evaluate(
      input([
        probe('bash', {
          hits: { go: ['/mingw64/bin/go', GO], gofmt: [] },
          resolved: '/mingw64/bin/go',
        }),
      ]),
    ).find((x) => x.id === 'go-shadowed')
    expect(f?.hint).toContain("Git Bash's own folders")
  })
})

describe('WSL in the rules', () => {
  const LROOT = '/opt/go-path-arbiter/go/1.22.5/amd64'
  const wslProbe = (over: Partial<ProbeResult> & { resolved?: string; path?: string[] }) =>
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
  const perShell = { wsl: { goroot: LROOT, gopath: '/root/go', goBinary: `${LROOT}/bin/go` } }
  const withWsl = (p: ProbeResult) =>
    input([probe('cmd'), p], { expected: { ...input([]).expected, perShell } })

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
      [
        'error:go-other:config:wsl',
        'error:goroot-mismatch:config:wsl',
        'notice:go-several:config:wsl',
      ],
      1,
    ],
    [
      'only the Windows go.exe through interop',
      (() => {
        const p = wslProbe({ hits: { go: [GO], gofmt: [] }, resolved: '', goEnv: undefined })
        return { ...p, view: { ...p.view!, goEnvExit: null, goEnvText: '' } }
      })(),
      ['error:wsl-go-interop-only:config:wsl'],
      1,
    ],
  ] as const)('%s', (_n, p, want, code) => {
    const fs = evaluate(withWsl(p))
    expect(summary(fs)).toEqual(want)
    expect(exitCode(fs)).toBe(code)
  })

  it('a required WSL that is missing is an error, with the setup-wsl hint', () => {
    const fs = evaluate(
      input(
        [
          probe('cmd'),
          {
            ...probe('wsl'),
            status: 'missing',
            detail: 'WSL has no distribution installed',
            view: undefined,
          },
        ],
        { required: ['wsl'] },
      ),
    )
    expect(summary(fs)).toEqual(['error:shell-missing:config:wsl'])
    expect(fs[0].hint).toContain('Vampire/setup-wsl')
  })
})
