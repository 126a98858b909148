/**
 * The CLI's check of what a NEW terminal gets, wherever the CLI itself was started
 * (I/O; the decisions are pure functions elsewhere):
 *
 *   start environment ─▶ login session ─▶ each shell as a new terminal ─▶ reference Go
 *   (session.ts)         (Linux: $SHELL -l)  (traced start-ups)              (reference.ts)
 *      ─▶ facts of that Go ─▶ rules ─▶ the origin of every cause, and this terminal compared
 *
 * Nothing is taken from this process's own environment but the user's identity, locale
 * and terminal, and, for the comparison, what this terminal has (this-terminal.ts).
 */
import type { EnvLayer } from '../../base/origin.js'
import { isWsl, type ShellName } from '../../base/types.js'
import { attachOrigins, type GoLayers } from '../../attribution/attribute.js'
import { traceOrigins, type ShellOrigins } from '../../attribution/origins.js'
import { checkInput, gatherFacts, probeAll, realpathOrNull } from '../../check/run-check.js'
import { evaluate } from '../../check/rules/index.js'
import { buildSights } from '../../check/sight.js'
import type { CheckInput, Expected, TerminalFacts, ThisTerminal } from '../../check/types.js'
import type { StartEnvironment } from '../start/start.js'
import { createComparer } from '../../paths/compare.js'
import { shellNameOf } from '../../shells/adapters.js'
import type { Launch, ProbeResult } from '../../shells/types.js'
import { describeCandidate, programOf } from './candidates.js'
import {
  askedEnv,
  chooseReference,
  sharedGoEnv,
  referenceExpectation,
  registryGos,
  type ReferenceChoice,
} from './reference.js'
import {
  fishContext,
  isOwnFile,
  loginSession,
  readAutorun,
  shellLookup,
  startEnvironment,
  type Session,
} from './session.js'
import { crlfFindings } from './line-ends.js'
import { thisTerminalFacts } from './this-terminal.js'
import { inWslWords, wslExpectation } from './wsl-terminal.js'
import { windowsSideOf, wslGoOf } from './wsl-go.js'
import type { AutorunValue, Reference, TerminalOptions, TerminalRun } from './types.js'
import { homeOf } from '../../base/home.js'
import { shownPath } from '../../base/origin.js'
import { finding, subjectOf, type Finding } from '../../findings/catalog.js'

export type { Reference, TerminalOptions, TerminalRun } from './types.js'

export async function checkNewTerminals(o: TerminalOptions): Promise<TerminalRun> {
  const start = await startEnvironment(o)
  const userShell = o.platform === 'win32' ? undefined : shellNameOf(start.env.SHELL)
  const shells = o.shells
  const autorun = o.platform === 'win32' ? await readAutorun(o.env) : []
  const { session, baseEnv, goEnv, probes, adapters } = await sessionAndShells(o, {
    start,
    userShell,
    autorun,
  })
  const origins = traceStartups(o, probes, { base: session?.layer ?? start, start, baseEnv })
  const { reference, undecided, expected } = await referenceOfAll(o, probes, {
    origins,
    userShell,
    baseEnv,
    start,
    goEnv,
  })
  const thisTerminal = thisTerminalFacts(o.env, o.platform, o.workingDirectory)
  const { input, layers } = await judgeInput(
    o,
    { start, session, baseEnv, shells, thisTerminal },
    probes,
    { reference, expected },
  )
  const sights = buildSights(input)
  const judged = [
    ...attachOrigins(evaluate(input, sights), sights, origins, layers),
    ...crlfFindings(probes, start.env, o.platform),
  ]
  // with no Go chosen, nothing is held against the provisional one: the choice is the finding
  const findings = undecided
    ? [
        undecidedFinding(undecided, homeOf(start.env, o.platform)),
        ...judged.filter((f) => !againstReference(f)),
      ]
    : judged
  return {
    autorun,
    start,
    userShell: { name: userShell, path: start.env.SHELL ?? '' },
    session: session && { shell: session.shell, probe: session.probe, origins: session.origins },
    report: { findings, probes, input, sights, adapters },
    origins,
    reference,
    undecided,
    expected,
    findings,
    thisTerminal,
    wsl: o.wsl?.rows.map(({ shell, distribution, mountRoot }) => ({
      shell,
      distribution,
      mountRoot,
    })),
  }
}

