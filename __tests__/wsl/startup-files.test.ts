/**
 * --apply and --undo inside a WSL distribution, run here on Linux with `__fixtures__/wsl/wsl`
 * standing in for wsl.exe (the distribution is this machine's sh, with its own HOME): the
 * in-distribution script reads startup files and Linux Gos, writes a file only while it is
 * what the plan read (its mode kept), and removes what --apply created; applyPlan and
 * undoEntry journal those changes on the "Windows" side and restore the file byte for
 * byte; a new WSL terminal then runs the Linux Go the block put first. The whole CLI with a
 * Windows-built wsl.exe stand-in runs in the Windows lane (__tests__/windows/lane.test.ts).
 */
import { describe, expect, it } from '@jest/globals'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { scratchDir } from '../helpers/scratch.js'
import { standinFiles } from '../helpers/wsl-standin.js'
import { distroFiles, parseLook } from '../../src/wsl/startup-files.js'
import { probeShell } from '../../src/shells/probe.js'
import { wslTerminalShell } from '../../src/shells/wsl.js'
import { applyPlan, undoEntry } from '../../src/cli/fixes/apply.js'
import { WSL_STARTUP_FILES, wslChange } from '../../src/cli/fixes/wsl-plan.js'
import type { TerminalRun } from '../../src/cli/terminal/types.js'

/** A Linux go of this version: `go env -json` as the probe asks, `go env A B` as the look asks. */
function fakeGo(root: string, version: string): string {
  const bin = path.join(root, 'bin')
  mkdirSync(bin, { recursive: true })
  writeFileSync(
    path.join(bin, 'go'),
    [
      '#!/bin/sh',
      `root='${root}'`,
      `if [ "$2" = -json ]; then printf '{"GOROOT":"%s","GOPATH":"%s/go","GOVERSION":"go${version}"}\\n' "$root" "$HOME"`,
      `else printf '%s\\ngo${version}\\n' "$root"; fi`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  )
  return path.join(bin, 'go')
}

function distro() {
  const root = scratchDir('gpa-wslfiles-')
  const home = path.join(root, 'home', 'me')
  mkdirSync(home, { recursive: true })
  return { root, home, ...standinFiles(home) }
}

describe('a WSL distribution’s startup files through wsl.exe (Linux stand-in)', () => {
  // Go 1.20.14 and 1.21.3: versions no Go of this machine (Debian's golang-go) has
  it('look: the home, the login shell, each file’s exact bytes, a link’s target, the folders a missing file needs, and the Linux Gos with their versions', async () => {
    const d = distro()
    const bytes = Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0d, 0x0a, 0x65, 0x0a]) // not UTF-8, CRLF
    writeFileSync(path.join(d.home, '.profile'), bytes)
    mkdirSync(path.join(d.home, 'dotfiles'))
    writeFileSync(path.join(d.home, 'dotfiles', 'zshrc'), 'setopt x\n')
    symlinkSync(path.join(d.home, 'dotfiles', 'zshrc'), path.join(d.home, '.zshrc'))
    const sdk = fakeGo(path.join(d.home, 'sdk', 'go1.20.14'), '1.20.14')
    const onPath = fakeGo(path.join(d.root, 'other-go'), '1.21.3')
    const look = await d.files.look(WSL_STARTUP_FILES, [path.dirname(onPath), '/nonexistent'])
    expect(look.home).toBe(d.home)
    expect(path.basename(look.shell)).toMatch(/sh$/)
    expect(look.files.find((f) => f.path === `${d.home}/.profile`)).toEqual({
      kind: 'file',
      path: `${d.home}/.profile`,
      real: `${d.home}/.profile`,
      bytes,
    })
    expect(look.files.find((f) => f.path === `${d.home}/.zshrc`)).toMatchObject({
      kind: 'file',
      real: `${d.home}/dotfiles/zshrc`,
    })
    expect(look.files.find((f) => f.path.endsWith('config.fish'))).toEqual({
      kind: 'none',
      path: `${d.home}/.config/fish/config.fish`,
      missingDirs: [`${d.home}/.config`, `${d.home}/.config/fish`],
    })
    expect(look.gos).toContainEqual({
      program: sdk,
      goroot: path.dirname(path.dirname(sdk)),
      version: '1.20.14',
    })
    expect(look.gos).toContainEqual({
      program: onPath,
      goroot: path.dirname(path.dirname(onPath)),
      version: '1.21.3',
    })
  })

  it('write: the exact bytes, the mode kept, only while the file is what the plan read; missing folders made; remove takes them back', async () => {
    const d = distro()
    const file = path.join(d.home, '.profile')
    writeFileSync(file, 'old\n')
    chmodSync(file, 0o600)
    const { createHash } = await import('node:crypto')
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
    const next = Buffer.from([0x61, 0x0d, 0x0a, 0xc3, 0x28, 0x0a])
    await expect(d.files.write(file, next, sha(Buffer.from('other\n')))).rejects.toThrow(
      /changed since the check read it/,
    )
    expect(readFileSync(file, 'utf8')).toBe('old\n')
    await d.files.write(file, next, sha(Buffer.from('old\n')))
    expect(readFileSync(file)).toEqual(next)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const fish = path.join(d.home, '.config', 'fish', 'config.fish')
    await d.files.write(fish, Buffer.from('set -x A 1\n'), 'none')
    expect(readFileSync(fish, 'utf8')).toBe('set -x A 1\n')
    await d.files.remove(fish, [path.dirname(fish), path.dirname(path.dirname(fish))])
    expect(existsSync(path.join(d.home, '.config'))).toBe(false)
  })

  it('a distribution that is not there: the call fails with wsl.exe’s own words', async () => {
    const d = distro()
    const files = distroFiles(d.run, 'Nope', 20_000)
    await expect(files.look(['~/.profile'], [])).rejects.toThrow(
      /look in WSL Nope: wsl\.exe exited with 255: There is no distribution/,
    )
  })

  it('parseLook: a go listed twice (its own folder and a PATH folder) counts once; one that names no version is left out', () => {
    const M = 'GPA0'
    const out = [
      `${M}:HOME`,
      '/home/me',
      `${M}:SHELL`,
      '/usr/bin/zsh',
      `${M}:GO`,
      '/usr/local/go/bin/go',
      '/usr/local/go',
      'go1.22.1',
      `${M}:GO`,
      '/usr/bin/go',
      '/usr/local/go',
      'go1.22.1',
      `${M}:GO`,
      '/opt/x/bin/go',
      '/opt/x',
      'devel',
      `${M}:END`,
      '',
    ].join('\n')
    expect(parseLook(out, M)).toEqual({
      home: '/home/me',
      shell: '/usr/bin/zsh',
      files: [],
      gos: [{ program: '/usr/local/go/bin/go', goroot: '/usr/local/go', version: '1.22.1' }],
    })
  })
})

