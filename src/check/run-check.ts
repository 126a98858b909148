/** The check: probe every shell, gather the facts, apply the rules. */
import { realpathSync } from 'node:fs'
import path from 'node:path'
import type { Audience, LaunchMode, ShellName } from '../base/types.js'
import type { Finding } from '../findings/catalog.js'
import type { GoEnv } from '../go/go-env.js'
import { exe } from '../go/platform.js'
import { adapterFor, autoShells, probeShells } from '../shells/probe.js'
import type { ProbeResult, ShellAdapter } from '../shells/types.js'
import { moduleFacts, readGoEnvFile, toolchainFacts } from './facts.js'
import { evaluate } from './rules/index.js'
import type { CheckInput, Expected } from './types.js'

export interface CheckOptions {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  expected: Expected
  goEnv: GoEnv | null
  goEnvError?: string
  shells: 'auto' | ShellName[]
  /** shells `auto` leaves out here (wsl when the wsl input is false) */
  excludeFromAuto?: ShellName[]
  mode: LaunchMode
  audience: Audience
  timeoutMs: number
  tempDir: string
  workingDirectory: string
  checkModules: boolean
  /** extra adapters (WSL) keyed by shell name */
  extraAdapters?: Partial<Record<ShellName, ShellAdapter | null>>
  /** why a shell without an adapter is missing, when the caller knows better */
  unavailable?: Partial<Record<ShellName, string>>
  missingHints?: Partial<Record<ShellName, string>>
  /** shells whose absence is an error even under shells: auto */
  required?: ShellName[]
  mountRoot?: string
}

export interface CheckReport {
  findings: Finding[]
  probes: ProbeResult[]
  /** everything the rules read; the summary builds the same sights from it */
  input: CheckInput
  /** the adapters the shells were probed with (attribution starts the same shells again) */
  adapters: ShellAdapter[]
}

export function realpathOrNull(p: string): string | null {
  try {
    return realpathSync.native(p)
  } catch {
    return null
  }
}

/** Which shells to probe, and the missing ones as results. */
function selectAdapters(
  shells: ShellName[],
  platform: NodeJS.Platform,
  extra: CheckOptions['extraAdapters'] = {},
): { adapters: ShellAdapter[]; unsupported: ShellName[] } {
  const adapters: ShellAdapter[] = []
  const unsupported: ShellName[] = []
  for (const n of shells) {
    const a = n in extra ? extra[n] : adapterFor(n, platform)
    if (a) adapters.push(a)
    else unsupported.push(n)
  }
  return { adapters, unsupported }
}

/** The shells to probe: the list asked for (plus required ones), or `auto` for this OS. */
function shellsToProbe(
  o: Pick<CheckOptions, 'shells' | 'required' | 'excludeFromAuto' | 'platform'>,
): ShellName[] {
  const required = o.required ?? []
  if (o.shells === 'auto') {
    return autoShells(o.platform).filter(
      (s) => required.includes(s) || !(o.excludeFromAuto ?? []).includes(s),
    )
  }
  return [...o.shells, ...required.filter((s) => !o.shells.includes(s as ShellName))]
}

export async function runCheck(o: CheckOptions): Promise<CheckReport> {
  const { adapters, unsupported } = selectAdapters(shellsToProbe(o), o.platform, o.extraAdapters)
  const goBinary = path.join(o.expected.goroot, 'bin', exe('go', o.platform))
  const [probed, toolchain, modules, goEnvFile] = await Promise.all([
    probeShells(adapters, {
      env: o.env,
      platform: o.platform,
      tempDir: o.tempDir,
      cwd: o.workingDirectory,
      timeoutMs: o.timeoutMs,
      mode: o.mode,
      mountRoot: o.mountRoot,
    }),
    toolchainFacts(o.expected.goroot, o.goEnv, o.goEnvError, o.env, o.platform, o.timeoutMs),
    o.checkModules
      ? moduleFacts(o.workingDirectory, goBinary, o.env, o.platform, o.timeoutMs)
      : undefined,
    readGoEnvFile(o.goEnv?.GOENV),
  ])
  const probes: ProbeResult[] = [
    ...probed,
    ...unsupported.map((shell): ProbeResult => ({
      shell,
      mode: o.mode,
      status: 'missing',
      detail:
        o.unavailable?.[shell] ??
        (shell === 'wsl'
          ? 'WSL steps exist only on Windows'
          : `${shell} steps do not exist on ${o.platform}`),
      durationMs: 0,
      pathStyle: 'posix',
      pathEntries: [],
      hits: { go: [], gofmt: [] },
    })),
  ]
  const input: CheckInput = {
    platform: o.platform,
    expected: o.expected,
    requested: o.shells,
    required: o.required,
    missingHints: o.missingHints,
    probes,
    toolchain,
    goEnvFile,
    modules,
    env: o.env,
    realpath: realpathOrNull,
    mountRoot: o.mountRoot,
    audience: o.audience,
  }
  return { findings: evaluate(input), probes, input, adapters }
}
