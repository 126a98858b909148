/**
 * Which startup files a shell reads, as documented by each shell (pure). `first` groups
 * stand for "the first of these that exists" (bash's login files).
 *
 * - bash, Linux terminal (interactive, non-login): /etc/bash.bashrc (Debian), ~/.bashrc.
 * - bash, macOS Terminal and Git for Windows' mintty (login, interactive): /etc/profile
 *   (and on Linux the /etc/profile.d/*.sh it runs), then the first of ~/.bash_profile,
 *   ~/.bash_login, ~/.profile.
 * - zsh: /etc/zsh/zshenv or /etc/zshenv and $ZDOTDIR/.zshenv always; interactive:
 *   /etc/zsh/zshrc or /etc/zshrc and ~/.zshrc; login (macOS): zprofile before and zlogin
 *   after them.
 * - sh, interactive: the file $ENV names.
 * - pwsh / powershell: the four profiles (AllUsersAllHosts, AllUsersCurrentHost,
 *   CurrentUserAllHosts, CurrentUserCurrentHost), as the shell itself names them.
 * - runner steps: bash reads $BASH_ENV, zsh its zshenv files, pwsh its profiles.
 * Files a listed file sources (`. file`, `source file`) are followed as well.
 */
import path from 'node:path'
import type { LaunchMode, ShellName } from '../base/types.js'

export interface FileGroup {
  kind: 'all' | 'first'
  paths: string[]
}

export interface StartupContext {
  platform: NodeJS.Platform
  home: string
  env: NodeJS.ProcessEnv
  /** pwsh / powershell: the profile paths the shell printed */
  profiles?: string[]
  /** Git for Windows' root folder, for its /etc files */
  gitRoot?: string
}

/** Files read at login before any terminal starts: where an inherited value may come from. */
export function loginFiles(c: StartupContext): FileGroup[] {
  if (c.platform === 'win32') return []
  const h = (f: string) => path.posix.join(c.home, f)
  return [
    { kind: 'all', paths: ['/etc/environment', '/etc/profile'] },
    { kind: 'all', paths: ['/etc/profile.d'] },
    {
      kind: 'all',
      paths: [h('.profile'), h('.bash_profile'), h('.bash_login'), h('.zprofile'), h('.zshenv')],
    },
  ]
}

export function startupFiles(shell: ShellName, mode: LaunchMode, c: StartupContext): FileGroup[] {
  const h = (f: string) => path.join(c.home, f)
  const zdot = c.env.ZDOTDIR || c.home
  const z = (f: string) => path.join(zdot, f)
  const etc = (f: string) =>
    c.platform === 'win32' && c.gitRoot ? path.join(c.gitRoot, 'etc', f) : `/etc/${f}`
  switch (shell) {
    case 'bash':
      if (mode === 'runner') return c.env.BASH_ENV ? [{ kind: 'all', paths: [c.env.BASH_ENV] }] : []
      if (c.platform === 'linux')
        return [{ kind: 'all', paths: [etc('bash.bashrc'), h('.bashrc')] }]
      return [
        { kind: 'all', paths: [etc('profile')] },
        { kind: 'first', paths: [h('.bash_profile'), h('.bash_login'), h('.profile')] },
      ]
    case 'zsh': {
      const env: FileGroup[] = [
        { kind: 'first', paths: ['/etc/zsh/zshenv', '/etc/zshenv'] },
        { kind: 'all', paths: [z('.zshenv')] },
      ]
      if (mode === 'runner') return env
      const rc: FileGroup[] = [
        { kind: 'first', paths: ['/etc/zsh/zshrc', '/etc/zshrc'] },
        { kind: 'all', paths: [z('.zshrc')] },
      ]
      if (c.platform !== 'darwin') return [...env, ...rc]
      return [
        ...env,
        { kind: 'first', paths: ['/etc/zsh/zprofile', '/etc/zprofile'] },
        { kind: 'all', paths: [z('.zprofile')] },
        ...rc,
        { kind: 'first', paths: ['/etc/zsh/zlogin', '/etc/zlogin'] },
        { kind: 'all', paths: [z('.zlogin')] },
      ]
    }
    case 'sh':
      return mode === 'terminal' && c.env.ENV ? [{ kind: 'all', paths: [c.env.ENV] }] : []
    case 'pwsh':
    case 'powershell':
      return c.profiles?.length ? [{ kind: 'all', paths: c.profiles }] : []
    case 'cmd':
    case 'wsl':
      return []
  }
}

/** `. file` / `source file` lines: the files they name, `~` and `$HOME` expanded. */
export function sourcedFiles(text: string, home: string, from: string): string[] {
  const out: string[] = []
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*(?:\.|source)\s+["']?([^"'\s;&|]+)["']?\s*(?:$|[;&|#])/.exec(raw)
    if (!m) continue
    let f = m[1].replace(/^~(?=\/)/, home).replace(/^\$\{?HOME\}?(?=\/)/, home)
    if (f.includes('$')) continue
    if (!path.isAbsolute(f)) f = path.join(path.dirname(from), f)
    out.push(f)
  }
  return out
}
