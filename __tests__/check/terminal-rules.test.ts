/**
 * What only the CLI checks (pure): this terminal against a new one, and the Windows
 * registry's own causes of the loop. The Windows cases are documented behaviour (the
 * registry, setx, the execution policy, Scoop's shims), table-tested here because they run
 * only on Windows.
 */
import { describe, expect, it } from '@jest/globals'
import { evaluate } from '../../src/check/rules/index.js'
import { wayOut } from '../../src/findings/entries/machine.js'
import type { CheckInput, TerminalFacts, ThisTerminal } from '../../src/check/types.js'
import { isShimFolder, parseShim } from '../../src/processes/shims.js'
import { input, probe } from '../helpers/check-input.js'

const R = '/usr/local/go'
const expected = {
  label: 'reference' as const,
  goroot: R,
  gopath: '/home/me/go',
  gotoolchain: 'auto',
  version: '1.22.5',
  goBinary: `${R}/bin/go`,
  gorootBin: `${R}/bin`,
  gopathBin: '/home/me/go/bin',
}
const linuxProbe = (shell: 'bash' | 'zsh', path: string[], hits: string[], env = {}) =>
  probe(shell, {
    pathStyle: 'posix',
    path,
    hits: { go: hits, gofmt: [] },
    env: { GOROOT: null, GOPATH: null, GOTOOLCHAIN: null, ...env },
    goEnv: { GOROOT: R, GOPATH: '/home/me/go', GOVERSION: 'go1.22.5', GOTOOLCHAIN: 'auto' },
  })
const linux = (
  probes: ReturnType<typeof probe>[],
  terminal: TerminalFacts,
  over: Partial<CheckInput> = {},
) =>
  input(probes, {
    platform: 'linux',
    expected,
    audience: 'terminal',
    env: { HOME: '/home/me' },
    terminal,
    ...over,
  })
const here = (over: Partial<ThisTerminal> = {}): ThisTerminal => ({
  runs: `${R}/bin/go`,
  hits: [`${R}/bin/go`, '/usr/bin/go'],
  path: `${R}/bin:/home/me/go/bin:/usr/bin`,
  env: { GOROOT: null, GOPATH: null, GOBIN: null, GOTOOLCHAIN: null },
  shell: 'bash',
  vscode: false,
  windowsTerminal: false,
  ...over,
})
const ids = (c: CheckInput) => evaluate(c).map((f) => `${f.id}:${f.severity}`)

