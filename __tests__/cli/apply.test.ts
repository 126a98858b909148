/**
 * `go-path-arbiter --apply` on a developer's machine in a temporary HOME, with the broken
 * set-ups whose one-line fixes used to break a startup file (an `if … fi` block, a `go()`
 * function over several lines in bash and zsh, a `function go { … }` in a one-line pwsh
 * profile, fish_add_path, GOPATH/bin missing everywhere). After `--apply --yes` each real
 * shell is started the way a terminal starts it: it starts without an error and runs the
 * reference Go. A dry run changes no byte; a second apply changes nothing; --undo restores
 * every byte, also after two applies.
 */
import { expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import {
  lstatSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { layOutGoTree } from '../../__fixtures__/go-archive.js'
import { cliBundle } from '../helpers/action.js'
import {
  cli,
  machine,
  sayVersion,
  homeSnapshot as snapshot,
  newTerminal as terminal,
  type Machine,
} from '../helpers/machine.js'
import { describeWith, toolPath } from '../helpers/tools.js'

const PROFILE = '.config/powershell/Microsoft.PowerShell_profile.ps1'

const apply = (m: Machine, args: string[]) =>
  cli(m, ['--apply', '--no-modules', '--go', m.goroot, ...args])

/** The set-ups whose old one-line fixes broke a file. */
function brokenMachine(): Machine {
  const m = machine()
  const other = m.other
  writeFileSync(
    path.join(m.home, '.bashrc'),
    `# an if block\nif [ -d "${other}/bin" ]; then\n  PATH="${other}/bin:$PATH"\nfi\n# a function over several lines (more than a wrapper around the go on PATH)\ngo() {\n  [ -z "$GO_DEBUG" ] || echo "go $*" >&2\n  command go "$@"\n}\n`,
  )
  writeFileSync(
    path.join(m.home, '.zshrc'),
    `go() {\n  echo "wrapped" >&2\n  command go "$@"\n}\nexport PATH="${other}/bin:$PATH"\n`,
  )
  mkdirSync(path.join(m.home, '.config', 'fish'), { recursive: true })
  writeFileSync(
    path.join(m.home, '.config/fish/config.fish'),
    `fish_add_path --path --prepend ${other}/bin\n`,
  )
  mkdirSync(path.join(m.home, '.config', 'powershell'), { recursive: true })
  // one line and no line end: Get-Content gives a string there, not an array
  writeFileSync(path.join(m.home, PROFILE), `function go { & "${other}/bin/go" @args }`)
  return m
}

describeWith(['go', 'zsh', 'fish', 'pwsh'], '--apply on real startup files', () => {
  it('a dry run shows the diff per file and changes no byte', () => {
    const m = brokenMachine()
    const before = snapshot(m)
    const r = apply(m, [])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('change ~/.bashrc [bash]')
    expect(r.stdout).toContain('+# >>> go-path-arbiter >>>')
    expect(r.stdout).toContain('Nothing was changed: add --yes to make these changes.')
    expect(snapshot(m)).toEqual(before)
  })

  it('--yes: every shell starts without an error and runs the reference Go; a second apply changes nothing; --undo restores every byte', () => {
    const m = brokenMachine()
    const before = snapshot(m)
    const runsReference = (t: ReturnType<typeof terminal>) =>
      t.stdout.split('\n')[0] === `${m.goroot}/bin/go` &&
      !/function|(?<!tracked )alias|Function/.test(t.stdout)
    for (const sh of ['bash', 'zsh', 'fish', 'pwsh'] as const) {
      expect({ sh, before: runsReference(terminal(m, sh)) }).toEqual({ sh, before: false })
    }
    const r = apply(m, ['--yes'])
    expect(r.stdout).toMatch(/New terminals checked again: exit code 0/)
    expect(r.stdout).not.toMatch(/^ {2}left {3}(?!terminal-stale)/m)
    expect(r.code).toBe(0)
    for (const sh of ['bash', 'zsh', 'fish', 'pwsh', 'sh'] as const) {
      const t = terminal(m, sh)
      expect({ sh, stderr: t.stderr }).toEqual({ sh, stderr: [] })
      // a program now, not the function or alias it was
      expect({ sh, after: runsReference(t), said: t.stdout }).toEqual({
        sh,
        after: true,
        said: t.stdout,
      })
    }
    const applied = snapshot(m)
    const again = apply(m, ['--yes'])
    expect(again.stdout).toContain('Nothing to change.')
    expect(snapshot(m)).toEqual(applied)
    const undo = cli(m, ['--undo'])
    expect(undo.code).toBe(0)
    expect(snapshot(m)).toEqual(before)
  })

  it('GOPATH/bin missing in every shell: each one gets it, not ~/.bashrc alone', () => {
    const tidyWithoutBin = (m: Machine) => `export PATH="${m.goroot}/bin:$PATH"\n`
    const m = machine()
    writeFileSync(path.join(m.home, '.profile'), tidyWithoutBin(m))
    writeFileSync(path.join(m.home, '.zprofile'), tidyWithoutBin(m))
    const r = apply(m, ['--yes'])
    expect(r.stdout).toMatch(
      /fixed {2}gopath-bin-missing \[bash, sh, zsh, fish, pwsh\]|fixed {2}gopath-bin-missing/,
    )
    expect(r.stdout).toMatch(/New terminals checked again: exit code 0/)
    const bin = `${m.home}/go/bin`
    const pathIn = (sh: string) =>
      spawnSync('bash', ['-l', '-c', sh], { env: m.env, encoding: 'utf8' }).stdout.trim().split(':')
    expect(pathIn('exec bash -i -c \'printf %s "$PATH"\' 2>/dev/null')).toContain(bin)
    expect(pathIn(`exec ${toolPath('zsh')} -i -c 'printf %s "$PATH"'`)).toContain(bin)
    expect(pathIn(`exec ${toolPath('fish')} -c 'string join : $PATH'`)).toContain(bin)
    expect(
      pathIn(`exec ${toolPath('pwsh')} -NoLogo -Command '[Console]::Out.Write($env:PATH)'`),
    ).toContain(bin)
    expect(pathIn(`exec sh -c 'printf %s "$PATH"'`)).toContain(bin)
  })

  it('a pwsh profile keeps its UTF-8 BOM and CRLF line ends; a folder with a quote, a space and a $ is written as it is', () => {
    const m = machine()
    const odd = path.join(m.root, `it's a $dollar "go"`)
    layOutGoTree(odd)
    writeFileSync(
      path.join(m.home, '.profile'),
      `export PATH='${path.join(odd, 'go', 'bin').replace(/'/g, `'\\''`)}':"$HOME/go/bin:$PATH"\n`,
    )
    mkdirSync(path.join(m.home, '.config', 'powershell'), { recursive: true })
    const profile = path.join(m.home, PROFILE)
    writeFileSync(
      profile,
      Buffer.from(`\ufeff# mine\r\nfunction go {\r\n  'not go'\r\n}\r\n`, 'utf8'),
    )
    const r = cli(m, [
      '--apply',
      '--yes',
      '--no-modules',
      '--shells',
      'pwsh,bash',
      '--go',
      path.join(odd, 'go'),
    ])
    expect(r.stdout).toMatch(/New terminals checked again: exit code 0/)
    const bytes = readFileSync(profile)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8')
    expect(text.split('\n').every((l, i, all) => i === all.length - 1 || l.endsWith('\r'))).toBe(
      true,
    )
    const t = terminal(m, 'pwsh')
    expect(t.stderr).toEqual([])
    expect(t.stdout.split(/\r?\n/)[0]).toBe(path.join(odd, 'go', 'bin', 'go'))
  })

  it('a linked ~/.bashrc: the file it points to is changed, the link stays; a missing profile folder is made, and --undo takes both back', () => {
    const m = machine()
    const dotfiles = path.join(m.home, 'dotfiles')
    mkdirSync(dotfiles)
    writeFileSync(path.join(dotfiles, 'bashrc'), `PATH="${m.other}/bin:$PATH"\n`)
    symlinkSync(path.join(dotfiles, 'bashrc'), path.join(m.home, '.bashrc'))
    writeFileSync(path.join(m.home, '.config-pwsh-marker'), '')
    const before = snapshot(m)
    const r = cli(m, ['--apply', '--yes', '--no-modules', '--shells', 'bash', '--go', m.goroot])
    expect(r.stdout).toContain('(~/.bashrc links to it: the file it links to is changed)')
    expect(lstatSync(path.join(m.home, '.bashrc')).isSymbolicLink()).toBe(true)
    expect(readFileSync(path.join(dotfiles, 'bashrc'), 'utf8')).toContain(
      '# >>> go-path-arbiter >>>',
    )
    // pwsh's profile folder does not exist yet
    rmSync(path.join(m.home, '.config'), { recursive: true, force: true })
    const p = cli(m, ['--apply', '--yes', '--no-modules', '--shells', 'pwsh', '--go', m.other])
    expect(p.stdout).toContain(
      'create ~/.config/powershell/Microsoft.PowerShell_profile.ps1 [pwsh]',
    )
    expect(statSync(path.join(m.home, PROFILE)).isFile()).toBe(true)
    expect(cli(m, ['--undo']).code).toBe(0)
    expect(cli(m, ['--undo']).code).toBe(0)
    expect(snapshot(m)).toEqual(before)
  })

  it('two applies with different Gos, then two undos: back to the first bytes', () => {
    const m = brokenMachine()
    const before = snapshot(m)
    expect(
      cli(m, ['--apply', '--yes', '--no-modules', '--shells', 'bash,zsh', '--go', m.goroot]).code,
    ).toBe(0)
    const first = snapshot(m)
    expect(
      cli(m, ['--apply', '--yes', '--no-modules', '--shells', 'bash,zsh', '--go', m.other]).code,
    ).toBe(0)
    expect(readFileSync(path.join(m.home, '.bashrc'), 'utf8')).toContain(
      `__gpa_new='${m.other}/bin'`,
    )
    // the block was replaced where it stood: one block per file
    expect(
      readFileSync(path.join(m.home, '.bashrc'), 'utf8').split('>>> go-path-arbiter >>>'),
    ).toHaveLength(2)
    expect(cli(m, ['--undo']).code).toBe(0)
    expect(snapshot(m)).toEqual(first)
    expect(cli(m, ['--undo']).code).toBe(0)
    expect(snapshot(m)).toEqual(before)
  })

  it('--undo refuses when a file changed since, and says which; nothing is restored', () => {
    const m = brokenMachine()
    cli(m, ['--apply', '--yes', '--no-modules', '--shells', 'bash', '--go', m.goroot])
    writeFileSync(path.join(m.home, '.bashrc'), 'edited by hand\n')
    const u = cli(m, ['--undo'])
    expect(u.code).toBe(1)
    expect(u.stderr).toContain(`${m.home}/.bashrc changed since go-path-arbiter wrote it`)
    expect(readFileSync(path.join(m.home, '.bashrc'), 'utf8')).toBe('edited by hand\n')
  })
})

describeWith(
  ['go'],
  '--apply when nothing declares the Go (new terminals run different ones)',
  () => {
    /** bash runs a stale Go 1.17 from ~/.bashrc; sh the machine's Go from ~/.profile. */
    function stale(): Machine {
      const m = machine(
        { '.bashrc': `export PATH="${'$'}HOME/../other/go/bin:$PATH"\n` },
        '/bin/bash',
      )
      sayVersion(m.other, '1.17.13')
      return m
    }

    it('--yes changes nothing and names the option that chooses', () => {
      const m = stale()
      const before = snapshot(m)
      const r = cli(m, ['--apply', '--yes', '--no-modules', '--shells', 'bash,sh'])
      expect(r.code).toBe(1)
      expect(r.stdout).toContain(
        'go-path-arbiter --apply: no reference: new terminals run 2 different Gos',
      )
      expect(r.stdout).toMatch(
        /\[1\] Go 1\.17\.13 at .*other\/go\/bin\/go \(bash; from ~\/\.bashrc:1\)/,
      )
      expect(r.stdout).toContain(
        'Nothing was changed: choose the Go every shell should run with --go PATH|VERSION',
      )
      expect(snapshot(m)).toEqual(before)
    })

    it('at its prompt (a pseudo-terminal), the numbered choice is the reference: bash then runs it; --undo restores every byte', () => {
      const m = stale()
      const before = snapshot(m)
      const line = ['node', cliBundle(), '--apply', '--no-modules', '--shells', 'bash,sh']
        .map((a) => `'${a}'`)
        .join(' ')
      // `script` runs the CLI in a pseudo-terminal: 2 picks the machine's Go, y makes the change
      const r = spawnSync('script', ['-q', '-e', '-c', line, '/dev/null'], {
        env: m.env,
        cwd: m.home,
        input: '2\ny\n',
        encoding: 'utf8',
        timeout: 120_000,
      })
      expect(r.stdout).toContain('Which Go should every new terminal run? [1-2, or Enter for none]')
      expect(r.stdout).toContain(`the reference is Go`)
      expect(r.stdout).toMatch(/New terminals checked again: exit code 0/)
      expect(r.status).toBe(0)
      expect(terminal(m, 'bash').stdout.split('\n')[0]).toBe(`${m.goroot}/bin/go`)
      expect(cli(m, ['--undo']).code).toBe(0)
      expect(snapshot(m)).toEqual(before)
    })
  },
)

describeWith(['go'], '--fix prints what is safe to run', () => {
  it('never a sed or a one-line edit of a startup file: the --apply command, with the file it would change', () => {
    const m = brokenMachine()
    const r = cli(m, ['--fix', '--no-modules', '--shells', 'bash', '--go', m.goroot])
    expect(r.stdout).not.toMatch(/sed -i|Set-Content|Add-Content|>> ~\//)
    expect(r.stdout).toContain(
      `[any terminal] go-path-arbiter --apply --shells bash --go '${m.goroot}'`,
    )
    expect(r.stdout).toContain('(~/.bashrc: an owned block at the end')
  })
})
