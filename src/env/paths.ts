/**
 * Path normalisation for comparing what different shells see (pure).
 *
 * Forms handled: Windows native (`C:\Go\bin`, case-insensitive, `/` or `\`), Git Bash /
 * MSYS (`/c/Go/bin`), WSL's translated Windows paths (`/mnt/c/Go/bin`), `%VAR%` leftovers
 * and trailing separators. Symlinks and 8.3 short names are resolved by an optional
 * `realpath` supplied by the caller (file-system access stays out of this module).
 */

export type PathStyle = 'win32' | 'posix' | 'msys' | 'wsl'

/** `/c/Users/x` -> `C:\Users\x`; null when the path is not a drive path. */
export function msysToWindows(p: string): string | null {
  const m = /^\/([a-zA-Z])(?:\/(.*))?$/.exec(p)
  if (!m) return null
  return `${m[1].toUpperCase()}:\\${(m[2] ?? '').replace(/\//g, '\\')}`
}

/** `/mnt/c/Users/x` -> `C:\Users\x`; null when the path is not under /mnt/<drive>. */
export function wslToWindows(p: string, mountRoot = '/mnt/'): string | null {
  if (!p.startsWith(mountRoot)) return null
  return msysToWindows(`/${p.slice(mountRoot.length)}`)
}

/** `C:\Users\x` -> `/c/Users/x` (Git Bash form). */
export function windowsToMsys(p: string): string {
  const m = /^([a-zA-Z]):[\\/]?(.*)$/.exec(p)
  if (!m) return p.replace(/\\/g, '/')
  const rest = m[2].replace(/\\/g, '/').replace(/\/+$/, '')
  return `/${m[1].toLowerCase()}${rest ? `/${rest}` : ''}`
}

/** `C:\Users\x` -> `/mnt/c/Users/x` (WSL form). */
export function windowsToWsl(p: string, mountRoot = '/mnt/'): string {
  return `${mountRoot.replace(/\/$/, '')}${windowsToMsys(p)}`
}

/** Expands `%NAME%` from env (case-insensitive names, like cmd); unknown ones stay. */
export function expandPercentVars(p: string, env: Record<string, string | undefined>): string {
  const lower = new Map(Object.entries(env).map(([k, v]) => [k.toLowerCase(), v]))
  return p.replace(/%([^%;]+)%/g, (whole, name: string) => lower.get(name.toLowerCase()) ?? whole)
}

export function hasPercentLeftover(p: string): boolean {
  return /%[^%;\s]+%/.test(p)
}

/**
 * A path as the host OS would name it: a Git Bash or WSL drive path becomes a Windows
 * path when the host is Windows; anything else is returned as it is.
 */
export function toHostPath(p: string, style: PathStyle, hostPlatform: NodeJS.Platform): string {
  if (hostPlatform !== 'win32') return p
  if (style === 'msys') return msysToWindows(p) ?? p
  if (style === 'wsl') return wslToWindows(p) ?? p
  return p
}

/**
 * The comparison key of a path: host form, separators unified, trailing separator
 * dropped, `%VAR%` expanded, case folded on Windows, then `realpath` when given.
 */
export function pathKey(
  p: string,
  style: PathStyle,
  hostPlatform: NodeJS.Platform,
  env: Record<string, string | undefined> = {},
  realpath?: (p: string) => string | null,
): string {
  let host = toHostPath(p.trim().replace(/^"(.*)"$/, '$1'), style, hostPlatform)
  if (hostPlatform === 'win32') {
    host = expandPercentVars(host, env)
      .replace(/\//g, '\\')
      .replace(/\\{2,}/g, (m, i: number) => (i === 0 ? m : '\\'))
    if (host.length > 3) host = host.replace(/\\+$/, '')
  } else if (style !== 'wsl' || !host.startsWith('/mnt/')) {
    host = host.replace(/\/{2,}/g, '/')
    if (host.length > 1) host = host.replace(/\/+$/, '')
  }
  const real = realpath?.(host) ?? host
  return hostPlatform === 'win32' ? real.toLowerCase() : real
}

/**
 * The comparison key of a program: as `pathKey`, and on Windows without a trailing `.exe`,
 * since Git Bash (Cygwin/MSYS) names `go.exe` as `go` too (`command -v go` prints the name
 * without the extension). The extension-less name is resolved through the `.exe` file.
 */
export function programKey(
  p: string,
  style: PathStyle,
  hostPlatform: NodeJS.Platform,
  env: Record<string, string | undefined> = {},
  realpath?: (p: string) => string | null,
): string {
  if (hostPlatform !== 'win32') return pathKey(p, style, hostPlatform, env, realpath)
  const viaExe =
    realpath && !/\.exe$/i.test(p) ? (q: string) => realpath(q) ?? realpath(`${q}.exe`) : realpath
  return pathKey(p, style, hostPlatform, env, viaExe).replace(/\.exe$/, '')
}

/** Splits a PATH value as a shell of the given style sees it. */
export function splitShellPath(value: string, style: PathStyle): string[] {
  return value
    .split(style === 'win32' ? ';' : ':')
    .map((e) => (style === 'win32' ? e.replace(/^"(.*)"$/, '$1') : e))
    .filter((e) => e !== '')
}