describe('this terminal against a new one', () => {
  const fresh = linuxProbe(
    'bash',
    [`${R}/bin`, '/home/me/go/bin', '/usr/bin'],
    [`${R}/bin/go`, '/usr/bin/go'],
  )
  it('the same go, the same Go variables and the same order of go folders: nothing to say', () => {
    expect(
      ids(
        linux([fresh], {
          thisTerminal: here({ path: `${R}/bin:/usr/bin:/home/me/go/bin:/extra` }),
        }),
      ),
    ).toEqual(['go-several:notice'])
  })
  it('another go first: terminal-stale, a warning, naming both and the way out', () => {
    const f = evaluate(
      linux([fresh], {
        thisTerminal: here({
          runs: '/usr/bin/go',
          hits: ['/usr/bin/go', `${R}/bin/go`],
          path: `/usr/bin:${R}/bin:/home/me/go/bin`,
        }),
      }),
    ).find((x) => x.id === 'terminal-stale')!
    expect(f).toMatchObject({ severity: 'warning', shells: ['bash'] })
    expect(f.message).toBe(
      `This terminal (bash) does not have what a new bash terminal gets: it runs /usr/bin/go, a new one ${R}/bin/go`,
    )
  })
  it('a Go variable this terminal has and a new one does not', () => {
    const f = evaluate(
      linux([fresh], {
        thisTerminal: here({
          env: { GOROOT: '/old', GOPATH: null, GOBIN: null, GOTOOLCHAIN: null },
        }),
      }),
    ).find((x) => x.id === 'terminal-stale')!
    expect(f.message).toContain('GOROOT is "/old" (a new one: "unset")')
  })
  it('the same go first, but another go folder later on PATH: the order of the go folders is named', () => {
    const f = evaluate(
      linux([fresh], {
        thisTerminal: here({
          path: `${R}/bin:/opt/x/bin:/usr/bin`,
          hits: [`${R}/bin/go`, '/opt/x/bin/go', '/usr/bin/go'],
        }),
      }),
    ).find((x) => x.id === 'terminal-stale')!
    expect(f.message).toContain(
      `the folders holding go come in another order (${R}/bin, /opt/x/bin, /usr/bin; a new one: ${R}/bin, /usr/bin)`,
    )
  })
  it("the shell it was typed into can't be told: matching a new terminal of any shell is enough", () => {
    const zsh = linuxProbe('zsh', ['/usr/bin', `${R}/bin`], ['/usr/bin/go', `${R}/bin/go`])
    const c = linux([fresh, zsh], {
      thisTerminal: here({
        shell: undefined,
        runs: '/usr/bin/go',
        hits: ['/usr/bin/go', `${R}/bin/go`],
        path: `/usr/bin:${R}/bin`,
      }),
    })
    expect(evaluate(c).map((x) => x.id)).not.toContain('terminal-stale')
  })
  describe("VS Code's Go extension, told apart from an old terminal", () => {
    const vs = (over: Partial<ThisTerminal>) =>
      evaluate(
        linux([fresh], {
          thisTerminal: here({
            runs: '/opt/go1.22/bin/go',
            hits: ['/opt/go1.22/bin/go', `${R}/bin/go`],
            path: `/opt/go1.22/bin:${R}/bin:/home/me/go/bin:/usr/bin`,
            vscode: true,
            ...over,
          }),
        }),
      ).find((x) => x.id === 'terminal-stale')!
    it.each([
      [
        'go.goroot in the user settings names it',
        {
          vscodeGo: [
            {
              folder: '/opt/go1.22/bin',
              setting: 'go.goroot' as const,
              file: '/h/.config/Code/User/settings.json',
            },
          ],
        },
        '(go.goroot in /h/.config/Code/User/settings.json)',
      ],
      [
        'VSCODE_ENV_PREPEND names it',
        { vscodePrepend: ['/opt/go1.22/bin'] },
        '(VS Code hands it to the shell (VSCODE_ENV_PREPEND))',
      ],
    ])(
      '%s: the extension is named, and the way out is its settings, not a restart',
      (_n, over, why) => {
        const f = vs(over)
        expect(f.message).toContain(
          `VS Code's Go extension put /opt/go1.22/bin first in this terminal ${why}`,
        )
        expect(f.hint).toMatch(
          /^Closing VS Code does not help: its Go extension puts \/opt\/go1\.22\/bin first/,
        )
        expect(f.hint).toContain('go.terminal.activateEnvironment to false')
      },
    )
    it.each([
      ['nothing names it (an old VS Code window)', {}],
      [
        'the settings name another Go',
        { vscodeGo: [{ folder: '/opt/other/bin', setting: 'go.goroot' as const, file: 's.json' }] },
      ],
      ['not a VS Code terminal', { vscode: false, vscodePrepend: ['/opt/go1.22/bin'] }],
    ])('%s: the old-terminal way out', (_n, over) => {
      const f = vs(over)
      expect(f.message).not.toContain('Go extension')
      expect(f.hint).not.toMatch(/^Closing VS Code does not help/)
    })
  })
  it.each([
    [
      { vscode: true, windowsTerminal: false },
      'linux',
      /^VS Code's terminals inherit the environment VS Code started with: close every VS Code window.*go\.terminal\.activateEnvironment, on by default\), point go\.goroot \(or go\.alternateTools\)/,
    ],
    [
      { vscode: false, windowsTerminal: true },
      'win32',
      /Windows Terminal gives a new tab the new environment only with compatibility\.reloadEnvironmentVariables on.*never broadcast to Explorer: sign out and in again, or restart Explorer\.$/,
    ],
    [
      { vscode: false, windowsTerminal: false },
      'win32',
      /^Open a new terminal window\. If a new one still has the old values, the registry change was never broadcast/,
    ],
    [
      { vscode: false, windowsTerminal: false },
      'darwin',
      /^Open a new terminal \(a new tab or window\)/,
    ],
  ] as const)('the way out on %j (%s)', (host, platform, text) => {
    expect(wayOut(host, platform)).toMatch(text)
  })
})

