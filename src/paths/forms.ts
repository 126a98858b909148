/**
 * The forms a path takes in the shells of one machine (pure). Windows native (`C:\Go\bin`),
 * Git Bash / MSYS (`/c/Go/bin`), WSL's view of Windows drives (`/mnt/c/Go/bin`, or under
 * another automount root), and plain POSIX.
 */
import path from 'node:path'

/** How a shell writes paths: `msys` is Git Bash on Windows, `wsl` a WSL distribution. */
export type PathStyle = 'win32' | 'posix' | 'msys' | 'wsl'

/** WSL's default automount root; `[automount] root` in /etc/wsl.conf can change it. */
export const DEFAULT_MOUNT_ROOT = '/mnt/'

/** `/c/Users/x` -> `C:\Users\x`; null when the path is not a drive path. */
export function msysToWindows(p: string): string | null {
  const m = /^\/([a-zA-Z])(?:\/(.*))?$/.exec(p)
  if (!m) return null
  return `${m[1].toUpperCase()}:\\${(m[2] ?? '').replace(/\//g, '\\')}`
}

/**
 * An MSYS path as Windows names it: a drive path (`/c/x`), or one under the MSYS root
 * (`/ucrt64/bin` -> `C:\msys64\ucrt64\bin` for the root `C:/msys64`); null when neither.
 */
export function msysToWindowsUnder(p: string, root: string | undefined): string | null {
  const drive = msysToWindows(p)
  if (drive) return drive
  if (!root || !p.startsWith('/') || p.startsWith('//')) return null
  const base = root.replace(/\//g, '\\').replace(/\\+$/, '')
  return `${base}${p.replace(/\//g, '\\').replace(/\\+$/, '')}`
}

/** `/mnt/c/Users/x` -> `C:\Users\x` (for the given mount root); null when not a drive path. */
export function wslToWindows(p: string, mountRoot = DEFAULT_MOUNT_ROOT): string | null {
  const root = mountRoot.endsWith('/') ? mountRoot : `${mountRoot}/`
  if (!p.startsWith(root)) return null
  return msysToWindows(`/${p.slice(root.length)}`)
}

/** `C:\Users\x` -> `/c/Users/x` (Git Bash form). */
export function windowsToMsys(p: string): string {
  const m = /^([a-zA-Z]):[\\/]?(.*)$/.exec(p)
  if (!m) return p.replace(/\\/g, '/')
  const rest = m[2].replace(/\\/g, '/').replace(/\/+$/, '')
  return `/${m[1].toLowerCase()}${rest ? `/${rest}` : ''}`
}

/** `C:\Users\x` -> `/mnt/c/Users/x` (WSL form, for the given mount root). */
export function windowsToWsl(p: string, mountRoot = DEFAULT_MOUNT_ROOT): string {
  return `${mountRoot.replace(/\/$/, '')}${windowsToMsys(p)}`
}

/** Expands `%NAME%` from env (case-insensitive names, like cmd); unknown ones stay. */
export function expandPercentVars(p: string, env: Record<string, string | undefined>): string {
  if (!p.includes('%')) return p
  const lower = new Map(Object.entries(env).map(([k, v]) => [k.toLowerCase(), v]))
  return p.replace(/%([^%;]+)%/g, (whole, name: string) => lower.get(name.toLowerCase()) ?? whole)
}

/** True for `%NAME%` that expansion left in place. */
export function hasUnexpandedVar(p: string): boolean {
  return /%[^%;\s]+%/.test(p)
}

/**
 * A path as the host OS names it: a Git Bash or WSL drive path becomes a Windows path when
 * the host is Windows; anything else is returned as it is.
 */
export function toHostPath(
  p: string,
  style: PathStyle,
  hostPlatform: NodeJS.Platform,
  mountRoot = DEFAULT_MOUNT_ROOT,
): string {
  if (hostPlatform !== 'win32') return p
  if (style === 'msys') return msysToWindows(p) ?? p
  if (style === 'wsl') return wslToWindows(p, mountRoot) ?? p
  return p
}

/** The folder of a path in any of the forms (both separators). */
export function dirOf(p: string): string {
  return p.replace(/[\\/][^\\/]*$/, '') || p
}

/** `p` relative to `root` when it lies inside it (this host's paths), else null. */
export function relativeInside(root: string, p: string): string | null {
  const rel = path.relative(root, p)
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : null
}
