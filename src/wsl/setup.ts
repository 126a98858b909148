/**
 * The WSL part of a run: whether it runs at all, provisioning the Linux Go, what to export
 * (BASH_ENV, WSLENV) and what the check should expect of `wsl` steps.
 */
import type { ShellName } from '../base/types.js'
import type { ExpectedPaths } from '../check/types.js'
import { finding, type Finding } from '../findings/catalog.js'
import type { Fetcher } from '../download/http.js'
import type { Arch } from '../go/platform.js'
import { fetchIndex } from '../download/release-index.js'
import type { GoRelease } from '../go/version.js'
import { LXSS_KEY, regQuery, registeredDistributions } from '../registry/reg.js'
import type { ShellAdapter } from '../shells/types.js'
import { wslShell } from '../shells/wsl.js'
import { mergeWslenv, wslenvEntries, type WslTree } from './plan.js'
import { createWslRunner, provisionWsl, wslExecutable, type WslRunner } from './provision.js'

export type WslMode = 'auto' | 'true' | 'false'

/** What the WSL part decided: what to export, and everything the check needs of WSL. */
export interface WslSetup {
  /** variables for later steps (BASH_ENV, WSLENV) */
  exports: Record<string, string>
  tree?: WslTree
  /** the probe of `wsl-bash` steps, or why there is none (`unavailable`) */
  adapter?: ShellAdapter
  /** where WSL mounts Windows drives */
  mountRoot?: string
  /** why the wsl probe cannot run */
  unavailable?: string
  /** wsl: true makes a missing WSL an error even under shells: auto */
  required: ShellName[]
  /** wsl: false leaves WSL out of shells: auto */
  excludeFromAuto: ShellName[]
  /** the fix for a missing wsl when the inputs, not the machine, left it out */
  missingHint?: string
  findings: Finding[]
}

/** Off Windows, WSL only matters when asked for (wsl: true): only then its own log group. */
export function wslMatters(req: Pick<WslRequest, 'wsl'>, platform: NodeJS.Platform): boolean {
  return platform === 'win32' || req.wsl === 'true'
}

/** What the check takes of the WSL set-up. */
export function wslCheckOptions(w: WslSetup) {
  return {
    extraAdapters: { wsl: w.adapter ?? null },
    unavailable: w.unavailable ? { wsl: w.unavailable } : undefined,
    required: w.required,
    excludeFromAuto: w.excludeFromAuto,
    missingHints: w.missingHint ? { wsl: w.missingHint } : undefined,
    mountRoot: w.mountRoot,
  }
}

/** What the check expects of the wsl shell: the Linux tree, not the Windows one. */
export function wslExpected(tree: Pick<WslTree, 'goroot' | 'gopath'>): ExpectedPaths {
  return {
    goroot: tree.goroot,
    gopath: tree.gopath,
    goBinary: `${tree.goroot}/bin/go`,
    gorootBin: `${tree.goroot}/bin`,
    gopathBin: `${tree.gopath}/bin`,
  }
}

export interface WslRequest {
  wsl: WslMode
  shells: 'auto' | ShellName[]
  wslDistribution: string
  wslUser: string
  arch: Arch
  downloadBaseUrl: string
}

/** Whether the WSL part runs at all: only when wsl steps are checked. */
export function wslWanted(req: Pick<WslRequest, 'wsl' | 'shells'>): boolean {
  if (req.wsl !== 'auto') return req.wsl === 'true'
  return req.shells === 'auto' || req.shells.includes('wsl')
}

/**
 * Which BASH_ENV to export: ours, unless the job already has another one, which is left
 * alone (Git Bash steps read BASH_ENV too) and reported.
 */
export function bashEnvDecision(
  existing: string | undefined,
  ours: string,
): { export: boolean; finding?: Finding } {
  if (!existing || existing === ours) return { export: true }
  return {
    export: false,
    finding: finding(
      'bash-env-taken',
      ['wsl'],
      `BASH_ENV is already ${existing}, so this action did not point it at ${ours}; wsl-bash steps will not get the Linux Go`,
      { params: { envScript: ours } },
    ),
  }
}

export interface WslSetupContext {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  version: string
  /** the tool's own folder in the temp (the archive for WSL is downloaded there) */
  temp: string
  fetcher: Fetcher
  timeoutMs: number
  log: (m: string) => void
  /** for tests: a stand-in for wsl.exe */
  run?: WslRunner
  /** the CLI: find a tree this action provisioned, change nothing */
  lookOnly?: boolean
  /** folders for Go trees inside the distribution (default: WSL_BASES) */
  bases?: readonly string[]
  /** `reg query` of the Lxss key; null when the registry cannot answer (default: reg.exe) */
  registry?: () => Promise<string | null>
}