describe('new terminals: what is compared on a developer machine', () => {
  it("GOBIN on PATH satisfies gopath-bin-missing, whatever the reference's own GOBIN", () => {
    const p = linuxProbe('bash', [`${R}/bin`, '/home/me/tools'], [`${R}/bin/go`])
    const none = evaluate(linux([p], {})).find((x) => x.id === 'gopath-bin-missing')!
    expect(none).toMatchObject({ severity: 'warning', shells: ['bash'] })
    p.goEnv = { ...p.goEnv, GOBIN: '/home/me/tools' }
    expect(evaluate(linux([p], {})).map((x) => x.id)).not.toContain('gopath-bin-missing')
    // a job's runner step: the same rule, an error
    const step = {
      platform: 'linux' as const,
      expected: { ...expected, label: 'exported' as const },
      audience: 'runner' as const,
    }
    expect(evaluate(input([p], step)).map((x) => x.id)).not.toContain('gopath-bin-missing')
    p.goEnv = { ...p.goEnv, GOBIN: '' }
    expect(evaluate(input([p], step)).find((x) => x.id === 'gopath-bin-missing')!.severity).toBe(
      'error',
    )
  })
  it('GOTOOLCHAIN between shells, as go settles it (env, go env file, go.env), not the variable alone', () => {
    const a = linuxProbe('bash', [`${R}/bin`, '/home/me/go/bin'], [`${R}/bin/go`])
    const b = linuxProbe('zsh', [`${R}/bin`, '/home/me/go/bin'], [`${R}/bin/go`])
    b.goEnv = { ...b.goEnv, GOTOOLCHAIN: 'local' }
    const f = evaluate(linux([a, b], {})).find((x) => x.id === 'gotoolchain-mismatch')!
    expect(f.shells).toEqual(['zsh'])
    expect(f.message).toBe('GOTOOLCHAIN is not "auto" (the reference\'s) in zsh ("local")')
  })
  it('gomod-newer is a notice when the go command may switch (GOTOOLCHAIN=auto), an error under local', () => {
    const p = linuxProbe('bash', [`${R}/bin`, '/home/me/go/bin'], [`${R}/bin/go`])
    const modules = {
      goMod: '/w/go.mod',
      mod: {
        modulePath: 'example.com/w',
        goLine: { value: '1.23', line: 3 },
        requires: [],
        replaced: new Set<string>(),
        uses: [],
        problems: [],
      },
      goSum: '/w/go.sum',
      goSumPresent: true,
      requires: [],
      missingSums: [],
    }
    const auto = evaluate(linux([p], {}, { modules })).find((x) => x.id === 'gomod-newer')!
    expect(auto.severity).toBe('notice')
    expect(auto.message).toContain(
      'with GOTOOLCHAIN=auto the go command downloads and runs a go1.23.0 toolchain instead',
    )
    const local = evaluate(
      linux([p], {}, { modules, expected: { ...expected, gotoolchain: 'local' } }),
    ).find((x) => x.id === 'gomod-newer')!
    expect(local.severity).toBe('error')
    // a Go before 1.21 knows no GOTOOLCHAIN (go env prints it empty): it cannot switch either
    const old = evaluate(
      linux([p], {}, { modules, expected: { ...expected, gotoolchain: '' } }),
    ).find((x) => x.id === 'gomod-newer')!
    expect(old.severity).toBe('error')
  })
  it('an empty PATH entry is an entry (the current folder), never an alias', () => {
    const p = linuxProbe('bash', ['', `${R}/bin`, '/home/me/go/bin'], [`${R}/bin/go`])
    expect(ids(linux([p], {}))).toEqual([])
  })
})

