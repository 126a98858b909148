/**
 * What `--apply` changes inside a WSL distribution, from Windows (pure, over what a look
 * through wsl.exe found: wsl/startup-files.ts): the owned block at the end of the startup
 * file the distribution user's login shell reads last, putting first a Linux Go of the
 * reference's version that is already in the distribution (a Linux Go is not a Windows
 * Go: none is downloaded or copied in). The files are named by the distribution's own
 * defaults (its home folder, ~/.config), as a new WSL terminal reads them.
 */
import { posix } from 'node:path'
import { DEFAULT_MOUNT_ROOT } from '../../paths/forms.js'
import type { ShellName, WslShell } from '../../base/types.js'
import type { ProbeResult } from '../../shells/types.js'
import type { DistroFile, DistroLook, LinuxGo } from '../../wsl/startup-files.js'
import type { TerminalRun } from '../terminal/types.js'
import { answeredWsl } from '../terminal/wsl-terminal.js'
import { blockWhy, withOwnedBlock } from './block-file.js'
import type { Family, GoTarget } from './blocks.js'
import type { FileChange, Skipped } from './file-change.js'
import type { Want } from './routes.js'

/** Every login shell's candidate file, looked at in one call (a leading ~/ is the home). */
export const WSL_STARTUP_FILES = [
  '~/.bash_profile',
  '~/.bash_login',
  '~/.profile',
  '~/.zlogin',
  '~/.zshrc',
  '~/.config/fish/config.fish',
] as const

/** What a look through wsl.exe found, or why it could not look. */
export interface WslFixContext {
  /** the row of the check it is for (`wsl`, `wsl:NAME`) */
  shell: WslShell
  distribution: string
  look: DistroLook | { failed: string }
}

/**
 * The folders to look for a go in: the tree the row is held to (`--go wsl:PATH`), then a
 * new WSL terminal's PATH (not the Windows drives).
 */
export function wslPathDirs(
  run: TerminalRun,
  shell: WslShell,
  mountRoot = DEFAULT_MOUNT_ROOT,
): string[] {
  const path = answeredWsl(run.report.probes, shell)?.view?.path ?? ''
  const held = run.expected.perShell?.[shell]?.gorootBin
  return [...new Set([...(held ? [held] : []), ...path.split(':')])].filter(
    (d) => d.startsWith('/') && !d.startsWith(mountRoot),
  )
}

/**
 * The file a new WSL terminal's login shell reads last (bash's manual: the first of
 * ~/.bash_profile, ~/.bash_login, ~/.profile; zsh's: ~/.zlogin after ~/.zshrc; fish:
 * config.fish; a POSIX sh reads ~/.profile).
 */
export function wslStartupFile(look: DistroLook): { file: DistroFile; family: Family } {
  const at = (name: string): DistroFile =>
    look.files.find((f) => f.path === posix.join(look.home, name)) ?? {
      kind: 'none',
      path: posix.join(look.home, name),
      missingDirs: [],
    }
  const there = (name: string) => at(name).kind !== 'none'
  switch (posix.basename(look.shell)) {
    case 'bash': {
      const first = ['.bash_profile', '.bash_login', '.profile'].find(there) ?? '.profile'
      return { file: at(first), family: 'posix' }
    }
    case 'zsh':
      return { file: at(there('.zlogin') ? '.zlogin' : '.zshrc'), family: 'posix' }
    case 'fish':
      return { file: at('.config/fish/config.fish'), family: 'fish' }
    default:
      return { file: at('.profile'), family: 'posix' }
  }
}

/** The Linux Go of this version to put first: the tree the row is held to when it is one. */
export function chooseLinuxGo(
  gos: readonly LinuxGo[],
  version: string,
  current?: string,
): LinuxGo | undefined {
  const fit = gos.filter((g) => g.version === version)
  return fit.find((g) => g.goroot === current) ?? fit[0]
}

const underMount = (p: string | null | undefined, mountRoot: string) =>
  !!p && p.startsWith(mountRoot)

