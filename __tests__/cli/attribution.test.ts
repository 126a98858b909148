/**
 * Attribution names the line that ran, in the words of this system, with the real shells:
 * a change made by `eval "$(tool init)"` is named at the eval line with the command whose
 * output ran (bash counts the eval'd lines on past the end of the file); a line of a file a
 * PowerShell profile dot-sources is named in that file; a function named go that only runs
 * the go on PATH is a wrapper (a notice), in bash, zsh, fish and pwsh.
 */
import { describe, expect, it } from '@jest/globals'
import path from 'node:path'
import {
  cli,
  machine,
  writeExecutable,
  type Machine,
  type ReportFinding,
  putFile,
} from '../helpers/machine.js'
import { describeWith } from '../helpers/tools.js'

const PROFILE = '.config/powershell/Microsoft.PowerShell_profile.ps1'

const put = putFile
const check = (m: Machine, shells: string) => {
  const r = cli(m, ['--json', '--no-modules', '--go', m.goroot, '--shells', shells])
  return {
    code: r.code,
    findings: (JSON.parse(r.stdout) as { findings: ReportFinding[] }).findings,
  }
}
const shadowed = (c: ReturnType<typeof check>, shell: string) =>
  c.findings.find((f) => f.id === 'go-shadowed' && f.shells[0] === shell)

describeWith(['go'], 'eval "$(tool init)" (bash)', () => {
  it('a PATH line in the output of `tool init` is named at the eval line, with the command, even past the end of the file', () => {
    const m = machine()
    // two lines of output: bash counts the second as line 4 of a three-line file
    writeExecutable(
      path.join(m.home, 'bin/tool'),
      `#!/bin/sh\necho 'TOOL_HOME=$HOME/.tool'\necho 'export PATH="${m.other}/bin:$PATH"'\n`,
    )
    put(m, '.bashrc', '# one\n# two\neval "$($HOME/bin/tool init)"\n')
    const origin = shadowed(check(m, 'bash'), 'bash')?.origin
    expect(origin?.where).toBe('~/.bashrc:3 (the output of `~/bin/tool init`)')
  })

  it('a line after the eval is its own line again', () => {
    const m = machine()
    writeExecutable(path.join(m.home, 'bin/tool'), `#!/bin/sh\necho 'A=1'\necho 'B=2'\n`)
    put(m, '.bashrc', `eval "$($HOME/bin/tool init)"\n# two\nexport PATH="${m.other}/bin:$PATH"\n`)
    expect(shadowed(check(m, 'bash'), 'bash')?.origin?.where).toBe('~/.bashrc:3')
  })
})

describeWith(['go', 'pwsh'], 'a PowerShell profile that dot-sources a file', () => {
  it.each([
    ['. $HOME/go.ps1', '~/go.ps1:3'],
    ['. "$PSScriptRoot/go.ps1"', '~/.config/powershell/go.ps1:3'],
  ])('%s: the change is named at the line of the dot-sourced file that made it', (line, where) => {
    const m = machine()
    const file = where.startsWith('~/go') ? 'go.ps1' : '.config/powershell/go.ps1'
    put(m, file, `# a\n# b\n$env:PATH = "${m.other}/bin:" + $env:PATH\n`)
    put(m, PROFILE, `${line}\n`)
    expect(shadowed(check(m, 'pwsh'), 'pwsh')?.origin?.where).toBe(where)
  })
})

describeWith(
  ['go', 'zsh', 'fish', 'pwsh'],
  'a function named go that only runs the go on PATH',
  () => {
    it('is a wrapper in bash, zsh, fish and pwsh: a notice, checked as the go on PATH (exit 0)', () => {
      const m = machine()
      put(m, '.bashrc', 'go() { command go "$@"; }\n')
      put(m, '.zshrc', 'go() {\n  command go "$@"\n}\n')
      put(m, '.config/fish/config.fish', 'function go\n    command go $argv\nend\n')
      put(
        m,
        PROFILE,
        'function go { & (Get-Command go -CommandType Application | Select-Object -First 1) @args }\n',
      )
      const c = check(m, 'bash,zsh,fish,pwsh')
      const wrappers = c.findings.filter((f) => f.id === 'go-wrapper')
      expect(wrappers.map((f) => [f.shells[0], f.severity])).toEqual([
        ['bash', 'notice'],
        ['zsh', 'notice'],
        ['fish', 'notice'],
        ['pwsh', 'notice'],
      ])
      expect(c.findings.filter((f) => f.severity === 'error')).toEqual([])
    })

    it('a wrapper around another go is still an error, and one that runs the old go first on PATH is go-shadowed', () => {
      const m = machine()
      put(m, '.bashrc', `go() { ${m.other}/bin/go "$@"; }\n`)
      put(m, '.zshrc', `export PATH="${m.other}/bin:$PATH"\ngo() { command go "$@"; }\n`)
      const c = check(m, 'bash,zsh')
      const of = (shell: string) => c.findings.filter((f) => f.shells[0] === shell).map((f) => f.id)
      expect(of('bash')).toContain('go-not-a-program')
      expect(of('zsh')).toEqual(expect.arrayContaining(['go-wrapper', 'go-shadowed']))
    })

    describe('PowerShell without Select-Object -First 1', () => {
      it('with more than one go on PATH, `& (Get-Command go -CommandType Application)` runs a list and fails: go-fails says so', () => {
        const m = machine()
        put(m, PROFILE, 'function go { & (Get-Command go -CommandType Application) @args }\n')
        const c = check(m, 'pwsh')
        // the test machine has the system's go on PATH too
        const fails = c.findings.find((f) => f.id === 'go-fails')
        expect(fails?.message).toContain('is not recognized')
      })
    })
  },
)
