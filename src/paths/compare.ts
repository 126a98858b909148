/**
 * The one path comparer (pure but for the `realpath` the caller supplies). Built once per
 * check from the host platform, the environment (for `%VAR%`), the file system's
 * realpath (symlinks, 8.3 short names) and WSL's mount root; the rules and the summary
 * compare every path through it, so they agree by construction.
 */
import { DEFAULT_MOUNT_ROOT, expandPercentVars, toHostPath, type PathStyle } from './forms.js'

export interface ComparerOptions {
  platform: NodeJS.Platform
  env?: Record<string, string | undefined>
  /** resolves symlinks and short names when the path exists; null otherwise */
  realpath?: (p: string) => string | null
  /** where WSL mounts Windows drives (`/mnt/` unless wsl.conf says otherwise) */
  mountRoot?: string
}

/** A path as one shell wrote it, as the host names it, and its comparison key. */
export interface PathForms {
  raw: string
  host: string
  key: string
}

export interface Comparer {
  readonly platform: NodeJS.Platform
  readonly mountRoot: string
  /** the host's name for a path a shell of `style` wrote */
  host(p: string, style: PathStyle): string
  /** the comparison key of a folder (or any file), symlinks and short names resolved */
  dirKey(p: string, style: PathStyle): string
  /**
   * The key of a PATH entry as written (normalised, not resolved): two entries are "the
   * same entry twice" only when they name the folder alike; `/bin` and `/usr/bin` being one
   * folder on merged-/usr systems is not a repeat.
   */
  entryKey(p: string, style: PathStyle): string
  /**
   * The comparison key of a program. On Windows without a trailing `.exe`: Git Bash
   * (Cygwin/MSYS) names `go.exe` as `go` too, and `command -v go` prints that name.
   */
  programKey(p: string, style: PathStyle): string
  forms(p: string, style: PathStyle): PathForms
}

/** Whether a host path is a Windows path (on a Windows host, anything not Linux-side). */
function isWindowsPath(host: string, style: PathStyle, platform: NodeJS.Platform): boolean {
  if (platform !== 'win32') return false
  // a Linux path inside WSL stays a Linux path
  return !(style === 'wsl' || style === 'posix') || /^[a-zA-Z]:|^\\\\/.test(host)
}

export function createComparer(o: ComparerOptions): Comparer {
  const env = o.env ?? {}
  const mountRoot = o.mountRoot ?? DEFAULT_MOUNT_ROOT
  const host = (p: string, style: PathStyle) => {
    const unquoted = style === 'win32' ? p.replace(/^"(.*)"$/, '$1') : p
    return toHostPath(unquoted, style, o.platform, mountRoot)
  }
  const tidyWindows = (h: string) => {
    let w = expandPercentVars(h, env)
      .replace(/\//g, '\\')
      .replace(/\\{2,}/g, (m, i: number) => (i === 0 ? m : '\\'))
    if (w.length > 3) w = w.replace(/\\+$/, '')
    return w
  }
  const tidyPosix = (h: string) => {
    const p = h.replace(/\/{2,}/g, '/')
    return p.length > 1 ? p.replace(/\/+$/, '') : p
  }
  const real = (p: string) => o.realpath?.(p) ?? null

  function key(p: string, style: PathStyle, program: boolean, resolve: boolean = true): string {
    const h = host(p, style)
    if (isWindowsPath(h, style, o.platform)) {
      const w = tidyWindows(h)
      // an extension-less program name is resolved through its .exe, as MSYS does
      const resolved = !resolve
        ? w
        : (real(w) ?? (program && !/\.exe$/i.test(w) ? real(`${w}.exe`) : null) ?? w)
      const k = resolved.toLowerCase()
      return program ? k.replace(/\.exe$/, '') : k
    }
    const q = tidyPosix(h)
    // a Linux path inside WSL cannot be resolved from the Windows side
    const foreign = o.platform === 'win32'
    return foreign || !resolve ? q : (real(q) ?? q)
  }

  return {
    platform: o.platform,
    mountRoot,
    host,
    dirKey: (p, style) => key(p, style, false),
    entryKey: (p, style) => key(p, style, false, false),
    programKey: (p, style) => key(p, style, true),
    forms: (p, style) => ({ raw: p, host: host(p, style), key: key(p, style, false) }),
  }
}
