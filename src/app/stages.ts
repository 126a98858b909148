/**
 * The stages of a run, shared by the action and the CLI where they are the same: the
 * runner's folders, the set-up Go's `go env`, the exports plan, and the check.
 */
import os from 'node:os'
import path from 'node:path'
import { describeError } from '../base/errors.js'
import type { Audience } from '../base/types.js'
import { runCheck, type CheckOptions, type CheckReport } from '../check/run-check.js'
import type { Expected } from '../check/types.js'
import { finding, type Finding } from '../findings/catalog.js'
import { FindingError } from '../findings/errors.js'
import { runGoEnv, SET_UP_GO_ENV_NAMES, type GoEnv } from '../go/go-env.js'
import { exe } from '../go/platform.js'
import type { GoSetup } from '../go/setup.js'
import { planEnv, defaultGopath, homeOf, unsafePath, type EnvPlan } from '../env/plan.js'
import type { WslSetup } from '../wsl/setup.js'
import { wslExpected } from '../wsl/setup.js'

export interface RunnerFolder {
  path: string
  /** how messages name it: `RUNNER_TEMP (D:\a\_temp)` */
  label: string
}

/**
 * RUNNER_TEMP or RUNNER_TOOL_CACHE, checked before use: an absolute path without control
 * characters, else a finding (and the fallback, so the report can still be written).
 */
export function runnerFolder(
  env: NodeJS.ProcessEnv,
  name: 'RUNNER_TEMP' | 'RUNNER_TOOL_CACHE',
  platform: NodeJS.Platform,
  fallback: string,
): { folder: RunnerFolder; problem?: Finding } {
  const value = env[name]
  if (!value) return { folder: { path: fallback, label: `the temporary folder ${fallback}` } }
  const why = unsafePath(value, platform)
  if (!why) return { folder: { path: value, label: `${name} (${value})` } }
  return {
    folder: { path: fallback, label: `the temporary folder ${fallback}` },
    problem: finding(
      'runner-dir-unusable',
      [],
      `${name} ${JSON.stringify(value)} cannot be used: ${why}`,
    ),
  }
}

export function defaultFolders(env: NodeJS.ProcessEnv, platform: NodeJS.Platform) {
  const temp = runnerFolder(env, 'RUNNER_TEMP', platform, os.tmpdir())
  const cache = runnerFolder(
    env,
    'RUNNER_TOOL_CACHE',
    platform,
    path.join(os.tmpdir(), 'go-path-arbiter-tool-cache'),
  )
  return {
    temp: temp.folder,
    toolCache: cache.folder,
    problems: [temp.problem, cache.problem].filter((p): p is Finding => !!p),
  }
}

/** The environment the set-up Go is asked `go env` in: the exports applied. */
export function goEnvEnvironment(
  env: NodeJS.ProcessEnv,
  goroot: string,
  gotoolchain: string | null,
  gopath: string,
): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, GOROOT: goroot }
  if (gotoolchain !== null) out.GOTOOLCHAIN = gotoolchain
  if (gopath) out.GOPATH = gopath
  return out
}

export interface GoEnvAnswer {
  env: GoEnv | null
  error?: string
}

export async function askGoEnv(
  goBinary: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<GoEnvAnswer> {
  const r = await runGoEnv(goBinary, env, timeoutMs, SET_UP_GO_ENV_NAMES)
  return r.ok ? { env: r.env } : { env: null, error: r.error }
}

/** The exports: GOPATH from the input, else what `go env` says, else Go's default. */
export function planExports(
  go: Pick<GoSetup, 'root'>,
  o: {
    gopath: string
    gotoolchain: string | null
    platform: NodeJS.Platform
    env: NodeJS.ProcessEnv
  },
  goEnv: GoEnv | null,
): EnvPlan {
  const fromGoEnv = goEnv?.GOPATH
  return planEnv({
    goroot: go.root,
    gopath: o.gopath || fromGoEnv || defaultGopath(o.platform, o.env),
    gopathFrom: o.gopath
      ? { kind: 'input' }
      : fromGoEnv
        ? { kind: 'go env', file: goEnv?.GOENV && goEnv.GOENV !== 'off' ? goEnv.GOENV : undefined }
        : { kind: 'default', home: homeOf(o.platform, o.env) },
    gotoolchain: o.gotoolchain,
    platform: o.platform,
  })
}

/** What every shell should see after the export. */
export function expectedOf(
  go: Pick<GoSetup, 'version' | 'decidedBy'>,
  plan: EnvPlan,
  gotoolchain: string | null,
  platform: NodeJS.Platform,
  wsl?: WslSetup,
): Expected {
  return {
    goroot: plan.vars.GOROOT,
    gopath: plan.vars.GOPATH,
    gotoolchain,
    version: go.version,
    decidedBy: go.decidedBy,
    goBinary: path.join(plan.gorootBin, exe('go', platform)),
    gorootBin: plan.gorootBin,
    gopathBin: plan.gopathBin,
    perShell: wsl?.tree ? { wsl: wslExpected(wsl.tree) } : undefined,
  }
}

/** The check's options, with `go env`'s answer and the WSL set-up as the stages have them. */
export type CheckStageOptions = Omit<
  CheckOptions,
  'goEnv' | 'goEnvError' | 'extraAdapters' | 'unavailable' | 'required' | 'mountRoot'
> & { goEnv: GoEnvAnswer; wsl?: WslSetup }

/** The check, with WSL's adapter and expectations when WSL was set up. */
export function checkStage({ goEnv, wsl, ...rest }: CheckStageOptions): Promise<CheckReport> {
  return runCheck({
    ...rest,
    goEnv: goEnv.env,
    goEnvError: goEnv.error,
    extraAdapters: { wsl: wsl?.adapter ?? null },
    unavailable: wsl?.unavailable ? { wsl: wsl.unavailable } : undefined,
    required: wsl?.required,
    mountRoot: wsl?.mountRoot,
  })
}

/** Any error as a finding: ours carry one; anything else is reported as the stage's failure. */
export function findingOf(err: unknown, stage: string, audience: Audience = 'runner'): Finding {
  if (err instanceof FindingError) return err.findingFor(audience)
  return finding('check-error', [], `${stage} failed unexpectedly: ${describeError(err)}`, {
    hint: 'Please report this with the log; the message names what failed.',
  })
}
