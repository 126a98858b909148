/**
 * Attribution as a stage: the shells concerned are started once more with no startup file
 * at all, the files they read are looked at, and each finding of one shell gets the origin
 * of its cause. The action does it for pwsh and powershell (the only runner steps that run
 * startup files: their profiles) and only when they have a finding; the CLI for every shell.
 */
import path from 'node:path'
import type { LaunchMode, ShellName } from '../base/types.js'
import {
  attributeShell,
  originFor,
  type AttributionSources,
  type Origin,
  type ShellAttribution,
} from '../attribution/attribute.js'
import { readGroups } from '../attribution/read.js'
import { loginFiles, startupFiles } from '../attribution/startup-files.js'
import type { CheckReport } from '../check/run-check.js'
import { buildSights } from '../check/sight.js'
import type { Finding } from '../findings/catalog.js'
import { homeOf } from '../env/plan.js'
import {
  AUTORUN_KEYS,
  MACHINE_ENV_KEY,
  USER_ENV_KEY,
  parseRegValue,
  regQuery,
} from '../proc/registry.js'
import { splitPath } from '../paths/split.js'
import { probeShells } from '../shells/probe.js'

/** Findings whose cause can be a line of a startup file, a registry value or the go env file. */
const ATTRIBUTABLE = new Set([
  'go-shadowed',
  'go-other',
  'go-not-a-program',
  'go-missing',
  'gopath-bin-missing',
  'goroot-mismatch',
  'gopath-mismatch',
  'gotoolchain-mismatch',
])

export function needsAttribution(f: Finding): boolean {
  return ATTRIBUTABLE.has(f.id)
}

/**
 * The shells a runner step starts with startup files (pwsh and powershell load their
 * profiles) that have a finding of their own a profile line can explain: the only ones
 * the action attributes.
 */
export function profiledShells(findings: Finding[]): ShellName[] {
  const shells = findings.flatMap((f) =>
    f.shells.length === 1 &&
    (f.shells[0] === 'pwsh' || f.shells[0] === 'powershell') &&
    needsAttribution(f)
      ? [f.shells[0] as ShellName]
      : [],
  )
  return [...new Set(shells)]
}

export interface AttributionOptions {
  report: CheckReport
  /** only these shells (default: every shell the check probed) */
  shells?: ShellName[]
  /** how the probed shells were started */
  mode: LaunchMode
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  tempDir: string
  cwd: string
  timeoutMs: number
  /** read the registry's PATH values and cmd's AutoRun (the CLI on Windows) */
  registry: boolean
  /** read the login files (the CLI on Linux and macOS) */
  login: boolean
}

async function registrySources(env: NodeJS.ProcessEnv) {
  const pathOf = async (key: string) => {
    const r = await regQuery(env, key, 'Path')
    return r.ok ? splitPath(parseRegValue(r.stdout, 'Path')?.data ?? '', 'win32') : []
  }
  const [machine, user, ...autorun] = await Promise.all([
    pathOf(MACHINE_ENV_KEY),
    pathOf(USER_ENV_KEY),
    ...AUTORUN_KEYS.map(async (key) => {
      const r = await regQuery(env, key, 'AutoRun')
      const v = r.ok ? parseRegValue(r.stdout, 'AutoRun') : null
      return v && v.data.trim() ? { key, value: v.data } : null
    }),
  ])
  return {
    registry: { machine, user },
    autorun: autorun.flatMap((a) => (a ? [{ key: a.key as string, value: a.value }] : [])),
  }
}

export interface Attribution {
  shells: ShellAttribution[]
  /** the report's findings, those with a known cause carrying it */
  findings: Finding[]
  /** per finding (same order): the origin behind it, when known */
  origins: Array<Origin | undefined>
}

export async function attribute(o: AttributionOptions): Promise<Attribution> {
  const input = o.report.input
  const sights = buildSights(input).shells.filter((s) => !o.shells || o.shells.includes(s.shell))
  const names = new Set<ShellName>(sights.map((s) => s.shell))
  const adapters = o.report.adapters.filter((a) => names.has(a.name))
  const clean = await probeShells(adapters, {
    env: o.env,
    platform: o.platform,
    tempDir: o.tempDir,
    cwd: o.cwd,
    timeoutMs: o.timeoutMs,
    mode: 'clean',
    mountRoot: input.mountRoot,
  })
  const cleanSights = buildSights({ ...input, probes: clean })
  const home = homeOf(o.platform, o.env)
  const gitRoot =
    o.platform === 'win32'
      ? gitRootOf(sights.find((s) => s.shell === 'bash')?.probe.executable)
      : undefined
  const sources: AttributionSources = {
    home,
    startup: {},
    login: o.login
      ? await readGroups(loginFiles({ platform: o.platform, home, env: o.env }), home)
      : [],
    goEnvFile: input.goEnvFile,
    env: o.env,
    ...(o.registry ? await registrySources(o.env) : {}),
  }
  for (const s of sights) {
    const groups = startupFiles(s.shell, o.mode, {
      platform: o.platform,
      home,
      env: o.env,
      profiles: s.probe.view.profiles,
      gitRoot,
    })
    sources.startup[s.shell] = await readGroups(groups, home)
  }
  const shells = sights.map((s) =>
    attributeShell(
      s,
      cleanSights.shells.find((c) => c.shell === s.shell),
      sources,
    ),
  )
  const origins = o.report.findings.map((f) => {
    if (f.shells.length !== 1 || !needsAttribution(f)) return undefined
    const shell = f.shells[0] as ShellName
    return originFor(
      f,
      sights.find((s) => s.shell === shell),
      shells.find((a) => a.shell === shell),
      sources,
      cleanSights.shells.find((c) => c.shell === shell),
    )
  })
  const findings = o.report.findings.map((f, i) =>
    origins[i] ? { ...f, origin: origins[i]!.where } : f,
  )
  return { shells, findings, origins }
}

/** `C:\Program Files\Git` from its bash.exe (`bin\bash.exe` or `usr\bin\bash.exe`). */
function gitRootOf(bash: string | undefined): string | undefined {
  if (!bash) return undefined
  const dir = path.win32.dirname(bash)
  return /[\\/]usr[\\/]bin$/i.test(dir)
    ? path.win32.dirname(path.win32.dirname(dir))
    : path.win32.dirname(dir)
}
