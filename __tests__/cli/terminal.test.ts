/**
 * The CLI on a developer's own machine: each shell started as a terminal starts it (bash
 * and zsh interactive, with their rc files; pwsh with its profiles), the file and line
 * that put a PATH entry or a Go variable there, and `--fix` commands that really fix it.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { layOutGoTree } from '../../__fixtures__/go-archive.js'
import { basePathWithoutGo, cliBundle } from '../helpers/action.js'
import { pwshDescribe, pwshDir } from '../helpers/pwsh.js'

interface Machine {
  home: string
  goroot: string
  other: string
  env: NodeJS.ProcessEnv
}

/** A home folder and a PATH that holds one Go and its GOPATH/bin: a tidy machine. */
function machine(): Machine {
  const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-dev-'))
  const home = path.join(root, 'home')
  mkdirSync(path.join(home, 'go', 'bin'), { recursive: true })
  layOutGoTree(path.join(root, 'sdk'))
  layOutGoTree(path.join(root, 'other'))
  const goroot = path.join(root, 'sdk', 'go')
  return {
    home,
    goroot,
    other: path.join(root, 'other', 'go'),
    env: {
      PATH: `${goroot}/bin:${home}/go/bin:${basePathWithoutGo()}`,
      HOME: home,
      LANG: 'C.UTF-8',
      // no login-time variables of this test runner leak into the shells
      BASH_ENV: '',
      ENV: '',
    },
  }
}

