import path from 'node:path'
import type { Expected, Finding } from '../check/types.js'
import type { Inputs, ShellName } from '../inputs.js'
import type { Fetcher } from '../go/http.js'
import { fetchIndex } from '../go/release-index.js'
import type { GoRelease } from '../go/version.js'
import type { ShellAdapter } from '../shells/types.js'
import { wslShell } from '../shells/wsl.js'
import { runWithTimeout } from '../shells/run.js'
import {
  LXSS_KEY,
  WSL_HINT,
  mergeWslenv,
  registeredDistributions,
  wslenvEntries,
  type WslTree,
} from './plan.js'
import { createWslRunner, provisionWsl, wslExecutable, type WslRunner } from './wsl.js'

/** What the WSL part decided: what to export, and what the check should know. */
export interface WslSetup {
  /** variables for later steps (BASH_ENV, WSLENV) */
  exports: Record<string, string>
  tree?: WslTree
  adapter?: ShellAdapter
  /** why the wsl probe cannot run */
  unavailable?: string
  required: ShellName[]
  findings: Finding[]
}

/** What the check expects of the wsl shell: the Linux tree, not the Windows one. */
export function wslExpected(tree: WslTree | undefined): Expected['perShell'] {
  if (!tree) return undefined
  return { wsl: { goroot: tree.goroot, gopath: tree.gopath, goBinary: `${tree.goroot}/bin/go` } }
}

/** Whether the WSL part runs at all: only on Windows, only when wsl steps are checked. */
export function wslWanted(inputs: Pick<Inputs, 'wsl' | 'shells'>): boolean {
  if (inputs.wsl !== 'auto') return inputs.wsl === 'true'
  return inputs.shells === 'auto' || inputs.shells.includes('wsl')
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
    finding: {
      id: 'bash-env-taken',
      severity: 'error',
      category: 'config',
      shells: ['wsl'],
      message: `BASH_ENV is already ${existing}, so this action did not point it at ${ours}; wsl-bash steps will not get the Linux Go`,
      hint: `Source ${ours} from your own BASH_ENV script (it is safe under set -u and does nothing outside WSL), or drop the other BASH_ENV.`,
    },
  }
}

export interface WslSetupContext {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  version: string
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

/** `reg query HKCU\\...\\Lxss`: null when reg.exe fails or the key does not exist. */
async function queryLxss(env: NodeJS.ProcessEnv): Promise<string | null> {
  const r = await runWithTimeout('reg', ['query', LXSS_KEY], { env, timeoutMs: 10_000 }, 'win32')
  if (r.exitCode === 0) return r.stdout
  // a missing key means WSL never registered a distribution for this user
  return r.exitCode === 1 ? '' : null
}

export async function setupWsl(
  inputs: Pick<Inputs, 'wsl' | 'shells' | 'wslDistribution' | 'arch' | 'downloadBaseUrl'>,
  ctx: WslSetupContext,
): Promise<WslSetup> {
  const required: ShellName[] = inputs.wsl === 'true' ? ['wsl'] : []
  const none = (unavailable: string): WslSetup => ({
    exports: {},
    unavailable,
    required,
    findings: [],
  })
  if (!wslWanted(inputs)) {
    return none(inputs.wsl === 'false' ? 'not probed: wsl is false' : 'not in the shells input')
  }
  if (ctx.platform !== 'win32') return none('WSL steps exist only on Windows runners')
  const exe = ctx.run ? 'wsl.exe' : wslExecutable(ctx.env)
  if (!exe) return none(`wsl.exe is not on PATH: WSL is not installed. ${WSL_HINT}`)
  const lxss = await (ctx.registry ?? (() => queryLxss(ctx.env)))()
  if (lxss !== null && registeredDistributions(lxss) === 0) {
    return none(`WSL has no distribution registered for this user (${LXSS_KEY}). ${WSL_HINT}`)
  }
  let releases: GoRelease[] | undefined
  const outcome = await provisionWsl({
    run: ctx.run ?? createWslRunner(exe, ctx.env),
    distro: inputs.wslDistribution,
    version: ctx.version,
    arch: inputs.arch,
    temp: path.join(ctx.temp, 'go-path-arbiter'),
    timeoutMs: ctx.timeoutMs,
    installTimeoutMs: Math.max(ctx.timeoutMs, 300_000),
    releases: async () => (releases ??= await fetchIndex(ctx.fetcher, inputs.downloadBaseUrl)),
    fetcher: ctx.fetcher,
    baseUrl: inputs.downloadBaseUrl,
    log: ctx.log,
    lookOnly: ctx.lookOnly,
    bases: ctx.bases,
  })
  if (!outcome.ok && outcome.kind === 'unavailable') return none(`${outcome.detail}. ${WSL_HINT}`)
  if (!outcome.ok) {
    return {
      ...none(`not provisioned: ${outcome.detail}`),
      findings: [
        {
          id: 'wsl-provision-failed',
          severity: 'error',
          category: 'config',
          shells: ['wsl'],
          message: `WSL answered, but the Linux Go ${ctx.version} could not be set up there: ${outcome.detail}`,
          hint: 'Fix the cause named above (a mirror without linux archives, a full disk, a distribution without tar), or set wsl: false when no step uses shell: wsl-bash.',
        },
      ],
    }
  }
  const usable: WslSetup = {
    exports: {},
    tree: outcome.tree,
    adapter: wslShell(inputs.wslDistribution, outcome.mountRoot),
    required,
    findings: [],
  }
  if (ctx.lookOnly) {
    return outcome.reused
      ? usable
      : none(`no Go ${ctx.version} provisioned by go-path-arbiter at ${outcome.tree.goroot} in WSL`)
  }
  ctx.log(
    `WSL: Go ${ctx.version} for linux/${outcome.facts.arch?.go} at ${outcome.tree.goroot} (${outcome.reused ? 'already there' : `from ${outcome.source}`})`,
  )
  const decision = bashEnvDecision(ctx.env.BASH_ENV, outcome.tree.envScript)
  usable.exports.WSLENV = mergeWslenv(ctx.env.WSLENV, wslenvEntries())
  if (decision.export) usable.exports.BASH_ENV = outcome.tree.envScript
  if (decision.finding) usable.findings.push(decision.finding)
  return usable
}
