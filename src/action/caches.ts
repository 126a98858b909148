/**
 * The caches in the main step (I/O): the dependency hash, the two entries and their keys,
 * the restore, and what the post step needs to save them (through GITHUB_STATE). Nothing
 * here fails the job: a cache that cannot be used is a warning and the job goes on.
 */
import { exactHit, type Restored, type SavePolicy } from './cache/decide.js'
import { hashDependencies } from './cache/deps.js'
import { cacheEntries } from './cache/keys.js'
import { restoreCaches } from './cache/restore.js'
import { removeTree } from '../files/dirs.js'
import { finding, type Finding } from '../findings/catalog.js'
import type { GoEnv } from '../go/go-env.js'
import type { GoSetup } from '../download/setup.js'
import { actionLog, saveState } from './action-io.js'
import type { Inputs } from './inputs.js'

/** What the restore did, for the outputs, the summary and the post step. */
export interface CacheRun {
  restored: Restored[]
  policy: SavePolicy
  /** the module cache came from its exact key: setup-go's cache-hit */
  hit: boolean
  /** why no cache was used at all */
  unavailable?: string
}

export const STATE = 'go-path-arbiter-caches'

/**
 * Whether this run has a cache service at all, told from the runner's variables without
 * loading @actions/cache; the client's own isFeatureAvailable() still has the last word
 * (cache/restore.ts).
 */
export function cacheService(env: NodeJS.ProcessEnv): boolean {
  return env.ACTIONS_CACHE_SERVICE_V2
    ? !!env.ACTIONS_RESULTS_URL
    : !!(env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL)
}

/** What the restore is keyed on and restored into: the Go's version and four go env values. */
export interface CacheTarget {
  version: string
  env: Partial<Record<'GOMODCACHE' | 'GOCACHE' | 'GOOS' | 'GOARCH', string>>
}

type CacheContext = { env: NodeJS.ProcessEnv; platform: NodeJS.Platform; cwd: string; arch: string }

/** A restore under way, and what it was started for. */
export interface EarlyRestore {
  target: CacheTarget
  done: Promise<{ run?: CacheRun; findings: Finding[] }>
}

/**
 * Starts the restore as soon as the version is known, while Go is still downloaded and
 * unpacked (docs/design.md, "Stages at once"): the folders and the target come from Go's
 * own rules over the exported environment (go/settings.ts); `go env` confirms them later.
 */
export function startRestore(inputs: Inputs, target: CacheTarget, c: CacheContext): EarlyRestore {
  const done = restoreFor(inputs, target, c)
  // a set-up that fails meanwhile ends the run; the restore's own failure is its finding
  done.catch(() => {})
  return { target, done }
}

const sameTarget = (a: CacheTarget, b: CacheTarget) =>
  a.version === b.version &&
  (['GOMODCACHE', 'GOCACHE', 'GOOS', 'GOARCH'] as const).every((k) => a.env[k] === b.env[k])

/**
 * The restore stage: the early restore when `go env` says what it was started for, else
 * (none was started, or Go settled a folder otherwise, from its own go.env) a restore now;
 * what an early restore put into the wrong folders is removed first.
 */
export async function restoreStage(
  inputs: Inputs,
  go: GoSetup,
  goEnv: GoEnv | null,
  c: CacheContext,
  early?: EarlyRestore,
): Promise<{ run?: CacheRun; findings: Finding[] }> {
  if (!inputs.cache) return { findings: [] }
  if (!goEnv?.GOMODCACHE || !goEnv.GOCACHE) {
    return {
      findings: [cacheFailed('go env named no GOMODCACHE or GOCACHE: nothing is cached', 'go env')],
    }
  }
  const target: CacheTarget = { version: go.version, env: goEnv }
  if (early && sameTarget(early.target, target)) return early.done
  if (early) {
    actionLog.info(
      `go-path-arbiter: go env settled the caches otherwise than foreseen (${JSON.stringify(early.target)}); restoring again`,
    )
    const was = await early.done.catch(() => undefined)
    for (const r of was?.run?.restored ?? [])
      if (r.matched) await Promise.all(r.entry.paths.map(removeTree))
  }
  return restoreFor(inputs, target, c)
}

async function restoreFor(
  inputs: Inputs,
  { version, env: goEnv }: CacheTarget,
  c: CacheContext,
): Promise<{ run?: CacheRun; findings: Finding[] }> {
  if (!cacheService(c.env)) {
    return {
      findings: [],
      run: {
        restored: [],
        policy: inputs.cacheSave,
        hit: false,
        unavailable: 'the cache service is not available to this run (no ACTIONS_RESULTS_URL)',
      },
    }
  }
  const workspace = c.env.GITHUB_WORKSPACE || c.cwd
  const deps = await hashDependencies(inputs.cacheDependencyPath, c.cwd, workspace)
  const findings: Finding[] = []
  if (!deps.hash && inputs.cacheDependencyPath) {
    findings.push(
      cacheFailed(
        `cache-dependency-path: ${JSON.stringify(inputs.cacheDependencyPath)} matches no file under ${workspace}: the caches are keyed on the Go version alone`,
        'dependency-path',
      ),
    )
  }
  const entries = cacheEntries(
    {
      os: c.env.RUNNER_OS || c.platform,
      arch: c.arch,
      goos: goEnv.GOOS ?? '',
      goarch: goEnv.GOARCH ?? '',
      goVersion: version,
      depsHash: deps.hash,
      runId: c.env.GITHUB_RUN_ID || String(Date.now()),
      runAttempt: c.env.GITHUB_RUN_ATTEMPT || '1',
    },
    {
      gomodcache: goEnv.GOMODCACHE!,
      gocache: goEnv.GOCACHE!,
      sep: c.platform === 'win32' ? '\\' : '/',
    },
  )
  for (const e of entries)
    actionLog.debug(
      `cache ${e.name}: key ${e.key}; restore keys ${e.restoreKeys.join(', ') || '(none)'}; paths ${e.paths.join(', ')}`,
    )
  const restored = await restoreCaches(entries)
  for (const r of restored)
    actionLog.debug(
      `cache ${r.entry.name}: ${r.matched ? `restored from ${r.matched}${exactHit(r) ? ' (exact)' : ''}` : `nothing restored${r.skipped ? `: ${r.skipped}` : ''}`}`,
    )
  const run: CacheRun = {
    restored,
    policy: inputs.cacheSave,
    hit: restored.some((r) => r.entry.name === 'modules' && exactHit(r)),
  }
  await saveState(STATE, JSON.stringify({ restored, policy: run.policy }))
  return { run, findings }
}

function cacheFailed(message: string, what: string): Finding {
  return finding('cache-failed', [], message, { params: { what } })
}
