/**
 * A new WSL terminal as the command line on Windows probes it, run here on Linux with
 * `__fixtures__/wsl/wsl` standing in for wsl.exe (the distribution is this machine; only
 * WSLENV-listed variables cross; the "Windows" PATH is appended): the launcher that takes the
 * script from stdin, the user's login shell (bash) as a login and interactive shell, traced
 * by the same start-up script as on Linux. The distributions come from the registry (a table
 * of `reg query /s` output); the whole CLI with a Windows-built stand-in runs in the Windows
 * lane (__tests__/windows/lane.test.ts).
 */
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { repoRoot } from '../helpers/action.js'
import { scratchDir } from '../helpers/scratch.js'
import { distributionsOf } from '../../src/registry/reg.js'
import { probeShell } from '../../src/shells/probe.js'
import { wslTerminalShell } from '../../src/shells/wsl.js'
import { parseShellsOption } from '../../src/cli/args.js'
import { wslExpectation, wslRows } from '../../src/cli/terminal/wsl-terminal.js'
import { shellsToProbe } from '../../src/check/run-check.js'
import type { WslShell } from '../../src/base/types.js'
import type { ProbeResult } from '../../src/shells/types.js'

const fakeDir = path.join(repoRoot, '__fixtures__', 'wsl')

function distro(profile: string) {
  const root = scratchDir('gpa-wslterm-')
  const home = path.join(root, 'home', 'me')
  mkdirSync(home, { recursive: true })
  writeFileSync(path.join(home, '.profile'), profile)
  const bin = path.join(root, 'linux-go', 'bin')
  mkdirSync(bin, { recursive: true })
  // a Linux go that answers `go env -json` as Go 1.21.3 would
  writeFileSync(
    path.join(bin, 'go'),
    `#!/bin/sh\nprintf '{"GOROOT":"%s","GOPATH":"%s/go","GOVERSION":"go1.21.3"}\\n' '${path.dirname(bin)}' "$HOME"\n`,
    { mode: 0o755 },
  )
  return { root, home, bin }
}

const opts = (root: string, env: NodeJS.ProcessEnv, timeoutMs = 20_000) => ({
  env: { PATH: `${fakeDir}:${process.env.PATH}`, ...env },
  platform: 'linux' as const,
  tempDir: path.join(root, 'probes'),
  cwd: root,
  timeoutMs,
  launch: { mode: 'terminal' as const },
  mountRoot: '/mnt/',
})

describe('a new WSL terminal (wsl.exe stand-in on Linux)', () => {
  it('the login shell reads ~/.profile, traced: the go it puts first, and the line that did', async () => {
    const d = distro(`# mine\nexport PATH="${'$'}{HOME}/../../linux-go/bin:$PATH"\n`)
    const r = await probeShell(
      wslTerminalShell('Ubuntu'),
      opts(d.root, { FAKE_WSL_HOME: d.home, FAKE_WSL_DISTROS: 'Debian Ubuntu' }),
    )
    expect(r.status).toBe('ok')
    expect(r.commandLine).toMatch(/--distribution Ubuntu --exec sh -c/)
    expect(r.view!.resolved).toBe(`${d.home}/../../linux-go/bin/go`)
    expect(r.goEnv?.GOVERSION).toBe('go1.21.3')
    const steps = JSON.stringify(r.view!.trace!.steps)
    expect(steps).toContain(`${d.home}/.profile`)
    // the script came on stdin: nothing was left in the distribution's /tmp by this probe
    expect(r.stderr ?? '').not.toMatch(/No such file/)
    expect(wslExpectation([r])).toEqual({
      wsl: {
        goroot: `${d.root}/linux-go`,
        gopath: `${d.home}/go`,
        goBinary: `${d.root}/linux-go/bin/go`,
        gorootBin: `${d.root}/linux-go/bin`,
        gopathBin: `${d.home}/go/bin`,
      },
    })
  })

  it('a distribution that never answers ends at the timeout, named as a timeout', async () => {
    const d = distro('')
    const started = Date.now()
    const r = await probeShell(
      wslTerminalShell('Ubuntu'),
      opts(d.root, { FAKE_WSL_HOME: d.home, FAKE_WSL_HANG: '1' }, 1500),
    )
    expect(r.status).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(15_000)
  })

  it('a distribution that is not registered: wsl.exe says so (UTF-16LE) and the probe fails with its words', async () => {
    const d = distro('')
    const r = await probeShell(
      wslTerminalShell('Nope'),
      opts(d.root, { FAKE_WSL_HOME: d.home, FAKE_WSL_DISTROS: 'Ubuntu', FAKE_WSL_UTF16: '1' }),
    )
    expect(r.status).toBe('failed')
    expect(r.detail).toContain('There is no distribution with the supplied name.')
  })
})

