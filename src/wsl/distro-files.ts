/** A distribution's files through the wsl.exe on PATH (Windows; I/O): startup-files.ts over it. */
import { createWslRunner, wslExecutable } from './provision.js'
import { distroFiles, type DistroFiles } from './startup-files.js'

/** How long one call of --apply into a distribution may take (the WSL VM may have to start first). */
export const WSL_FILES_TIMEOUT_MS = 60_000

/** The files of a distribution through wsl.exe (Windows), for as long as one run needs them. */
export function wslDistroFiles(
  env: NodeJS.ProcessEnv,
  timeoutMs = WSL_FILES_TIMEOUT_MS,
): (distribution: string) => DistroFiles {
  return (distribution) => {
    const exe = wslExecutable(env)
    if (!exe) throw new Error('wsl.exe is not on PATH: WSL is not installed')
    return distroFiles(createWslRunner(exe, env), distribution, timeoutMs)
  }
}
