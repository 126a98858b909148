import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import semver from 'semver'
import { chooseExtractMethod, describeMethod, extract } from './extract.js'
import type { Fetcher } from './http.js'
import { fileUrl } from './release-index.js'
import { exe } from './platform.js'
import { goToSemver, type Resolved } from './version.js'

/** A Go tree ready to use. */
export interface GoInstall {
  /** semver, e.g. `1.22.5` */
  version: string
  root: string
  /** where it came from, for the log and the report */
  source: string
  /** true when nothing was downloaded */
  cacheHit: boolean
}

export interface LocalCandidate {
  version: string
  root: string
  source: string
}

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
    return goToSemver(text.split(/\r?\n/)[0])
  } catch {
    return null
  }
}

function hasGo(root: string, platform: NodeJS.Platform): boolean {
  return existsSync(path.join(root, 'bin', exe('go', platform)))
}

export function toolCacheDir(toolCache: string, version: string, cacheArch: string): string {
  return path.join(toolCache, 'go', version, cacheArch)
}

/**
 * Every complete Go in the tool cache (`<cache>/go/<v>/<arch>` with `<arch>.complete`)
 * and every `GOROOT_<major>_<minor>_<ARCH>` tree the runner image names.
 */
export async function findLocal(
  toolCache: string,
  cacheArch: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): Promise<LocalCandidate[]> {
  const out: LocalCandidate[] = []
  if (toolCache) {
    let versions: string[] = []
    try {
      versions = await readdir(path.join(toolCache, 'go'))
    } catch {
      // no go folder in the tool cache yet
    }
    for (const v of versions) {
      if (!semver.valid(v)) continue
      const root = toolCacheDir(toolCache, v, cacheArch)
      if (existsSync(`${root}.complete`) && hasGo(root, platform)) {
        out.push({ version: v, root, source: 'tool cache' })
      }
    }
  }
  for (const { name, root } of preinstalledFromEnv(env, cacheArch)) {
    if (out.some((c) => path.resolve(c.root) === path.resolve(root)) || !hasGo(root, platform))
      continue
    const version = await readTreeVersion(root)
    if (version) out.push({ version, root, source: `runner image (${name})` })
  }
  return out
}

export interface InstallOptions {
  toolCache: string
  temp: string
  baseUrl: string
  cacheArch: string
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  fetcher: Fetcher
  log: (message: string) => void
}

const ms = (start: number) => `${Math.round(performance.now() - start)} ms`

async function renameWithRetry(from: string, to: string): Promise<void> {
  // Windows may briefly lock a freshly written tree (indexers, antivirus).
  for (let n = 1; ; n++) {
    try {
      return await rename(from, to)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (n >= 5 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw err
      await new Promise((r) => setTimeout(r, 200 * n))
    }
  }
}

/**
 * Downloads a file and checks its sha256; a mismatch names the URL and both hashes. The
 * caller removes the file.
 */
export async function downloadVerified(
  fetcher: Fetcher,
  url: string,
  dest: string,
  sha256: string,
  log: (message: string) => void,
): Promise<void> {
  let t = performance.now()
  log(`Downloading ${url}`)
  const got = await fetcher.download(url, dest)
  log(`Downloaded ${got.bytes} bytes in ${ms(t)}`)
  t = performance.now()
  const expected = sha256.toLowerCase()
  if (got.sha256 !== expected) {
    throw new Error(
      `sha256 mismatch for ${url}: expected ${expected}, got ${got.sha256} (${got.bytes} bytes); nothing was installed`,
    )
  }
  log(`Verified sha256 ${expected} in ${ms(t)}`)
}

/**
 * Downloads the archive, checks its sha256, unpacks it once into a staging folder beside
 * its final place in the tool cache and renames it there (no second copy), then writes
 * the `.complete` marker. Any failure leaves nothing behind that looks complete.
 */
export async function installRelease(r: Resolved, o: InstallOptions): Promise<GoInstall> {
  const url = fileUrl(o.baseUrl, r.file.filename)
  const archive = path.join(o.temp, `${randomUUID()}-${r.file.filename}`)
  await mkdir(o.temp, { recursive: true })

  try {
    await downloadVerified(o.fetcher, url, archive, r.file.sha256, o.log)
    const final = toolCacheDir(o.toolCache, r.version, o.cacheArch)
    const parent = path.dirname(final)
    const stage = path.join(parent, `.${o.cacheArch}.partial-${randomUUID()}`)
    await mkdir(stage, { recursive: true })
    try {
      const method = chooseExtractMethod(archive, o.platform, o.env, existsSync)
      const t = performance.now()
      await extract(archive, stage, method)
      const tree = path.join(stage, 'go')
      if (!hasGo(tree, o.platform)) {
        throw new Error(
          `${r.file.filename} has no go/bin/${exe('go', o.platform)}; nothing was installed`,
        )
      }
      o.log(`Extracted with ${describeMethod(method)} in ${ms(t)}`)
      await rm(`${final}.complete`, { force: true })
      await rm(final, { recursive: true, force: true })
      await renameWithRetry(tree, final)
      await writeFile(`${final}.complete`, '')
      return { version: r.version, root: final, source: url, cacheHit: false }
    } finally {
      await rm(stage, { recursive: true, force: true })
    }
  } finally {
    await rm(archive, { force: true })
  }
}
