/**
 * What each probed shell sees, compared once (pure): every PATH entry with its host form
 * and keys, every go on it, the go it runs, and the keys of what the export says it
 * should see. Built from one comparer, and read by the rules and by the summary alike, so
 * the two can never disagree.
 */
import { isWsl, type ShellName } from '../base/types.js'
import { createComparer, type Comparer } from '../paths/compare.js'
import { dirOf, msysToWindows, type PathStyle } from '../paths/forms.js'
import type { ProbeResult, ShellView } from '../shells/types.js'
import { goUnder, isShimFolder } from '../processes/shims.js'
import type { CheckInput, ExpectedPaths } from './types.js'

export interface PathEntry {
  raw: string
  /** the host's name for it (a Git Bash `/c/x` is `C:\x` on Windows) */
  host: string
  /** normalised as written: equal keys are one entry written twice */
  entryKey: string
  /** resolved (symlinks, short names): equal keys are one folder */
  dirKey: string
  /** 1-based position in the shell's PATH */
  position: number
}

export interface GoHit {
  /** host path */
  path: string
  /** a version manager's shim: the go it starts */
  startsGo?: string
  programKey: string
  dirKey: string
}

export interface ExpectedKeys {
  goBinary: string
  gorootBin: string
  gopathBin: string
  goroot: string
  gopath: string
}

export interface ShellSight {
  shell: ShellName
  probe: ProbeResult & { view: ShellView }
  /** how the shell writes PATH entries */
  entryStyle: PathStyle
  /** how go hits and `go env` values are written (host form; Linux and /mnt forms in WSL) */
  valueStyle: PathStyle
  expected: ExpectedPaths
  keys: ExpectedKeys
  entries: PathEntry[]
  hits: GoHit[]
  /** the go the shell runs, when it is a program */
  runs?: GoHit
  runsExported: boolean
}

export interface Sights {
  comparer: Comparer
  shells: ShellSight[]
  /** the paths the export wrote for a shell, and their keys */
  expectedFor(shell: ShellName): { paths: ExpectedPaths; keys: ExpectedKeys; style: PathStyle }
}

export function valueStyleOf(shell: ShellName, platform: NodeJS.Platform): PathStyle {
  return isWsl(shell) ? 'wsl' : platform === 'win32' ? 'win32' : 'posix'
}

type SightInput = Pick<
  CheckInput,
  'platform' | 'env' | 'realpath' | 'mountRoot' | 'expected' | 'probes' | 'shimTarget'
>

export function buildSights(c: SightInput): Sights {
  const comparer = createComparer({
    platform: c.platform,
    env: c.env,
    realpath: c.realpath,
    mountRoot: c.mountRoot,
  })
  const expectedFor = expectedKeys(c, comparer)
  const hit = goHit(c, comparer)
  const shells = c.probes
    .filter((p): p is ProbeResult & { view: ShellView } => p.status === 'ok' && !!p.view)
    .map((probe): ShellSight => {
      const { paths, keys, style } = expectedFor(probe.shell)
      const runs =
        probe.runs === undefined ? undefined : hit(probe.runs, style, probe.goEnv?.GOROOT)
      return {
        shell: probe.shell,
        probe,
        entryStyle: probe.pathStyle,
        valueStyle: style,
        expected: paths,
        keys,
        entries: probe.pathEntries.map((raw, i) => ({
          raw,
          host: comparer.host(raw, probe.pathStyle),
          entryKey: comparer.entryKey(raw, probe.pathStyle),
          dirKey: comparer.dirKey(raw, probe.pathStyle),
          position: i + 1,
        })),
        hits: probe.hits.go.map((h) => hit(h, style)),
        runs,
        runsExported: runs?.programKey === keys.goBinary,
      }
    })
  return { comparer, shells, expectedFor }
}

/** What the export says a shell should see, and the keys to compare it by. */
function expectedKeys(c: SightInput, comparer: Comparer): Sights['expectedFor'] {
  return (shell) => {
    const paths: ExpectedPaths = { ...c.expected, ...(c.expected.perShell?.[shell] ?? {}) }
    const style = valueStyleOf(shell, c.platform)
    // the reference may be a shim too (the user's shell runs asdf's): the Go it starts
    const target =
      c.shimTarget?.(paths.goBinary) ??
      (isShimFolder(dirOf(paths.goBinary))
        ? goUnder(paths.goroot, style === 'win32' ? 'win32' : 'linux')
        : paths.goBinary)
    const keys: ExpectedKeys = {
      goBinary: comparer.programKey(target, style),
      gorootBin: comparer.dirKey(paths.gorootBin, style),
      gopathBin: comparer.dirKey(paths.gopathBin, style),
      goroot: comparer.dirKey(paths.goroot, style),
      gopath: comparer.dirKey(paths.gopath, style),
    }
    return { paths, keys, style }
  }
}

/**
 * A go on a shell's PATH. A shim is the program it starts: Scoop's names it; a POSIX
 * version manager's is the go under the GOROOT the shell's go reports.
 */
function goHit(c: SightInput, comparer: Comparer) {
  return (p: string, style: PathStyle, goroot?: string): GoHit => {
    const target =
      c.shimTarget?.(p) ??
      (goroot && isShimFolder(dirOf(p))
        ? goUnder(goroot, style === 'win32' || style === 'msys' ? 'win32' : 'linux')
        : null)
    return {
      path: p,
      programKey: comparer.programKey(target ?? p, style),
      dirKey: comparer.dirKey(dirOf(p), style),
      ...(target ? { startsGo: target } : {}),
    }
  }
}

/** Entry keys written more than once in one shell's PATH, with their positions. */
export function repeatedEntries(s: ShellSight): Map<string, number[]> {
  const at = new Map<string, number[]>()
  for (const e of s.entries) at.set(e.entryKey, [...(at.get(e.entryKey) ?? []), e.position])
  return new Map([...at].filter(([, positions]) => positions.length > 1))
}

/**
 * Git Bash's own folders, which its launcher puts ahead of everything on PATH:
 * `<git>\mingw64\bin` (`clangarm64\bin` on ARM64, `mingw32\bin` on 32-bit), `<git>\usr\bin`
 * and `%HOME%\bin`; also `<git>\bin` and `<git>\cmd` on the machine PATH.
 */
export function isGitBashDir(dir: string, home?: string): boolean {
  const d = dir.replace(/[\\/]+$/, '')
  if (/^\/(usr\/bin|(mingw(32|64)|clangarm64|ucrt64|clang64)\/bin|bin)$/.test(d)) return true
  if (
    /[\\/]git[\\/](usr[\\/]bin|(mingw(32|64)|clangarm64|ucrt64|clang64)[\\/]bin|bin|cmd)$/i.test(d)
  )
    return true
  if (!home) return false
  const norm = (p: string) =>
    (msysToWindows(p) ?? p).replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase()
  return norm(d) === `${norm(home)}\\bin`
}