/** `reg query HKCU\\...\\Lxss`: null when reg.exe fails, '' when the key does not exist. */
async function queryLxss(env: NodeJS.ProcessEnv): Promise<string | null> {
  const r = await regQuery(env, LXSS_KEY)
  if (r.ok) return r.stdout
  // a missing key means WSL never registered a distribution for this user
  return r.missing ? '' : null
}

export async function setupWsl(req: WslRequest, ctx: WslSetupContext): Promise<WslSetup> {
  const none = notUsable(req)
  const exe = ctx.run ? 'wsl.exe' : wslExecutable(ctx.env)
  const missing = await whyNoWsl(req, ctx, exe)
  if (missing || !exe) return none(missing ?? 'wsl.exe is not on PATH')
  const outcome = await provisionWsl(provisionRequest(req, ctx, exe))
  if (!outcome.ok && outcome.kind === 'unavailable') return none(outcome.detail)
  if (!outcome.ok) {
    return {
      ...none(`not provisioned: ${outcome.detail}`),
      findings: [
        finding(
          'wsl-provision-failed',
          ['wsl'],
          `WSL answered, but the Linux Go ${ctx.version} could not be set up there: ${outcome.detail}`,
        ),
      ],
    }
  }
  if (ctx.lookOnly && !outcome.reused) {
    return none(
      `no Go ${ctx.version} provisioned by go-path-arbiter at ${outcome.tree.goroot} in WSL`,
    )
  }
  const usable: WslSetup = {
    exports: {},
    tree: outcome.tree,
    mountRoot: outcome.mountRoot,
    adapter: wslShell(req.wslDistribution, outcome.mountRoot, req.wslUser),
    required: requiredOf(req),
    excludeFromAuto: [],
    findings: [],
  }
  if (ctx.lookOnly) return usable
  ctx.log(
    `WSL: Go ${ctx.version} for linux/${outcome.facts.arch?.go} at ${outcome.tree.goroot} (${outcome.reused ? 'already there' : `from ${outcome.source}`})`,
  )
  const decision = bashEnvDecision(ctx.env.BASH_ENV, outcome.tree.envScript)
  usable.exports.WSLENV = mergeWslenv(ctx.env.WSLENV, wslenvEntries())
  if (decision.export) usable.exports.BASH_ENV = outcome.tree.envScript
  if (decision.finding) usable.findings.push(decision.finding)
  return usable
}

const requiredOf = (req: WslRequest): ShellName[] => (req.wsl === 'true' ? ['wsl'] : [])

/** A set-up without a WSL probe, saying why. */
function notUsable(req: WslRequest) {
  const off = req.wsl === 'false'
  return (unavailable: string): WslSetup => ({
    exports: {},
    unavailable,
    required: requiredOf(req),
    excludeFromAuto: off ? ['wsl'] : [],
    missingHint: off
      ? 'Set wsl: auto (or true) so that WSL is provisioned and probed, or remove wsl from the shells input.'
      : undefined,
    findings: [],
  })
}

/** Why WSL is left out before anything runs in it: not asked for, not Windows, not installed, no distribution. */
async function whyNoWsl(
  req: WslRequest,
  ctx: WslSetupContext,
  exe: string | null,
): Promise<string | undefined> {
  if (!wslWanted(req)) {
    return req.wsl === 'false' ? 'not probed (the wsl input is false)' : 'not in the shells input'
  }
  if (ctx.platform !== 'win32') return 'WSL steps exist only on Windows runners'
  if (!exe) return `wsl.exe is not on PATH: WSL is not installed`
  const lxss = await (ctx.registry ?? (() => queryLxss(ctx.env)))()
  if (lxss !== null && registeredDistributions(lxss) === 0) {
    return `WSL has no distribution registered for this user (${LXSS_KEY})`
  }
  return undefined
}

function provisionRequest(req: WslRequest, ctx: WslSetupContext, exe: string) {
  let releases: GoRelease[] | undefined
  return {
    run: ctx.run ?? createWslRunner(exe, ctx.env),
    distro: req.wslDistribution,
    user: req.wslUser,
    version: ctx.version,
    arch: req.arch,
    temp: ctx.temp,
    timeoutMs: ctx.timeoutMs,
    installTimeoutMs: Math.max(ctx.timeoutMs, 300_000),
    releases: async () => (releases ??= await fetchIndex(ctx.fetcher, req.downloadBaseUrl)),
    fetcher: ctx.fetcher,
    baseUrl: req.downloadBaseUrl,
    log: ctx.log,
    lookOnly: ctx.lookOnly,
    bases: ctx.bases,
  }
}
