/**
 * The check: probe every shell, gather the facts, apply the rules. The action knows what
 * every shell should see before it probes (the exports), so it does all three at once
 * (runCheck); the CLI probes first, because its reference Go is the one a new terminal
 * of the user's own shell runs, then gathers the facts of that Go.
 */
import { realpathSync } from 'node:fs'
import path from 'node:path'
import { isWsl, type Audience, type ShellName } from '../base/types.js'
import type { Finding } from '../findings/catalog.js'
import type { Declared } from '../go/declared.js'
import type { GoEnv } from '../go/go-env.js'
import { exe } from '../go/platform.js'
import { adapterFor, autoShells } from '../shells/adapters.js'
import { probeShell, type ProbeOptions } from '../shells/probe.js'
import type { Launch, ProbeResult, ShellAdapter } from '../shells/types.js'
import { scoopShimTarget } from '../processes/shims.js'
import { readGoEnvFile, toolchainFacts } from './facts.js'
import { moduleFacts } from './module-facts.js'
import { evaluate } from './rules/index.js'
import { buildSights, type Sights } from './sight.js'
import type { CheckInput, Expected, GoEnvFileFacts, ModuleFacts, ToolchainFacts } from './types.js'

/**
 * The one check request: which shells, how each is started, and what every shell should
 * see. The probes read the first part, the facts and the rules the rest.
 */
export interface CheckRequest {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  shells: 'auto' | ShellName[]
  /** shells `auto` leaves out here (wsl when the wsl input is false) */
  excludeFromAuto?: ShellName[]
  /** shells whose absence is an error even under shells: auto */
  required?: ShellName[]
  audience: Audience
  /** how every shell is started, or how each one is */
  launch: Launch | ((shell: ShellName) => Launch)
  timeoutMs: number
  tempDir: string
  workingDirectory: string
  /** extra adapters (WSL) keyed by shell name */
  extraAdapters?: Partial<Record<ShellName, ShellAdapter | null>>
  /** why a shell without an adapter is missing, when the caller knows better */
  unavailable?: Partial<Record<ShellName, string>>
  mountRoot?: string
  /** where to look for a shell the environment's PATH lacks (ProbeOptions.lookupEnv) */
  lookupEnv?: NodeJS.ProcessEnv
  /** told when each shell starts and ends (the CLI's progress line) */
  onProgress?: (shell: ShellName, state: 'started' | 'done') => void
  /**
   * the environment every shell starts in, while it is still being worked out (the CLI's
   * login session): `env` is then the one it starts from (ProbeOptions.envLater)
   */
  envLater?: Promise<NodeJS.ProcessEnv>
  /** each probe's result, the moment it is there (while slower shells still start) */
  onProbe?: (probe: ProbeResult) => void
  /** the declared environment every shell must settle on (`.go-env`, go-env-file) */
  declared?: Declared
  /** told each rule's verdict (the action's step debug logging) */
  debug?: (line: string) => void
  expected: Expected
  goEnv: GoEnv | null
  goEnvError?: string
  checkModules: boolean
  missingHints?: Partial<Record<ShellName, string>>
}