/**
 * The login session and every shell, started at once: pwsh at once (its .NET start is the
 * slowest), handed the session's environment when it is there; the others wait for it.
 */
async function sessionAndShells(
  o: TerminalOptions,
  c: { start: StartEnvironment; userShell?: ShellName; autorun: AutorunValue[] },
) {
  const sessionP = loginSession(c.start, o)
  const envLater = sessionP.then((s) => s?.env ?? c.start.env)
  const asking = envLater.then((env) => askingEarly(o, env, c.userShell))
  // only Linux has a login session before the terminals: elsewhere nothing is handed over
  const handOver = o.platform === 'linux'
  const probing = probeNewTerminals(o, {
    env: handOver ? c.start.env : await envLater,
    envLater: handOver ? envLater : undefined,
    shells: o.shells,
    autorun: c.autorun,
    early: (p) => void asking.then((a) => a.early(p)),
  })
  probing.catch(() => {}) // a session that throws is what this check reports
  const session = await sessionP
  const { goEnv } = await asking
  const { probes, adapters } = await probing
  return { session, baseEnv: session?.env ?? c.start.env, goEnv, probes, adapters }
}

/**
 * The Go every shell is held to and what each is expected to have. A Linux Go in WSL is no
 * candidate for the Go of the Windows shells; with `--go wsl:PATH`, WSL is held to that
 * Go and the Windows shells to a Go of its version.
 */
async function referenceOfAll(
  o: TerminalOptions,
  probes: ProbeResult[],
  c: Omit<Parameters<typeof chooseReference>[0], 'o' | 'probes'>,
) {
  const wslGo = await wslGoOf(o)
  const windows = wslGo && windowsSideOf(wslGo)
  const { reference, undecided } = await chooseReference({
    ...c,
    o: windows ? { ...o, go: windows.version } : o,
    probes: o.platform === 'win32' ? probes.filter((p) => !isWsl(p.shell)) : probes,
  }).catch((err: unknown) => {
    throw windows ? windows.refused(err) : err
  })
  if (windows) reference.how = windows.how
  const wsl = wslExpectation(probes, wslGo?.go.goroot)
  return { reference, undecided, expected: referenceExpectation(reference, o.platform, wsl) }
}

/**
 * The `go env` a check shares, and what starts asking it early: the user's own shell
 * usually runs the reference, so its go is asked the moment that shell has answered, while
 * slower shells (pwsh) still start.
 */
function askingEarly(o: TerminalOptions, baseEnv: NodeJS.ProcessEnv, userShell?: ShellName) {
  const goEnv = sharedGoEnv(o.timeoutMs)
  const early = (p: ProbeResult) => {
    const program = p.shell === userShell ? programOf(p) : undefined
    if (program) void goEnv(program, askedEnv(baseEnv, p, program))
  }
  return { goEnv, early }
}

/** Where WSL mounts Windows' drives, for the rules (each distribution's wsl.conf may say more). */
const wslMountRoot = (o: TerminalOptions) => o.wsl?.rows[0]?.mountRoot

/** Every shell started as a new terminal starts it, in the session's environment. */
function probeNewTerminals(
  o: TerminalOptions,
  {
    env,
    envLater,
    shells,
    autorun,
    early,
  }: {
    /** the environment they start in, or (with `envLater`) the one the session starts from */
    env: NodeJS.ProcessEnv
    envLater?: Promise<NodeJS.ProcessEnv>
    shells: TerminalOptions['shells']
    autorun: AutorunValue[]
    early: (p: ProbeResult) => void
  },
) {
  const launch = (s: ShellName): Launch => ({
    mode: 'terminal',
    ...(s === 'cmd' ? { autorun } : {}),
  })
  return probeAll({
    platform: o.platform,
    env,
    envLater,
    shells,
    required: undefined,
    audience: 'terminal',
    launch,
    timeoutMs: o.timeoutMs,
    tempDir: o.tempDir,
    workingDirectory: o.workingDirectory,
    extraAdapters: Object.fromEntries(o.wsl?.rows.map((r) => [r.shell, r.adapter]) ?? []),
    unavailable: o.wsl?.unavailable,
    mountRoot: wslMountRoot(o),
    lookupEnv: shellLookup(o),
    onProgress: o.onProgress,
    onProbe: early,
  })
}