/** The block's target inside WSL: the chosen tree first; GOPATH on the Linux side. */
function wslTarget(
  probe: ProbeResult | undefined,
  go: LinuxGo,
  home: string,
  want: Want,
  mountRoot: string,
): GoTarget {
  const env = probe?.view?.env ?? {}
  const gopath = (probe?.goEnv?.GOPATH ?? '').split(':')[0] || posix.join(home, 'go')
  // wsl-gopath-windows: a GOPATH through the drive mount is slow; the Linux default instead
  const linuxGopath = underMount(gopath, mountRoot) ? posix.join(home, 'go') : gopath
  return {
    gorootBin: posix.join(go.goroot, 'bin'),
    gopathBin: posix.join(linuxGopath, 'bin'),
    vars: {
      GOROOT: env.GOROOT ? go.goroot : null,
      GOPATH: env.GOPATH ? (underMount(env.GOPATH, mountRoot) ? linuxGopath : env.GOPATH) : null,
      GOBIN: env.GOBIN ?? null,
      GOTOOLCHAIN: env.GOTOOLCHAIN ?? null,
    },
    settings: want.settings,
    home,
    varsUnderHome: true,
    dropGoCommand: want.dropGo,
    windows: false,
  }
}

/** A file inside the distribution as the user reads its name. */
export const wslFileName = (distribution: string, file: string, home: string) =>
  `WSL ${distribution}: ${file.startsWith(`${home}/`) ? `~${file.slice(home.length)}` : file}`

/** The change inside the distribution, or why there is none to make. */
export function wslChange(
  run: TerminalRun,
  want: Want,
  c: WslFixContext,
  mountRoot = DEFAULT_MOUNT_ROOT,
): FileChange | Skipped | null {
  const shells: ShellName[] = [c.shell]
  const skip = (what: string, why: string): Skipped => ({ what, why, shells })
  if ('failed' in c.look)
    return skip(
      `WSL ${c.distribution}`,
      `its startup files could not be read through wsl.exe: ${c.look.failed}`,
    )
  const look = c.look
  const { file, family } = wslStartupFile(look)
  const what = wslFileName(c.distribution, file.path, look.home)
  if (file.kind === 'unreadable') return skip(what, 'it cannot be read there')
  const real = file.kind === 'file' ? file.real : file.path
  if (!real.startsWith(`${look.home}/`))
    return skip(what, `it is ${real}, outside the home folder there: edit it by hand`)
  const version = run.expected.version
  const probe = answeredWsl(run.report.probes, c.shell)
  // the tree the row is held to: its own go's, or the one --go wsl:PATH names
  const held = run.expected.perShell?.[c.shell]?.goroot ?? probe?.goEnv?.GOROOT
  const go = chooseLinuxGo(look.gos, version, held)
  if (!go) {
    const found = look.gos.map((g) => `${g.program} (${g.version})`).join(', ')
    return skip(
      what,
      `no Linux Go ${version} is in ${c.distribution} (${found ? `found ${found}` : 'none found'} in /usr/local/go, /usr/lib/go*, ~/sdk, ~/go/pkg/mod/golang.org/toolchain@*, this tool's trees and the terminal's PATH): install Go ${version} for Linux there and run --apply again`,
    )
  }
  const bytes = file.kind === 'file' ? file.bytes : null
  const placed = withOwnedBlock(bytes, family, 'linux', () =>
    wslTarget(probe, go, look.home, want, mountRoot),
  )
  if ('skip' in placed) return skip(what, placed.skip)
  if (bytes && placed.after.equals(bytes)) return null
  return {
    kind: 'file',
    path: real,
    linkedFrom: real !== file.path ? file.path : undefined,
    shells,
    before: bytes,
    after: placed.after,
    when: 'terminal',
    why: `the Linux Go ${go.version} at ${go.goroot} first on PATH: ${blockWhy(placed, shells)}`,
    wsl: {
      distribution: c.distribution,
      home: look.home,
      missingDirs: file.kind === 'none' ? file.missingDirs : [],
    },
  }
}
