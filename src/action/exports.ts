/**
 * What the action sets up for later steps: `go env` of the Go set up, the exports plan,
 * the outputs, and the environment a later step gets once they are written. The file
 * commands themselves are written by action-io.ts.
 */
import path from 'node:path'
import { errnoCode } from '../base/errors.js'
import type { Expected } from '../check/types.js'
import { homeOf } from '../base/home.js'
import { defaultGopath, planEnv, unsafePath, type EnvPlan } from './export-plan.js'
import { finding, type Finding } from '../findings/catalog.js'
import { runGoEnv, SET_UP_GO_ENV_NAMES, type GoEnv, type GoEnvAnswer } from '../go/go-env.js'
import { exe } from '../go/platform.js'
import type { GoSetup } from '../download/setup.js'
import { laterStepPath } from './later-path.js'
import { setVar } from '../processes/env.js'
import { makeDirs } from '../files/dirs.js'
import { pathOf } from '../processes/which.js'
import { wslExpected, type WslSetup } from '../wsl/setup.js'

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

export function askGoEnv(
  goBinary: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<GoEnvAnswer> {
  return runGoEnv(goBinary, env, timeoutMs, SET_UP_GO_ENV_NAMES)
}

/** What `go env` answered, or null when it did not. */
export const answered = (a: GoEnvAnswer): GoEnv | null => (a.ok ? a.env : null)

/** The exports: GOPATH from the input, else what `go env` says, else Go's default. */
export function planExports(
  go: Pick<GoSetup, 'root'>,
  o: {
    gopath: string
    gotoolchain: string | null
    platform: NodeJS.Platform
    env: NodeJS.ProcessEnv
    /** GOCACHE and GOMODCACHE moved to the faster drive, exported as they are */
    caches?: Record<string, string>
  },
  goEnv: GoEnv | null,
): EnvPlan {
  const fromGoEnv = goEnv?.GOPATH
  const plan = planEnv({
    goroot: go.root,
    gopath: o.gopath || fromGoEnv || defaultGopath(o.platform, o.env),
    gopathFrom: o.gopath
      ? { kind: 'input' }
      : fromGoEnv
        ? { kind: 'go env', file: goEnv?.GOENV && goEnv.GOENV !== 'off' ? goEnv.GOENV : undefined }
        : { kind: 'default', home: homeOf(o.env, o.platform) },
    gotoolchain: o.gotoolchain,
    platform: o.platform,
  })
  return { ...plan, vars: { ...plan.vars, ...(o.caches ?? {}) } }
}

/** What every shell should see after the export. */
export function exportedExpectation(
  go: Pick<GoSetup, 'version' | 'decidedBy'>,
  plan: EnvPlan,
  gotoolchain: string | null,
  platform: NodeJS.Platform,
  wsl?: WslSetup,
): Expected {
  return {
    label: 'exported',
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

/**
 * The environment a later step starts with once the exports are written: the variables
 * set, and PATH as the runner builds it from GITHUB_PATH (paths/later-path.ts).
 */
export function laterStepEnv(
  env: NodeJS.ProcessEnv,
  vars: Record<string, string>,
  pathEntries: readonly string[],
  platform: NodeJS.Platform,
): NodeJS.ProcessEnv {
  let out = env
  for (const [name, value] of Object.entries(vars)) out = setVar(out, name, value, platform)
  const sep = platform === 'win32' ? ';' : ':'
  return setVar(out, 'PATH', laterStepPath(pathOf(env, platform) ?? '', pathEntries, sep), platform)
}

/** GOPATH/bin is created for `go install`; when it cannot be, that is a finding, not a crash. */
export async function makeGopathBin(plan: EnvPlan): Promise<Finding[]> {
  try {
    await makeDirs(plan.gopathBin)
    return []
  } catch (err) {
    return [
      finding(
        'gopath-unusable',
        [],
        `GOPATH/bin ${plan.gopathBin} cannot be created (${errnoCode(err) ?? (err as Error).message}); \`go install\` will fail there`,
      ),
    ]
  }
}

/** A path `go env` reported, if it can be an output. */
const pathOutput = (value: string | undefined, platform: NodeJS.Platform) =>
  value && !unsafePath(value, platform) ? value : ''

/** The set-up's outputs (action.yml); exit-code, status and report are the end's. */
export function setUpOutputs(
  go: GoSetup,
  plan: EnvPlan,
  goEnv: GoEnv | null,
  wsl: WslSetup,
  platform: NodeJS.Platform,
): Record<string, string> {
  return {
    'go-version': go.version,
    goroot: plan.vars.GOROOT,
    gopath: plan.vars.GOPATH,
    'go-downloaded': String(go.downloaded),
    gocache: pathOutput(goEnv?.GOCACHE, platform),
    gomodcache: pathOutput(goEnv?.GOMODCACHE, platform),
    'wsl-goroot': wsl.tree?.goroot ?? '',
    'wsl-gopath': wsl.tree?.gopath ?? '',
  }
}
