import { describe, expect, it } from '@jest/globals'
import {
  attributeShell,
  findLine,
  type AttributionSources,
} from '../../src/attribution/attribute.js'
import { fixCommands } from '../../src/attribution/fix.js'
import { sourcedFiles, startupFiles } from '../../src/attribution/startup-files.js'
import { buildSights } from '../../src/check/sight.js'
import { finding } from '../../src/findings/catalog.js'
import { input, probe } from '../helpers/check-input.js'

describe('which startup files each shell reads (as documented by each shell)', () => {
  const c = { home: '/home/me', env: {} as NodeJS.ProcessEnv }
  it.each([
    ['bash', 'linux', 'terminal', [['all', '/etc/bash.bashrc', '/home/me/.bashrc']]],
    [
      'bash',
      'darwin',
      'terminal',
      [
        ['all', '/etc/profile'],
        ['first', '/home/me/.bash_profile', '/home/me/.bash_login', '/home/me/.profile'],
      ],
    ],
    ['bash', 'linux', 'runner', []],
    [
      'zsh',
      'linux',
      'terminal',
      [
        ['first', '/etc/zsh/zshenv', '/etc/zshenv'],
        ['all', '/home/me/.zshenv'],
        ['first', '/etc/zsh/zshrc', '/etc/zshrc'],
        ['all', '/home/me/.zshrc'],
      ],
    ],
    [
      'zsh',
      'linux',
      'runner',
      [
        ['first', '/etc/zsh/zshenv', '/etc/zshenv'],
        ['all', '/home/me/.zshenv'],
      ],
    ],
    ['sh', 'linux', 'terminal', []],
    ['cmd', 'win32', 'terminal', []],
  ] as const)('%s on %s as %s', (shell, platform, mode, want) => {
    const groups = startupFiles(shell, mode, { ...c, platform })
    expect(groups.map((g) => [g.kind, ...g.paths])).toEqual(want)
  })
  it('zsh on macOS is a login shell: zprofile before and zlogin after zshrc; ZDOTDIR is honoured', () => {
    const g = startupFiles('zsh', 'terminal', {
      platform: 'darwin',
      home: '/Users/me',
      env: { ZDOTDIR: '/Users/me/.zsh' },
    })
    expect(g.flatMap((x) => x.paths).filter((p) => p.startsWith('/Users'))).toEqual([
      '/Users/me/.zsh/.zshenv',
      '/Users/me/.zsh/.zprofile',
      '/Users/me/.zsh/.zshrc',
      '/Users/me/.zsh/.zlogin',
    ])
  })
  it("Git Bash (mintty's bash --login -i) reads Git's own /etc/profile", () => {
    const g = startupFiles('bash', 'terminal', {
      platform: 'win32',
      home: 'C:\\Users\\me',
      env: {},
      gitRoot: 'C:\\Program Files\\Git',
    })
    expect(g[0].paths[0].replace(/\\/g, '/')).toBe('C:/Program Files/Git/etc/profile')
  })
  it('sh reads $ENV as a terminal; bash reads $BASH_ENV as a runner step; pwsh its profiles', () => {
    expect(
      startupFiles('sh', 'terminal', { ...c, platform: 'linux', env: { ENV: '/home/me/.shrc' } })[0]
        .paths,
    ).toEqual(['/home/me/.shrc'])
    expect(
      startupFiles('bash', 'runner', { ...c, platform: 'linux', env: { BASH_ENV: '/x/env.sh' } })[0]
        .paths,
    ).toEqual(['/x/env.sh'])
    expect(
      startupFiles('pwsh', 'runner', { ...c, platform: 'linux', profiles: ['/a.ps1', '/b.ps1'] })[0]
        .paths,
    ).toEqual(['/a.ps1', '/b.ps1'])
  })
  it('follows `. file` and `source file` lines', () => {
    expect(
      sourcedFiles(
        '. ~/.bash_aliases\nsource "$HOME/.go.sh" # go\n[ -f x ] && . x\n. $X/y\n',
        '/home/me',
        '/home/me/.bashrc',
      ),
    ).toEqual(['/home/me/.bash_aliases', '/home/me/.go.sh'])
  })
})

