/**
 * Where `--apply` writes, with the real shells: into the file the shell really reads last
 * (zsh's ZDOTDIR as ~/.zshenv sets it), only the files of the shells `--shells` names, the
 * block moved after a later line that undoes it, POSIX files with LF line ends, a deliberate
 * GOBIN kept, and a GOROOT in the go env file that stops go fixed by editing that file.
 * Every `--apply` is undone afterwards and HOME is byte for byte as before.
 */
import { expect, it } from '@jest/globals'
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  cli,
  homeSnapshot as snapshot,
  machine,
  newTerminal as terminal,
  writeExecutable,
  type Machine,
  type ReportFinding,
  putFile,
} from '../helpers/machine.js'
import { describeWith } from '../helpers/tools.js'

const check = (m: Machine, args: string[]) => {
  const r = cli(m, ['--json', '--no-modules', ...args])
  return {
    code: r.code,
    findings: (JSON.parse(r.stdout) as { findings: ReportFinding[] }).findings,
  }
}
const apply = (m: Machine, args: string[]) =>
  cli(m, ['--apply', '--no-modules', '--go', m.goroot, ...args])
const runsReference = (m: Machine, t: ReturnType<typeof terminal>) =>
  t.stdout.split('\n')[0] === `${m.goroot}/bin/go`
const put = putFile
const text = (m: Machine, rel: string) => readFileSync(path.join(m.home, rel), 'utf8')

describeWith(['go', 'zsh'], '--apply writes where the shell reads last', () => {
  it('zsh: ZDOTDIR set in ~/.zshenv is followed: the block goes into $ZDOTDIR/.zshrc, never ~/.zshrc', () => {
    const m = machine({ '.zshenv': 'export ZDOTDIR="$HOME/.config/zsh"\n' })
    put(m, '.config/zsh/.zshrc', `export PATH="${m.other}/bin:$PATH"\n`)
    const before = snapshot(m)
    expect(runsReference(m, terminal(m, 'zsh'))).toBe(false)
    const r = apply(m, ['--yes', '--shells', 'zsh'])
    expect(r.stdout).toContain('change ~/.config/zsh/.zshrc [zsh]')
    expect(text(m, '.config/zsh/.zshrc')).toContain('# >>> go-path-arbiter >>>')
    expect(Object.keys(snapshot(m))).not.toContain('.zshrc')
    expect(runsReference(m, terminal(m, 'zsh'))).toBe(true)
    expect(cli(m, ['--undo']).code).toBe(0)
    expect(snapshot(m)).toEqual(before)
  })

  it('--shells zsh touches only the files zsh reads: the dry run lists each with its reason, ~/.bashrc is left as it is', () => {
    const old = (m: Machine) => `export PATH="${m.other}/bin:$PATH"\n`
    const m = machine()
    writeFileSync(path.join(m.home, '.bashrc'), old(m))
    writeFileSync(path.join(m.home, '.zshrc'), old(m))
    const dry = apply(m, ['--shells', 'zsh'])
    const changes = dry.stdout.split('\n').filter((l) => /^change /.test(l))
    expect(changes).toEqual([
      'change ~/.zshrc [zsh]: an owned block at the end, run after everything else zsh reads while starting',
    ])
    const bashrc = readFileSync(path.join(m.home, '.bashrc'))
    apply(m, ['--yes', '--shells', 'zsh'])
    expect(readFileSync(path.join(m.home, '.bashrc')).equals(bashrc)).toBe(true)
    expect(runsReference(m, terminal(m, 'bash'))).toBe(false)
    expect(runsReference(m, terminal(m, 'zsh'))).toBe(true)
  })
})

describeWith(['go'], 'the block stays last', () => {
  it('a line added after the owned block that puts the old Go first: --fix says the block moves, --apply moves it after that line, bash runs the reference again; --undo gives back the file as the installer left it, and the older undo refuses a file changed since', () => {
    const m = machine()
    const old = `export PATH="${m.other}/bin:$PATH"\n`
    put(m, '.bashrc', `# mine\n${old}`)
    apply(m, ['--yes', '--shells', 'bash'])
    // an installer appends its line after the block
    appendFileSync(path.join(m.home, '.bashrc'), old)
    const undone = text(m, '.bashrc').split('\n').length - 1
    const installed = snapshot(m)
    expect(runsReference(m, terminal(m, 'bash'))).toBe(false)
    const fix = cli(m, ['--fix', '--no-modules', '--shells', 'bash', '--go', m.goroot])
    expect(fix.stdout).toContain(
      `(~/.bashrc: the owned block moved to the end, after line ${undone} that can undo it`,
    )
    const r = apply(m, ['--yes', '--shells', 'bash'])
    expect(r.stdout).toContain(
      `change ~/.bashrc [bash]: the owned block moved to the end, after line ${undone}`,
    )
    const lines = text(m, '.bashrc').trimEnd().split('\n')
    expect(lines[lines.length - 1]).toBe('# <<< go-path-arbiter <<<')
    expect(lines.lastIndexOf(old.trimEnd())).toBeLessThan(
      lines.indexOf('# >>> go-path-arbiter >>>'),
    )
    expect(runsReference(m, terminal(m, 'bash'))).toBe(true)
    // a second apply: nothing to change
    expect(apply(m, ['--yes', '--shells', 'bash']).stdout).toContain('Nothing to change')
    // undo: the file as the installer left it; the first apply's undo then refuses, since
    // the installer's line came after it
    expect(cli(m, ['--undo']).code).toBe(0)
    expect(snapshot(m)).toEqual(installed)
    const second = cli(m, ['--undo'])
    expect(second.code).not.toBe(0)
    expect(second.stdout + second.stderr).toContain('changed since')
    expect(snapshot(m)).toEqual(installed)
  })
})

