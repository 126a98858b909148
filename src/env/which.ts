import { existsSync, statSync } from 'node:fs'
import path from 'node:path'

/** Splits PATH the way the OS does (empty entries dropped, surrounding quotes removed on Windows). */
export function splitPath(value: string | undefined, platform: NodeJS.Platform): string[] {
  if (!value) return []
  const sep = platform === 'win32' ? ';' : ':'
  return value
    .split(sep)
    .map((e) => (platform === 'win32' ? e.replace(/^"(.*)"$/, '$1') : e))
    .filter((e) => e !== '')
}

/** Every file name `name` could resolve to on PATH, in lookup order (PATHEXT on Windows). */
export function pathCandidates(
  name: string,
  pathValue: string | undefined,
  platform: NodeJS.Platform,
  pathext = '.COM;.EXE;.BAT;.CMD',
): string[] {
  const p = platform === 'win32' ? path.win32 : path.posix
  const exts =
    platform === 'win32'
      ? pathext
          .split(';')
          .filter(Boolean)
          .map((e) => e.toLowerCase())
      : ['']
  return splitPath(pathValue, platform).flatMap((dir) => exts.map((ext) => p.join(dir, name + ext)))
}

export function isFile(p: string): boolean {
  try {
    return statSync(p).isFile()
  } catch {
    return false
  }
}

/** All existing hits for `name` on PATH, in order. */
export function whichAll(
  name: string,
  env: NodeJS.ProcessEnv,
  platform = process.platform,
): string[] {
  const pathValue = platform === 'win32' ? (env.Path ?? env.PATH) : env.PATH
  return pathCandidates(name, pathValue, platform, env.PATHEXT).filter(
    (c) => existsSync(c) && isFile(c),
  )
}