function cli(m: Machine, args: string[]) {
  const r = spawnSync(process.execPath, [cliBundle(), ...args], {
    env: m.env,
    cwd: m.home,
    encoding: 'utf8',
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const findingLines = (out: string) =>
  out.split('\n').filter((l) => /^ {2}(ERROR|WARNING|NOTICE) /.test(l))

describe('terminal mode with real bash, zsh and sh startup files', () => {
  beforeAll(() => {
    expect(spawnSync('zsh', ['--version']).status).toBe(0)
  })

  it('a tidy machine is consistent in every shell, as a terminal starts them', () => {
    const m = machine()
    const r = cli(m, ['--shells', 'bash,zsh,sh'])
    expect(r.stderr).toBe('')
    expect(findingLines(r.stdout)).toEqual([])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('shells started as a terminal starts them')
  })

  it('~/.bashrc puts another Go first: go-shadowed in bash only, set by ~/.bashrc:3, and --fix fixes it', () => {
    const m = machine()
    writeFileSync(
      path.join(m.home, '.bashrc'),
      `# mine\nalias ll='ls -l'\nexport PATH="${m.other}/bin:$PATH"\n`,
    )
    const r = cli(m, ['--shells', 'bash,zsh,sh', '--fix'])
    expect(r.code).toBe(1)
    expect(findingLines(r.stdout)).toEqual([
      `  ERROR go-shadowed (config) [bash]: bash: ${m.other}/bin/go comes before the exported ${m.goroot}/bin/go on PATH`,
      expect.stringMatching(/^ {2}NOTICE go-several \(config\) \[bash\]/),
    ])
    expect(r.stdout).toContain(`    set by: ~${path.sep}.bashrc:3`)
    expect(r.stdout).toContain(`${m.other}/bin   [go, shadows go in bash]   <- bash: ~/.bashrc:3`)
    const fix = r.stdout
      .split('\n')
      .find((l) => l.includes('sed -i.bak'))!
      .trim()
    expect(fix).toBe(`sed -i.bak '3s/^/# /' '${m.home}/.bashrc'`)
    // the printed command really fixes it
    expect(spawnSync('sh', ['-c', fix]).status).toBe(0)
    expect(cli(m, ['--shells', 'bash,zsh,sh']).code).toBe(0)
  })

  it('--as runner starts bash as a step does: the ~/.bashrc line is not seen', () => {
    const m = machine()
    writeFileSync(path.join(m.home, '.bashrc'), `export PATH="${m.other}/bin:$PATH"\n`)
    const r = cli(m, ['--shells', 'bash', '--as', 'runner'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('shells started as a runner step starts them')
  })

  it('~/.zshrc makes go an alias: go-not-a-program in zsh, set by ~/.zshrc:1', () => {
    const m = machine()
    writeFileSync(path.join(m.home, '.zshrc'), `alias go='echo not go'\n`)
    const r = cli(m, ['--shells', 'bash,zsh'])
    expect(r.code).toBe(1)
    expect(findingLines(r.stdout)[0]).toMatch(
      /^ {2}ERROR go-not-a-program \(config\) \[zsh\]: zsh: `go` is an? alias go=/,
    )
    expect(r.stdout).toContain(`    set by: ~${path.sep}.zshrc:1`)
  })

  it('~/.bashrc rebuilds PATH without GOPATH/bin: gopath-bin-missing, set by that line', () => {
    const m = machine()
    writeFileSync(
      path.join(m.home, '.bashrc'),
      `\nexport PATH="${m.goroot}/bin:${basePathWithoutGo()}"\n`,
    )
    const r = cli(m, ['--shells', 'bash,sh', '--fix'])
    expect(r.code).toBe(1)
    expect(findingLines(r.stdout)).toEqual([
      expect.stringMatching(/^ {2}ERROR gopath-bin-missing \(config\) \[bash\]/),
    ])
    expect(r.stdout).toContain(`    set by: ~${path.sep}.bashrc:2`)
    expect(r.stdout).toContain(`sed -i.bak '2s/^/# /' '${m.home}/.bashrc'`)
  })

  it('a GOROOT set in ~/.zshrc: goroot-mismatch in zsh, and the Go variables say where each came from', () => {
    const m = machine()
    writeFileSync(path.join(m.home, '.zshrc'), `export GOROOT=${m.other}\n`)
    const r = cli(m, ['--shells', 'bash,zsh'])
    expect(r.code).toBe(1)
    expect(findingLines(r.stdout)).toEqual([
      expect.stringMatching(/^ {2}ERROR goroot-mismatch \(config\) \[zsh\]/),
    ])
    expect(r.stdout).toMatch(/ {2}zsh {8}GOROOT <- startup: ~\/\.zshrc:1/)
  })

  it('an entry inherited from the login files is named too (~/.profile)', () => {
    const m = machine()
    const extra = path.join(m.home, 'tools', 'bin')
    writeFileSync(path.join(m.home, '.profile'), `PATH="$HOME/tools/bin:$PATH"\n`)
    m.env.PATH = `${extra}:${m.env.PATH}`
    const r = cli(m, ['--shells', 'bash', '--json'])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as {
      mode: string
      attribution: Array<{
        shell: string
        entries: Array<{ entry: string; origin: { layer: string; where: string } }>
      }>
    }
    expect(report.mode).toBe('terminal')
    const e = report.attribution[0].entries.find((x) => x.entry === extra)!
    expect(e.origin).toMatchObject({ layer: 'login', where: `~${path.sep}.profile:1` })
  })

  it('no go on PATH at all: go-not-found, exit code 1, with a plain message', () => {
    const m = machine()
    m.env.PATH = basePathWithoutGo()
    const r = cli(m, [])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('ERROR go-not-found (config): no go on PATH')
  })

  it('a bad option names the option and the value', () => {
    const r = cli(machine(), ['--as', 'robot'])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('--as: "robot" is not one of terminal, runner')
  })
})

pwshDescribe('terminal mode with real pwsh profiles', () => {
  it('a CurrentUserAllHosts profile that prepends another Go: named by file and line', () => {
    const m = machine()
    m.env.PATH = `${pwshDir()}:${m.env.PATH}`
    const profile = path.join(m.home, '.config', 'powershell', 'profile.ps1')
    mkdirSync(path.dirname(profile), { recursive: true })
    writeFileSync(
      profile,
      `\n\n$env:PATH = '${m.other}/bin' + [IO.Path]::PathSeparator + $env:PATH\n`,
    )
    const r = cli(m, ['--shells', 'pwsh,bash', '--fix'])
    expect(r.code).toBe(1)
    expect(findingLines(r.stdout)[0]).toMatch(/^ {2}ERROR go-shadowed \(config\) \[pwsh\]/)
    expect(r.stdout).toContain(
      `    set by: ~${path.sep}.config${path.sep}powershell${path.sep}profile.ps1:3`,
    )
    expect(r.stdout).toContain(
      `$f = '${profile}'; $l = Get-Content -LiteralPath $f; $l[2] = '# ' + $l[2]`,
    )
  })
})
