/**
 * Finds or installs the Go the request asks for. Every way it can fail ends in a
 * FindingError whose finding says which part of the contract it is (an input, a missing
 * Go, an unusable Go, a download).
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { errnoCode } from '../base/errors.js'
import { FindingError } from '../findings/errors.js'
import { whichAll } from '../processes/which.js'
import { runGoEnv } from '../go/go-env.js'
import { goVersionOf } from '../go/gover.js'
import type { Fetcher } from './http.js'
import { HttpError } from './http-retry.js'
import { installRelease } from './install.js'
import { findLocal, type GoInstall, type LocalCandidate } from '../go/local-trees.js'
import { goOs, type Arch } from '../go/platform.js'
import { fetchIndex, indexUrl } from './release-index.js'
import {
  bestLocal,
  parseSpec,
  parseVersionFile,
  resolveRelease,
  type GoRelease,
  type VersionFileAnswer,
  type VersionSpec,
} from '../go/version.js'
import { moduleMode } from '../go/workspace.js'

/** What set-up needs from the inputs. */
export interface SetupRequest {
  goVersion: string
  goVersionFile: string
  checkLatest: boolean
  arch: Arch
  downloadBaseUrl: string
  install: boolean
}

export interface SetupContext {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  toolCache: string
  toolCacheLabel: string
  temp: string
  tempLabel: string
  fetcher: Fetcher
  log: (message: string) => void
  warn: (message: string) => void
  /** a go that does not answer `go env` within this is unusable */
  timeoutMs: number
  extractTimeoutMs: number
  /** hosted Windows: the tool cache's root on the faster drive, where Go is unpacked */
  fastToolCache?: string
  /**
   * Told the version the moment it is known, before a download starts: what needs only the
   * version (the caches) can start while Go is downloaded and unpacked
   */
  onVersion?: (version: string) => void
}

export interface ChosenSpec {
  spec: VersionSpec | null
  /** what decided it: `go-version 1.22`, `go.mod toolchain go1.22.4`, or `PATH` */
  decidedBy: string
}

export interface GoSetup extends GoInstall {
  decidedBy: string
}

/** go-version wins over go-version-file (with a warning); neither means "use what is there". */
export async function chooseSpec(
  req: Pick<SetupRequest, 'goVersion' | 'goVersionFile'>,
  warn: (m: string) => void,
  gowork?: string,
): Promise<ChosenSpec> {
  if (req.goVersion) {
    if (req.goVersionFile) {
      warn(
        `Both go-version ("${req.goVersion}") and go-version-file ("${req.goVersionFile}") are set; using go-version`,
      )
    }
    return { spec: parseSpec(req.goVersion), decidedBy: `go-version ${req.goVersion}` }
  }
  if (req.goVersionFile) {
    let content: string
    try {
      content = await readFile(req.goVersionFile, 'utf8')
    } catch (err) {
      throw new FindingError(
        'version-file-unreadable',
        `go-version-file: cannot read "${req.goVersionFile}" (${errnoCode(err) ?? (err as Error).message}; relative to ${process.cwd()})`,
      )
    }
    const answer =
      (await workspaceAnswer(req.goVersionFile, gowork)) ??
      parseVersionFile(req.goVersionFile, content)
    return {
      spec: parseSpec(answer.spec, {
        name: `go-version-file (${answer.decidedBy})`,
        id: 'version-file-unreadable',
      }),
      decidedBy: answer.decidedBy,
    }
  }
  return { spec: null, decidedBy: 'the go on PATH (neither go-version nor go-version-file is set)' }
}

/**
 * A go.mod inside a workspace: Go takes the go and toolchain lines of the workspace's go.work
 * (GOWORK, else the nearest go.work above the module; GOWORK=off is module mode), not the
 * module's. A go.work that cannot be read or names no Go leaves the choice to go.mod (the
 * module check reports it).
 */
async function workspaceAnswer(
  file: string,
  gowork: string | undefined,
): Promise<VersionFileAnswer | null> {
  if (path.basename(file).toLowerCase() !== 'go.mod') return null
  const mode = moduleMode(path.dirname(path.resolve(file)), gowork, existsSync)
  if (mode.mode !== 'workspace') return null
  try {
    const answer = parseVersionFile(mode.file, await readFile(mode.file, 'utf8'))
    return {
      ...answer,
      decidedBy: `${answer.decidedBy} (${mode.file}: ${file} is in that workspace${mode.why.startsWith('GOWORK') ? `, ${mode.why}` : ''})`,
    }
  } catch {
    return null
  }
}

type PathGo = { ok: true; candidate: LocalCandidate } | { ok: false; path: string; error: string }

/** The first `go` on PATH, with the version and GOROOT it reports, or why it is unusable. */
async function goOnPath(ctx: SetupContext): Promise<PathGo | null> {
  const hit = whichAll('go', ctx.env, ctx.platform)[0]
  if (!hit) return null
  const e = await runGoEnv(hit, ctx.env, ctx.timeoutMs, ['GOROOT', 'GOVERSION'])
  if (!e.ok) return { ok: false, path: hit, error: e.error }
  const version = goVersionOf(e.env.GOVERSION)
  if (!version || !e.env.GOROOT) {
    return {
      ok: false,
      path: hit,
      error: `${hit} reports GOVERSION ${JSON.stringify(e.env.GOVERSION ?? '')} and GOROOT ${JSON.stringify(e.env.GOROOT ?? '')}, not a release and its root`,
    }
  }
  return {
    ok: true,
    candidate: { version, root: path.resolve(e.env.GOROOT), source: `PATH (${hit})` },
  }
}

