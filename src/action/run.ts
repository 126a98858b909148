/**
 * The action, as named stages:
 *
 *   read the inputs ─▶ set up Go ─▶ go env ─▶ plan the exports ─▶ WSL ─▶ export
 *     ─▶ check the shells ─▶ attribute the profiles ─▶ report
 *
 * Each stage's one name labels its failure, its time and its log group (app/stage.ts).
 * Whatever happens, the run ends in `finish`, which sets the outputs, writes the report and
 * the summary, and exits with the code fail-on decides.
 */
import path from 'node:path'
import type { ExitCode } from '../base/types.js'
import { deadlinesFor } from '../download/http-deadlines.js'
import { lazyFetcher, type Fetcher } from '../download/lazy-fetcher.js'
import type { GoSetup } from '../download/setup.js'
import { setupWsl, wslCheckOptions, wslMatters, type WslSetup } from '../wsl/setup.js'
import {
  actionLog,
  loadToolkit,
  maskSecret,
  readInput,
  registerMatcher,
  writeExports,
  writeOutputs,
} from './action-io.js'
import { attributeProfiles, profiledShells } from './attribution.js'
import { restoreStage, startRestore, type EarlyRestore } from './caches.js'
import {
  exportedExpectation,
  laterStepEnv,
  makeGopathBin,
  planExports,
  setUpOutputs,
  answered,
} from './exports.js'
import { finish, runEnd, type RunEnd } from './finish.js'
import { parseEnding, parseInputs, type Inputs } from './inputs.js'
import { defaultFolders } from './runner-folders.js'
import {
  driveCaches,
  drivePlan,
  foreseenCaches,
  goEnvOf,
  setUp,
  type RunContext,
} from './set-up.js'
import { findingOf } from '../findings/errors.js'
import { Stages } from './stage.js'
import type { EnvPlan } from './export-plan.js'
import type { GoEnvAnswer } from '../go/go-env.js'
import { runCheck, type CheckReport, type CheckRequest } from '../check/run-check.js'
import type { Expected } from '../check/types.js'
import type { Finding } from '../findings/catalog.js'
import { workingFolder } from '../files/dirs.js'
import { readDeclared } from '../check/facts.js'
import type { Declared } from '../go/declared.js'
import { CONTROL_CHAR } from '../base/text.js'

export async function run(): Promise<ExitCode> {
  const platform = process.platform
  const env = process.env
  const folders = defaultFolders(env, platform)
  const ctx: RunContext = {
    platform,
    env,
    folders,
    work: path.join(folders.temp.path, 'go-path-arbiter'),
  }
  const end = runEnd(ctx.work, folders.problems, env.GITHUB_WORKSPACE)
  const stages = new Stages(actionLog)
  registerMatcher()
  try {
    await stagesOfRun(end, stages, ctx)
  } catch (err) {
    end.findings.push(findingOf(err, stages.current))
  }
  const code = await stages.run('report', () => finish(end))
  actionLog.info(stages.line())
  return code
}

/**
 * The stages in order. Each returns what it produced; its findings join the run's one list
 * the moment it returns, so a stage that fails later loses none of them.
 */
async function stagesOfRun(end: RunEnd, stages: Stages, ctx: RunContext): Promise<void> {
  const given = await stages.run('read the inputs', () => readInputs(end, ctx))
  if (!given) return
  const cwd = workingFolder(
    given.workingDirectory,
    'working-directory',
    '; check out the repository first, or fix the path',
  )
  const declared = given.goEnvFile
    ? await stages.run('read the declared environment', () =>
        readDeclared(path.resolve(cwd, given.goEnvFile), 'go-env-file'),
      )
    : undefined
  // a GOTOOLCHAIN the declared environment names is the one exported
  const inputs = { ...given, gotoolchain: declared?.values.GOTOOLCHAIN?.value ?? given.gotoolchain }
  const fetcher = lazyFetcher({
    token: inputs.token,
    log: actionLog.info,
    deadlines: deadlinesFor(inputs.downloadTimeoutMs),
  })
  const drive = drivePlan(inputs, ctx)
  // exported beside the plan: the caches on the faster drive, and every declared setting
  const caches = { ...driveCaches(drive, ctx.env), ...exportable(declared) }
  const cacheContext = { env: ctx.env, platform: ctx.platform, cwd, arch: inputs.arch.cache }
  // the caches need only the version: their restore runs while Go is downloaded and unpacked
  let earlyRestore: EarlyRestore | undefined
  const foreseenCache = inputs.cache ? foreseenCaches(inputs, ctx, caches) : undefined
  const go = await stages.run('set up Go', () =>
    setUp(inputs, ctx, fetcher, drive, (version) => {
      // a download or `go env` starts now: the toolkit loads meanwhile
      void loadToolkit()
      if (foreseenCache)
        earlyRestore = startRestore(inputs, { version, env: foreseenCache }, cacheContext)
    }),
  )
  actionLog.debug(
    `Go ${go.version}: ${go.decidedBy}; ${go.source}${go.downloaded ? ', downloaded' : ''}; GOROOT ${go.root}`,
  )
  end.go = go
  const goEnv = await stages.run('go env', () => goEnvOf(go, inputs, ctx, caches), {
    group: true,
  })
  const plan = await stages.run('plan the exports', () =>
    planExports(go, { ...inputs, platform: ctx.platform, env: ctx.env, caches }, answered(goEnv)),
  )
  const restored = await stages.run(
    'restore the caches',
    () => restoreStage(inputs, go, answered(goEnv), cacheContext, earlyRestore),
    { group: inputs.cache },
  )
  end.caches = restored.run
  end.findings.push(...restored.findings)
  const wsl = await stages.run('WSL', () => wslOf(inputs, go, ctx, fetcher), {
    group: wslMatters(inputs, ctx.platform),
  })
  end.findings.push(...wsl.findings)
  const exported = await stages.run('export', () => exportAll({ go, goEnv, plan, wsl }, ctx))
  end.findings.push(...exported.findings)
  const expected = exportedExpectation(go, plan, inputs.gotoolchain, ctx.platform, wsl)
  end.expected = expected
  const check = await stages.run(
    'check the shells',
    () =>
      checkShells(
        checkRequest({ inputs, goEnv, wsl, expected, env: exported.later, cwd, declared }, ctx),
      ),
    { group: true },
  )
  end.check = check
  end.findings.push(...check.findings)
  const attributed = await stages.run('attribute the profiles', () =>
    attribution(check, inputs, exported.later, cwd, ctx),
  )
  if (!attributed) return
  // the same findings, in the same order, each now with the profile line behind it
  const withOrigin = new Map(check.findings.map((f, i) => [f, attributed.findings[i] ?? f]))
  end.findings = end.findings.map((f) => withOrigin.get(f) ?? f)
  end.check = { ...check, findings: attributed.findings }
  end.attribution = attributed.origins
}

