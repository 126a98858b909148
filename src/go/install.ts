/**
 * Go trees on this machine: finding them (the tool cache, the runner image's preinstalled
 * trees) and installing one (download, sha256, one extraction straight beside its final
 * place, a rename). Installs may run at the same time on one machine (self-hosted runners,
 * matrix legs sharing a tool cache): a complete tree is never deleted, and the rename into
 * place happens under a lock file.
 */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import * as tc from '@actions/tool-cache'
import { errnoCode } from '../base/errors.js'
import { FindingError } from '../findings/errors.js'
import { chooseExtractMethod, describeMethod, extract } from './extract.js'
import { goVersionOf } from './gover.js'
import { HttpError, LocalWriteError, type Fetcher } from './http.js'
import { exe } from './platform.js'
import { checkArchiveEntry, downloadPath, fileUrl } from './release-index.js'
import type { Resolved } from './version.js'
import { makeDirs } from '../proc/fs.js'

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

export type LocalCandidate = Omit<GoInstall, 'cacheHit'>

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

export function hasGo(root: string, platform: NodeJS.Platform): boolean {
  return existsSync(path.join(root, 'bin', exe('go', platform)))
}

export function toolCacheDir(toolCache: string, version: string, cacheArch: string): string {
  return path.join(toolCache, 'go', version, cacheArch)
}

/**
 * Every complete Go in the tool cache (`<cache>/go/<v>/<arch>` with `<arch>.complete`,
 * the toolkit's layout, read by the toolkit's `findAllVersions`) and every
 * `GOROOT_<major>_<minor>_<ARCH>` tree the runner image names.
 */
