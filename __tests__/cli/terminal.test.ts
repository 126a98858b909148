/**
 * The CLI on a developer's machine, with real bash, sh (dash), zsh, fish and pwsh, each
 * started as a NEW terminal starts it: from a login environment built from the system's
 * files, through the login session ($SHELL -l), then the shell's own startup files, all
 * traced. A temporary HOME holds the startup files; the system's own (/etc/profile,
 * /etc/bash.bashrc, /etc/zsh/*) are this machine's. The verdict must not depend on where
 * the CLI itself was started.
 */
import { expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { cliBundle } from '../helpers/action.js'
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describeWith, toolPath } from '../helpers/tools.js'
import {
  cli,
  machine,
  putFile,
  type From,
  type Machine,
  type ReportFinding,
} from '../helpers/machine.js'

interface Report {
  exitCode: number
  processExitCode: number
  reference: {
    program: string
    how: string
    shell?: string
    entry?: { entry: string; origin: { where: string } }
  }
  findings: Array<ReportFinding & { hint: string }>
  origins: Array<{
    shell: string
    entries: Array<{ entry: string; origin: { where: string; layer: string } }>
    vars: Record<string, { where: string }>
    goDefinition?: { where: string }
    note?: string
  }>
  probes: Array<{ shell: string; status: string; runs?: string }>
}

const json = (m: Machine, args: string[], from: From = 'neutral', env: NodeJS.ProcessEnv = {}) => {
  const r = cli(m, ['--json', '--no-modules', ...args], from, env)
  return { ...r, report: JSON.parse(r.stdout) as Report }
}

/** What must not depend on where the CLI was started: the verdict, the reference, every finding and origin. */
const verdictOf = (r: Report) => ({
  code: r.exitCode,
  reference: r.reference,
  findings: r.findings
    .filter((f) => f.id !== 'terminal-stale' && f.id !== 'go-several')
    .map((f) => [f.id, f.shells, f.origin?.where ?? null]),
  origins: r.origins.map((o) => [
    o.shell,
    o.entries.map((e) => `${e.entry} <- ${e.origin.where}`),
    o.vars,
    o.goDefinition ?? null,
  ]),
})

/** The findings of one severity; this terminal's own is checked apart. */
const ids = (r: Report, severity = 'error') =>
  r.findings
    .filter((f) => f.severity === severity && f.id !== 'terminal-stale')
    .map((f) => `${f.id} ${f.shells.join(',')}`)
const originOf = (r: Report, shell: string, entry: string) =>
  r.origins.find((o) => o.shell === shell)?.entries.find((e) => e.entry === entry)?.origin.where

const starts: From[] = [
  'neutral',
  'bash -i',
  'bash -l',
  'zsh -i',
  ...(toolPath('pwsh') ? (['pwsh'] as From[]) : []),
]

