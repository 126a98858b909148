/**
 * Installing a Go tree (I/O): download, sha256, one extraction straight beside its final
 * place, a rename. Installs may run at the same time on one machine (self-hosted runners,
 * matrix legs sharing a tool cache): a complete tree is never deleted, and the rename into
 * place happens under a lock file. Finding the trees already here is local-trees.ts.
 */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, open, readdir, rename, rm, stat, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { errnoCode } from '../base/errors.js'
import { FindingError } from '../findings/errors.js'
import { chooseExtractMethod, describeMethod, extract } from './extract.js'
import { LocalWriteError } from './http-body.js'
import type { Fetcher } from './http.js'
import { HttpError } from './http-retry.js'
import { exe } from '../go/platform.js'
import { checkArchiveEntry, downloadPath, fileUrl } from './release-index.js'
import { hasGo, toolCacheDir, type GoInstall } from '../go/local-trees.js'
import type { Resolved } from '../go/version.js'
import { makeDirs } from '../files/dirs.js'

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
  /** hosted Windows: unpack on the faster drive, linked from the tool cache (fast-drive.ts) */
  fastToolCache?: string
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

/** Another run held the lock on a tree for longer than this run waits. */
export class LockWaitError extends Error {
  constructor(
    readonly lock: string,
    readonly waitedMs: number,
  ) {
    super(`another run has held ${lock} for over ${Math.round(waitedMs / 1000)} s`)
    this.name = 'LockWaitError'
  }
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
      else if (Date.now() > deadline) throw new LockWaitError(lock, waitMs)
      else await new Promise((r) => setTimeout(r, 250))
    }
  }
  try {
    return await fn()
  } finally {
    await rm(lock, { force: true })
  }
}

/** The verified archive unpacked into `stage`: the go/ tree in it, or why not (with the cause). */
async function unpack(
  archive: string,
  stage: string,
  r: Resolved,
  o: InstallOptions,
): Promise<string> {
  const method = chooseExtractMethod(archive, o.platform, o.env, existsSync)
  const t = performance.now()
  try {
    await extract(archive, stage, method, o.env, o.extractTimeoutMs)
  } catch (err) {
    throw new FindingError('extract-failed', `${(err as Error).message}; nothing was installed`, {
      cause: err,
    })
  }
  const tree = path.join(stage, 'go')
  if (!hasGo(tree, o.platform)) {
    throw new FindingError(
      'extract-failed',
      `${r.file.filename} has no go/bin/${exe('go', o.platform)}; nothing was installed`,
    )
  }
  o.log(`Extracted with ${describeMethod(method)} in ${ms(t)}`)
  return tree
}

/**
 * The unpacked tree renamed into its final place under the lock: a tree another run
 * completed meanwhile is used as it is; an incomplete leftover is moved aside first.
 */
async function place(
  tree: string,
  final: string,
  r: Resolved,
  o: InstallOptions,
  url: string,
): Promise<GoInstall> {
  const parent = path.dirname(final)
  const complete = () => existsSync(`${final}.complete`) && hasGo(final, o.platform)
  const installed = (source: string, downloaded: boolean): GoInstall => ({
    version: r.version,
    root: final,
    source,
    downloaded,
  })
  const byAnother = () => installed('tool cache (installed by a concurrent run)', false)
  return withLock(
    final,
    o.lockWaitMs ?? 15 * 60 * 1000,
    async () => {
      if (complete()) {
        o.log(`Another run completed ${final} meanwhile; using it`)
        return byAnother()
      }
      // an incomplete leftover of a killed run: moved aside, never into use
      if (existsSync(final))
        await renameWithRetry(final, path.join(parent, `.${o.cacheArch}.old-${randomUUID()}`))
      await renameWithRetry(tree, final)
      await writeFile(`${final}.complete`, '')
      return installed(url, true)
    },
    async () => (complete() ? byAnother() : undefined),
  )
}

/**
 * The tree on the fast drive linked from where the tool cache keeps it (a junction, and the
 * `.complete` marker beside it), so that a later set-up on this machine finds it there. A
 * link that cannot be made costs only that: the tree on the fast drive is used either way.
 */
async function linkFromToolCache(
  fast: string,
  usual: string,
  log: (m: string) => void,
): Promise<void> {
  try {
    if (!existsSync(usual)) {
      await makeDirs(path.dirname(usual))
      await symlink(fast, usual, 'junction')
    }
    await writeFile(`${usual}.complete`, '')
    log(`Linked ${usual} to ${fast} (the faster drive)`)
  } catch (err) {
    log(
      `Could not link ${usual} to ${fast} (${errnoCode(err) ?? (err as Error).message}): a later set-up on this runner unpacks Go again`,
    )
  }
}

/** What went wrong while installing, as the finding that says so. */
function installFailure(err: unknown, url: string, o: InstallOptions): unknown {
  if (err instanceof FindingError) return err
  if (err instanceof LockWaitError)
    return new FindingError('tool-cache-busy', `${err.message} while installing ${url}`, {
      cause: err,
    })
  const code = errnoCode(err)
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOSPC')
    return unwritable(o.toolCacheLabel, err)
  return new FindingError('extract-failed', `installing ${url} failed: ${(err as Error).message}`, {
    cause: err,
  })
}

/**
 * Downloads the archive, checks its sha256, unpacks it once into a staging folder beside
 * its final place in the tool cache and renames it there (no second copy), then writes
 * the `.complete` marker. Any failure leaves nothing that looks complete.
 */
export async function installRelease(r: Resolved, o: InstallOptions): Promise<GoInstall> {
  checkArchiveEntry(r.release, r.file, o.baseUrl)
  const url = fileUrl(o.baseUrl, r.file.filename)
  const downloads = path.join(o.temp, 'downloads')
  const archive = downloadPath(downloads, `${randomUUID()}-${r.file.filename}`)
  await madeIn(o.tempLabel, makeDirs(downloads))
  await removeStale(downloads, /^[0-9a-f-]{36}-go/)
  const final = toolCacheDir(o.fastToolCache ?? o.toolCache, r.version, o.cacheArch)
  const parent = path.dirname(final)
  try {
    await downloadVerified(o.fetcher, url, archive, r.file.sha256, r.file.size, o.log, o.tempLabel)
    await madeIn(o.toolCacheLabel, makeDirs(parent))
    await removeStale(parent, new RegExp(`^\\.${o.cacheArch}\\.(partial|old)-`))
    const stage = path.join(parent, `.${o.cacheArch}.partial-${randomUUID()}`)
    await madeIn(o.toolCacheLabel, mkdir(stage))
    try {
      const placed = await place(await unpack(archive, stage, r, o), final, r, o, url)
      if (o.fastToolCache)
        await linkFromToolCache(final, toolCacheDir(o.toolCache, r.version, o.cacheArch), o.log)
      return placed
    } finally {
      await rm(stage, { recursive: true, force: true })
    }
  } catch (err) {
    throw installFailure(err, url, o)
  } finally {
    await rm(archive, { force: true })
  }
}