describe('attribution: who put a PATH entry where a shell sees it', () => {
  const SDK = 'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin'
  const sources = (over: Partial<AttributionSources> = {}): AttributionSources => ({
    home: 'C:\\Users\\me',
    startup: {},
    login: [],
    env: { SystemRoot: 'C:\\Windows' },
    ...over,
  })

  it("cmd's AutoRun (wine's cmd never runs it: shown here from the registry value)", () => {
    const term = probe('cmd', { path: ['C:\\autorun', SDK, 'C:\\Windows\\system32'] })
    const clean = probe('cmd', { path: [SDK, 'C:\\Windows\\system32'] })
    const s = buildSights(input([term]))
    const c = buildSights(input([clean]))
    const a = attributeShell(
      s.shells[0],
      c.shells[0],
      sources({
        autorun: [
          {
            key: 'HKCU\\Software\\Microsoft\\Command Processor',
            value: 'set PATH=C:\\autorun;%PATH%',
          },
        ],
        registry: { machine: ['%SystemRoot%\\system32'], user: [SDK] },
      }),
    )
    expect(a.entries.map((e) => [e.entry, e.origin.layer, e.origin.where])).toEqual([
      ['C:\\autorun', 'cmd AutoRun', 'HKCU\\Software\\Microsoft\\Command Processor\\AutoRun'],
      [SDK, 'registry (user)', 'HKCU\\Environment\\Path'],
      [
        'C:\\Windows\\system32',
        'registry (machine)',
        'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment\\Path',
      ],
    ])
  })

  it('a pwsh profile line, found by the spellings a profile uses ($env:USERPROFILE)', () => {
    const term = probe('pwsh', { path: ['C:\\Users\\me\\sdk\\go\\bin', SDK] })
    const clean = probe('pwsh', { path: [SDK] })
    const a = attributeShell(
      buildSights(input([term])).shells[0],
      buildSights(input([clean])).shells[0],
      sources({
        startup: {
          pwsh: [
            {
              path: 'C:\\Users\\me\\Documents\\PowerShell\\profile.ps1',
              shown: '~\\Documents\\PowerShell\\profile.ps1',
              text: '# go\r\n$env:PATH = "$env:USERPROFILE\\sdk\\go\\bin;" + $env:PATH\r\n',
            },
          ],
        },
      }),
    )
    expect(a.entries[0].origin).toMatchObject({
      layer: 'startup',
      where: '~\\Documents\\PowerShell\\profile.ps1:2',
      line: 2,
    })
  })

  it('a Go variable the shell lacks but the go env file sets: the file and its line', () => {
    const p = probe('cmd', { env: { GOROOT: null } })
    const s = buildSights(input([p])).shells[0]
    const a = attributeShell(
      s,
      undefined,
      sources({
        goEnvFile: {
          path: 'C:\\Users\\me\\AppData\\Roaming\\go\\env',
          values: { GOROOT: { value: 'C:\\Go', line: 3 } },
        },
      }),
    )
    expect(a.vars.GOROOT).toMatchObject({
      layer: 'go env file',
      where: 'C:\\Users\\me\\AppData\\Roaming\\go\\env:3',
    })
  })

  it('comment lines are never the origin', () => {
    const o = findLine(
      [
        {
          path: '/f',
          shown: '~/f',
          text: '# export PATH=/opt/go/bin:$PATH\nexport PATH=/opt/go/bin:$PATH\n',
        },
      ],
      (l) => l.includes('/opt/go/bin'),
      'startup',
    )
    expect(o?.line).toBe(2)
  })
})

describe('--fix: commands for this OS and shell, changing nothing', () => {
  const ctx = { platform: 'linux' as const, gorootBin: '/opt/go/bin', gopathBin: '/home/me/go/bin' }
  it.each([
    [
      'a startup file line',
      finding('go-shadowed', ['bash'], 'x'),
      {
        layer: 'startup' as const,
        where: '~/.bashrc:3',
        file: "/home/me/it's/.bashrc",
        line: 3,
        text: 'export PATH=/x:$PATH',
      },
      "sed -i.bak '3s/^/# /' '/home/me/it'\\''s/.bashrc'",
    ],
    [
      'a pwsh profile line',
      finding('go-shadowed', ['pwsh'], 'x'),
      { layer: 'startup' as const, where: 'p:2', file: '/p/profile.ps1', line: 2 },
      "$f = '/p/profile.ps1'; $l = Get-Content -LiteralPath $f; $l[1] = '# ' + $l[1]; Set-Content -LiteralPath $f -Value $l",
    ],
    [
      'an AutoRun value',
      finding('go-shadowed', ['cmd'], 'x'),
      {
        layer: 'cmd AutoRun' as const,
        where: 'HKCU\\Software\\Microsoft\\Command Processor\\AutoRun',
      },
      'reg delete "HKCU\\Software\\Microsoft\\Command Processor" /v AutoRun /f',
    ],
    [
      'a go env -w value',
      finding('goenv-file-conflict', [], '`go env -w GOROOT="C:\\\\Go"` in f fights'),
      undefined,
      'go env -u GOROOT',
    ],
  ])('%s', (_n, f, origin, want) => {
    expect(fixCommands(f, origin, ctx)).toContain(want)
  })
  it('a user PATH entry in the registry is removed with SetEnvironmentVariable', () => {
    const cmds = fixCommands(
      finding('go-shadowed', ['cmd'], 'x'),
      { layer: 'registry (user)', where: 'HKCU\\Environment\\Path', entry: 'C:\\Go\\bin' },
      { ...ctx, platform: 'win32' },
    )
    expect(cmds[1]).toContain("[Environment]::SetEnvironmentVariable('Path'")
    expect(cmds[1]).toContain("-ne 'C:\\Go\\bin'")
    expect(cmds[1]).toContain("'User')")
  })
  it('a missing GOPATH/bin is added where that shell reads it', () => {
    expect(
      fixCommands(finding('gopath-bin-missing', ['zsh'], 'x'), undefined, { ...ctx, shell: 'zsh' }),
    ).toEqual([`echo 'export PATH="$PATH":'\\''/home/me/go/bin'\\''' >> ~/.zshrc`])
    expect(
      fixCommands(finding('go-missing', ['cmd'], 'x'), undefined, {
        ...ctx,
        platform: 'win32',
        shell: 'cmd',
        gorootBin: 'C:\\Go\\bin',
      })[1],
    ).toBe(
      "[Environment]::SetEnvironmentVariable('Path', 'C:\\Go\\bin;' + [Environment]::GetEnvironmentVariable('Path', 'User'), 'User')",
    )
  })
})
