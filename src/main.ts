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

/** The action: install or locate Go, export it, then check every shell. */
export async function run(): Promise<void> {
  try {
    const platform = process.platform
    const inputs = parseInputs((name) => core.getInput(name), process.env, process.arch)
    if (inputs.token) core.setSecret(inputs.token)
    const log = (m: string) => core.info(m)

    const go = await setupGo(inputs, {
      platform,
      env: process.env,
      toolCache:
        process.env.RUNNER_TOOL_CACHE || path.join(os.tmpdir(), 'go-path-arbiter-tool-cache'),
      temp: process.env.RUNNER_TEMP || os.tmpdir(),
      fetcher: createFetcher(inputs.token, log),
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
    await core.group('go env', async () => {
      try {
        env = await goEnv(goBinary, probeEnv)
        for (const [k, v] of Object.entries(env)) core.info(`${k}=${v}`)
      } catch (err) {
        core.warning(describeError(err))
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
  } catch (err) {
    core.setFailed(describeError(err))
  }
}