describe('the Windows registry (documented behaviour, table-tested: Windows only)', () => {
  const M = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment'
  const U = 'HKCU\\Environment'
  const win = (terminal: TerminalFacts) =>
    input([], {
      audience: 'terminal',
      expected: { ...input([]).expected, label: 'reference' },
      terminal,
    })
  const registryPath = (entries: Array<[string, string, string]>) =>
    entries.map(([entry, key, kind]) => ({ entry, origin: { registry: { key, kind } } }))
  const reg = (machine: string, user: string, userType = 'REG_EXPAND_SZ') => [
    {
      label: 'machine' as const,
      key: M,
      values: [{ name: 'Path', type: 'REG_EXPAND_SZ', data: machine }],
    },
    { label: 'user' as const, key: U, values: [{ name: 'Path', type: userType, data: user }] },
  ]
  it('a go on the machine PATH before one on the user PATH: the user one never runs (the MSI writes the machine PATH)', () => {
    const f = evaluate(
      win({
        registryGo: [
          {
            entry: 'C:\\Program Files\\Go\\bin',
            program: 'C:\\Program Files\\Go\\bin\\go.exe',
            scope: 'machine',
          },
          {
            entry: 'C:\\Users\\me\\sdk\\go1.23\\bin',
            program: 'C:\\Users\\me\\sdk\\go1.23\\bin\\go.exe',
            scope: 'user',
          },
        ],
      }),
    ).find((x) => x.id === 'registry-go-order')!
    expect(f.severity).toBe('warning')
    expect(f.message).toContain(
      'C:\\Program Files\\Go\\bin\\go.exe on the machine PATH comes before C:\\Users\\me\\sdk\\go1.23\\bin\\go.exe on the user PATH',
    )
    expect(
      evaluate(
        win({ registryGo: [{ entry: 'C:\\u', program: 'C:\\u\\go.exe', scope: 'user' }] }),
      ).map((x) => x.id),
    ).toEqual([])
  })
  it('a REG_SZ Path holding %USERPROFILE%: Windows leaves it literal', () => {
    const f = evaluate(
      win({
        registryPath: registryPath([
          ['C:\\Windows\\system32', M, 'REG_EXPAND_SZ'],
          ['%USERPROFILE%\\go\\bin', U, 'REG_SZ'],
          ['C:\\x', U, 'REG_SZ'],
        ]),
      }),
    ).find((x) => x.id === 'path-var-literal')!
    expect(f.message).toBe(
      `${U}\\Path is REG_SZ, so Windows does not expand %USERPROFILE%\\go\\bin: that entry names no folder`,
    )
  })
  it('a REG_EXPAND_SZ entry naming a variable Windows does not have stays literal too', () => {
    const f = evaluate(
      win({ registryPath: registryPath([['%GOROOT_TYPO%\\bin', U, 'REG_EXPAND_SZ']]) }),
    ).find((x) => x.id === 'path-var-literal')!
    expect(f.message).toContain('a name Windows does not know')
  })
  it("setx's signature: a user PATH that starts with the whole machine PATH, or exactly 1024 characters", () => {
    const machine = 'C:\\Windows\\system32;C:\\Windows;C:\\Windows\\System32\\Wbem'
    const copied = evaluate(
      win({ registry: reg(machine, `${machine};C:\\Users\\me\\go\\bin`) }),
    ).find((x) => x.id === 'path-setx-damage')!
    expect(copied.message).toContain('starts with the whole machine PATH, 3 entries')
    const cut = evaluate(win({ registry: reg(machine, `C:\\${'x'.repeat(1021)}`) })).find(
      (x) => x.id === 'path-setx-damage',
    )!
    expect(cut.message).toContain('exactly 1024 characters')
    expect(
      evaluate(win({ registry: reg(machine, 'C:\\Users\\me\\go\\bin') })).map((x) => x.id),
    ).toEqual([])
  })
  it('a profile the execution policy stopped (Restricted): profile-blocked names it', () => {
    const p = probe('pwsh', {
      view: {
        trace: { steps: [], blocked: ['C:\\Users\\me\\Documents\\PowerShell\\profile.ps1'] },
      },
    })
    const f = evaluate(input([p], { audience: 'terminal' })).find(
      (x) => x.id === 'profile-blocked',
    )!
    expect(f).toMatchObject({
      severity: 'warning',
      shells: ['pwsh'],
      file: 'C:\\Users\\me\\Documents\\PowerShell\\profile.ps1',
    })
  })
  it("Scoop's shim: the .shim file's path line names the go it starts", () => {
    expect(
      parseShim('path = "C:\\Users\\me\\scoop\\apps\\go\\current\\bin\\go.exe"\r\nargs = \r\n'),
    ).toBe('C:\\Users\\me\\scoop\\apps\\go\\current\\bin\\go.exe')
    expect(parseShim('\uFEFFpath = C:\\x\\go.exe')).toBe('C:\\x\\go.exe')
    expect(parseShim('args = x')).toBeNull()
  })
  it('a shim is the go it starts: two shells reaching the same Go through a shim and directly agree', () => {
    const GO = 'C:\\Users\\me\\scoop\\apps\\go\\current\\bin\\go.exe'
    const shim = 'C:\\Users\\me\\scoop\\shims\\go.exe'
    const a = probe('cmd', {
      path: ['C:\\Users\\me\\scoop\\shims'],
      hits: { go: [shim], gofmt: [] },
    })
    const c = input([a], {
      expected: {
        ...input([]).expected,
        goBinary: GO,
        gorootBin: 'C:\\Users\\me\\scoop\\apps\\go\\current\\bin',
      },
      shimTarget: (p) => (p === shim ? GO : null),
    })
    expect(evaluate(c).map((x) => x.id)).not.toContain('go-other')
    expect(evaluate({ ...c, shimTarget: undefined }).map((x) => x.id)).toContain('go-other')
  })
  it.each([
    ['/home/me/.asdf/shims', true],
    ['/home/me/.goenv/shims/', true],
    ['/home/me/.local/share/mise/shims', true],
    ['C:\\Users\\me\\scoop\\shims', true],
    ['/usr/local/go/bin', false],
  ])('a shim folder: %s', (dir, yes) => {
    expect(isShimFolder(dir)).toBe(yes)
  })
})