describeWith(['go'], 'CRLF line ends', () => {
  it('a ~/.bashrc saved with CRLF is a finding of its own; --apply makes it LF with an LF block, bash starts without an error and runs the reference; --undo restores every byte', () => {
    const m = machine()
    writeFileSync(
      path.join(m.home, '.bashrc'),
      `# saved on Windows\r\nif [ -d "${m.other}/bin" ]; then\r\n  export PATH="${m.other}/bin:$PATH"\r\nfi\r\n`,
    )
    const before = snapshot(m)
    const broken = terminal(m, 'bash')
    expect(broken.stderr.join('\n')).toMatch(/syntax error|\$'\\r'/)
    const c = check(m, ['--shells', 'bash', '--go', m.goroot])
    const crlf = c.findings.find((f) => f.id === 'startup-file-crlf')
    expect(crlf?.shells).toEqual(['bash'])
    expect(crlf?.message).toContain('~/.bashrc has CRLF line ends')
    const r = apply(m, ['--yes', '--shells', 'bash'])
    expect(r.stdout).toContain('its CRLF line ends made LF')
    expect(text(m, '.bashrc')).not.toContain('\r')
    const t = terminal(m, 'bash')
    expect(t.stderr).toEqual([])
    expect(runsReference(m, t)).toBe(true)
    expect(
      check(m, ['--shells', 'bash', '--go', m.goroot]).findings.map((f) => f.id),
    ).not.toContain('startup-file-crlf')
    expect(cli(m, ['--undo']).code).toBe(0)
    expect(snapshot(m)).toEqual(before)
  })

  it('fish reads CRLF as meant: its config.fish with CRLF is no finding', () => {
    const m = machine({ '.config/fish/config.fish': 'set -gx GOFLAGS -mod=mod\r\n' })
    const c = check(m, ['--shells', 'bash', '--go', m.goroot])
    expect(c.findings.map((f) => f.id)).not.toContain('startup-file-crlf')
  })
})

describeWith(['go'], 'the go env file', () => {
  it('go env -w GOBIN=~/bin with ~/bin on PATH is a set-up, kept: no warning, and --apply has nothing to change', () => {
    const m = machine({ 'bin/.keep': '' })
    writeFileSync(path.join(m.home, '.profile'), `export PATH="${m.goroot}/bin:$HOME/bin:$PATH"\n`)
    put(m, '.config/go/env', `GOBIN=${m.home}/bin\n`)
    const c = check(m, ['--shells', 'bash,sh', '--go', m.goroot])
    const ids = c.findings.filter((f) => f.severity !== 'notice').map((f) => f.id)
    expect(ids.filter((id) => id !== 'terminal-stale')).toEqual([])
    expect(apply(m, ['--yes', '--shells', 'bash,sh']).stdout).toContain('Nothing to change')
  })

  it('go env -w GOROOT=/wrong stops go everywhere: go-fails names the go env file line, --fix never prints `go env -u GOROOT` (it cannot run), --apply takes the line out; --undo restores it', () => {
    const m = machine()
    put(m, '.config/go/env', 'GOPROXY=direct\nGOROOT=/wrong\n')
    const before = snapshot(m)
    const c = check(m, ['--shells', 'bash'])
    const fails = c.findings.find((f) => f.id === 'go-fails')
    expect(fails?.origin?.where).toBe(`the go env file (${m.home}/.config/go/env:2)`)
    const fix = cli(m, ['--fix', '--no-modules', '--shells', 'bash'])
    expect(fix.stdout).not.toContain('] go env -u GOROOT')
    expect(fix.stdout).toContain('[any terminal] go-path-arbiter --apply')
    const r = cli(m, ['--apply', '--yes', '--no-modules', '--shells', 'bash'])
    expect(r.stdout).toContain('New terminals checked again: exit code 0')
    expect(text(m, '.config/go/env')).toBe('GOPROXY=direct\n')
    expect(cli(m, ['--undo']).code).toBe(0)
    expect(snapshot(m)).toEqual(before)
  })
})

describeWith(['go'], 'a temporary folder that cannot be used', () => {
  it('TMPDIR naming a file: runner-dir-unusable names the variable and its value (exit code 1), never "please report this"', () => {
    const m = machine()
    const file = path.join(m.root, 'not-a-folder')
    writeFileSync(file, '')
    const r = cli(m, ['--no-modules', '--shells', 'bash'], 'neutral', { TMPDIR: file })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(
      `ERROR runner-dir-unusable (config): TMPDIR "${file}" is not a usable folder (ENOTDIR`,
    )
    expect(r.stdout).not.toContain('report this')
  })
})

describeWith(['go'], 'a Go unpacked over another one', () => {
  it('its compiler in pkg/tool says another version than its go: go-unusable, "unpacked over another Go", and the way out (remove the folder, unpack afresh)', () => {
    const m = machine()
    const tools = readdirSync(path.join(m.goroot, 'pkg', 'tool'))[0]
    writeExecutable(
      path.join(m.goroot, 'pkg', 'tool', tools, 'compile'),
      '#!/bin/sh\necho "compile version go1.18.10"\n',
    )
    const c = check(m, ['--shells', 'bash', '--go', m.goroot])
    const f = c.findings.find((x) => x.id === 'go-unusable')
    expect(f?.message).toContain('is go1.18.10, its go go1.')
    expect(f?.message).toContain('a Go unpacked over another one')
    expect(f?.hint).toBe(
      `Remove ${m.goroot} and unpack the archive afresh: unpacking over an older tree leaves its files behind.`,
    )
    expect(c.code).toBe(2)
  })
})
