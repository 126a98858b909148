import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { InputError } from '../errors.js'
import type { Inputs } from '../inputs.js'
import { whichAll } from '../env/which.js'
import { goEnv } from './go-env.js'
import type { Fetcher } from './http.js'
import { findLocal, installRelease, type GoInstall, type LocalCandidate } from './install.js'
import { goOs } from './platform.js'
import { fetchIndex, indexUrl } from './release-index.js'
import {
  bestLocal,
  goToSemver,
  parseSpec,
  parseVersionFile,
  resolveRelease,
  type VersionSpec,
} from './version.js'

export interface SetupContext {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  toolCache: string
  temp: string
  fetcher: Fetcher
  log: (message: string) => void
  warn: (message: string) => void
}

export interface ChosenSpec {
  spec: VersionSpec | null
  /** where the spec came from: `go-version`, `go.mod (go line)`, ... */
  source: string
}

/** The GOTOOLCHAIN later steps will have: the exported value, or the inherited one. */
export function effectiveToolchain(
  inputs: Pick<Inputs, 'gotoolchain'>,
  env: NodeJS.ProcessEnv,
): string {
  return inputs.gotoolchain ?? env.GOTOOLCHAIN ?? 'auto'
}

/** go-version wins over go-version-file (with a warning); neither means "use what is there". */
export async function chooseSpec(
  inputs: Inputs,
  ctx: Pick<SetupContext, 'env' | 'warn'>,
): Promise<ChosenSpec> {
  if (inputs.goVersion) {
    if (inputs.goVersionFile) {
      ctx.warn(
        `Both go-version ("${inputs.goVersion}") and go-version-file ("${inputs.goVersionFile}") are set; using go-version`,
      )
    }
    return { spec: parseSpec(inputs.goVersion), source: 'go-version' }
  }
  if (inputs.goVersionFile) {
    let content: string
    try {
      content = await readFile(inputs.goVersionFile, 'utf8')
    } catch (err) {
      throw new InputError(
        `go-version-file: cannot read "${inputs.goVersionFile}" (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}; relative to ${process.cwd()})`,
      )
    }
    const answer = parseVersionFile(
      inputs.goVersionFile,
      content,
      effectiveToolchain(inputs, ctx.env),
    )
    return {
      spec: parseSpec(answer.spec, `go-version-file (${answer.source})`),
      source: answer.source,
    }
  }
  return { spec: null, source: 'PATH' }
}

/** The first `go` on PATH as a candidate, with the version and GOROOT it reports. */
async function goOnPath(ctx: SetupContext): Promise<LocalCandidate | null> {
  const hit = whichAll('go', ctx.env, ctx.platform)[0]
  if (!hit) return null
  try {
    const e = await goEnv(hit, ctx.env, ['GOROOT', 'GOVERSION'])
    const version = goToSemver(e.GOVERSION ?? '')
    if (!version || !e.GOROOT) return null
    return { version, root: path.resolve(e.GOROOT), source: `PATH (${hit})` }
  } catch (err) {
    ctx.warn(`The go on PATH (${hit}) does not answer: ${(err as Error).message}`)
    return null
  }
}

function describe(c: LocalCandidate[]): string {
  return c.length ? c.map((x) => `${x.version} (${x.source})`).join(', ') : 'none'
}

/**
 * Finds or installs the Go the inputs ask for. Order: a satisfying Go already in the tool
 * cache or the runner image (unless check-latest), then the release index. With
 * `install: false`, or no version asked for, it only locates.
 */
export async function setupGo(
  inputs: Inputs,
  ctx: SetupContext,
): Promise<GoInstall & { specSource: string }> {
  const { spec, source } = await chooseSpec(inputs, ctx)
  const os = goOs(ctx.platform)
  const local = await findLocal(ctx.toolCache, inputs.arch.cache, ctx.env, ctx.platform)

  if (!spec || !inputs.install) {
    const onPath = await goOnPath(ctx)
    const candidates = onPath ? [onPath, ...local] : local
    let wanted: VersionSpec = spec ?? {
      kind: 'range',
      range: '*',
      includePrerelease: true,
      raw: '*',
    }
    if (wanted.kind === 'alias') {
      const releases = await fetchIndex(ctx.fetcher, inputs.downloadBaseUrl)
      const r = resolveRelease(wanted, releases, os, inputs.arch.go)
      if (!r)
        throw new Error(
          `${indexUrl(inputs.downloadBaseUrl)} lists no ${wanted.alias} release for ${os}/${inputs.arch.go}`,
        )
      wanted = { kind: 'range', range: r.version, includePrerelease: true, raw: wanted.raw }
    }
    const pick =
      onPath && bestLocal(wanted, [onPath.version])
        ? onPath
        : candidates.find(
            (c) =>
              c.version ===
              bestLocal(
                wanted,
                local.map((l) => l.version),
              ),
          )
    if (!pick) {
      const why = spec
        ? `satisfying ${source} "${spec.raw}"`
        : '(neither go-version nor go-version-file is set)'
      throw new Error(
        `No Go found ${why} ${inputs.install ? '' : 'with install: false '}on PATH or in the tool cache; found: ${describe(candidates)}`,
      )
    }
    return { ...pick, cacheHit: true, specSource: spec ? source : 'PATH' }
  }

  if (!inputs.checkLatest) {
    const best = bestLocal(
      spec,
      local.map((l) => l.version),
    )
    const hit = local.find((l) => l.version === best)
    if (hit) return { ...hit, cacheHit: true, specSource: source }
  }
  const releases = await fetchIndex(ctx.fetcher, inputs.downloadBaseUrl)
  const resolved = resolveRelease(spec, releases, os, inputs.arch.go)
  if (!resolved) {
    const newest = releases.find((r) => r.stable)?.version ?? 'none'
    throw new Error(
      `${source === 'go-version' ? 'go-version' : `go-version-file (${source})`}: no Go release matches "${spec.raw}" for ${os}/${inputs.arch.go} in ${indexUrl(inputs.downloadBaseUrl)} (newest stable listed: ${newest})`,
    )
  }
  const cached = local.find((l) => l.version === resolved.version)
  if (cached) return { ...cached, cacheHit: true, specSource: source }
  const installed = await installRelease(resolved, {
    toolCache: ctx.toolCache,
    temp: ctx.temp,
    baseUrl: inputs.downloadBaseUrl,
    cacheArch: inputs.arch.cache,
    platform: ctx.platform,
    env: ctx.env,
    fetcher: ctx.fetcher,
    log: ctx.log,
  })
  return { ...installed, specSource: source }
}
