/**
 * The plan of --apply inside a WSL distribution (pure, over what a look through wsl.exe
 * found): the file the distribution user's login shell reads last, the Linux Go of the
 * reference's version put first, GOPATH kept on the Linux side, and each reason to leave
 * the distribution alone; and where a WSL finding goes among the routes (its own block,
 * never the Windows registry).
 */
import { describe, expect, it } from '@jest/globals'
import {
  chooseLinuxGo,
  wslChange,
  wslPathDirs,
  wslStartupFile,
} from '../../../src/cli/fixes/wsl-plan.js'
import { sortFindings } from '../../../src/cli/fixes/routes.js'
import { planFixes, type PlanContext } from '../../../src/cli/fixes/plan.js'
import type { WslFixContext } from '../../../src/cli/fixes/wsl-plan.js'
import { fixCommands } from '../../../src/cli/fixes/commands.js'
import type { TerminalRun } from '../../../src/cli/terminal/types.js'
import type { DistroFile, DistroLook } from '../../../src/wsl/startup-files.js'
import { finding } from '../../../src/findings/catalog.js'

const HOME = '/home/me'
const file = (name: string, text: string): DistroFile => ({
  kind: 'file',
  path: `${HOME}/${name}`,
  real: `${HOME}/${name}`,
  bytes: Buffer.from(text),
})
const none = (name: string, missingDirs: string[] = []): DistroFile => ({
  kind: 'none',
  path: `${HOME}/${name}`,
  missingDirs,
})
const look = (shell: string, files: DistroFile[], gos: DistroLook['gos'] = []): DistroLook => ({
  home: HOME,
  shell,
  files,
  gos,
})

const GO22 = { program: '/usr/local/go/bin/go', goroot: '/usr/local/go', version: '1.22.3' }
const GO21 = { program: '/usr/lib/go-1.21/bin/go', goroot: '/usr/lib/go-1.21', version: '1.21.9' }

function run(o: { env?: Record<string, string>; gopath?: string; path?: string } = {}) {
  return {
    report: {
      probes: [
        {
          shell: 'wsl',
          status: 'ok',
          view: { path: o.path ?? '/usr/bin:/bin', env: o.env ?? {} },
          goEnv: { GOROOT: GO21.goroot, GOPATH: o.gopath ?? `${HOME}/go` },
        },
      ],
      input: {},
    },
    expected: { version: '1.22.3', goroot: 'C:\\Go' },
    findings: [],
  } as unknown as TerminalRun
}

const want = { dropGo: false, settings: {} }

describe('the file a new WSL terminal reads last', () => {
  it.each([
    ['/bin/bash', ['.profile', '.bash_profile'], '.bash_profile', 'posix'],
    ['/bin/bash', ['.bash_login', '.profile'], '.bash_login', 'posix'],
    ['/bin/bash', ['.profile'], '.profile', 'posix'],
    ['/bin/bash', [], '.profile', 'posix'],
    ['/usr/bin/zsh', ['.zshrc'], '.zshrc', 'posix'],
    ['/usr/bin/zsh', ['.zshrc', '.zlogin'], '.zlogin', 'posix'],
    ['/usr/bin/fish', [], '.config/fish/config.fish', 'fish'],
    ['/bin/dash', ['.bash_profile'], '.profile', 'posix'],
    ['', [], '.profile', 'posix'],
  ])('login shell %j, with %j there: %s (%s)', (shell, names, name, family) => {
    const r = wslStartupFile(
      look(
        shell,
        names.map((n) => file(n, '')),
      ),
    )
    expect(r.file.path).toBe(`${HOME}/${name}`)
    expect(r.family).toBe(family)
  })
})

describe('the Linux Go put first', () => {
  const SDK = { ...GO22, program: '/home/me/sdk/go1.22.3/bin/go', goroot: '/home/me/sdk/go1.22.3' }
  it.each([
    ['1.21.9 and 1.22.3 there', [GO21, GO22], undefined, GO22],
    ['only 1.21.9 there', [GO21], undefined, undefined],
    ['two of 1.22.3, the terminal runs the second', [GO22, SDK], SDK.goroot, SDK],
  ])('Go 1.22.3 wanted, %s', (_name, gos, current, chosen) => {
    expect(chooseLinuxGo(gos, '1.22.3', current)).toEqual(chosen)
  })

  it('the terminal’s PATH folders to look in leave out the Windows drives', () => {
    expect(
      wslPathDirs(run({ path: '/usr/bin:/mnt/c/Go/bin:/bin:/usr/bin:relative' }), 'wsl'),
    ).toEqual(['/usr/bin', '/bin'])
  })
})