describe('a new WSL terminal checked from Windows', () => {
  const L = '/usr/lib/go-1.21'
  const wslProbe = (path: string[]) =>
    probe('wsl', {
      mode: 'terminal',
      pathStyle: 'wsl',
      path,
      hits: { go: [`${L}/bin/go`], gofmt: [] },
      env: { GOROOT: null, GOPATH: null, GOTOOLCHAIN: null },
      goEnv: { GOROOT: L, GOPATH: '/home/me/go', GOVERSION: 'go1.21.9' },
    })
  const windows = (wsl: ReturnType<typeof probe>, cmdPath?: string[]) =>
    input([probe('cmd', { mode: 'terminal', ...(cmdPath ? { path: cmdPath } : {}) }), wsl], {
      audience: 'terminal',
      mountRoot: '/mnt/',
      expected: {
        ...input([]).expected,
        label: 'reference',
        perShell: {
          wsl: {
            goroot: L,
            gopath: '/home/me/go',
            goBinary: `${L}/bin/go`,
            gorootBin: `${L}/bin`,
            gopathBin: '/home/me/go/bin',
          },
        },
      },
    })

  it('a Linux Go of another version: wsl-go-version alone (not version-not-installed as well)', () => {
    const found = evaluate(windows(wslProbe([`${L}/bin`, '/home/me/go/bin', '/usr/bin'])))
    expect(found.map((f) => f.id)).toContain('wsl-go-version')
    expect(found.map((f) => f.id)).not.toContain('version-not-installed')
  })

  it('a second distribution is a row of its own: its findings name wsl:NAME, the default one stays wsl', () => {
    const debian = {
      ...wslProbe(['/usr/local/go/bin', '/home/me/go/bin', '/usr/bin']),
      shell: 'wsl:Debian' as const,
      hits: { go: ['/usr/local/go/bin/go'], gofmt: [] },
      goEnv: { GOROOT: '/usr/local/go', GOPATH: '/mnt/c/Users/me/go', GOVERSION: 'go1.22.5' },
    }
    const base = windows(wslProbe([`${L}/bin`, '/home/me/go/bin', '/usr/bin']))
    const withDebian = {
      ...base,
      probes: [...base.probes, debian],
      expected: {
        ...base.expected,
        perShell: {
          ...base.expected.perShell,
          'wsl:Debian': {
            goroot: '/usr/local/go',
            gopath: '/mnt/c/Users/me/go',
            goBinary: '/usr/local/go/bin/go',
            gorootBin: '/usr/local/go/bin',
            gopathBin: '/mnt/c/Users/me/go/bin',
          },
        },
      },
    } as typeof base
    const found = evaluate(withDebian).filter((f) => f.id.startsWith('wsl-'))
    expect(found.map((f) => `${f.id} [${f.shells.join(',')}]: ${f.message}`)).toEqual([
      `wsl-go-version [wsl]: wsl: go is ${L}/bin/go, Go 1.21.9, where every shell should run Go 1.22.5`,
      'wsl-gopath-windows [wsl:Debian]: wsl:Debian: GOPATH is /mnt/c/Users/me/go, a Windows folder through the drive mount: the module and build caches there are slow',
    ])
  })

  it("GOPATH/bin missing in cmd and in WSL: each shell's own folder is named", () => {
    const f = evaluate(
      windows(wslProbe([`${L}/bin`, '/usr/bin']), [
        'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin',
        'C:\\Windows\\system32',
      ]),
    ).find((x) => x.id === 'gopath-bin-missing')!
    expect(f.shells).toEqual(['cmd', 'wsl'])
    expect(f.message).toBe(
      'GOPATH/bin (C:\\Users\\runneradmin\\go\\bin) is not on PATH in cmd; GOPATH/bin (/home/me/go/bin) is not on PATH in wsl: tools installed with `go install` will not be found',
    )
  })
})
