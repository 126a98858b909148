/**
 * What WSL steps need, as plain data and text (pure): the WSLENV value, the script that
 * `wsl-bash` steps source through BASH_ENV, the in-distribution install script, and the
 * decoding of what `wsl.exe` prints.
 */
import { parseArch, type Arch } from '../go/platform.js'
import { windowsToMsys } from '../paths/forms.js'
import { recordMap } from '../shells/records.js'
import { shQuote } from '../base/text.js'
import { SETTING_CLASSES } from '../go/settings.js'

/**
 * Settings that cross into WSL unchanged (`/u`: Windows to WSL only, no path translation):
 * the module and build settings (go/settings.ts), not GOWORK (a Windows path), the target
 * (a Linux Go builds for Linux) or the cache folders.
 */
export const WSL_PASS_THROUGH: readonly string[] = [
  ...SETTING_CLASSES.modules.filter((n) => n !== 'GOWORK'),
  ...SETTING_CLASSES.build,
]

/** Where the Linux Go trees live in the distribution; the first writable one is used. */
export const WSL_BASES = ['/opt/go-path-arbiter', '$HOME/.local/share/go-path-arbiter'] as const

/** One `WSLENV` entry: `NAME/flags`. */
export interface WslenvEntry {
  name: string
  flags: string
}

export function parseWslenv(value: string | undefined): WslenvEntry[] {
  return (value ?? '')
    .split(':')
    .filter((e) => e !== '')
    .map((e) => {
      const slash = e.indexOf('/')
      return slash < 0
        ? { name: e, flags: '' }
        : { name: e.slice(0, slash), flags: e.slice(slash + 1) }
    })
}

/**
 * Appends entries to an existing WSLENV. Entries already there are kept exactly as they
 * are, flags included (names are case-sensitive, as WSL treats them): never clobbered.
 */
export function mergeWslenv(existing: string | undefined, add: readonly WslenvEntry[]): string {
  const kept = (existing ?? '').split(':').filter((e) => e !== '')
  const names = new Set(parseWslenv(existing).map((e) => e.name))
  for (const e of add) {
    if (names.has(e.name)) continue
    names.add(e.name)
    kept.push(e.flags ? `${e.name}/${e.flags}` : e.name)
  }
  return kept.join(':')
}

/** The entries the action adds: BASH_ENV (a Linux path, verbatim) and the Go settings. */
export function wslenvEntries(): WslenvEntry[] {
  return [
    { name: 'BASH_ENV', flags: 'u' },
    ...WSL_PASS_THROUGH.map((name) => ({ name, flags: 'u' })),
  ]
}

/** sh quoting, one fact (base/text.ts) */

export interface WslTree {
  /** e.g. /opt/go-path-arbiter */
  base: string
  /** the Linux GOROOT: <base>/go/<version>/<goarch> */
  goroot: string
  /** the Linux GOPATH of the user the steps run as (env.sh derives it from $HOME) */
  gopath: string
  /** the script later wsl-bash steps source: <base>/env.sh */
  envScript: string
}

export function wslTree(base: string, version: string, arch: Arch, home: string): WslTree {
  const b = base.replace(/\/+$/, '')
  return {
    base: b,
    goroot: `${b}/go/${version}/${arch.go}`,
    gopath: `${home.replace(/\/+$/, '') || ''}/go`,
    envScript: `${b}/env.sh`,
  }
}

/**
 * The script a `wsl-bash` step sources through BASH_ENV. Safe under `set -euo pipefail`:
 * every variable it reads has a default, every test is guarded. It does nothing outside
 * WSL or when the Go tree is gone; inside, it sets GOROOT, keeps a GOPATH the step already
 * has or derives it from the user's own $HOME (a step run as another user gets its own),
 * and puts GOROOT/bin and GOPATH/bin first on PATH (once, however often it is sourced),
 * ahead of the Windows entries WSL appends.
 */
export function envScript(tree: WslTree): string {
  const lines = [
    '# written by go-path-arbiter: sourced by non-interactive bash through BASH_ENV',
    `if [ -n "\${WSL_DISTRO_NAME:-}" ] && [ -x ${shQuote(`${tree.goroot}/bin/go`)} ]; then`,
    `  GOROOT=${shQuote(tree.goroot)}`,
    '  if [ -z "${GOPATH:-}" ]; then GOPATH="${HOME:-/root}/go"; fi',
    '  export GOROOT GOPATH',
    '  __gpa_rest="${PATH:-}:"',
    '  __gpa_path="$GOROOT/bin:$GOPATH/bin"',
    '  while [ -n "$__gpa_rest" ]; do',
    '    __gpa_entry="${__gpa_rest%%:*}"',
    '    __gpa_rest="${__gpa_rest#*:}"',
    '    case "$__gpa_entry" in',
    '      ""|"$GOROOT/bin"|"$GOPATH/bin") ;;',
    '      *) __gpa_path="$__gpa_path:$__gpa_entry" ;;',
    '    esac',
    '  done',
    '  PATH="$__gpa_path"',
    '  export PATH',
    '  unset __gpa_rest __gpa_path __gpa_entry',
    'fi',
  ]
  return `${lines.join('\n')}\n`
}

/** The answer of the in-distribution script (scripts/distro.sh), parsed. */
export interface DistroFacts {
  ended: boolean
  arch?: Arch
  uname: string
  home: string
  user: string
  /** the Linux form of the Windows path passed in ('' when wslpath failed) */
  linuxPath: string
  base?: string
  /** GOVERSION of the tree already there (or `broken: ...`) */
  present?: string
  error?: string
}

export function parseDistroFacts(stdout: string, marker: string): DistroFacts {
  const rec = recordMap(stdout, marker)
  const uname = (rec.get('UNAME') ?? '').trim()
  let arch: Arch | undefined
  try {
    arch = uname ? parseArch(uname) : undefined
  } catch {
    arch = undefined
  }
  return {
    ended: rec.has('END'),
    arch,
    uname,
    home: (rec.get('HOME') ?? '').trim(),
    user: (rec.get('USER') ?? '').trim(),
    linuxPath: (rec.get('WINPATH') ?? '').trim(),
    base: rec.get('BASE')?.trim() || undefined,
    present: rec.has('PRESENT') ? (rec.get('PRESENT') ?? '').trim() : undefined,
    error: rec.has('ERROR') ? (rec.get('ERROR') ?? '').trim() : undefined,
  }
}

/**
 * The mount root WSL uses for Windows drives, from a known pair: `C:\a\b` seen as
 * `/mnt/c/a/b` gives `/mnt/`. Null when the pair does not line up.
 */
export function mountRootFrom(windowsPath: string, linuxPath: string): string | null {
  if (!/^[a-zA-Z]:/.test(windowsPath)) return null
  const tail = windowsToMsys(windowsPath)
  const linux = linuxPath.replace(/\/+$/, '')
  if (!linux.endsWith(tail)) return null
  return `${linux.slice(0, linux.length - tail.length)}/`
}