const describe = (c: LocalCandidate[]) =>
  c.length ? c.map((x) => `${x.version} (${x.source})`).join(', ') : 'none'

/** The newest of the Gos found locally that satisfies the spec. */
const newestOf = (spec: VersionSpec, local: LocalCandidate[]) => {
  const best = bestLocal(
    spec,
    local.map((l) => l.version),
  )
  return local.find((l) => l.version === best)
}

async function index(ctx: SetupContext, baseUrl: string): Promise<GoRelease[]> {
  try {
    return await fetchIndex(ctx.fetcher, baseUrl)
  } catch (err) {
    if (err instanceof HttpError) throw new FindingError('download-failed', err.message)
    throw err
  }
}

/**
 * Order: a satisfying Go already in the tool cache or the runner image (unless
 * check-latest), then the release index. With `install: false`, or no version asked for,
 * it only locates.
 */
export async function setupGo(req: SetupRequest, ctx: SetupContext): Promise<GoSetup> {
  const { spec, decidedBy } = await chooseSpec(req, ctx.warn, ctx.env.GOWORK)
  const local = await findLocal(ctx.toolCache, req.arch.cache, ctx.env, ctx.platform)
  if (!spec || !req.install) return locate(req, ctx, { spec, decidedBy, local })
  if (!req.checkLatest) {
    const hit = newestOf(spec, local)
    if (hit) {
      ctx.onVersion?.(hit.version)
      return { ...hit, downloaded: false, decidedBy }
    }
  }
  const os = goOs(ctx.platform)
  const releases = await index(ctx, req.downloadBaseUrl)
  const resolved = resolveRelease(spec, releases, os, req.arch.go)
  if (!resolved) {
    const newest = releases.find((r) => r.stable)?.version ?? 'none'
    throw new FindingError(
      'version-not-found',
      `${decidedBy}: no Go release matches "${spec.raw}" for ${os}/${req.arch.go} in ${indexUrl(req.downloadBaseUrl)} (newest stable listed: ${newest})`,
    )
  }
  ctx.onVersion?.(resolved.version)
  const cached = local.find((l) => l.version === resolved.version)
  if (cached) return { ...cached, downloaded: false, decidedBy }
  const installed = await installRelease(resolved, {
    toolCache: ctx.toolCache,
    toolCacheLabel: ctx.toolCacheLabel,
    temp: ctx.temp,
    tempLabel: ctx.tempLabel,
    baseUrl: req.downloadBaseUrl,
    cacheArch: req.arch.cache,
    platform: ctx.platform,
    env: ctx.env,
    fetcher: ctx.fetcher,
    log: ctx.log,
    extractTimeoutMs: ctx.extractTimeoutMs,
    fastToolCache: ctx.fastToolCache,
  })
  return { ...installed, decidedBy }
}

/** install: false, or no version asked for: the go on PATH if it fits, else the newest local one. */
async function locate(
  req: SetupRequest,
  ctx: SetupContext,
  {
    spec,
    decidedBy,
    local,
  }: { spec: VersionSpec | null; decidedBy: string; local: LocalCandidate[] },
): Promise<GoSetup> {
  const onPath = await goOnPath(ctx)
  const pathGo = onPath?.ok ? onPath.candidate : null
  const wanted = await concreteSpec(req, ctx, spec)
  const pick = pathGo && bestLocal(wanted, [pathGo.version]) ? pathGo : newestOf(wanted, local)
  const broken =
    onPath && !onPath.ok ? `The go on PATH (${onPath.path}) does not work: ${onPath.error}` : ''
  if (pick) {
    if (broken) ctx.warn(broken)
    ctx.onVersion?.(pick.version)
    return { ...pick, downloaded: false, decidedBy }
  }
  if (broken) throw new FindingError('go-unusable', broken)
  const why = spec ? `satisfying ${decidedBy}` : '(neither go-version nor go-version-file is set)'
  throw new FindingError(
    'go-not-found',
    `No Go found ${why} ${req.install ? '' : 'with install: false '}on PATH or in the tool cache; found: ${describe(pathGo ? [pathGo, ...local] : local)}`,
  )
}

/** Any Go when none was asked for; an alias (stable, oldstable) as the release it names today. */
async function concreteSpec(
  req: SetupRequest,
  ctx: SetupContext,
  spec: VersionSpec | null,
): Promise<VersionSpec> {
  if (!spec) return { kind: 'range', range: '*', includePrerelease: true, raw: '*' }
  if (spec.kind !== 'alias') return spec
  const os = goOs(ctx.platform)
  const r = resolveRelease(spec, await index(ctx, req.downloadBaseUrl), os, req.arch.go)
  if (!r)
    throw new FindingError(
      'version-not-found',
      `${indexUrl(req.downloadBaseUrl)} lists no ${spec.alias} release for ${os}/${req.arch.go}`,
    )
  return { kind: 'range', range: r.version, includePrerelease: true, raw: spec.raw }
}
