/**
 * What --apply would change, from a check's findings (pure; files are read through the
 * context): which file each shell's block goes into, what is left alone and why, and that
 * a plan over the files it already changed is empty.
 */
import { describe, expect, it } from '@jest/globals'
import type { Origin } from '../../../src/base/origin.js'
import type { ShellName } from '../../../src/base/types.js'
import { finding } from '../../../src/findings/catalog.js'
import { planFixes, type PlanContext } from '../../../src/cli/fixes/plan.js'
import { startupFileFor, type TargetContext } from '../../../src/cli/fixes/targets.js'
import type { TerminalRun } from '../../../src/cli/terminal/types.js'

const files = (have: string[]) => (f: string) => have.includes(f)

describe('the startup file of each shell’s new terminal', () => {
  const linux = (have: string[] = [], env: NodeJS.ProcessEnv = {}): TargetContext => ({
    platform: 'linux',
    env: { HOME: '/home/u', ...env },
    sessionShell: 'bash',
    exists: files(have),
  })
  const mac = (have: string[] = []): TargetContext => ({ ...linux(have), platform: 'darwin' })
  it.each([
    ['bash on Linux: ~/.bashrc (an interactive terminal)', 'bash', linux(), '/home/u/.bashrc'],
    [
      'bash on macOS: the first of the login files there is',
      'bash',
      mac(['/home/u/.profile']),
      '/home/u/.profile',
    ],
    ['bash on macOS with none yet: ~/.bash_profile', 'bash', mac(), '/home/u/.bash_profile'],
    ['zsh: ~/.zshrc', 'zsh', linux(), '/home/u/.zshrc'],
    [
      'zsh on macOS, with a ~/.zlogin (read after ~/.zshrc)',
      'zsh',
      mac(['/home/u/.zlogin']),
      '/home/u/.zlogin',
    ],
    [
      'zsh with ZDOTDIR',
      'zsh',
      linux([], { ZDOTDIR: '/home/u/.config/zsh' }),
      '/home/u/.config/zsh/.zshrc',
    ],
    ['fish: config.fish', 'fish', linux(), '/home/u/.config/fish/config.fish'],
    [
      'fish with XDG_CONFIG_HOME',
      'fish',
      linux([], { XDG_CONFIG_HOME: '/x' }),
      '/x/fish/config.fish',
    ],
    ['sh with ENV: that file', 'sh', linux([], { ENV: '$HOME/.shrc' }), '/home/u/.shrc'],
    [
      "sh on Linux without ENV: where the login session's bash reads last",
      'sh',
      linux(['/home/u/.bash_profile']),
      '/home/u/.bash_profile',
    ],
  ] as const)('%s', (_name, shell, c, want) => {
    const got = startupFileFor(shell as ShellName, c)
    expect(typeof got === 'string' ? got : got.file).toBe(want)
  })
  it('pwsh: the profile the shell named ($PROFILE)', () => {
    const c = {
      ...linux(),
      profiles: {
        pwsh: ['a', 'b', 'c', '/home/u/.config/powershell/Microsoft.PowerShell_profile.ps1'],
      },
    }
    expect(startupFileFor('pwsh', c)).toMatchObject({
      file: '/home/u/.config/powershell/Microsoft.PowerShell_profile.ps1',
      family: 'pwsh',
    })
  })
  it('sh on macOS without ENV reads nothing: said, not guessed', () => {
    expect(startupFileFor('sh', mac())).toMatch(/reads no startup file/)
  })
})

/** A check of new terminals with these findings, each with its origin. */
function runWith(
  found: Array<[ReturnType<typeof finding>, Origin | undefined]>,
  env: NodeJS.ProcessEnv = {},
): TerminalRun {
  return {
    autorun: [],
    start: { env: { HOME: '/home/u', ...env }, path: [], vars: {}, describe: '' },
    userShell: { name: 'bash', path: '/bin/bash' },
    session: undefined,
    report: { findings: [], probes: [], input: {} as never, adapters: [] },
    origins: [],
    reference: {
      program: '/usr/local/go/bin/go',
      goEnv: { GOROOT: '/usr/local/go', GOENV: '/home/u/.config/go/env' },
      env: { HOME: '/home/u', GOPATH: '/home/u/go' },
      how: 'test',
    },
    expected: {
      label: 'reference',
      goroot: '/usr/local/go',
      gopath: '/home/u/go',
      gotoolchain: null,
      version: '1.22.5',
      decidedBy: 'test',
      goBinary: '/usr/local/go/bin/go',
      gorootBin: '/usr/local/go/bin',
      gopathBin: '/home/u/go/bin',
    },
    findings: found.map(([f, o]) => (o ? { ...f, origin: o } : f)),
    thisTerminal: {} as never,
  } as unknown as TerminalRun
}

