/**
 * Why a Git Bash or MSYS2 login shell lacks the exported Go, when its own /etc/profile is
 * the cause (pure). MSYS2's profile (and Git for Windows', which follows it) builds PATH
 * from MSYS2_PATH_TYPE: `minimal` (MSYS2's default) keeps only Windows' own folders,
 * `strict` none, `inherit` (Git's default) the Windows PATH, unless an ORIGINAL_PATH is
 * already in the environment: `ORIGINAL_PATH="${ORIGINAL_PATH:-${PATH}}"` keeps that one.
 * Only a login shell reads the profile: msys2 steps always (`bash -leo pipefail`), Git
 * Bash in a terminal (mintty's `bash --login -i`), never a runner's Git Bash step
 * (`--noprofile --norc`).
 */
import { finding, type Finding } from '../../findings/catalog.js'
import type { PathStyle } from '../../paths/forms.js'
import { splitPath } from '../../paths/split.js'
import { msys2PathType } from '../../shells/msys2.js'
import type { CheckInput } from '../types.js'
import type { ShellSight, Sights } from '../sight.js'

/** The profile's finding for a shell whose PATH lacks the exported Go's folder, if it is the cause. */
export function msysPathCause(c: CheckInput, s: Sights, sh: ShellSight): Finding | undefined {
  const login = sh.shell === 'msys2' || (sh.shell === 'bash' && sh.probe.mode !== 'runner')
  if (c.platform !== 'win32' || !login || sh.probe.pathStyle !== 'msys') return undefined
  if (sh.entries.some((e) => e.dirKey === sh.keys.gorootBin)) return undefined
  const msys = sh.probe.view.msys
  const value = msys?.pathType ?? null
  // Git for Windows' profile defaults to inherit, MSYS2's to minimal
  const pathType = msys2PathType(value, sh.shell === 'msys2' ? 'minimal' : 'inherit')
  const asked = sh.shell !== 'msys2' || (c.requested !== 'auto' && c.requested.includes('msys2'))
  const severity = asked ? 'error' : 'warning'
  // setup-msys2's default environment
  const msystem = msys?.msystem || 'MINGW64'
  const runs = sh.runs ? `go is ${sh.runs.path}` : 'no go on PATH'
  if (pathType !== 'inherit') {
    const kept =
      pathType === 'strict'
        ? 'none'
        : "only Windows' own System32, Windows, Wbem and WindowsPowerShell folders"
    return finding(
      'msys2-path-type',
      [sh.shell],
      `${sh.shell}: MSYS2_PATH_TYPE=${value ?? `${pathType} (unset)`} keeps ${kept} of the Windows PATH, so ${sh.expected.gorootBin} is not on PATH (${runs}, MSYSTEM=${msystem})`,
      { severity, audience: c.audience, params: { pathType, msystem } },
    )
  }
  const started = sh.probe.started
  if (!started?.originalPath || started.originalPath === started.path) return undefined
  const has = (value: string, style: PathStyle) =>
    splitPath(value, style).some((e) => s.comparer.dirKey(e, style) === sh.keys.gorootBin)
  if (!has(started.path, 'win32') || has(started.originalPath, styleOf(started.originalPath)))
    return undefined
  return finding(
    'original-path-inherited',
    [sh.shell],
    `${sh.shell}: the shell started with ${sh.expected.gorootBin} on PATH, but /etc/profile kept the ORIGINAL_PATH it inherited, which lacks it (${runs})`,
    { severity, audience: c.audience },
  )
}

/** ORIGINAL_PATH in the Windows form (`C:\x;D:\y`) or as a bash exported it (`/c/x:/d/y`). */
function styleOf(value: string): PathStyle {
  return /;|^[a-zA-Z]:[\\/]/.test(value) ? 'win32' : 'msys'
}