describe('the distributions, from the registry (reg query HKCU\\...\\Lxss /s)', () => {
  const key = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Lxss'
  const out = [
    '',
    key,
    '    DefaultDistribution    REG_SZ    {b2c3d4e5-0000-4000-8000-000000000002}',
    '',
    `${key}\\{a1b2c3d4-0000-4000-8000-000000000001}`,
    '    State    REG_DWORD    0x1',
    '    DistributionName    REG_SZ    Debian',
    '    BasePath    REG_SZ    C:\\Users\\me\\AppData\\Local\\Packages\\Debian\\LocalState',
    '',
    `${key}\\{b2c3d4e5-0000-4000-8000-000000000002}`,
    '    DistributionName    REG_SZ    Ubuntu-24.04',
    '',
    `${key}\\{c3d4e5f6-0000-4000-8000-000000000003}`,
    '    State    REG_DWORD    0x1',
    '',
  ].join('\r\n')
  it('the default one first, then the registry order; a key without a name is left out', () => {
    expect(distributionsOf(out).map((d) => `${d.name}${d.default ? ' (default)' : ''}`)).toEqual([
      'Ubuntu-24.04 (default)',
      'Debian',
    ])
  })
  it('no key: none', () => {
    expect(distributionsOf('')).toEqual([])
  })
})

describe('--shells wsl,wsl:NAME: a row per distribution', () => {
  it.each([
    ['cmd,wsl', ['cmd', 'wsl']],
    ['cmd,wsl:Ubuntu-24.04', ['cmd', 'wsl:Ubuntu-24.04']],
    ['wsl,WSL:Debian,wsl:Ubuntu', ['wsl', 'wsl:Debian', 'wsl:Ubuntu']],
    ['wsl:Debian', ['wsl:Debian']],
    ['CMD, wsl:Debian, cmd', ['cmd', 'wsl:Debian']],
    ['auto', 'auto'],
    ['', 'auto'],
  ])('%s', (value, want) => {
    expect(parseShellsOption(value)).toEqual(want)
  })
  it.each([
    ['wsl:', /does not name a WSL distribution/],
    ['wsl:a b', /does not name a WSL distribution/],
    ['wsl:$(x)', /does not name a WSL distribution/],
    ['auto,wsl:Debian', /auto already takes every registered WSL distribution/],
    ['cmd,nope', /"nope" is not a shell/],
  ])('%s is refused', (value, message) => {
    expect(() => parseShellsOption(value)).toThrow(message)
  })
})