/** fail-on and summary first (they decide how even a bad input ends), then every input. */
/** The declared settings a later step gets (GOTOOLCHAIN through the plan; a value Go would keep a control character in is reported, not exported). */
function exportable(declared: Declared | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(declared?.values ?? {})
      .filter(([name, v]) => name !== 'GOTOOLCHAIN' && !CONTROL_CHAR.test(v.value))
      .map(([name, v]) => [name, v.value]),
  )
}

function readInputs(end: RunEnd, ctx: RunContext): Inputs | undefined {
  Object.assign(end, parseEnding(readInput))
  const inputs = parseInputs(readInput, ctx.env, process.arch)
  if (inputs.token) maskSecret(inputs.token)
  actionLog.debug(`inputs: ${JSON.stringify({ ...inputs, token: inputs.token ? '***' : '' })}`)
  return ctx.folders.problems.length > 0 ? undefined : inputs
}

async function wslOf(
  inputs: Inputs,
  go: GoSetup,
  ctx: RunContext,
  fetcher: Fetcher,
): Promise<WslSetup> {
  const wsl = await setupWsl(inputs, {
    platform: ctx.platform,
    env: ctx.env,
    version: go.version,
    temp: ctx.work,
    fetcher,
    timeoutMs: inputs.probeTimeoutMs,
    log: actionLog.info,
  })
  if (!wsl.tree && wslMatters(inputs, ctx.platform))
    actionLog.info(`WSL: not provisioned (${wsl.unavailable})`)
  return wsl
}

/** The file commands and the set-up outputs; the environment a later step gets. */
async function exportAll(
  s: { go: GoSetup; goEnv: GoEnvAnswer; plan: EnvPlan; wsl: WslSetup },
  ctx: RunContext,
): Promise<{ later: NodeJS.ProcessEnv; findings: Finding[] }> {
  const findings = await makeGopathBin(s.plan)
  const vars = { ...s.plan.vars, ...s.wsl.exports }
  // before the file commands: writing a PATH entry also prepends it to this process's PATH
  const later = laterStepEnv(ctx.env, vars, s.plan.path, ctx.platform)
  await writeExports(vars, s.plan.path)
  await writeOutputs(setUpOutputs(s.go, s.plan, answered(s.goEnv), s.wsl, ctx.platform))
  return { later, findings }
}

/** The check request of the action: every shell as a later step, with what WSL decided. */
function checkRequest(
  s: {
    declared?: Declared
    inputs: Inputs
    goEnv: GoEnvAnswer
    wsl: WslSetup
    expected: Expected
    env: NodeJS.ProcessEnv
    cwd: string
  },
  ctx: RunContext,
): CheckRequest {
  return {
    platform: ctx.platform,
    env: s.env,
    expected: s.expected,
    goEnv: answered(s.goEnv),
    goEnvError: s.goEnv.ok ? undefined : s.goEnv.error,
    shells: s.inputs.shells,
    launch: { mode: 'runner' },
    audience: 'runner',
    timeoutMs: s.inputs.probeTimeoutMs,
    tempDir: ctx.work,
    workingDirectory: s.cwd,
    checkModules: s.inputs.checkModules,
    ...wslCheckOptions(s.wsl),
    declared: s.declared,
    debug: actionLog.debug,
  }
}

async function checkShells(o: CheckRequest) {
  const report = await runCheck(o)
  for (const p of report.probes) {
    actionLog.info(
      `${p.shell}: ${p.status}${p.detail ? ` (${p.detail})` : ''}${p.commandLine ? ` - ${p.commandLine}` : ''}`,
    )
    actionLog.debug(
      `probe ${p.shell}: ${p.durationMs} ms, exit ${p.exitCode ?? '-'}, runs ${p.runs ?? '(no go)'}; PATH ${p.pathEntries.join(path.delimiter)}`,
    )
  }
  return report
}

/** pwsh and powershell steps run their profiles: a finding there gets the profile's line. */
async function attribution(
  check: CheckReport,
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  cwd: string,
  ctx: RunContext,
) {
  const shells = profiledShells(check.findings)
  if (shells.length === 0) return undefined
  return attributeProfiles({
    report: check,
    shells,
    platform: ctx.platform,
    env,
    tempDir: ctx.work,
    cwd,
    timeoutMs: inputs.probeTimeoutMs,
  })
}
