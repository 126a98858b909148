/**
 * `shell: msys2 {0}`: msys2/setup-msys2 writes a wrapper, `msys2.cmd`, into a folder it
 * puts on PATH, and exports MSYSTEM (MINGW64 by default; UCRT64, CLANG64, MSYS, ...). The
 * wrapper sets MSYSTEM and MSYS2_PATH_TYPE (the action's `msystem` and `path-type`) unless
 * the step's environment has them, sets
 * CHERE_INVOKING (stay in the working folder) and runs `<msys64>\usr\bin\bash.exe -leo
 * pipefail <script>`: a login shell, whose /etc/profile builds PATH from the path type
 * (`minimal`, the default, keeps only Windows' own System32, Windows, Wbem and
 * WindowsPowerShell folders of the Windows PATH; `strict` keeps none; `inherit` keeps it
 * all, or an ORIGINAL_PATH the environment already holds). The runner finds `msys2` on PATH
 * through PATHEXT and starts the batch file, which Windows runs through `cmd /c`; the probe
 * is started in the same way, so the wrapper, the profile and the path type are the step's
 * own.
 */
import { parsePosix, posixProbeScript } from './posix.js'
import type { ShellAdapter } from './types.js'

export const msys2Shell: ShellAdapter = {
  name: 'msys2',
  command: 'msys2',
  extension: '.sh',
  pathStyle: 'msys',
  script: (marker) => posixProbeScript(marker),
  args: (file) => [file],
  traces: () => false,
  parse: (out, marker) => parsePosix(out, marker),
}

/** The path types MSYS2's /etc/profile knows; any other value is treated as `minimal`. */
export type Msys2PathType = 'minimal' | 'strict' | 'inherit'

/**
 * The path type an /etc/profile follows for a value of MSYS2_PATH_TYPE: both MSYS2's and
 * Git for Windows' read `case "${MSYS2_PATH_TYPE:-<default>}"` with `strict`, `inherit`
 * and a `*)` case that is minimal; they differ only in the default for an unset or empty
 * value (MSYS2 `minimal`, Git `inherit`).
 */
export function msys2PathType(
  value: string | null | undefined,
  unset: Msys2PathType = 'minimal',
): Msys2PathType {
  const v = value || unset
  return v === 'strict' || v === 'inherit' ? v : 'minimal'
}
