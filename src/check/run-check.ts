import { realpathSync } from 'node:fs'
import path from 'node:path'
import type { Category, ShellName } from '../inputs.js'
import type { GoEnv } from '../go/go-env.js'
import { exe } from '../go/platform.js'
import { adapterFor, autoShells, probeShells } from '../shells/probe.js'
import type { ProbeResult, ShellAdapter } from '../shells/types.js'
import { exitCode, shouldFail, STATUS_OF } from './exit-code.js'
import { moduleFacts, readGoEnvFile, toolchainFacts } from './gather.js'
import { evaluate } from './rules.js'
import type { Expected, Finding, ModuleFacts, ToolchainFacts } from './types.js'

export interface CheckOptions {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  expected: Expected
  goEnv: GoEnv | null
  goEnvError?: string
  shells: 'auto' | ShellName[]
  timeoutMs: number
  tempDir: string
  workingDirectory: string
  checkModules: boolean
  failOn: Category[]
  /** extra adapters (WSL) keyed by shell name */
  extraAdapters?: Partial<Record<ShellName, ShellAdapter | null>>
  /** why a shell without an adapter is missing, when the caller knows better */
  unavailable?: Partial<Record<ShellName, string>>
  /** shells whose absence is an error even under shells: auto */
  required?: ShellName[]
  /** findings made before the check (while setting up WSL) */
  extraFindings?: Finding[]
}

export interface CheckReport {
  code: 0 | 1 | 2 | 3
  status: 'ok' | 'config' | 'toolchain' | 'module'
  fail: boolean
  findings: Finding[]
  probes: ProbeResult[]
  toolchain: ToolchainFacts
  modules?: ModuleFacts
  expected: Expected
}

export function realpathOrNull(p: string): string | null {
  try {
    return realpathSync.native(p)
  } catch {
    return null
  }
}

/** Which shells to probe, and the missing ones as results. */
export function selectAdapters(
  shells: 'auto' | ShellName[],
  platform: NodeJS.Platform,
  extra: CheckOptions['extraAdapters'] = {},
): { adapters: ShellAdapter[]; unsupported: ShellName[] } {
  const names = shells === 'auto' ? autoShells(platform) : shells
  const adapters: ShellAdapter[] = []
  const unsupported: ShellName[] = []
  for (const n of names) {
    const a = n in extra ? extra[n] : adapterFor(n, platform)
    if (a) adapters.push(a)
    else unsupported.push(n)
  }
  return { adapters, unsupported }
}

/** Probe every shell, gather the facts, apply the rules, compute the exit code. */
export async function runCheck(o: CheckOptions): Promise<CheckReport> {
  // a required shell (wsl: true) is checked even when the shells list leaves it out
  const shells =
    o.shells === 'auto'
      ? o.shells
      : [...o.shells, ...(o.required ?? []).filter((s) => !o.shells.includes(s))]
  const { adapters, unsupported } = selectAdapters(shells, o.platform, o.extraAdapters)
  const probeOpts = {
    env: o.env,
    platform: o.platform,
    tempDir: o.tempDir,
    cwd: o.workingDirectory,
    timeoutMs: o.timeoutMs,
  }
  const goBinary = path.join(o.expected.goroot, 'bin', exe('go', o.platform))
  const [probed, toolchain, modules, goEnvFile] = await Promise.all([
    probeShells(adapters, probeOpts),
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
  const findings = evaluate({
    platform: o.platform,
    expected: o.expected,
    requested: o.shells,
    required: o.required,
    probes,
    toolchain,
    goEnvFile,
    modules,
    env: o.env,
    realpath: realpathOrNull,
  })
  findings.unshift(...(o.extraFindings ?? []))
  const code = exitCode(findings)
  return {
    code,
    status: STATUS_OF[code],
    fail: shouldFail(findings, o.failOn),
    findings,
    probes,
    toolchain,
    modules,
    expected: o.expected,
  }
}