export async function findLocal(
  toolCache: string,
  cacheArch: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): Promise<LocalCandidate[]> {
  const out: LocalCandidate[] = []
  const saved = process.env.RUNNER_TOOL_CACHE
  process.env.RUNNER_TOOL_CACHE = toolCache
  try {
    for (const v of tc.findAllVersions('go', cacheArch)) {
      const root = toolCacheDir(toolCache, v, cacheArch)
      if (hasGo(root, platform)) out.push({ version: v, root, source: 'tool cache' })
    }
  } catch {
    // an unreadable tool cache holds nothing usable; installing into it will say why
  } finally {
    if (saved === undefined) delete process.env.RUNNER_TOOL_CACHE
    else process.env.RUNNER_TOOL_CACHE = saved
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
  /** how messages name the tool cache, e.g. `RUNNER_TOOL_CACHE (/opt/hostedtoolcache)` */
  toolCacheLabel: string
  temp: string
  tempLabel: string
  baseUrl: string
  cacheArch: string
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  fetcher: Fetcher
  log: (message: string) => void
  /** how long unpacking may take */
  extractTimeoutMs: number
  /** how long to wait for another run's lock on the same tree */
  lockWaitMs?: number
}

const ms = (start: number) => `${Math.round(performance.now() - start)} ms`
/** Leftovers of a killed run (staging folders, archives, locks) older than this are removed. */
export const STALE_MS = 60 * 60 * 1000
const LOCK_STALE_MS = 10 * 60 * 1000

async function renameWithRetry(from: string, to: string): Promise<void> {
  // Windows may briefly lock a freshly written tree (indexers, antivirus).
  for (let n = 1; ; n++) {
    try {
      return await rename(from, to)
    } catch (err) {
      const code = errnoCode(err)
      if (n >= 5 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw err
      await new Promise((r) => setTimeout(r, 200 * n))
    }
  }
}

/** Removes entries of `dir` whose name matches and that are older than STALE_MS. */
export async function removeStale(dir: string, match: RegExp, now = Date.now()): Promise<string[]> {
  const removed: string[] = []
  let names: string[] = []
  try {
    names = await readdir(dir)
  } catch {
    return removed
  }
  for (const name of names) {
    if (!match.test(name)) continue
    const p = path.join(dir, name)
    try {
      if (now - (await stat(p)).mtimeMs < STALE_MS) continue
      await rm(p, { recursive: true, force: true })
      removed.push(name)
    } catch {
      // another run took care of it
    }
  }
  return removed
}

const unwritable = (label: string, err: unknown) =>
  new FindingError(
    'runner-dir-unusable',
    `${label} cannot be written (${errnoCode(err) ?? (err as Error).message}); nothing was installed`,
  )

/** A folder made in the runner folder `label` names; failing, that folder is named. */
const madeIn = (label: string, made: Promise<unknown>) =>
  made.catch((err: unknown) => {
    throw unwritable(label, err)
  })

/**
 * Downloads a file and checks its sha256; a mismatch names the URL and both hashes. The
 * caller removes the file.
 */
export async function downloadVerified(
  fetcher: Fetcher,
  url: string,
  dest: string,
  sha256: string,
  size: number | undefined,
  log: (message: string) => void,
  tempLabel: string,
): Promise<void> {
  let t = performance.now()
  log(`Downloading ${url}`)
  let got: { sha256: string; bytes: number }
  try {
    got = await fetcher.download(url, dest, size)
  } catch (err) {
    if (err instanceof LocalWriteError) throw unwritable(tempLabel, err.cause)
    if (err instanceof HttpError) throw new FindingError('download-failed', err.message)
    throw err
  }
  log(`Downloaded ${got.bytes} bytes in ${ms(t)}`)
  t = performance.now()
  const expected = sha256.toLowerCase()
  if (got.sha256 !== expected) {
    throw new FindingError(
      'checksum-mismatch',
      `sha256 mismatch for ${url}: expected ${expected}, got ${got.sha256} (${got.bytes} bytes); nothing was installed`,
    )
  }
  log(`Verified sha256 ${expected} in ${ms(t)}`)
}

/** Holds `<final>.lock` while `fn` runs; waits for another holder, takes over a stale one. */
async function withLock<T>(
  final: string,
  waitMs: number,
  fn: () => Promise<T>,
  whileWaiting: () => Promise<T | undefined>,
): Promise<T> {
  const lock = `${final}.lock`
  const deadline = Date.now() + waitMs
  for (;;) {
    try {
      const h = await open(lock, 'wx')
      await h.writeFile(`${process.pid} ${new Date().toISOString()}\n`)
      await h.close()
      break
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST') throw err
      const early = await whileWaiting()
      if (early !== undefined) return early
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      )
      if (age > LOCK_STALE_MS) await rm(lock, { force: true })
      else if (Date.now() > deadline) {
        throw new Error(`another run holds ${lock} for over ${Math.round(waitMs / 1000)} s`)
      } else await new Promise((r) => setTimeout(r, 250))
    }
  }
  try {
    return await fn()
  } finally {
    await rm(lock, { force: true })
  }
}

/**
 * Downloads the archive, checks its sha256, unpacks it once into a staging folder beside
 * its final place in the tool cache and renames it there (no second copy), then writes
 * the `.complete` marker. A tree another run completed meanwhile is used as it is; an
 * incomplete leftover is moved aside first. Any failure leaves nothing that looks complete.
 */
export async function installRelease(r: Resolved, o: InstallOptions): Promise<GoInstall> {
  checkArchiveEntry(r.release, r.file, o.baseUrl)
  const url = fileUrl(o.baseUrl, r.file.filename)
  const downloads = path.join(o.temp, 'downloads')
  const archive = downloadPath(downloads, `${randomUUID()}-${r.file.filename}`)
  await madeIn(o.tempLabel, makeDirs(downloads))
  await removeStale(downloads, /^[0-9a-f-]{36}-go/)
  const final = toolCacheDir(o.toolCache, r.version, o.cacheArch)
  const parent = path.dirname(final)
  const complete = async () =>
    existsSync(`${final}.complete`) && hasGo(final, o.platform) ? final : undefined
  const byAnother = 'tool cache (installed by a concurrent run)'
  const done = (root: string, source: string, cacheHit: boolean): GoInstall => ({
    version: r.version,
    root,
    source,
    cacheHit,
  })

  try {
    await downloadVerified(o.fetcher, url, archive, r.file.sha256, r.file.size, o.log, o.tempLabel)
    await madeIn(o.toolCacheLabel, makeDirs(parent))
    await removeStale(parent, new RegExp(`^\\.${o.cacheArch}\\.(partial|old)-`))
    const stage = path.join(parent, `.${o.cacheArch}.partial-${randomUUID()}`)
    await madeIn(o.toolCacheLabel, mkdir(stage))
    try {
      const method = chooseExtractMethod(archive, o.platform, o.env, existsSync)
      const t = performance.now()
      try {
        await extract(archive, stage, method, o.env, o.extractTimeoutMs)
      } catch (err) {
        throw new FindingError('extract-failed', `${(err as Error).message}; nothing was installed`)
      }
      const tree = path.join(stage, 'go')
      if (!hasGo(tree, o.platform)) {
        throw new FindingError(
          'extract-failed',
          `${r.file.filename} has no go/bin/${exe('go', o.platform)}; nothing was installed`,
        )
      }
      o.log(`Extracted with ${describeMethod(method)} in ${ms(t)}`)
      return await withLock(
        final,
        o.lockWaitMs ?? 15 * 60 * 1000,
        async () => {
          if (await complete()) {
            o.log(`Another run completed ${final} meanwhile; using it`)
            return done(final, byAnother, true)
          }
          if (existsSync(final)) {
            // an incomplete leftover of a killed run: move it aside, never into use
            await renameWithRetry(final, path.join(parent, `.${o.cacheArch}.old-${randomUUID()}`))
          }
          await renameWithRetry(tree, final)
          await writeFile(`${final}.complete`, '')
          return done(final, url, false)
        },
        async () => ((await complete()) ? done(final, byAnother, true) : undefined),
      )
    } finally {
      await rm(stage, { recursive: true, force: true })
    }
  } catch (err) {
    if (err instanceof FindingError) throw err
    const code = errnoCode(err)
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOSPC')
      throw unwritable(o.toolCacheLabel, err)
    throw new FindingError('extract-failed', `installing ${url} failed: ${(err as Error).message}`)
  } finally {
    await rm(archive, { force: true })
  }
}