describeWith(
  ['go', 'zsh', 'fish'],
  'a new terminal of each shell, wherever the CLI is started',
  () => {
    it('a tidy machine: every shell runs the Go ~/.profile puts first, the same answer from every start', () => {
      const m = machine()
      const answers = starts.map((from) => ({ from, ...json(m, [], from) }))
      // a terminal's own start-up may print (bash -i without a tty); the CLI prints nothing there
      expect(answers[0].stderr).toBe('')
      for (const a of answers) {
        expect(ids(a.report)).toEqual([])
        expect(a.code).toBe(0)
      }
      const first = answers[0].report
      expect(first.reference.program).toBe(`${m.goroot}/bin/go`)
      expect(first.reference.how).toBe('the go every new terminal runs')
      expect(first.reference.entry?.origin.where).toBe('~/.profile:1 (login session)')
      for (const a of answers.slice(1))
        expect({ from: a.from, ...verdictOf(a.report) }).toEqual({
          from: a.from,
          ...verdictOf(first),
        })
    })

    it("~/.bashrc puts another Go first inside an if block: no Go is called right (bash's named at that line), the same from every start; with --go, bash's go-shadowed names it", () => {
      const m = machine({}, '/bin/zsh')
      writeFileSync(
        path.join(m.home, '.bashrc'),
        `# mine\nalias ll='ls -l'\nif [ -d "${m.other}" ]; then\n  export PATH="${m.other}/bin:$PATH"\nfi\n`,
      )
      const undecided = starts.map((from) => ({ from, ...json(m, [], from) }))
      const first = undecided[0].report
      expect(first.reference).toBeNull()
      expect(ids(first)).toEqual(['reference-undecided '])
      const u = first.findings.find((f) => f.id === 'reference-undecided')!
      expect(u.message).toContain(`at ${m.other}/bin/go (bash; from ~/.bashrc:4)`)
      expect(u.message).toContain(`at ${m.goroot}/bin/go (zsh, sh, fish`)
      for (const a of undecided) {
        expect(a.code).toBe(1)
        expect({ from: a.from, ...verdictOf(a.report) }).toEqual({
          from: a.from,
          ...verdictOf(first),
        })
      }
      const chosen = starts.map((from) => ({
        from,
        ...json(m, ['--go', `${m.goroot}/bin/go`], from),
      }))
      const c = chosen[0].report
      expect(c.reference.program).toBe(`${m.goroot}/bin/go`)
      expect(ids(c)).toEqual(['go-shadowed bash'])
      expect(c.findings.find((f) => f.id === 'go-shadowed')!.origin?.where).toBe('~/.bashrc:4')
      expect(originOf(c, 'bash', `${m.other}/bin`)).toBe('~/.bashrc:4')
      for (const a of chosen) {
        expect(a.code).toBe(1)
        expect({ from: a.from, ...verdictOf(a.report) }).toEqual({ from: a.from, ...verdictOf(c) })
      }
    })

    it("a line that builds the entry from variables (export GOROOT=...; PATH=$GOROOT/bin:$PATH) in ~/.zshrc is that line, never a system file's", () => {
      const m = machine()
      writeFileSync(
        path.join(m.home, '.zshrc'),
        `\n\nexport GOROOT="${m.other}"\nexport PATH="$GOROOT/bin:$PATH"\n`,
      )
      const r = json(m, ['--shells', 'zsh', '--go', m.goroot])
      expect(originOf(r.report, 'zsh', `${m.other}/bin`)).toBe('~/.zshrc:4')
      const zsh = r.report.origins.find((o) => o.shell === 'zsh')!
      expect(zsh.vars.GOROOT.where).toBe('~/.zshrc:3')
      expect(r.report.findings.find((f) => f.id === 'go-shadowed')!.origin?.where).toBe(
        '~/.zshrc:4',
      )
      for (const f of r.report.findings) expect(f.origin?.where ?? '').not.toMatch(/^\/etc\//)
    })

    it('a file ~/.bashrc sources, and ZDOTDIR with path=(...) in zsh: the lines that ran', () => {
      const m = machine(
        {
          '.go.sh': `# go\nPATH="${'$'}HOME/../other/go/bin:$PATH"\n`,
          '.bashrc': '. ~/.go.sh\n',
          '.zshenv': 'export ZDOTDIR="$HOME/.config/zsh"\n',
          '.config/zsh/.zshrc': `typeset -U path\npath=(${'$'}HOME/../other/go/bin $path)\n`,
        },
        '/bin/sh',
      )
      const r = json(m, ['--shells', 'bash,zsh', '--go', m.goroot])
      const other = `${m.home}/../other/go/bin`
      expect(originOf(r.report, 'bash', other)).toBe('~/.go.sh:2')
      expect(originOf(r.report, 'zsh', other)).toBe('~/.config/zsh/.zshrc:2')
      expect(ids(r.report)).toEqual(['go-shadowed bash', 'go-shadowed zsh'])
    })

    it('an alias with a path is an alias, not a PATH folder: no goroot-mismatch (its go has another GOROOT) and no go-fails beside it', () => {
      const m = machine({ '.zshrc': `\nalias go='${'$'}HOME/../other/go/bin/go'\n` })
      const r = json(m, ['--shells', 'bash,zsh'])
      expect(ids(r.report)).toEqual(['go-not-a-program zsh'])
      expect(r.report.findings[0].message).toMatch(/^zsh: `go` is an alias go=/)
      expect(r.report.findings[0].origin?.where).toBe('~/.zshrc:2')
      // the alias's go does not run at all (a GOROOT with no Go in it)
      writeFileSync(
        path.join(m.home, '.zshrc'),
        `export GOROOT=/nowhere\nalias go='${'$'}HOME/../other/go/bin/go'\n`,
      )
      expect(ids(json(m, ['--shells', 'bash,zsh']).report)).toEqual(['go-not-a-program zsh'])
    })

    it("a go() function over several lines in ~/.bashrc: go-not-a-program at bash's own record of its definition", () => {
      const m = machine({ '.bashrc': '# helpers\n\ngo() {\n  echo "not go"\n}\n' })
      const r = json(m, ['--shells', 'bash'])
      expect(ids(r.report)).toEqual(['go-not-a-program bash'])
      expect(r.report.findings[0].origin?.where).toBe('~/.bashrc:3')
    })

    it('fish: config.fish, a conf.d snippet, fish_add_path and the universal fish_user_paths, each named as fish recorded it', () => {
      const m = machine({
        '.config/fish/conf.d/go.fish': `set -gx PATH ${'$'}HOME/../other/go/bin $PATH\n`,
        '.config/fish/config.fish': `set -l unused 1\nif true\n  set -gx GOFLAGS -mod=mod\nend\nfish_add_path -g ${'$'}HOME/tools\n`,
      })
      mkdirSync(path.join(m.home, 'tools'))
      mkdirSync(path.join(m.home, 'uvar'))
      spawnSync(toolPath('fish')!, ['-c', `set -U fish_user_paths ${m.home}/uvar`], { env: m.env })
      const r = json(m, ['--shells', 'fish', '--go', m.goroot], 'neutral')
      const fish = r.report.origins.find((o) => o.shell === 'fish')!
      expect(originOf(r.report, 'fish', `${m.home}/../other/go/bin`)).toBe(
        '~/.config/fish/conf.d/go.fish:1',
      )
      expect(originOf(r.report, 'fish', `${m.home}/tools`)).toBe('~/.config/fish/config.fish:5')
      expect(originOf(r.report, 'fish', `${m.home}/uvar`)).toBe(
        'the fish universal variable fish_user_paths (~/.config/fish/fish_variables)',
      )
      expect(fish.vars.GOFLAGS.where).toBe('~/.config/fish/config.fish:3')
      expect(ids(r.report)).toEqual(['go-shadowed fish'])
      // the probe changed nothing of the user's own: fish_variables as fish wrote it
      expect(
        readFileSync(path.join(m.home, '.config', 'fish', 'fish_variables'), 'utf8'),
      ).toContain('SETUVAR fish_user_paths:')
    })

    it('sh reads the file $ENV names; dash keeps no line numbers, so the file alone is named', () => {
      const m = machine({
        '.profile': `export PATH="${'$'}HOME/../sdk/go/bin:$HOME/go/bin:$PATH"\nexport ENV="$HOME/.shrc"\n`,
        '.shrc': `PATH="${'$'}HOME/../other/go/bin:$PATH"\n`,
      })
      const r = json(m, ['--shells', 'sh', '--go', m.goroot])
      expect(originOf(r.report, 'sh', `${m.home}/../other/go/bin`)).toBe(
        '~/.shrc (sh keeps no line numbers: that file, or one it sources)',
      )
      expect(ids(r.report)).toEqual(['go-shadowed sh'])
    })

    it('a change made after a startup file turned the trace off: origin not found, never a guess', () => {
      const m = machine(
        { '.bashrc': `set +x\nexport PATH="${'$'}HOME/../other/go/bin:$PATH"\n` },
        '/bin/sh',
      )
      const r = json(m, ['--shells', 'bash', '--go', m.goroot])
      expect(r.report.findings.find((f) => f.id === 'go-shadowed')!.origin?.where).toBe(
        'origin not found',
      )
      expect(r.report.origins.find((o) => o.shell === 'bash')!.note).toMatch(/turned the trace off/)
    })

    it('the go env file: a GOPATH written by go env -w is named as that file and line', () => {
      const m = machine(
        {
          '.zshrc': `export GOPATH="${'$'}HOME/go"\n`,
          '.config/go/env': `GOPATH=/somewhere/else\n`,
        },
        '/bin/zsh',
      )
      const r = json(m, ['--shells', 'bash,zsh'])
      const f = r.report.findings.find((x) => x.id === 'gopath-mismatch')!
      expect(f.shells).toEqual(['bash'])
      expect(f.origin?.where).toBe('the go env file (~/.config/go/env:1)')
    })

    it('GOBIN on PATH satisfies GOPATH/bin; a missing one is a warning on a developer machine, not an error', () => {
      const m = machine({ '.profile': `export PATH="${'$'}HOME/../sdk/go/bin:$PATH"\n` })
      const missing = json(m, ['--shells', 'bash'])
      expect(missing.code).toBe(0)
      expect(ids(missing.report, 'warning')).toEqual(['gopath-bin-missing bash'])
      writeFileSync(
        path.join(m.home, '.profile'),
        `export GOBIN="$HOME/bin"\nexport PATH="$HOME/../sdk/go/bin:$GOBIN:$PATH"\n`,
      )
      expect(ids(json(m, ['--shells', 'bash']).report, 'warning')).toEqual([])
    })

    it("--shells sh with SHELL=zsh probes sh alone: the reference is the Go its new terminal runs, not $SHELL's", () => {
      const m = machine(
        { '.zshrc': `export PATH="${'$'}HOME/../other/go/bin:$PATH"\n` },
        '/usr/bin/zsh',
      )
      const r = json(m, ['--shells', 'sh'])
      expect(r.report.probes.map((p) => p.shell)).toEqual(['sh'])
      expect(r.report.reference.program).toBe(`${m.goroot}/bin/go`)
      expect(ids(r.report)).toEqual([])
    })

    it('a shell this tool cannot start as $SHELL is named; the reference is the Go every new terminal runs', () => {
      const m = machine({}, '/bin/tcsh')
      const r = cli(m, ['--shells', 'bash', '--no-modules'])
      expect(r.stdout).toContain('your shell: /bin/tcsh (not one this tool starts)')
      expect(r.stdout).toMatch(
        /Reference: Go \S+ at \S+sdk\/go\/bin\/go, the go every new terminal runs/,
      )
    })

    it('a Go reachable only through ~/.bashrc: every shell is still probed, and the others miss it', () => {
      const m = machine({
        '.profile': '',
        '.bashrc': `export PATH="${'$'}HOME/../sdk/go/bin:$PATH"\n`,
      })
      const r = json(m, ['--shells', 'bash,sh,zsh', '--go', `${m.goroot}/bin/go`])
      expect(r.report.probes.map((p) => [p.shell, p.status])).toEqual([
        ['bash', 'ok'],
        ['sh', 'ok'],
        ['zsh', 'ok'],
      ])
      expect(r.report.reference.entry?.origin.where).toBe('~/.bashrc:1')
    })

    it('--go names the reference by path or version; a version no terminal has is a usage error on stderr', () => {
      const m = machine({ '.zshrc': `export PATH="${'$'}HOME/../other/go/bin:$PATH"\n` })
      const byPath = json(m, ['--shells', 'bash,zsh', '--go', m.other])
      expect(byPath.report.reference.program).toBe(`${m.other}/bin/go`)
      expect(byPath.report.reference.how).toBe(`--go ${m.other}`)
      // ~/.zshrc's folder is zsh's alone: bash does not have the reference on PATH at all
      expect(ids(byPath.report)).toEqual(['go-other bash'])
      const v = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' })
        .stdout.trim()
        .replace(/^go/, '')
      expect(
        json(m, ['--shells', 'bash', '--go', v.split('.').slice(0, 2).join('.')]).report.reference
          .how,
      ).toMatch(/^--go /)
      const none = cli(m, ['--shells', 'bash', '--go', '1.3'])
      expect(none.code).toBe(1)
      expect(none.stdout).toBe('')
      expect(none.stderr).toMatch(
        /^go-path-arbiter: --go: no Go 1\.3 is on any new terminal's PATH \(found: go/,
      )
    })

    it('a go on PATH without the executable bit is passed over, as the shells pass it over', () => {
      const m = machine()
      const fake = path.join(m.root, 'noexec')
      mkdirSync(fake)
      writeFileSync(path.join(fake, 'go'), '#!/bin/sh\necho not go\n')
      chmodSync(path.join(fake, 'go'), 0o644)
      writeFileSync(
        path.join(m.home, '.profile'),
        `export PATH="${fake}:${m.goroot}/bin:$HOME/go/bin:$PATH"\n`,
      )
      const r = json(m, ['--shells', 'bash,sh'])
      expect(r.report.reference.program).toBe(`${m.goroot}/bin/go`)
      expect(ids(r.report)).toEqual([])
      // this terminal passes it over too: the same go as a new one
      const here = json(m, ['--shells', 'bash,sh'], 'neutral', {
        PATH: `${fake}:${m.goroot}/bin:${m.home}/go/bin:${m.env.PATH}`,
      })
      expect(here.report.findings.map((f) => f.id)).not.toContain('terminal-stale')
    })
  },
)

describeWith(['go'], 'this terminal against a new one', () => {
  it('a terminal that started before ~/.profile changed: terminal-stale, with the way out for this host', () => {
    const m = machine()
    const stale = { PATH: `${m.other}/bin:${m.env.PATH}`, GOROOT: m.other }
    const r = json(m, ['--shells', 'bash'], 'neutral', stale)
    const f = r.report.findings.find((x) => x.id === 'terminal-stale')!
    expect(f.severity).toBe('warning')
    expect(f.message).toContain(`it runs ${m.other}/bin/go, a new one ${m.goroot}/bin/go`)
    expect(f.message).toContain(`GOROOT is "${m.other}" (a new one: "unset")`)
    expect(f.hint).toBe(
      'Open a new terminal (a new tab or window): this one started before the change.',
    )
    expect(r.code).toBe(0)
    const vscode = json(m, ['--shells', 'bash'], 'neutral', { ...stale, TERM_PROGRAM: 'vscode' })
    expect(vscode.report.findings.find((x) => x.id === 'terminal-stale')!.hint).toMatch(
      /^VS Code's terminals inherit the environment VS Code started with: close every VS Code window/,
    )
  })
  it("VS Code's Go extension put its Go first (go.goroot in the user settings): named, and the way out is the setting, not a restart", () => {
    const m = machine()
    putFile(
      m,
      '.config/Code/User/settings.json',
      `{\n  // the extension's Go\n  "go.goroot": "${m.other}",\n}\n`,
    )
    const env = { PATH: `${m.other}/bin:${m.env.PATH}`, TERM_PROGRAM: 'vscode' }
    const f = json(m, ['--shells', 'bash'], 'neutral', env).report.findings.find(
      (x) => x.id === 'terminal-stale',
    )!
    expect(f.message).toContain(
      `VS Code's Go extension put ${m.other}/bin first in this terminal (go.goroot in ${m.home}/.config/Code/User/settings.json)`,
    )
    expect(f.hint).toMatch(/^Closing VS Code does not help/)
  })
  it('every go setting too: this terminal exported GOPROXY and GOFLAGS by hand, a new one has neither', () => {
    const m = machine()
    const r = json(m, ['--shells', 'bash'], 'neutral', {
      GOPROXY: 'https://proxy.corp.example',
      GOFLAGS: '-mod=vendor',
    })
    const f = r.report.findings.find((x) => x.id === 'terminal-stale')!
    expect(f.message).toContain('GOFLAGS is "-mod=vendor" (a new one: "unset")')
    expect(f.message).toContain('GOPROXY is "https://proxy.corp.example" (a new one: "unset")')
  })
  it('a terminal that has what a new one gets: no finding', () => {
    const m = machine()
    const r = json(m, ['--shells', 'bash'], 'bash -l')
    expect(r.report.findings.map((f) => f.id)).not.toContain('terminal-stale')
  })
})

describeWith(['go', 'zsh'], 'the check leaves the home folder as it found it', () => {
  it('no history file: the interactive bash and zsh it starts never write their commands (HISTFILE and SAVEHIST set in the rc files)', () => {
    const m = machine({
      '.bashrc': 'HISTFILE=~/.bash_history_mine\nHISTSIZE=1000\n',
      '.zshrc': 'HISTFILE=~/.zsh_history\nSAVEHIST=1000\nsetopt INC_APPEND_HISTORY SHARE_HISTORY\n',
    })
    const before = readdirSync(m.home).sort()
    expect(cli(m, ['--no-modules', '--shells', 'bash,zsh,sh']).code).toBe(0)
    expect(readdirSync(m.home).sort()).toEqual(before)
  })
})

describeWith(['go'], 'nothing left running', () => {
  it('a go that hangs under an interactive bash (job control gives it its own process group) is stopped with all it started', () => {
    const m = machine()
    const hang = path.join(m.root, 'hang')
    mkdirSync(hang)
    const tag = `gpa-hang-${process.pid}-${Date.now()}`
    writeFileSync(
      path.join(hang, 'go'),
      `#!/bin/bash\n(exec -a ${tag} sleep 600) &\nexec -a ${tag} sleep 600\n`,
    )
    chmodSync(path.join(hang, 'go'), 0o755)
    writeFileSync(path.join(m.home, '.bashrc'), `export PATH="${hang}:$PATH"\n`)
    const r = json(m, ['--shells', 'bash', '--probe-timeout', '3', '--go', m.goroot])
    expect(r.report.findings.map((f) => f.id)).toContain('go-timeout')
    const left = readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(tag)
        } catch {
          return false
        }
      })
    expect(left).toEqual([])
  })
})

