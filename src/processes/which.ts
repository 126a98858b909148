import { accessSync, constants, statSync } from 'node:fs'
import path from 'node:path'
import { splitPath } from '../paths/split.js'
import { getVar } from './env.js'

/** Windows' default PATHEXT, used when the variable is unset. */
export const DEFAULT_PATHEXT = '.COM;.EXE;.BAT;.CMD'

export function isFile(p: string): boolean {
  try {
    return statSync(p).isFile()
  } catch {
    return false
  }
}

/**
 * A file a shell would run: on POSIX it must also be executable (a `go` without the x bit
 * is passed over by every shell, and so here), on Windows any file with its extension.
 */
export function isProgram(p: string, platform: NodeJS.Platform = process.platform): boolean {
  if (!isFile(p)) return false
  if (platform === 'win32') return true
  try {
    accessSync(p, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The extensions a bare name is tried with on Windows, in order (lower case). */
export function pathextList(pathext: string | undefined): string[] {
  return (pathext || DEFAULT_PATHEXT)
    .split(';')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e.startsWith('.'))
}

/**
 * Every file `name` could resolve to, in lookup order: each folder in order, and on Windows
 * each PATHEXT extension in order within a folder (cmd's and CreateProcess' rule).
 */
export function pathCandidates(
  name: string,
  dirs: readonly string[],
  platform: NodeJS.Platform,
  pathext?: string,
): string[] {
  const p = platform === 'win32' ? path.win32 : path.posix
  const exts = platform === 'win32' ? pathextList(pathext) : ['']
  return dirs.flatMap((dir) => exts.map((ext) => p.join(dir, name + ext)))
}

/** PATH of an environment object, as the OS reads it (`Path` on Windows too). */
export function pathOf(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  return getVar(env, 'PATH', platform)
}

/** All existing files for `name` on the PATH of `env`, in lookup order. */
export function whichAll(
  name: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  exists: (p: string) => boolean = (p) => isProgram(p, platform),
): string[] {
  const dirs = splitPath(pathOf(env, platform), platform === 'win32' ? 'win32' : 'posix')
  const pathext = platform === 'win32' ? getVar(env, 'PATHEXT', platform) : undefined
  return pathCandidates(name, dirs, platform, pathext).filter(exists)
}
