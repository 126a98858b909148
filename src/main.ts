import * as core from '@actions/core'
import os from 'node:os'
import path from 'node:path'
import { describeError } from './errors.js'
import { parseInputs } from './inputs.js'
import { applyPlan } from './env/export.js'
import { defaultGopath, planEnv } from './env/plan.js'
import { goEnv, type GoEnv } from './go/go-env.js'
import { createFetcher } from './go/http.js'
import { exe } from './go/platform.js'
import { setupGo } from './go/setup.js'
import { MEANING } from './check/exit-code.js'
import { realpathOrNull, runCheck } from './check/run-check.js'
import { annotate, reportJson, writeReport } from './report/report.js'
import { renderSummary } from './report/summary.js'
import { setupWsl, wslExpected } from './wsl/setup.js'

/** The action: install or locate Go, export it, then check every shell. */
export async function run(): Promise<void> {
  try {
    const platform = process.platform
    const inputs = parseInputs((name) => core.getInput(name), process.env, process.arch)
    if (inputs.token) core.setSecret(inputs.token)
    const log = (m: string) => core.info(m)

    const fetcher = createFetcher(inputs.token, log)
    const temp = process.env.RUNNER_TEMP || os.tmpdir()
    const go = await setupGo(inputs, {
      platform,
      env: process.env,
      toolCache:
        process.env.RUNNER_TOOL_CACHE || path.join(os.tmpdir(), 'go-path-arbiter-tool-cache'),
      temp,
      fetcher,
      log,
      warn: (m) => core.warning(m),
    })
    core.info(
      `Go ${go.version} from ${go.source} (asked by ${go.specSource}${go.cacheHit ? ', cache hit' : ''})`,
    )

    const goBinary = path.join(go.root, 'bin', exe('go', platform))
    const probeEnv: NodeJS.ProcessEnv = { ...process.env, GOROOT: go.root }
    if (inputs.gotoolchain !== null) probeEnv.GOTOOLCHAIN = inputs.gotoolchain
    if (inputs.gopath) probeEnv.GOPATH = inputs.gopath
    let env: GoEnv = {}
    let goEnvError: string | undefined
    await core.group('go env', async () => {
      try {
        env = await goEnv(goBinary, probeEnv)
        for (const [k, v] of Object.entries(env)) core.info(`${k}=${v}`)
      } catch (err) {
        goEnvError = describeError(err)
        core.info(goEnvError)
      }
    })

    const plan = planEnv({
      goroot: go.root,
      gopath: inputs.gopath || env.GOPATH || defaultGopath(platform, process.env),
      gotoolchain: inputs.gotoolchain,
      platform,
    })
    await applyPlan(plan)
    core.setOutput('go-version', go.version)
    core.setOutput('goroot', plan.vars.GOROOT)
    core.setOutput('gopath', plan.vars.GOPATH)
    core.setOutput('cache-hit', String(go.cacheHit))

    const provision = () =>
      setupWsl(inputs, {
        platform,
        env: process.env,
        version: go.version,
        temp,
        fetcher,
        timeoutMs: inputs.probeTimeoutMs,
        log,
      })
    // off Windows, WSL only matters when asked for (wsl: true)
    const wslMatters = platform === 'win32' || inputs.wsl === 'true'
    const wsl = wslMatters ? await core.group('WSL', provision) : await provision()
    if (!wsl.tree && wslMatters) core.info(`WSL: not provisioned (${wsl.unavailable})`)
    for (const [name, value] of Object.entries(wsl.exports)) core.exportVariable(name, value)
    core.setOutput('wsl-goroot', wsl.tree?.goroot ?? '')
    core.setOutput('wsl-gopath', wsl.tree?.gopath ?? '')

    const report = await core.group('Probing shells', async () => {
      const r = await runCheck({
        platform,
        env: process.env,
        expected: {
          goroot: plan.vars.GOROOT,
          gopath: plan.vars.GOPATH,
          gotoolchain: inputs.gotoolchain,
          version: go.version,
          goBinary: path.join(plan.gorootBin, exe('go', platform)),
          perShell: wslExpected(wsl.tree),
        },
        goEnv: goEnvError ? null : env,
        goEnvError,
        shells: inputs.shells,
        timeoutMs: inputs.probeTimeoutMs,
        tempDir: path.join(temp, 'go-path-arbiter'),
        workingDirectory: path.resolve(inputs.workingDirectory),
        checkModules: inputs.checkModules,
        failOn: inputs.failOn,
        extraAdapters: { wsl: wsl.adapter ?? null },
        unavailable: wsl.unavailable ? { wsl: wsl.unavailable } : undefined,
        required: wsl.required,
        extraFindings: wsl.findings,
      })
      for (const p of r.probes)
        core.info(
          `${p.shell}: ${p.status}${p.detail ? ` (${p.detail})` : ''}${p.commandLine ? ` - ${p.commandLine}` : ''}`,
        )
      return r
    })
    annotate(report.findings)
    const file = await writeReport(
      path.join(temp, 'go-path-arbiter'),
      reportJson(report, { goVersion: go.version, source: go.source }),
    )
    core.setOutput('exit-code', String(report.code))
    core.setOutput('status', report.status)
    core.setOutput('report', file)
    if (inputs.summary) {
      await core.summary
        .addRaw(
          renderSummary({
            code: report.code,
            platform,
            expected: report.expected,
            source: go.source,
            probes: report.probes,
            findings: report.findings,
            env: process.env,
            realpath: realpathOrNull,
          }),
        )
        .write()
    }
    core.info(
      `go-path-arbiter: exit code ${report.code} (${MEANING[report.code]}), ${report.findings.length} finding(s), report ${file}`,
    )
    if (report.fail) {
      core.setFailed(
        `go-path-arbiter: exit code ${report.code} (${MEANING[report.code]}); see the findings above`,
      )
      process.exitCode = report.code
    }
  } catch (err) {
    core.setFailed(describeError(err))
  }
}
