/**
 * Which startup file a shell's owned block goes into (pure, but for the `exists` test it is
 * given): the last file the shell reads when a new terminal starts, so that the block runs
 * after everything else. The documented orders (bash, zsh, sh manuals; about_Profiles):
 * - bash: a login shell (macOS Terminal, Git Bash) reads the first of ~/.bash_profile,
 *   ~/.bash_login, ~/.profile; an interactive one (a Linux terminal) reads ~/.bashrc.
 * - zsh: ~/.zshrc last for an interactive shell; ~/.zlogin after it for a login shell
 *   (macOS). $ZDOTDIR replaces the home folder: as the start-up left it, since ~/.zshenv
 *   (read from the home folder) may set it for the files read after it.
 * - fish: config.fish, after conf.d.
 * - sh: a terminal's sh reads only the file $ENV names; on Linux it inherits the login
 *   session, so without ENV the block goes where the session's login shell reads last.
 * - pwsh, powershell: CurrentUserCurrentHost ($PROFILE), as the shell names it.
 * - cmd: no file: a file of this tool's own, run last by AutoRun.
 */
import path from 'node:path'
import type { ShellName } from '../../base/types.js'
import type { Family } from './blocks.js'
import { gitBashHomeOf, homeOf } from '../../base/home.js'
import { zshDir } from '../terminal/line-ends.js'

export interface StartupFile {
  file: string
  family: Family
  /** when it takes effect: a new terminal, or the next login */
  when: 'terminal' | 'login'
}

export interface TargetContext {
  platform: NodeJS.Platform
  /** the login environment's HOME (USERPROFILE on Windows), ZDOTDIR, XDG_CONFIG_HOME, ENV, SHELL */
  env: NodeJS.ProcessEnv
  /** the login session's shell (Linux) */
  sessionShell?: ShellName
  /** zsh: ZDOTDIR as a new terminal's start-up left it (a ~/.zshenv may set it) */
  zdotdir?: string
  /** pwsh / powershell: the profile files the shell named, in its order */
  profiles?: Partial<Record<ShellName, string[]>>
  /** Windows: %LOCALAPPDATA% */
  localAppData?: string
  exists: (file: string) => boolean
}

const firstOf = (files: string[], exists: (f: string) => boolean, fallback: string) =>
  files.find(exists) ?? fallback

/** The home folder of the startup files: on Windows only Git Bash's are written, under its `~`. */
function filesHome(c: TargetContext): string {
  return c.platform === 'win32' ? gitBashHomeOf(c.env) : homeOf(c.env, c.platform)
}

function join(c: TargetContext, ...parts: string[]): string {
  return (c.platform === 'win32' ? path.win32 : path.posix).join(...parts)
}

function loginBash(c: TargetContext): string {
  const home = filesHome(c)
  const files = ['.bash_profile', '.bash_login', '.profile'].map((f) => join(c, home, f))
  return firstOf(files, c.exists, files[0])
}

function zshFile(c: TargetContext, login: boolean): string {
  const dir = zshDir(c.zdotdir, c.env, filesHome(c))
  const zlogin = join(c, dir, '.zlogin')
  if (login && c.exists(zlogin)) return zlogin
  return join(c, dir, '.zshrc')
}

function fishFile(c: TargetContext): string {
  const config = c.env.XDG_CONFIG_HOME || join(c, filesHome(c), '.config')
  return join(c, config, 'fish', 'config.fish')
}

/** The file the login session's shell reads last (Linux). */
function sessionFile(c: TargetContext): StartupFile {
  const home = filesHome(c)
  switch (c.sessionShell) {
    case 'bash': {
      const files = ['.bash_profile', '.bash_login', '.profile'].map((f) => join(c, home, f))
      return { file: firstOf(files, c.exists, files[2]), family: 'posix', when: 'login' }
    }
    case 'zsh': {
      const dir = c.env.ZDOTDIR || home
      const zlogin = join(c, dir, '.zlogin')
      return {
        file: c.exists(zlogin) ? zlogin : join(c, dir, '.zprofile'),
        family: 'posix',
        when: 'login',
      }
    }
    case 'fish':
      return { file: fishFile(c), family: 'fish', when: 'login' }
    default:
      return { file: join(c, home, '.profile'), family: 'posix', when: 'login' }
  }
}

/** $ENV as sh expands it: $HOME and ${HOME} only. */
const envFile = (env: NodeJS.ProcessEnv) => env.ENV?.replace(/^\$\{?HOME\}?(?=\/)/, env.HOME ?? '')

/** The startup file of a shell's new terminal, or why there is none to write to. */
export function startupFileFor(shell: ShellName, c: TargetContext): StartupFile | string {
  const login = c.platform !== 'linux'
  switch (shell) {
    case 'bash':
      return login
        ? { file: loginBash(c), family: 'posix', when: 'terminal' }
        : { file: join(c, filesHome(c), '.bashrc'), family: 'posix', when: 'terminal' }
    case 'zsh':
      return { file: zshFile(c, c.platform === 'darwin'), family: 'posix', when: 'terminal' }
    case 'fish':
      return { file: fishFile(c), family: 'fish', when: 'terminal' }
    case 'sh': {
      const env = envFile(c.env)
      if (env) return { file: env, family: 'posix', when: 'terminal' }
      if (c.platform === 'linux') return sessionFile(c)
      return 'a new terminal of sh reads no startup file here unless ENV names one'
    }
    case 'pwsh':
    case 'powershell': {
      const profile = c.profiles?.[shell]?.[3]
      return profile
        ? { file: profile, family: 'pwsh', when: 'terminal' }
        : `${shell} did not name its profile (it did not start)`
    }
    case 'cmd':
      return c.localAppData
        ? {
            file: path.win32.join(c.localAppData, 'go-path-arbiter', 'autorun.cmd'),
            family: 'cmd',
            when: 'terminal',
          }
        : '%LOCALAPPDATA% is not set'
    case 'msys2':
      return 'an msys2 step is set up by msys2/setup-msys2 in the workflow (path-type), not by a startup file here'
    default:
      // WSL (wsl, wsl:NAME): its block is written inside the distribution (wsl-plan.ts)
      return 'the WSL distribution is not changed by --apply (its ~/.bashrc is the distribution’s own); run go-path-arbiter inside it'
  }
}