describe('the change inside the distribution', () => {
  it('the block at the end of ~/.profile: the chosen Go first, under $HOME where it is, GOPATH/bin added', () => {
    const c = wslChange(run(), want, {
      shell: 'wsl',
      distribution: 'Ubuntu',
      look: look('/bin/bash', [file('.profile', '# mine\n')], [GO21, GO22]),
    })
    if (!c || !('kind' in c)) throw new Error(JSON.stringify(c))
    const text = c.after.toString('utf8')
    expect(text.startsWith('# mine\n\n# >>> go-path-arbiter >>>\n')).toBe(true)
    expect(text).toContain(`__gpa_new='/usr/local/go/bin'`)
    expect(text).toContain(`*:"$HOME"'/go/bin':*) ;;`)
    expect(text).toContain('unset GOROOT')
    expect(c.wsl).toEqual({ distribution: 'Ubuntu', home: HOME, missingDirs: [] })
    expect(c.why).toMatch(
      /^the Linux Go 1\.22\.3 at \/usr\/local\/go first on PATH: an owned block/,
    )
  })

  it('GOROOT exported in WSL is set to the chosen tree; a GOPATH through the drive mount becomes ~/go (wsl-gopath-windows)', () => {
    const c = wslChange(
      run({
        env: { GOROOT: '/usr/lib/go-1.21', GOPATH: '/mnt/c/Users/me/go' },
        gopath: '/mnt/c/Users/me/go',
      }),
      want,
      { shell: 'wsl', distribution: 'Ubuntu', look: look('/bin/bash', [], [GO22]) },
    )
    if (!c || !('kind' in c)) throw new Error(JSON.stringify(c))
    const text = c.after.toString('utf8')
    expect(text).toContain(`export GOROOT='/usr/local/go'`)
    expect(text).toContain(`export GOPATH="$HOME"'/go'`)
    expect(c.before).toBeNull()
  })

  it('fish: config.fish, with the folders it needs recorded for --undo', () => {
    const c = wslChange(run(), want, {
      shell: 'wsl',
      distribution: 'Debian',
      look: look(
        '/usr/bin/fish',
        [none('.config/fish/config.fish', [`${HOME}/.config`, `${HOME}/.config/fish`])],
        [GO22],
      ),
    })
    if (!c || !('kind' in c)) throw new Error(JSON.stringify(c))
    expect(c.after.toString('utf8')).toMatch(/contains --index -- '\/usr\/local\/go\/bin' \$PATH/)
    expect(c.wsl!.missingDirs).toEqual([`${HOME}/.config`, `${HOME}/.config/fish`])
  })

  it.each([
    [
      'no Linux Go of the version',
      look('/bin/bash', [file('.profile', '')], [GO21]),
      /^no Linux Go 1\.22\.3 is in Ubuntu \(found \/usr\/lib\/go-1\.21\/bin\/go \(1\.21\.9\) in .*\): install Go 1\.22\.3 for Linux there and run --apply again$/,
    ],
    [
      'a file that cannot be read',
      look('/bin/bash', [{ kind: 'unreadable', path: `${HOME}/.profile` }], [GO22]),
      /^it cannot be read there$/,
    ],
    [
      'a link out of the home folder',
      look('/bin/bash', [{ ...file('.profile', ''), real: '/etc/skel/.profile' }] as DistroFile[], [
        GO22,
      ]),
      /^it is \/etc\/skel\/\.profile, outside the home folder there: edit it by hand$/,
    ],
  ])('left alone: %s', (_name, l, why) => {
    const c = wslChange(run(), want, { shell: 'wsl', distribution: 'Ubuntu', look: l })
    expect(c && !('kind' in c) && c.what).toBe('WSL Ubuntu: ~/.profile')
    expect(c && !('kind' in c) && c.why).toMatch(why)
  })

  it('left alone: wsl.exe could not look', () => {
    expect(
      wslChange(run(), want, {
        shell: 'wsl',
        distribution: 'Ubuntu',
        look: { failed: 'wsl.exe did not answer' },
      }),
    ).toEqual({
      what: 'WSL Ubuntu',
      why: 'its startup files could not be read through wsl.exe: wsl.exe did not answer',
      shells: ['wsl'],
    })
  })

  it('nothing to change when the block is already there as it would be written', () => {
    const first = wslChange(run(), want, {
      shell: 'wsl',
      distribution: 'Ubuntu',
      look: look('/bin/bash', [], [GO22]),
    })
    if (!first || !('kind' in first)) throw new Error('no change')
    const again = wslChange(run(), want, {
      shell: 'wsl',
      distribution: 'Ubuntu',
      look: look('/bin/bash', [file('.profile', first.after.toString('utf8'))], [GO22]),
    })
    expect(again).toBeNull()
  })
})

const f = (id: string, shells: string[], params?: Record<string, unknown>) =>
  finding(id as never, shells as never, 'x', { audience: 'terminal', params })