/** Each started shell's PATH entries and Go variables, with the start-up line that set them. */
function traceStartups(
  o: TerminalOptions,
  probes: ProbeResult[],
  { base, start, baseEnv }: { base: EnvLayer; start: StartEnvironment; baseEnv: NodeJS.ProcessEnv },
): ShellOrigins[] {
  const comparer = createComparer({ platform: o.platform, env: baseEnv, realpath: realpathOrNull })
  const startStyle = o.platform === 'win32' ? 'win32' : 'posix'
  return probes
    .filter((p) => p.status === 'ok' && p.view)
    .map((p) => {
      const traced = traceOrigins({
        shell: p.shell,
        start: base,
        trace: p.view!.trace,
        final: { path: p.view!.path, env: p.view!.env, kind: p.view!.kind },
        style: p.pathStyle,
        startStyle,
        sameEntry: (a, b) => comparer.entryKey(a, p.pathStyle) === comparer.entryKey(b, startStyle),
        home: homeOf(start.env, o.platform),
        layer: 'startup',
        isOwn: (f) => isOwnFile(f, o.tempDir),
        ...fishContext(p),
      })
      return isWsl(p.shell) && o.platform === 'win32' ? inWslWords(traced) : traced
    })
}

/** The rules' input: the reference Go's facts, the probes, and what only a terminal has. */
async function judgeInput(
  o: TerminalOptions,
  at: {
    start: StartEnvironment
    session?: Session
    baseEnv: NodeJS.ProcessEnv
    shells: TerminalOptions['shells']
    thisTerminal: ThisTerminal
  },
  probes: ProbeResult[],
  { reference, expected }: { reference: Reference; expected: Expected },
): Promise<{ input: CheckInput; layers: GoLayers }> {
  const facts = await gatherFacts({
    expected,
    goEnv: reference.goEnv,
    env: reference.env,
    platform: o.platform,
    timeoutMs: o.timeoutMs,
    workingDirectory: o.workingDirectory,
    checkModules: o.checkModules,
  })
  const terminal: TerminalFacts = {
    thisTerminal: at.thisTerminal,
    registry: at.start.registry,
    registryPath: o.platform === 'win32' ? at.start.path : undefined,
    registryGo: o.platform === 'win32' ? registryGos(at.start) : undefined,
    sessionProblem: at.session?.problem,
  }
  const checked = checkInput(
    {
      platform: o.platform,
      expected,
      shells: at.shells,
      required: undefined,
      env: at.baseEnv,
      mountRoot: wslMountRoot(o),
      audience: 'terminal',
      declared: o.declared,
    },
    probes,
    facts,
  )
  const layers: GoLayers = {
    goEnvFile: facts.goEnvFile,
    goDotEnv: facts.goDotEnv,
    home: homeOf(at.start.env, o.platform),
  }
  return { input: { ...checked, terminal }, layers }
}

/** A finding that says how a shell differs from the reference: none holds while it is undecided. */
function againstReference(f: Finding): boolean {
  const s = subjectOf(f)
  if (s?.kind === 'go-program' || s?.kind === 'path-entry') return true
  if (s?.kind === 'go-var' && ['GOROOT', 'GOPATH', 'GOBIN', 'GOTOOLCHAIN'].includes(s.name))
    return true
  return f.id === 'gomod-newer' || f.id === 'version-not-installed'
}

function undecidedFinding(u: NonNullable<ReferenceChoice['undecided']>, home: string): Finding {
  const list = u.candidates.map(
    (g, i) => `[${i + 1}] ${describeCandidate(g, (w) => shownPath(w, home))}`,
  )
  return finding('reference-undecided', [], `${u.why}: ${list.join('; ')}`, {
    audience: 'terminal',
  })
}