describe('the WSL rows of a check on Windows (pure)', () => {
  const registered = ['Ubuntu-24.04', 'Debian', 'kali-linux']
  const rows = (asked: WslShell[] | undefined) => {
    const r = wslRows(asked, registered)
    return {
      rows: r.rows.map((x) => `${x.shell}=${x.distribution} (${x.adapter.name})`),
      unavailable: r.unavailable,
    }
  }
  it.each<[string, WslShell[] | undefined, string[], Record<string, string>]>([
    [
      'auto: every registered distribution, the default one as wsl',
      undefined,
      [
        'wsl=Ubuntu-24.04 (wsl)',
        'wsl:Debian=Debian (wsl:Debian)',
        'wsl:kali-linux=kali-linux (wsl:kali-linux)',
      ],
      {},
    ],
    ['wsl: the default one', ['wsl'], ['wsl=Ubuntu-24.04 (wsl)'], {}],
    [
      'wsl:NAME in any case: that one, the row named as asked',
      ['wsl:debian'],
      ['wsl:debian=Debian (wsl:debian)'],
      {},
    ],
    [
      'a name not registered: that row is unavailable, saying which are',
      ['wsl', 'wsl:Arch'],
      ['wsl=Ubuntu-24.04 (wsl)'],
      {
        'wsl:Arch':
          'no WSL distribution named Arch is registered for this user (Ubuntu-24.04, Debian, kali-linux)',
      },
    ],
  ])('%s', (_name, asked, want, unavailable) => {
    expect(rows(asked)).toEqual({ rows: want, unavailable })
  })

  it('each row starts its own distribution (wsl.exe -d NAME)', () => {
    const [, debian] = wslRows(undefined, registered).rows
    expect(debian.adapter.args('/tmp/x.sh', { mode: 'terminal' })).toEqual(
      expect.arrayContaining(['--distribution', 'Debian']),
    )
  })

  it('under auto, wsl is followed by every other distribution; a list probes what it names', () => {
    const { rows: r } = wslRows(undefined, ['Ubuntu', 'Debian'])
    const extraAdapters = Object.fromEntries(r.map((x) => [x.shell, x.adapter]))
    const base = { platform: 'win32' as const, audience: 'terminal' as const, extraAdapters }
    expect(shellsToProbe({ ...base, shells: 'auto' })).toEqual([
      'cmd',
      'pwsh',
      'powershell',
      'bash',
      'wsl',
      'wsl:Debian',
    ])
    expect(shellsToProbe({ ...base, shells: ['cmd', 'wsl:Debian'] })).toEqual(['cmd', 'wsl:Debian'])
  })

  it('each answered WSL row is held to its own Linux tree', () => {
    const probe = (shell: WslShell, goroot: string) =>
      ({
        shell,
        status: 'ok',
        goEnv: { GOROOT: goroot, GOPATH: '/home/me/go' },
      }) as unknown as ProbeResult
    const perShell = wslExpectation([
      probe('wsl', '/usr/local/go'),
      probe('wsl:Debian', '/usr/lib/go-1.21'),
      { ...probe('wsl:kali-linux', '/opt/go'), status: 'timeout' },
    ])
    expect(Object.keys(perShell!)).toEqual(['wsl', 'wsl:Debian'])
    expect(perShell!['wsl:Debian']!.goBinary).toBe('/usr/lib/go-1.21/bin/go')
  })
})

describe("a WSL terminal's origins in WSL's words", () => {
  it("what WSL's init gave the shell, a Windows PATH entry WSL appended, a Go variable WSLENV passed in; a startup line as it is", async () => {
    const { inWslWords } = await import('../../src/cli/terminal/wsl-terminal.js')
    const registry = {
      layer: 'registry' as const,
      where: 'user PATH in the registry (HKCU\\Environment\\Path)',
    }
    const line = { layer: 'startup' as const, where: '~/.profile:2', line: 2 }
    const out = inWslWords({
      shell: 'wsl',
      entries: [
        { entry: '/home/me/go/bin', origin: line },
        { entry: '/usr/bin', origin: { layer: 'shell', where: 'wsl itself, as it started' } },
        { entry: '/mnt/c/Go/bin', origin: registry },
      ],
      removed: [],
      vars: { GOFLAGS: { layer: 'registry', where: 'user variable GOFLAGS (HKCU\\Environment)' } },
      layer: { path: [], vars: {} },
    })
    expect(out.entries.map((e) => e.origin.where)).toEqual([
      '~/.profile:2',
      "the distribution's login environment (as wsl.exe starts its shell)",
      'user PATH in the registry (HKCU\\Environment\\Path), the Windows PATH WSL appends (appendWindowsPath)',
    ])
    expect(out.vars.GOFLAGS!.where).toBe(
      'user variable GOFLAGS (HKCU\\Environment), passed into WSL through WSLENV',
    )
  })
})
