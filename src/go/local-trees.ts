/**
 * The Go trees already on this machine (I/O): the tool cache (the toolkit's layout:
 * `<cache>/go/<version>/<arch>` beside `<arch>.complete`) and the runner image's
 * preinstalled trees (`GOROOT_<major>_<minor>_<ARCH>`). Installing one is install.ts.
 */
import { existsSync, lstatSync, readdirSync, realpathSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import semver from 'semver'
import { goVersionOf } from './gover.js'
import { exe } from './platform.js'

/** A Go tree ready to use. */
export interface GoInstall {
  /** semver, e.g. `1.22.5` */
  version: string
  root: string
  /** where it came from, for the log and the report */
  source: string
  /** false when the tree was already here (nothing was downloaded) */
  downloaded: boolean
}

export type LocalCandidate = Omit<GoInstall, 'downloaded'>

/** `GOROOT_1_24_X64=C:\hostedtoolcache\windows\go\1.24.1\x64` style variables for an arch. */
export function preinstalledFromEnv(
  env: NodeJS.ProcessEnv,
  cacheArch: string,
): Array<{ name: string; root: string }> {
  const suffix = cacheArch.toUpperCase()
  return Object.entries(env)
    .filter(([name, value]) => {
      const m = /^GOROOT_(\d+)_(\d+)_([A-Z0-9]+)$/i.exec(name)
      return !!m && !!value && m[3].toUpperCase() === suffix
    })
    .map(([name, value]) => ({ name, root: value! }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** The semver of a Go tree from its VERSION file (`go1.22.5` on the first line). */
export async function readTreeVersion(root: string): Promise<string | null> {
  try {
    const text = await readFile(path.join(root, 'VERSION'), 'utf8')
    return goVersionOf(text.split(/\r?\n/)[0])
  } catch {
    return null
  }
}

/**
 * A tool-cache folder that is a link to the faster drive (fast-drive.ts) as the folder it
 * links to: GOROOT is never a junction, which some Go releases do not resolve.
 */
function linkTarget(dir: string, platform: NodeJS.Platform): string {
  if (platform !== 'win32') return dir
  try {
    return lstatSync(dir).isSymbolicLink() ? realpathSync.native(dir) : dir
  } catch {
    return dir
  }
}

export function hasGo(root: string, platform: NodeJS.Platform): boolean {
  return existsSync(path.join(root, 'bin', exe('go', platform)))
}

export function toolCacheDir(toolCache: string, version: string, cacheArch: string): string {
  return path.join(toolCache, 'go', version, cacheArch)
}

/**
 * The versions of Go complete in the tool cache, read as the toolkit's `findAllVersions`
 * reads them (each folder named by an explicit version, with `<arch>` and `<arch>.complete`
 * inside), without loading @actions/tool-cache for it (docs/design.md).
 */
export function toolCacheVersions(toolCache: string, cacheArch: string): string[] {
  const dir = path.join(toolCache, 'go')
  if (!existsSync(dir)) return []
  return readdirSync(dir).filter((v) => {
    if (semver.clean(v) === null) return false // not an explicit version
    const tree = path.join(dir, v, cacheArch)
    return existsSync(tree) && existsSync(`${tree}.complete`)
  })
}

/**
 * Every complete Go in the tool cache and every `GOROOT_<major>_<minor>_<ARCH>` tree the
 * runner image names.
 */
export async function findLocal(
  toolCache: string,
  cacheArch: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): Promise<LocalCandidate[]> {
  const out: LocalCandidate[] = []
  try {
    for (const v of toolCacheVersions(toolCache, cacheArch)) {
      const root = linkTarget(toolCacheDir(toolCache, v, cacheArch), platform)
      if (hasGo(root, platform)) out.push({ version: v, root, source: 'tool cache' })
    }
  } catch {
    // an unreadable tool cache holds nothing usable; installing into it will say why
  }
  for (const { name, root } of preinstalledFromEnv(env, cacheArch)) {
    if (out.some((c) => path.resolve(c.root) === path.resolve(root)) || !hasGo(root, platform))
      continue
    const version = await readTreeVersion(root)
    if (version) out.push({ version, root, source: `runner image (${name})` })
  }
  return out
}