describeWith(['go'], 'the CLI speaks as a CLI', () => {
  it('the first line is the exit code the process returns; no runner words; each finding points to the README', () => {
    const m = machine({ '.bashrc': `export PATH="${'$'}HOME/../other/go/bin:$PATH"\n` }, '/bin/sh')
    const r = cli(m, ['--shells', 'bash,sh', '--no-modules', '--go', m.goroot])
    expect(r.code).toBe(1)
    expect(r.stdout.split('\n')[0]).toBe('go-path-arbiter: exit code 1 (environment configuration)')
    expect(r.stdout).not.toMatch(/\bexported\b|\bstep\b|gopath input|GITHUB_PATH/)
    expect(r.stdout).toContain(
      'see: https://github.com/go-path-arbiter/go-path-arbiter#finding-go-shadowed',
    )
    expect(r.stdout).toMatch(/^ {2}✗ bash {7}\S+ +\S+\/other\/go\/bin\/go {3}\(go-shadowed\)$/m)
    expect(r.stdout).toMatch(/^ {2}[✓!] sh /m)
    const never = cli(m, [
      '--shells',
      'bash,sh',
      '--no-modules',
      '--fail-on',
      'never',
      '--go',
      m.goroot,
    ])
    expect(never.code).toBe(0)
    expect(never.stdout.split('\n')[0]).toBe(
      "go-path-arbiter: exit code 0 (consistent); the findings' code is 1 (environment configuration), which --fail-on does not name",
    )
  })
  it('--version; usage errors on stderr, as JSON under --json; --working-directory is checked', () => {
    const m = machine()
    const version = JSON.parse(
      readFileSync(path.join(__dirname_(), '..', '..', 'package.json'), 'utf8'),
    ).version
    expect(cli(m, ['--version']).stdout).toBe(`go-path-arbiter ${version}\n`)
    const bad = cli(m, ['--shells', 'tcsh'])
    expect([bad.code, bad.stdout]).toEqual([1, ''])
    expect(bad.stderr).toMatch(/^go-path-arbiter: --shells: "tcsh" is not a shell/)
    const badJson = cli(m, ['--json', '--probe-timeout', '0'])
    expect(JSON.parse(badJson.stderr)).toEqual({
      tool: 'go-path-arbiter',
      exitCode: 1,
      error: '--probe-timeout: "0" is not a number of seconds from 1 to 3600',
    })
    const dir = cli(m, ['--working-directory', path.join(m.root, 'nope')])
    expect(dir.stderr).toContain(
      `--working-directory: "${path.join(m.root, 'nope')}" is not a folder`,
    )
  })
  it('the PATH table shows the rows that matter (all with --verbose); --redact hides the home folder and the user', () => {
    const many = Array.from({ length: 400 }, (_, i) => `/opt/tool${i}/bin`).join(':')
    const m = machine({
      '.profile': `export PATH="${'$'}HOME/../sdk/go/bin:$HOME/go/bin:$PATH:${many}"\n`,
    })
    const r = cli(m, ['--shells', 'bash', '--no-modules'])
    const rows = (out: string) =>
      out.split('\n').filter((l) => /^ {2}[\d,-]+ +\//.test(l) || /^ {2}[\d,-]+ +~/.test(l))
    expect(rows(r.stdout).length).toBeLessThan(12)
    expect(r.stdout).toMatch(/PATH, the \d+ of 40\d entries that matter \(--verbose for all/)
    expect(
      rows(cli(m, ['--shells', 'bash', '--no-modules', '--verbose']).stdout).length,
    ).toBeGreaterThan(400)
    const red = cli(m, ['--shells', 'bash', '--no-modules', '--redact', '--json'])
    expect(red.stdout).not.toContain(m.home)
  })
})

function __dirname_(): string {
  return path.dirname(new URL(import.meta.url).pathname)
}

describeWith(
  ['go', 'pwsh'],
  'pwsh profiles, as a new pwsh terminal runs them (real PowerShell)',
  () => {
    it("a profile line, a function go and a profile that throws: named by the profile's own file and line", () => {
      const m = machine({}, '/bin/sh')
      const profile = path.join(m.home, '.config', 'powershell', 'profile.ps1')
      mkdirSync(path.dirname(profile), { recursive: true })
      writeFileSync(
        profile,
        `\n\n$env:PATH = '${m.other}/bin' + [IO.Path]::PathSeparator + $env:PATH\n`,
      )
      const r = json(m, ['--shells', 'pwsh', '--go', m.goroot])
      expect(ids(r.report)).toEqual(['go-shadowed pwsh'])
      expect(r.report.findings.find((f) => f.id === 'go-shadowed')!.origin?.where).toBe(
        '~/.config/powershell/profile.ps1:3',
      )
      writeFileSync(
        path.join(path.dirname(profile), 'Microsoft.PowerShell_profile.ps1'),
        `# mine\nfunction go {\n  'not go'\n}\n`,
      )
      const fn = json(m, ['--shells', 'pwsh', '--go', m.goroot])
      expect(fn.report.findings.find((f) => f.id === 'go-not-a-program')!.origin?.where).toBe(
        '~/.config/powershell/Microsoft.PowerShell_profile.ps1:2',
      )
      writeFileSync(profile, `throw 'broken profile'\n`)
      const broken = json(m, ['--shells', 'pwsh'])
      expect(broken.report.findings.map((f) => `${f.id}:${f.severity}`)).toContain(
        'shell-startup-error:warning',
      )
    })
  },
)

describeWith(['go'], 'progress while slow shells start', () => {
  it('a terminal sees which shells are still starting, on stderr; never under --json', async () => {
    const m = machine()
    const { cliMain } = await import('../../src/cli/main.js')
    const run = async (args: string[]) => {
      const err: string[] = []
      const out: string[] = []
      await cliMain(
        args,
        { out: (s) => out.push(s), err: (s) => err.push(s), progress: true },
        m.env,
      )
      return { err: err.join(''), out: out.join('') }
    }
    const text = await run(['--shells', 'bash', '--no-modules', '--working-directory', m.home])
    expect(text.err).toContain('starting: bash')
    expect(text.err.endsWith('\r\x1b[2K')).toBe(true)
    expect(text.out).not.toContain('starting:')
    expect(
      (await run(['--shells', 'bash', '--no-modules', '--json', '--working-directory', m.home]))
        .err,
    ).toBe('')
  })
})

it.each([
  [[], ''],
  [['pwsh'], 'starting: pwsh'],
  [['pwsh', 'wsl'], 'starting: pwsh, wsl (WSL is starting its VM if it was not running)'],
  [['wsl:Debian'], 'starting: wsl:Debian (WSL is starting its VM if it was not running)'],
])('the progress line for %j', async (running, want) => {
  const { progressText } = await import('../../src/cli/main.js')
  expect(progressText(running)).toBe(want)
})

describeWith(['go'], 'a reader that goes away', () => {
  it('`go-path-arbiter --json | head -c 10`: the report is cut, the run is not (no EPIPE stack trace)', () => {
    const m = machine()
    const line = `'${process.execPath}' '${cliBundle()}' --json --no-modules --shells bash,sh | head -c 10`
    const r = spawnSync('sh', ['-c', line], { env: m.env, cwd: m.home, encoding: 'utf8' })
    expect(r.stdout).toBe('{\n  "tool"')
    expect(r.stderr).not.toContain('EPIPE')
  })
})