describe('where a WSL finding goes (Windows)', () => {
  it.each([
    ['wsl-go-version', ['wsl'], true],
    ['wsl-go-interop-only', ['wsl'], true],
    ['wsl-gopath-windows', ['wsl'], true],
    ['wsl-provision-failed', ['wsl'], false],
  ])('%s %j: to the WSL block: %s, never to the registry', (id, shells, toBlock) => {
    const r = {
      ...run(),
      findings: [f(id, shells, { version: '1.22.3', passed: false })],
    } as TerminalRun
    const routes = sortFindings(r, 'win32')
    expect(routes.wsl.has('wsl')).toBe(toBlock)
    expect(routes.registry).toEqual([])
    expect(routes.blocks.size).toBe(0)
  })

  it('off Windows there is no WSL route (the action’s wsl row is not the CLI’s)', () => {
    const r = {
      ...run(),
      findings: [f('wsl-go-version', ['wsl'], { version: '1.22.3' })],
    } as TerminalRun
    expect(sortFindings(r, 'linux').wsl.size).toBe(0)
  })

  it('each distribution its own block: a finding of wsl:Debian goes to Debian, one of two rows to both', () => {
    const r = {
      ...run(),
      findings: [
        f('wsl-go-version', ['wsl:Debian'], { version: '1.22.3' }),
        f('wsl-gopath-windows', ['wsl', 'wsl:Debian'], { passed: false }),
      ],
    } as TerminalRun
    const routes = sortFindings(r, 'win32')
    expect([...routes.wsl.keys()]).toEqual(['wsl:Debian', 'wsl'])
    expect(routes.registry).toEqual([])
    expect(routes.blocks.size).toBe(0)
  })
})

describe('--apply with two distributions (Windows)', () => {
  const twoRows = (): TerminalRun => {
    const one = run()
    const wsl = one.report.probes[0]
    return {
      ...one,
      platform: 'win32',
      reference: { env: {}, goEnv: { GOENV: 'C:\\Users\\me\\AppData\\Roaming\\go\\env' } },
      start: { path: [], env: {} },
      report: { ...one.report, probes: [wsl, { ...wsl, shell: 'wsl:Debian' }] },
      findings: [
        f('wsl-go-version', ['wsl'], { version: '1.22.3' }),
        f('wsl-go-version', ['wsl:Debian'], { version: '1.22.3' }),
      ],
    } as unknown as TerminalRun
  }
  const ctx = (wsl: WslFixContext[]): PlanContext => ({
    platform: 'win32',
    env: { USERPROFILE: 'C:\\Users\\me' },
    exists: () => false,
    read: () => null,
    realpath: (x) => x,
    system: false,
    privileged: false,
    wsl,
  })
  const ubuntu: WslFixContext = {
    shell: 'wsl',
    distribution: 'Ubuntu',
    look: look('/bin/bash', [file('.profile', '# mine\n')], [GO22]),
  }
  const debian: WslFixContext = {
    shell: 'wsl:Debian',
    distribution: 'Debian',
    look: look('/usr/bin/zsh', [], [GO22]),
  }

  it("each row's file changes inside its own distribution, named by it", () => {
    const plan = planFixes(twoRows(), ctx([ubuntu, debian]))
    const files = plan.changes.map((c) =>
      c.kind === 'file' ? `${c.wsl?.distribution} ${c.path} [${c.shells.join(',')}]` : c.kind,
    )
    expect(files).toEqual(['Ubuntu /home/me/.profile [wsl]', 'Debian /home/me/.zshrc [wsl:Debian]'])
    expect(plan.skipped).toEqual([])
  })

  it('--fix names each distribution: the default row as wsl:NAME (the default may change), another by its row', () => {
    const r = {
      ...twoRows(),
      wsl: [
        { shell: 'wsl', distribution: 'Ubuntu', mountRoot: '/mnt/' },
        { shell: 'wsl:Debian', distribution: 'Debian', mountRoot: '/mnt/' },
      ],
    } as TerminalRun
    const plan = planFixes(r, ctx([ubuntu, debian]))
    const commands = r.findings.map(
      (x) =>
        fixCommands(r, x, { platform: 'win32', plan, home: 'C:\\Users\\me' }).map((l) =>
          typeof l === 'string' ? l : l.command,
        )[0],
    )
    expect(commands).toEqual([
      'go-path-arbiter --apply --shells wsl:Ubuntu',
      'go-path-arbiter --apply --shells wsl:Debian',
    ])
  })

  it('a distribution that was not looked at is left alone, naming its row', () => {
    const plan = planFixes(twoRows(), ctx([ubuntu]))
    expect(plan.changes).toHaveLength(1)
    expect(plan.skipped).toEqual([
      { what: 'WSL', why: 'the distribution was not looked at', shells: ['wsl:Debian'] },
    ])
  })
})
