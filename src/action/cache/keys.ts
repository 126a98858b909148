/**
 * The two caches and their keys (pure). The module cache is keyed on what decides its
 * content: the OS, the architecture, the target (GOOS/GOARCH), the Go version and the hash
 * of the dependency files; a change of go.sum restores the newest entry of the same
 * OS/arch/target/Go through the restore key, so only the new modules are downloaded. The
 * build cache is keyed on the run too, so that it refreshes: every run restores the newest
 * entry for its dependency files (or, failing that, for its Go) and saves what it built.
 */

export type CacheName = 'modules' | 'build'

export interface CacheEntry {
  name: CacheName
  /** the folders cached, as the cache service hashes them into the entry's version */
  paths: string[]
  key: string
  restoreKeys: string[]
}

export interface KeyFacts {
  /** RUNNER_OS, or the platform's name */
  os: string
  /** the architecture input's cache name (x64, arm64, ...) */
  arch: string
  /** what the job builds for: GOOS and GOARCH as `go env` reports them */
  goos: string
  goarch: string
  goVersion: string
  /** the hash of the dependency files; '' when there are none */
  depsHash: string
  /** GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT: the build cache's refresh */
  runId: string
  runAttempt: string
}

export interface CacheFolders {
  /** GOMODCACHE */
  gomodcache: string
  /** GOCACHE */
  gocache: string
  /** the separator of the folders' platform */
  sep: '/' | '\\'
}

/** Bumped when the layout of an entry changes, so that an old entry is never restored. */
const LAYOUT = 'v1'

/** A key holds no comma (the service splits on it) and at most 512 characters. */
const part = (s: string) => s.replace(/[,\s]+/g, '_')

export function cacheEntries(f: KeyFacts, folders: CacheFolders): CacheEntry[] {
  const base = [f.os, f.arch, `${f.goos}-${f.goarch}`, `go${f.goVersion}`].map(part).join('-')
  const deps = f.depsHash ? f.depsHash.slice(0, 32) : 'none'
  const modules = `go-path-arbiter-${LAYOUT}-modules-${base}`
  const build = `go-path-arbiter-${LAYOUT}-build-${base}`
  return [
    {
      name: 'modules',
      // the downloaded zips, not the tree extracted from them: a few files per module
      // version instead of thousands; go extracts what a build needs, offline
      paths: [`${folders.gomodcache}${folders.sep}cache${folders.sep}download`],
      key: `${modules}-${deps}`,
      restoreKeys: [`${modules}-`],
    },
    {
      name: 'build',
      paths: [folders.gocache],
      key: `${build}-${deps}-${part(f.runId)}-${part(f.runAttempt)}`,
      restoreKeys: [`${build}-${deps}-`, `${build}-`],
    },
  ]
}
