/**
 * Startup files with CRLF line ends (saved by a Windows editor): bash, sh and zsh read the
 * CR as part of each line, so a value set there ends with a CR and an `if … fi` is a syntax
 * error. fish reads such a file as meant. The files are those each probed shell reads when a
 * new terminal starts, in the home folder (or ZDOTDIR); reading them is the only I/O.
 */
import { readBytesOrNull } from '../../files/bytes.js'
import path from 'node:path'
import { gitBashHomeOf, homeOf } from '../../base/home.js'
import { shownPath } from '../../base/origin.js'
import type { ShellName } from '../../base/types.js'
import { finding, type Finding } from '../../findings/catalog.js'
import type { ProbeResult } from '../../shells/types.js'

/** The folder of zsh's files after ~/.zshenv: ZDOTDIR as the start-up left it, else as the login environment has it, else HOME. */
export const zshDir = (zdotdir: string | undefined, env: NodeJS.ProcessEnv, home: string) =>
  zdotdir || env.ZDOTDIR || home

/** The startup files a new terminal of a POSIX shell may read, by shell (pure). */
export function posixStartupFiles(
  shell: ShellName,
  home: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  zdotdir?: string,
): string[] {
  const m = platform === 'win32' ? path.win32 : path.posix
  const at = (dir: string, names: string[]) => names.map((n) => m.join(dir, n))
  switch (shell) {
    case 'bash':
      return at(home, ['.bash_profile', '.bash_login', '.profile', '.bashrc'])
    case 'sh':
      return [
        ...at(home, ['.profile']),
        ...(env.ENV ? [env.ENV.replace(/^\$\{?HOME\}?/, home)] : []),
      ]
    case 'zsh': {
      const dir = zshDir(zdotdir, env, home)
      return [...at(home, ['.zshenv']), ...at(dir, ['.zprofile', '.zshrc', '.zlogin'])]
    }
    default:
      return []
  }
}

/** Whether a file's text has a CRLF line end (pure). */
export const hasCrlf = (bytes: Buffer) => bytes.includes('\r\n')

/** One finding per file with CRLF line ends, naming the shells that read it. */
export function crlfFindings(
  probes: readonly ProbeResult[],
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  read: (file: string) => Buffer | null = readBytesOrNull,
): Finding[] {
  const home = platform === 'win32' ? gitBashHomeOf(env) : homeOf(env, platform)
  if (!home) return []
  const readers = new Map<string, ShellName[]>()
  for (const p of probes) {
    if (p.status !== 'ok') continue
    for (const f of posixStartupFiles(p.shell, home, env, platform, p.view?.zdotdir)) {
      readers.set(f, [...(readers.get(f) ?? []), p.shell])
    }
  }
  const out: Finding[] = []
  for (const [file, shells] of readers) {
    const bytes = read(file)
    if (!bytes || !hasCrlf(bytes)) continue
    const shown = shownPath(file, homeOf(env, platform))
    out.push(
      finding(
        'startup-file-crlf',
        shells,
        `${shown} has CRLF line ends: ${shells.join(', ')} read${shells.length === 1 ? 's' : ''} the CR as part of each line, so what it sets ends with a CR and its commands fail`,
        { params: { file: shown, path: file }, file, audience: 'terminal' },
      ),
    )
  }
  return out
}