describe('--apply and --undo inside WSL (Linux stand-in for wsl.exe; the journal on this side)', () => {
  it('the block goes at the end of ~/.profile with the Linux Go of the reference version first; a new WSL terminal then runs it; --undo restores the file byte for byte', async () => {
    const d = distro()
    const other = fakeGo(path.join(d.root, 'linux-go'), '1.21.3')
    const wanted = fakeGo(path.join(d.home, 'sdk', 'go1.20.14'), '1.20.14')
    const profile = path.join(d.home, '.profile')
    const original = Buffer.from(`# mine\r\nexport PATH="${path.dirname(other)}:$PATH"\r\n`)
    writeFileSync(profile, original)
    const probe = () =>
      probeShell(wslTerminalShell('Ubuntu'), {
        env: d.env,
        platform: 'linux',
        tempDir: path.join(d.root, 'probes'),
        cwd: d.root,
        timeoutMs: 20_000,
        launch: { mode: 'terminal' },
        mountRoot: '/mnt/',
      })
    // CRLF: bash reads the CR as part of the folder, so the go is not found before the fix
    const before = await probe()
    expect(before.status).toBe('ok')
    const run = {
      report: { probes: [before], findings: [] },
      expected: { version: '1.20.14' },
    } as unknown as TerminalRun
    const look = await d.files.look(WSL_STARTUP_FILES, [])
    const change = wslChange(
      run,
      { dropGo: false, settings: {} },
      { shell: 'wsl', distribution: 'Ubuntu', look },
    )
    expect(change).toMatchObject({ kind: 'file', path: profile, shells: ['wsl'] })
    if (!change || !('kind' in change)) throw new Error('no change')
    expect(change.why).toContain(
      `the Linux Go 1.20.14 at ${path.dirname(path.dirname(wanted))} first on PATH`,
    )
    const state = scratchDir('gpa-wslfiles-state-')
    const ctx = {
      env: { XDG_STATE_HOME: state, HOME: state },
      platform: 'linux' as const,
      distro: () => d.files,
    }
    const applied = await applyPlan([change], ctx)
    expect(applied.results.map((r) => r.ok)).toEqual([true])
    const text = readFileSync(profile, 'utf8')
    expect(text.startsWith(`# mine\nexport PATH="${path.dirname(other)}:$PATH"\n`)).toBe(true)
    expect(text).toContain(`__gpa_new="$HOME"'/sdk/go1.20.14/bin'`)
    const after = await probe()
    expect(after.status).toBe('ok')
    expect(after.view!.resolved).toBe(wanted)
    expect(after.goEnv?.GOVERSION).toBe('go1.20.14')
    const journal = JSON.parse(
      readFileSync(path.join(applied.journal, `${applied.id}.json`), 'utf8'),
    ) as { changes: Array<{ wsl?: { distribution: string }; path: string }> }
    expect(journal.changes[0]).toMatchObject({ path: profile, wsl: { distribution: 'Ubuntu' } })
    const undone = await undoEntry(ctx)
    expect(undone.refused).toBeUndefined()
    expect(undone.restored).toEqual([`${profile} (WSL Ubuntu)`])
    expect(readFileSync(profile)).toEqual(original)
  })

  it('--undo refuses, changing nothing, when the file was changed inside WSL since', async () => {
    const d = distro()
    fakeGo(path.join(d.home, 'sdk', 'go1.20.14'), '1.20.14')
    const profile = path.join(d.home, '.profile')
    writeFileSync(profile, 'x\n')
    const run = {
      report: { probes: [] },
      expected: { version: '1.20.14' },
    } as unknown as TerminalRun
    const look = await d.files.look(WSL_STARTUP_FILES, [])
    const change = wslChange(
      run,
      { dropGo: false, settings: {} },
      { shell: 'wsl', distribution: 'Ubuntu', look },
    )
    if (!change || !('kind' in change)) throw new Error('no change')
    const state = scratchDir('gpa-wslfiles-state-')
    const ctx = {
      env: { XDG_STATE_HOME: state, HOME: state },
      platform: 'linux' as const,
      distro: () => d.files,
    }
    await applyPlan([change], ctx)
    writeFileSync(profile, `${readFileSync(profile, 'utf8')}echo mine\n`)
    const changed = readFileSync(profile)
    const undone = await undoEntry(ctx)
    expect(undone.refused).toBe(
      `${profile} (WSL Ubuntu) changed since go-path-arbiter wrote it: nothing was restored`,
    )
    expect(readFileSync(profile)).toEqual(changed)
  })
})