export interface CheckReport {
  findings: Finding[]
  probes: ProbeResult[]
  /** everything the rules read */
  input: CheckInput
  /** what each shell sees, built once from the input: the rules and both reports read it */
  sights: Sights
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

/**
 * The shells to probe: the list asked for (plus required ones), or `auto` for this OS,
 * where `wsl` is followed by each other distribution an extra adapter (`wsl:NAME`) starts.
 */
export function shellsToProbe(
  o: Pick<
    CheckRequest,
    'shells' | 'required' | 'excludeFromAuto' | 'platform' | 'audience' | 'extraAdapters'
  >,
): ShellName[] {
  const required = o.required ?? []
  if (o.shells === 'auto') {
    const distributions = Object.keys(o.extraAdapters ?? {}).filter(
      (s): s is ShellName => s !== 'wsl' && isWsl(s),
    )
    return autoShells(o.platform, o.audience)
      .filter((s) => required.includes(s) || !(o.excludeFromAuto ?? []).includes(s))
      .flatMap((s) => (s === 'wsl' ? [s, ...distributions] : [s]))
  }
  return [...o.shells, ...required.filter((s) => !o.shells.includes(s as ShellName))]
}

/** A shell there is no adapter for on this OS (or no WSL to probe), as a probe result. */
/** What the probes read of the request (the CLI probes before it knows what to expect). */
type ProbePart = Omit<
  CheckRequest,
  'expected' | 'goEnv' | 'goEnvError' | 'checkModules' | 'missingHints'
>

function unsupported(shell: ShellName, r: ProbePart, launch: Launch): ProbeResult {
  return {
    shell,
    mode: launch.mode,
    status: 'missing',
    detail:
      r.unavailable?.[shell] ??
      (isWsl(shell)
        ? r.platform === 'win32' && r.audience === 'terminal'
          ? 'no WSL distribution was looked at (wsl.exe and the registered distributions are read before the shells start)'
          : 'WSL steps exist only on Windows'
        : shell === 'msys2' && r.platform === 'win32'
          ? 'msys2 is checked as a workflow step (`shell: msys2 {0}`, msys2/setup-msys2); the CLI does not start MSYS2 terminals'
          : `${shell} ${r.audience === 'terminal' ? 'does not run' : 'steps do not exist'} on ${r.platform}`),
    durationMs: 0,
    pathStyle: 'posix',
    pathEntries: [],
    hits: { go: [], gofmt: [] },
  }
}

/** Probes the shells in parallel (each with its own timeout), in the order asked for. */
export async function probeAll(
  r: ProbePart,
): Promise<{ probes: ProbeResult[]; adapters: ShellAdapter[] }> {
  const names = shellsToProbe(r)
  const launchOf = (s: ShellName) => (typeof r.launch === 'function' ? r.launch(s) : r.launch)
  const adapters: ShellAdapter[] = []
  const probes = await Promise.all(
    names.map(async (shell) => {
      const a =
        r.extraAdapters && shell in r.extraAdapters
          ? r.extraAdapters[shell]
          : adapterFor(shell, r.platform, launchOf(shell).mode)
      if (!a) return unsupported(shell, r, launchOf(shell))
      adapters.push(a)
      const o: ProbeOptions = {
        env: r.env,
        platform: r.platform,
        tempDir: r.tempDir,
        cwd: r.workingDirectory,
        timeoutMs: r.timeoutMs,
        launch: launchOf(shell),
        mountRoot: r.mountRoot,
        lookupEnv: r.lookupEnv,
        envLater: r.envLater,
      }
      r.onProgress?.(shell, 'started')
      try {
        const p = await probeShell(a, o)
        r.onProbe?.(p)
        return p
      } finally {
        r.onProgress?.(shell, 'done')
      }
    }),
  )
  return { probes, adapters: names.flatMap((n) => adapters.filter((a) => a.name === n)) }
}

export interface Facts {
  toolchain: ToolchainFacts
  modules?: ModuleFacts
  goEnvFile?: GoEnvFileFacts
  goDotEnv?: GoEnvFileFacts
}

/** The facts gathered outside the shells: the Go tree, the go env file, go.mod and go.sum. */
export async function gatherFacts(
  o: Pick<
    CheckRequest,
    | 'expected'
    | 'goEnv'
    | 'goEnvError'
    | 'env'
    | 'platform'
    | 'timeoutMs'
    | 'workingDirectory'
    | 'checkModules'
  >,
): Promise<Facts> {
  const goBinary = path.join(o.expected.goroot, 'bin', exe('go', o.platform))
  const [toolchain, modules, goEnvFile, goDotEnv] = await Promise.all([
    toolchainFacts(o.expected.goroot, o.goEnv, o.goEnvError, o.env, o.platform, o.timeoutMs),
    o.checkModules
      ? moduleFacts(o.workingDirectory, goBinary, o.env, o.platform, o.timeoutMs)
      : undefined,
    readGoEnvFile(o.goEnv?.GOENV),
    readGoEnvFile(path.join(o.expected.goroot, 'go.env')),
  ])
  return { toolchain, modules, goEnvFile, goDotEnv }
}

/** What the rules read, from the probes and the facts. */
export function checkInput(
  o: Pick<
    CheckRequest,
    | 'platform'
    | 'expected'
    | 'shells'
    | 'required'
    | 'missingHints'
    | 'env'
    | 'mountRoot'
    | 'audience'
    | 'declared'
  >,
  probes: ProbeResult[],
  facts: Facts,
): CheckInput {
  return {
    platform: o.platform,
    expected: o.expected,
    requested: o.shells,
    required: o.required,
    missingHints: o.missingHints,
    probes,
    ...facts,
    env: o.env,
    realpath: realpathOrNull,
    shimTarget: scoopShimTarget,
    mountRoot: o.mountRoot,
    audience: o.audience,
    declared: o.declared,
  }
}

/** The action's check: the probes and the facts at once, then the rules. */
export async function runCheck(o: CheckRequest): Promise<CheckReport> {
  const [probes, facts] = await Promise.all([probeAll(o), gatherFacts(o)])
  const input = checkInput(o, probes.probes, facts)
  const sights = buildSights(input)
  return {
    findings: evaluate(input, sights, o.debug),
    probes: probes.probes,
    input,
    sights,
    adapters: probes.adapters,
  }
}