function context(disk: Record<string, string>, over: Partial<PlanContext> = {}): PlanContext {
  return {
    platform: 'linux',
    env: { HOME: '/home/u' },
    exists: (f) => f in disk,
    read: (f) => (f in disk ? Buffer.from(disk[f], 'latin1') : null),
    realpath: (f) => f,
    system: false,
    privileged: false,
    ...over,
  }
}

const shadowed = (shell: ShellName) =>
  finding('go-shadowed', [shell], `${shell}: another go first`, {
    audience: 'terminal',
    params: {
      program: '/opt/go/bin/go',
      dir: '/opt/go/bin',
      gorootBin: '/usr/local/go/bin',
      shell,
      because: 'order',
    },
  })
const startup = (file: string, line: number): Origin => ({
  layer: 'startup',
  where: `${file}:${line}`,
  file,
  line,
})

describe('planFixes', () => {
  it('one block per file, for every shell a finding names; a second plan over the result is empty', () => {
    const run = runWith([
      [shadowed('bash'), startup('/home/u/.bashrc', 3)],
      [shadowed('zsh'), startup('/home/u/.zshrc', 1)],
    ])
    const disk: Record<string, string> = { '/home/u/.bashrc': 'PATH=/opt/go/bin:$PATH\n' }
    const plan = planFixes(run, context(disk))
    expect(
      plan.changes.map((c) => (c.kind === 'file' ? [c.path, c.shells, c.before === null] : c.kind)),
    ).toEqual([
      ['/home/u/.bashrc', ['bash'], false],
      ['/home/u/.zshrc', ['zsh'], true],
    ])
    for (const c of plan.changes) if (c.kind === 'file') disk[c.path] = c.after.toString('latin1')
    expect(planFixes(run, context(disk)).changes).toEqual([])
  })

  it('the go env file: the line of the variable it sets, as go env -u leaves it', () => {
    const run = runWith([
      [
        finding('goroot-mismatch', ['bash'], 'bash: GOROOT differs', { audience: 'terminal' }),
        {
          layer: 'go env file',
          where: '/home/u/.config/go/env:1',
          file: '/home/u/.config/go/env',
          line: 1,
        },
      ],
    ])
    const plan = planFixes(
      run,
      context({ '/home/u/.config/go/env': 'GOROOT=/opt/go\nGOPROXY=direct\n' }),
    )
    expect(plan.changes).toHaveLength(1)
    const c = plan.changes[0]
    expect(c.kind === 'file' && c.after.toString()).toBe('GOPROXY=direct\n')
  })

  it('a file outside the home folder is left alone and says so, unless --system as root', () => {
    const run = runWith([[shadowed('sh'), undefined]], { ENV: '/etc/shrc' })
    const plan = planFixes(run, context({}, { env: { HOME: '/home/u', ENV: '/etc/shrc' } }))
    expect(plan.changes).toEqual([])
    expect(plan.skipped).toEqual([
      {
        what: '/etc/shrc',
        why: 'it is outside your home folder: only --system (as root) changes it',
        shells: ['sh'],
      },
    ])
    const root = planFixes(
      run,
      context({}, { env: { HOME: '/home/u', ENV: '/etc/shrc' }, system: true, privileged: true }),
    )
    expect(root.changes.map((c) => c.kind === 'file' && c.path)).toEqual(['/etc/shrc'])
  })

  it('a file with a broken block, or in a legacy code page with a path outside ASCII, is left alone with the reason', () => {
    const run = runWith([
      [shadowed('bash'), undefined],
      [shadowed('zsh'), undefined],
    ])
    run.expected.gorootBin = '/opt/Jos\u00e9/go/bin'
    const plan = planFixes(
      run,
      context({
        '/home/u/.bashrc': '# >>> go-path-arbiter >>>\nhalf a block\n',
        '/home/u/.zshrc': 'PS1=\xe9\n',
      }),
    )
    expect(plan.changes).toEqual([])
    expect(plan.skipped.map((s) => [s.what, s.why])).toEqual([
      ['/home/u/.bashrc', expect.stringMatching(/without its .* line/)],
      ['/home/u/.zshrc', expect.stringMatching(/legacy code page/)],
    ])
  })
})
