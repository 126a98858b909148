/**
 * The action, as named stages: set up Go → ask it `go env` → export → WSL → check →
 * report. Whatever happens, the run ends in `finish`, which sets the outputs, writes the
 * report and the summary, and exits with the code fail-on decides.
 */
import * as core from '@actions/core'
import { statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { CATEGORIES, type ExitCode } from './base/types.js'
import { InputError } from './findings/errors.js'
import { deadlinesFor, createFetcher } from './go/http.js'
import { exe } from './go/platform.js'
import { setupGo } from './go/setup.js'
import { unsafePath } from './env/plan.js'
import { parseEnding, parseInputs, type Inputs } from './app/inputs.js'
import { actionLog, applyExports, finish, registerMatcher, type RunEnd } from './app/action-io.js'
import {
  askGoEnv,
  checkStage,
  defaultFolders,
  expectedOf,
  findingOf,
  goEnvEnvironment,
  planExports,
} from './app/stages.js'
import { setupWsl, type WslSetup } from './wsl/setup.js'
import { attributeProfiles, profiledShells } from './app/attribution-stage.js'

/** The working directory must exist: probes and `go mod verify` run there. */
function workingDirectory(inputs: Inputs): string {
  const dir = path.resolve(inputs.workingDirectory)
  let isDir = false
  try {
    isDir = statSync(dir).isDirectory()
  } catch {
    isDir = false
  }
  if (!isDir) {
    throw new InputError(
      `working-directory: ${JSON.stringify(inputs.workingDirectory)} is not a folder (resolved to ${dir}; check out the repository first, or fix the path)`,
    )
  }
  return dir
}

/** A path `go env` reported, if it can be an output. */
const pathOutput = (value: string | undefined, platform: NodeJS.Platform) =>
  value && !unsafePath(value, platform) ? value : ''

export async function run(): Promise<ExitCode> {
  // how long each stage took, for the log (and the benchmark): node and the bundle first
  const timings: Record<string, number> = { 'start-up': Math.round(process.uptime() * 1000) }
  let last = performance.now()
  const lap = (name: string) => {
    const now = performance.now()
    timings[name] = Math.round(now - last)
    last = now
  }
  const platform = process.platform
  const env = process.env
  const folders = defaultFolders(env, platform)
  // the action's own folder in the runner's temp: downloads, probe scripts, the report
  const work = path.join(folders.temp.path, 'go-path-arbiter')
  const end: RunEnd = {
    findings: [...folders.problems],
    failOn: [...CATEGORIES],
    summary: true,
    reportDirs: [work, path.join(os.tmpdir(), 'go-path-arbiter')],
    workspace: env.GITHUB_WORKSPACE,
  }
  let stage = 'reading the inputs'
  registerMatcher()
  try {
    Object.assign(
      end,
      parseEnding((name) => core.getInput(name)),
    )
    const inputs = parseInputs((name) => core.getInput(name), env, process.arch)
    if (inputs.token) core.setSecret(inputs.token)
    if (folders.problems.length > 0) return await finish(end)
    const cwd = workingDirectory(inputs)

    stage = 'setting up Go'
    const fetcher = createFetcher({
      token: inputs.token,
      log: actionLog.info,
      deadlines: deadlinesFor(inputs.downloadTimeoutMs),
    })
    const go = await setupGo(inputs, {
      platform,
      env,
      toolCache: folders.toolCache.path,
      toolCacheLabel: folders.toolCache.label,
      temp: work,
      tempLabel: folders.temp.label,
      fetcher,
      log: actionLog.info,
      warn: actionLog.warning,
      timeoutMs: inputs.probeTimeoutMs,
      extractTimeoutMs: Math.max(inputs.downloadTimeoutMs, 600_000),
    })
    end.go = go
    lap('set-up')
    actionLog.info(
      `Go ${go.version} from ${go.source} (decided by ${go.decidedBy}${go.cacheHit ? ', cache hit' : ''})`,
    )

    stage = 'asking the Go set up for `go env`'
    const goBinary = path.join(go.root, 'bin', exe('go', platform))
    const goEnv = await actionLog.group('go env', async () => {
      const answer = await askGoEnv(
        goBinary,
        goEnvEnvironment(env, go.root, inputs.gotoolchain, inputs.gopath),
        inputs.probeTimeoutMs,
      )
      if (answer.env) for (const [k, v] of Object.entries(answer.env)) actionLog.info(`${k}=${v}`)
      else actionLog.info(answer.error ?? '')
      return answer
    })

    lap('go env')
    stage = 'planning the exports'
    const plan = planExports(go, { ...inputs, platform, env }, goEnv.env)

    stage = 'setting up WSL'
    const wsl = await wslStage(inputs, go.version, work, fetcher)

    lap('wsl')
    stage = 'exporting'
    end.findings.push(...(await applyExports(plan, wsl.exports)))
    core.setOutput('go-version', go.version)
    core.setOutput('goroot', plan.vars.GOROOT)
    core.setOutput('gopath', plan.vars.GOPATH)
    core.setOutput('cache-hit', String(go.cacheHit))
    core.setOutput('gocache', pathOutput(goEnv.env?.GOCACHE, platform))
    core.setOutput('gomodcache', pathOutput(goEnv.env?.GOMODCACHE, platform))
    core.setOutput('wsl-goroot', wsl.tree?.goroot ?? '')
    core.setOutput('wsl-gopath', wsl.tree?.gopath ?? '')
    end.expected = expectedOf(go, plan, inputs.gotoolchain, platform, wsl)

    lap('export')
    stage = 'probing the shells'
    const wslOff = inputs.wsl === 'false'
    end.check = await actionLog.group('Probing shells', async () => {
      const report = await checkStage({
        platform,
        env: process.env,
        expected: end.expected!,
        goEnv,
        shells: inputs.shells,
        excludeFromAuto: wslOff ? ['wsl'] : [],
        missingHints: wslOff
          ? {
              wsl: 'Set wsl: auto (or true) so that WSL is provisioned and probed, or remove wsl from the shells input.',
            }
          : undefined,
        launch: { mode: 'runner' },
        audience: 'runner',
        timeoutMs: inputs.probeTimeoutMs,
        tempDir: work,
        workingDirectory: cwd,
        checkModules: inputs.checkModules,
        wsl,
      })
      for (const p of report.probes) {
        actionLog.info(
          `${p.shell}: ${p.status}${p.detail ? ` (${p.detail})` : ''}${p.commandLine ? ` - ${p.commandLine}` : ''}`,
        )
      }
      return report
    })
    lap('check')
    stage = 'naming the profile lines behind pwsh findings'
    const profiled = profiledShells(end.check.findings)
    if (profiled.length > 0) {
      const a = await attributeProfiles({
        report: end.check,
        shells: profiled,
        platform,
        env: process.env,
        tempDir: work,
        cwd,
        timeoutMs: inputs.probeTimeoutMs,
      })
      end.check = { ...end.check, findings: a.findings }
      end.attribution = a.origins
    }
    end.findings.push(...wsl.findings, ...end.check.findings)
    lap('attribution')
  } catch (err) {
    end.findings.push(findingOf(err, stage))
  }
  const code = await finish(end)
  lap('report')
  timings.total = Math.round(process.uptime() * 1000)
  actionLog.info(
    `go-path-arbiter: timings (ms): ${Object.entries(timings)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  )
  return code

  async function wslStage(
    inputs: Inputs,
    version: string,
    temp: string,
    fetcher: ReturnType<typeof createFetcher>,
  ): Promise<WslSetup> {
    const provision = () =>
      setupWsl(inputs, {
        platform,
        env,
        version,
        temp,
        fetcher,
        timeoutMs: inputs.probeTimeoutMs,
        log: actionLog.info,
      })
    // off Windows, WSL only matters when asked for (wsl: true)
    const matters = platform === 'win32' || inputs.wsl === 'true'
    const wsl = matters ? await actionLog.group('WSL', provision) : await provision()
    if (!wsl.tree && matters) actionLog.info(`WSL: not provisioned (${wsl.unavailable})`)
    return wsl
  }
}
