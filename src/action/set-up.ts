/**
 * Setting up Go in the action (I/O around go/setup.ts): where it goes (the faster drive of a
 * hosted Windows runner, or the tool cache), and `go env` of it, asked with the exports
 * applied.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fastDrive, type DrivePlan } from './fast-drive.js'
import type { GoEnvAnswer } from '../go/go-env.js'
import type { Fetcher } from '../download/http.js'
import { exe, goOs } from '../go/platform.js'
import { parseGoEnvFile } from '../go/goenv-file.js'
import { cacheSettings, goEnvFilePath } from '../go/settings.js'
import type { CacheTarget } from './caches.js'
import { setupGo, type GoSetup } from '../download/setup.js'
import { actionLog } from './action-io.js'
import { askGoEnv, goEnvEnvironment } from './exports.js'
import type { Inputs } from './inputs.js'
import type { defaultFolders } from './runner-folders.js'

/** What every stage reads: the platform, this step's environment, its folders. */
export interface RunContext {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  folders: ReturnType<typeof defaultFolders>
  /** the action's own folder in the runner's temp: downloads, probe scripts, the report */
  work: string
}

export function drivePlan(inputs: Inputs, ctx: RunContext): DrivePlan {
  const plan = fastDrive({
    platform: ctx.platform,
    enabled: inputs.fastDrive,
    runnerEnvironment: ctx.env.RUNNER_ENVIRONMENT,
    agentSelfHosted: ctx.env.AGENT_ISSELFHOSTED,
    toolCache: ctx.folders.toolCache.path,
    runnerTemp: ctx.env.RUNNER_TEMP,
    workspace: ctx.env.GITHUB_WORKSPACE,
    exists: existsSync,
  })
  if (ctx.platform === 'win32') {
    actionLog.info(
      plan.fast
        ? `The faster drive: Go under ${plan.toolCache}, GOCACHE ${plan.gocache}, GOMODCACHE ${plan.gomodcache}`
        : `Everything stays on the tool cache's drive: ${plan.why}`,
    )
  }
  return plan
}

/** GOCACHE and GOMODCACHE on the faster drive, unless the job sets them itself. */
export function driveCaches(drive: DrivePlan, env: NodeJS.ProcessEnv): Record<string, string> {
  if (!drive.fast) return {}
  const out: Record<string, string> = {}
  if (!env.GOCACHE) out.GOCACHE = drive.gocache
  if (!env.GOMODCACHE) out.GOMODCACHE = drive.gomodcache
  return out
}

export async function setUp(
  inputs: Inputs,
  ctx: RunContext,
  fetcher: Fetcher,
  drive: DrivePlan,
  onVersion?: (version: string) => void,
): Promise<GoSetup> {
  const go = await setupGo(inputs, {
    platform: ctx.platform,
    env: ctx.env,
    toolCache: ctx.folders.toolCache.path,
    toolCacheLabel: ctx.folders.toolCache.label,
    temp: ctx.work,
    tempLabel: ctx.folders.temp.label,
    fetcher,
    log: actionLog.info,
    warn: actionLog.warning,
    timeoutMs: inputs.probeTimeoutMs,
    extractTimeoutMs: Math.max(inputs.downloadTimeoutMs, 600_000),
    fastToolCache: drive.fast ? drive.toolCache : undefined,
    onVersion,
  })
  actionLog.info(
    `Go ${go.version} from ${go.source} (decided by ${go.decidedBy}${go.downloaded ? '' : ', nothing downloaded'})`,
  )
  return go
}

export async function goEnvOf(
  go: GoSetup,
  inputs: Inputs,
  ctx: RunContext,
  caches: Record<string, string>,
): Promise<GoEnvAnswer> {
  const binary = path.join(go.root, 'bin', exe('go', ctx.platform))
  const answer = await askGoEnv(
    binary,
    { ...goEnvEnvironment(ctx.env, go.root, inputs.gotoolchain, inputs.gopath), ...caches },
    inputs.probeTimeoutMs,
  )
  if (answer.ok) for (const [k, v] of Object.entries(answer.env)) actionLog.info(`${k}=${v}`)
  else actionLog.info(answer.error)
  return answer
}

/**
 * The caches' folders and target as the Go about to be set up will settle them, read from
 * Go's own rules before it exists: the environment `go env` will be asked in (the exports
 * applied) and the go env file. Undefined when they cannot be told (`go env` decides then).
 */
export function foreseenCaches(
  inputs: Inputs,
  ctx: RunContext,
  caches: Record<string, string>,
): CacheTarget['env'] | undefined {
  const { env, files } = foreseenLayers(inputs, ctx, caches)
  return cacheSettings(env, files, ctx.platform, {
    goos: goOs(ctx.platform),
    goarch: inputs.arch.go,
  })
}

/** The environment `go env` will be asked in, and the go env file it will read. */
function foreseenLayers(inputs: Inputs, ctx: RunContext, caches: Record<string, string>) {
  const env = { ...goEnvEnvironment(ctx.env, '', inputs.gotoolchain, inputs.gopath), ...caches }
  const file = goEnvFilePath(env, ctx.platform)
  let goEnvFile
  try {
    goEnvFile = file ? parseGoEnvFile(readFileSync(file, 'utf8')) : undefined
  } catch {
    goEnvFile = undefined // no go env file: nothing from it
  }
  return { env, files: { goEnvFile } }
}
