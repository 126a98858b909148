/**
 * The action's attribution: a runner step starts pwsh and powershell with their profiles,
 * the only startup files a step runs. When one of them has a finding a profile line can
 * explain, that shell is started once more with its profiles traced (shells/pwsh.ts), and
 * the finding gets the file and line that made the change. Everything else came with the
 * environment the step started in.
 */
import type { EnvLayer } from '../base/origin.js'
import type { ShellName } from '../base/types.js'
import { attachOrigins, needsAttribution } from '../attribution/attribute.js'
import { GO_VARS, traceOrigins, type ShellOrigins } from '../attribution/origins.js'
import type { CheckReport } from '../check/run-check.js'
import { buildSights } from '../check/sight.js'
import type { Finding } from '../findings/catalog.js'
import { splitPath } from '../paths/split.js'
import { getVar } from '../processes/env.js'
import { pathOf } from '../processes/which.js'
import { homeOf } from '../base/home.js'
import { probeShell } from '../shells/probe.js'

/**
 * The shells a runner step starts with startup files (pwsh and powershell load their
 * profiles) that have a finding of their own a profile line can explain.
 */
export function profiledShells(findings: readonly Finding[]): ShellName[] {
  const shells = findings.flatMap((f) =>
    f.shells.length === 1 &&
    (f.shells[0] === 'pwsh' || f.shells[0] === 'powershell') &&
    needsAttribution(f)
      ? [f.shells[0] as ShellName]
      : [],
  )
  return [...new Set(shells)]
}

/** The step's own environment as the layer every entry came with. */
export function stepLayer(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): EnvLayer {
  const origin = { layer: 'inherited' as const, where: 'the environment this step started in' }
  const style = platform === 'win32' ? 'win32' : 'posix'
  return {
    path: splitPath(pathOf(env, platform), style).map((entry) => ({ entry, origin })),
    vars: Object.fromEntries(
      GO_VARS.map((n) => {
        const value = getVar(env, n, platform) ?? null
        return [n, value === null ? { value } : { value, origin }]
      }),
    ),
  }
}

export interface ProfileAttribution {
  origins: ShellOrigins[]
  findings: Finding[]
}

export async function attributeProfiles(o: {
  report: CheckReport
  shells: ShellName[]
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  tempDir: string
  cwd: string
  timeoutMs: number
}): Promise<ProfileAttribution> {
  const adapters = o.report.adapters.filter((a) => o.shells.includes(a.name))
  const traced = await Promise.all(
    adapters.map((a) =>
      probeShell(a, {
        env: o.env,
        platform: o.platform,
        tempDir: o.tempDir,
        cwd: o.cwd,
        timeoutMs: o.timeoutMs,
        launch: { mode: 'runner', trace: true },
      }),
    ),
  )
  const start = stepLayer(o.env, o.platform)
  const style = o.platform === 'win32' ? 'win32' : 'posix'
  const origins = traced
    .filter((p) => p.status === 'ok' && p.view)
    .map((p) =>
      traceOrigins({
        shell: p.shell,
        start,
        trace: p.view!.trace,
        final: { path: p.view!.path, env: p.view!.env, kind: p.view!.kind },
        style: p.pathStyle,
        startStyle: style,
        sameEntry: (a, b) =>
          o.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b,
        home: homeOf(o.env, o.platform),
        layer: 'startup',
        isOwn: (f) => f.startsWith(o.tempDir),
      }),
    )
  // the traced starts' own sights: the origins line up with the PATH they saw
  const input = o.report.input
  const sights = buildSights({
    ...input,
    probes: [...input.probes.filter((p) => !o.shells.includes(p.shell)), ...traced],
  })
  const findings = attachOrigins(o.report.findings, sights, origins, {
    goEnvFile: input.goEnvFile,
    home: homeOf(o.env, o.platform),
  })
  return { origins, findings }
}
