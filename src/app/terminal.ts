/**
 * The CLI's check of what a NEW terminal gets, wherever the CLI itself was started
 * (I/O; the decisions are pure functions elsewhere):
 *
 *   start environment ─▶ login session ─▶ each shell as a new terminal ─▶ reference Go
 *   (env/start.ts)       (Linux: $SHELL -l)  (traced start-ups)              (yours, or --go)
 *      ─▶ facts of that Go ─▶ rules ─▶ the origin of every cause, and this terminal compared
 *
 * Nothing is taken from this process's own environment but the user's identity, locale
 * and terminal, and, for the comparison, what this terminal has.
 */
import os from 'node:os'
import path from 'node:path'
import { UNKNOWN, type EnvLayer, type Origin } from '../base/origin.js'
import type { ShellName } from '../base/types.js'
import { attachOrigins, type GoLayers } from '../attribution/attribute.js'
import { GO_VARS, traceOrigins, type ShellOrigins } from '../attribution/origins.js'
import {
  checkInput,
  gatherFacts,
  probeAll,
  realpathOrNull,
  type CheckReport,
} from '../check/run-check.js'
import { evaluate } from '../check/rules/index.js'
import { buildSights } from '../check/sight.js'
import type { Expected, RegistryGo, TerminalFacts, ThisTerminal } from '../check/types.js'
import { readLoginEnvironment, readRegistryEnvironment } from '../env/read-start.js'
import type { StartEnvironment } from '../env/start.js'
import type { Finding } from '../findings/catalog.js'
import { FindingError, InputError } from '../findings/errors.js'
import { runGoEnv, type GoEnv } from '../go/go-env.js'
import { readGoEnvFile } from '../check/facts.js'
import { compareGo, goToSemver, goVersionOf } from '../go/gover.js'
import { exe } from '../go/platform.js'
import { createComparer } from '../paths/compare.js'
import { getVar } from '../proc/env.js'
import { ancestorsOf, listProcesses } from '../proc/process-tree.js'
import { AUTORUN_KEYS, parseRegValue, regQuery } from '../proc/registry.js'
import { isProgram, pathCandidates, pathOf, whichAll } from '../proc/which.js'
import { adapterFor, probeShell } from '../shells/probe.js'
import type { Launch, ProbeResult } from '../shells/types.js'
import { wslExpected, type WslSetup } from '../wsl/setup.js'

export interface TerminalOptions {
  platform: NodeJS.Platform
  /** this process's environment: the user, locale and terminal; and this terminal's view */
  env: NodeJS.ProcessEnv
  shells: 'auto' | ShellName[]
  /** --go: the Go the user wants every shell to run (a path or a version) */
  go?: string
  timeoutMs: number
  tempDir: string
  workingDirectory: string
  checkModules: boolean
  onProgress?: (shell: ShellName, state: 'started' | 'done') => void
  wsl?: WslSetup
}

/** The Go every shell is held against, and where it came from. */
export interface Reference {
  program: string
  goEnv: GoEnv
  /** the environment it was asked `go env` in (its shell's new terminal) */
  env: NodeJS.ProcessEnv
  /** whose new terminal runs it */
  shell?: ShellName
  /** in words: why this one */
  how: string
  /** the PATH entry that holds it in that terminal, and who put it there */
  entry?: { entry: string; origin: Origin }
}

export interface TerminalRun {
  start: StartEnvironment
  userShell: { name?: ShellName; path: string }
  session?: { shell: ShellName; probe: ProbeResult; origins?: ShellOrigins }
  report: CheckReport
  origins: ShellOrigins[]
  reference: Reference
  expected: Expected
  findings: Finding[]
  /** per finding (same order): the origin of its cause, when known */
  findingOrigins: Array<Origin | undefined>
  thisTerminal: ThisTerminal
}

/** The shell a name (`/usr/bin/zsh`, `dash`, `pwsh.exe`) stands for here. */
export function shellNameOf(file: string | undefined): ShellName | undefined {
  const base = path
    .basename(file ?? '')
    .replace(/\.exe$/i, '')
    .toLowerCase()
  if (base === 'bash' || base === 'zsh' || base === 'fish' || base === 'pwsh') return base
  if (base === 'sh' || base === 'dash' || base === 'ash' || base === 'ksh') return 'sh'
  if (base === 'powershell') return 'powershell'
  if (base === 'cmd') return 'cmd'
  return undefined
}

// ---- the start: the login environment and session, or the registry

async function startEnvironment(o: TerminalOptions): Promise<StartEnvironment> {
  return o.platform === 'win32'
    ? readRegistryEnvironment(o.env)
    : readLoginEnvironment(o.env, o.platform)
}

interface Session {
  env: NodeJS.ProcessEnv
  layer: EnvLayer
  shell: ShellName
  probe: ProbeResult
  origins?: ShellOrigins
  problem?: string
}

/**
 * Linux: a desktop session (GNOME, KDE) and an ssh login start with the user's login
 * shell reading its login files; the terminals opened in it inherit that environment.
 * Here that shell runs as a login shell from the login environment, traced, and its whole
 * environment is kept. A shell that cannot run a traced session (pwsh, an unknown one)
 * is replaced by sh, which reads the same /etc/profile and ~/.profile.
 */
async function loginSession(
  start: StartEnvironment,
  o: TerminalOptions,
): Promise<Session | undefined> {
  if (o.platform === 'win32' || o.platform === 'darwin') return undefined
  const named = shellNameOf(start.env.SHELL)
  const shell: ShellName = named === 'bash' || named === 'zsh' || named === 'fish' ? named : 'sh'
  const adapter = adapterFor(shell, o.platform)!
  const probe = await probeShell(adapter, {
    env: start.env,
    platform: o.platform,
    tempDir: o.tempDir,
    cwd: o.workingDirectory,
    timeoutMs: o.timeoutMs,
    launch: { mode: 'session' },
    lookupEnv: shellLookup(o),
  })
  const dump = probe.view?.envDump
  if (probe.status !== 'ok' || !dump || !probe.view) {
    return {
      env: start.env,
      layer: start,
      shell,
      probe,
      problem: `the login session (${shell} as a login shell) did not start: ${probe.detail ?? probe.status}; the terminals were started from the login environment alone`,
    }
  }
  const origins = traceOrigins({
    shell,
    start,
    trace: probe.view.trace,
    final: { path: probe.view.path, env: probe.view.env, kind: probe.view.kind },
    style: 'posix',
    startStyle: 'posix',
    sameEntry: (a, b) => a === b,
    home: start.env.HOME ?? '',
    layer: 'session',
    isOwn: (f) => isOwnFile(f, o.tempDir),
    ...fishContext(probe),
  })
  return { env: dump, layer: origins.layer, shell, probe, origins }
}

/** This tool's probe and start-up scripts live in its temp folder. */
const isOwnFile = (file: string, tempDir: string) =>
  file.startsWith(tempDir) || /[\\/]probe-[a-z]+-GPA[0-9a-f]+\.[a-z0-9]+$/.test(file)

const fishContext = (p: ProbeResult) => ({
  fishDataDir: p.view?.trace?.fish?.dataDir,
  fishUserPaths: p.view?.trace?.fish?.userPaths,
})

/** cmd's AutoRun values, HKLM then HKCU, as a terminal's cmd runs them. */
async function readAutorun(env: NodeJS.ProcessEnv): Promise<Array<{ key: string; value: string }>> {
  const values = await Promise.all(
    AUTORUN_KEYS.map(async (key) => {
      const r = await regQuery(env, key, 'AutoRun')
      const v = r.ok ? parseRegValue(r.stdout, 'AutoRun') : null
      return v && v.data.trim() ? { key: key as string, value: v.data } : null
    }),
  )
  return values.filter((v): v is { key: string; value: string } => !!v)
}

// ---- the reference

/** The go folder of a PATH entry, and the program in it (PATHEXT order on Windows). */
function goIn(
  entry: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): string | undefined {
  const pathext = platform === 'win32' ? getVar(env, 'PATHEXT', platform) : undefined
  return pathCandidates('go', [entry], platform, pathext).find((p) => isProgram(p, platform))
}

/** A terminal's environment with the shell's own Go variables, for asking its go. */
function shellEnv(base: NodeJS.ProcessEnv, p: ProbeResult): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...base }
  for (const n of GO_VARS) {
    const v = p.view?.env[n]
    if (v == null) delete out[n]
    else out[n] = v
  }
  if (p.view?.path) out.PATH = p.view.path
  return out
}

async function askGo(program: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<GoEnv> {
  const r = await runGoEnv(program, env, timeoutMs)
  if (!r.ok) throw new FindingError('go-unusable', `${program} does not work: ${r.error}`)
  return r.env
}

/** `--go /usr/local/go`, `--go /usr/local/go/bin/go`: the program it names. */
function programAt(p: string, platform: NodeJS.Platform): string | undefined {
  const m = platform === 'win32' ? path.win32 : path.posix
  for (const c of [p, m.join(p, 'bin', exe('go', platform)), m.join(p, exe('go', platform))]) {
    if (isProgram(c, platform)) return c
  }
  return undefined
}

const looksLikeVersion = (v: string) => /^(go)?\d+(\.\d+){0,2}((rc|beta)\d+)?$/.test(v)

/** The version asked for matches: `1.22` is any 1.22.x, `1.22.5` that one. */
export function versionMatches(asked: string, goversion: string | undefined): boolean {
  const have = goVersionOf(goversion)
  const want = asked.replace(/^go/, '')
  if (!have) return false
  if (want.split('.').length >= 3 || /rc|beta/.test(want)) return goToSemver(want) === have
  return have === goToSemver(want) || have.startsWith(`${want}.`)
}

interface ReferenceContext {
  o: TerminalOptions
  probes: ProbeResult[]
  origins: ShellOrigins[]
  userShell?: ShellName
  baseEnv: NodeJS.ProcessEnv
  start: StartEnvironment
}

const comparerFor = (c: ReferenceContext) =>
  createComparer({ platform: c.o.platform, env: c.baseEnv, realpath: realpathOrNull })
const hostStyle = (platform: NodeJS.Platform) => (platform === 'win32' ? 'win32' : 'posix')

/** The shell whose new terminal has this program on PATH (compared as programs, links resolved). */
function shellWith(c: ReferenceContext, program: string): ShellName | undefined {
  const cmp = comparerFor(c)
  const key = cmp.programKey(program, hostStyle(c.o.platform))
  const has = (p: ProbeResult) =>
    p.hits.go.some((h) => cmp.programKey(h, hostStyle(c.o.platform)) === key)
  return (c.probes.find((p) => p.shell === c.userShell && has(p)) ?? c.probes.find(has))?.shell
}

/** The PATH entry that holds a program in a shell, with its traced origin. */
function entryOf(c: ReferenceContext, shell: ShellName, program: string) {
  const p = c.probes.find((x) => x.shell === shell)
  const o = c.origins.find((x) => x.shell === shell)
  if (!p || !o) return undefined
  const comparer = comparerFor(c)
  const dir = comparer.dirKey(path.dirname(program), hostStyle(c.o.platform))
  const at = p.pathEntries.findIndex((e) => comparer.dirKey(e, p.pathStyle) === dir)
  return at < 0 ? undefined : { entry: p.pathEntries[at], origin: o.entries[at]?.origin ?? UNKNOWN }
}

/** Every distinct go program any new terminal has on PATH, with its version. */
async function everyGo(
  c: ReferenceContext,
): Promise<Array<{ program: string; shell?: ShellName; goEnv?: GoEnv }>> {
  const seen = new Map<string, { program: string; shell?: ShellName; goEnv?: GoEnv }>()
  for (const p of c.probes) {
    for (const h of p.hits.go) if (!seen.has(h)) seen.set(h, { program: h, shell: p.shell })
  }
  const base =
    c.o.platform === 'win32' ? c.start.path.map((e) => goIn(e.entry, c.start.env, 'win32')) : []
  for (const b of base) if (b && !seen.has(b)) seen.set(b, { program: b })
  return Promise.all(
    [...seen.values()].map(async (g) => {
      const r = await runGoEnv(g.program, c.baseEnv, c.o.timeoutMs, ['GOROOT', 'GOVERSION'])
      return r.ok ? { ...g, goEnv: r.env } : g
    }),
  )
}

async function chosenByFlag(c: ReferenceContext, asked: string): Promise<Reference> {
  const env = refEnv(c)
  if (!looksLikeVersion(asked)) {
    const program = programAt(path.resolve(asked), c.o.platform)
    if (!program)
      throw new InputError(
        `--go: ${JSON.stringify(asked)} is neither a go program, a Go folder nor a version (1.22, 1.22.5, go1.22.5)`,
      )
    const shell = shellWith(c, program)
    return {
      program,
      goEnv: await askGo(program, env, c.o.timeoutMs),
      env,
      shell,
      how: `--go ${asked}`,
      entry: shell ? entryOf(c, shell, program) : undefined,
    }
  }
  const all = await everyGo(c)
  const matching = all
    .filter((g) => versionMatches(asked, g.goEnv?.GOVERSION))
    .sort(
      (a, b) =>
        -(compareGo(goVersionOf(a.goEnv!.GOVERSION)!, goVersionOf(b.goEnv!.GOVERSION)!) ?? 0),
    )
  const pick = matching[0]
  if (!pick) {
    const found = all
      .map((g) => `${g.goEnv?.GOVERSION ?? 'a go that does not run'} at ${g.program}`)
      .join(', ')
    throw new InputError(
      `--go: no Go ${asked} is on any new terminal's PATH (found: ${found || 'none'})`,
    )
  }
  return {
    program: pick.program,
    goEnv: await askGo(pick.program, env, c.o.timeoutMs),
    env,
    shell: pick.shell,
    how: `--go ${asked}`,
    entry: pick.shell ? entryOf(c, pick.shell, pick.program) : undefined,
  }
}

/** The environment of the user's shell's new terminal (the base one when it did not start). */
function refEnv(c: ReferenceContext): NodeJS.ProcessEnv {
  const p = c.probes.find((x) => x.shell === c.userShell && x.status === 'ok')
  return p ? shellEnv(c.baseEnv, p) : c.baseEnv
}

/**
 * By default the Go a new terminal of the user's own shell runs ($SHELL; on Windows the
 * first go on the PATH the registry gives a new terminal); when that shell has none, the
 * first shell (in the order probed) that has one, and the report says so.
 */
async function chooseReference(c: ReferenceContext): Promise<Reference> {
  if (c.o.go) return chosenByFlag(c, c.o.go)
  if (c.o.platform === 'win32') {
    for (const e of c.start.path) {
      const program = goIn(e.entry, c.start.env, 'win32')
      if (!program) continue
      return {
        program,
        goEnv: await askGo(program, c.start.env, c.o.timeoutMs),
        env: c.start.env,
        how: 'the first go on the PATH a new terminal gets from the registry',
        entry: { entry: e.entry, origin: e.origin },
      }
    }
  }
  const ok = (p: ProbeResult) => p.status === 'ok' && !!p.runs && !!p.goEnv
  const mine = c.probes.find((p) => p.shell === c.userShell)
  const pick = mine && ok(mine) ? mine : c.probes.find(ok)
  // the user's go is an alias or a function: the first go program on that terminal's PATH
  const behind = mine?.status === 'ok' && !ok(mine) ? mine.hits.go[0] : undefined
  if (behind && mine) {
    const env = shellEnv(c.baseEnv, mine)
    return {
      program: behind,
      goEnv: await askGo(behind, env, c.o.timeoutMs),
      env,
      shell: mine.shell,
      how: `the first go on a new ${mine.shell} terminal's PATH (your shell; go itself is ${mine.view?.kind === 'alias' ? 'an alias' : 'a function'} there)`,
      entry: entryOf(c, mine.shell, behind),
    }
  }
  if (!pick) {
    throw new FindingError('go-not-found', 'no new terminal of any shell finds a go on its PATH', {
      audience: 'terminal',
    })
  }
  const why =
    pick === mine
      ? `the go a new ${pick.shell} terminal runs (your shell${c.userShell ? `, $SHELL` : ''})`
      : `the go a new ${pick.shell} terminal runs (your shell${c.userShell ? `, ${c.userShell},` : ''} ${mine ? (mine.status === 'ok' ? 'runs no go program' : `did not start: ${mine.detail ?? mine.status}`) : 'is not known'})`
  return {
    program: pick.runs!,
    goEnv: pick.goEnv!,
    env: shellEnv(c.baseEnv, pick),
    shell: pick.shell,
    how: why,
    entry: entryOf(c, pick.shell, pick.runs!),
  }
}

/** What every shell should see: the reference's GOROOT, GOPATH (GOBIN), GOTOOLCHAIN, version. */
export function expectedOf(
  r: Reference,
  platform: NodeJS.Platform,
  wsl?: Expected['perShell'],
): Expected {
  const p = platform === 'win32' ? path.win32 : path.posix
  const goroot = r.goEnv.GOROOT ?? p.dirname(p.dirname(r.program))
  const gopath = r.goEnv.GOPATH ?? ''
  const first = gopath.split(p.delimiter)[0] ?? ''
  return {
    label: 'reference',
    goroot,
    gopath,
    gotoolchain: r.goEnv.GOTOOLCHAIN ?? null,
    version: goVersionOf(r.goEnv.GOVERSION) ?? '',
    decidedBy: r.how,
    goBinary: r.program,
    gorootBin: p.join(goroot, 'bin'),
    gopathBin: r.goEnv.GOBIN || p.join(first, 'bin'),
    perShell: wsl,
  }
}

// ---- this terminal

/**
 * The shell this command was typed into: the nearest parent that is a shell, passing over
 * the `sh -c` an npm script runs in.
 */
function parentShell(platform: NodeJS.Platform): ShellName | undefined {
  if (platform === 'win32') return undefined
  const chain = ancestorsOf(process.pid, listProcesses(platform))
  for (const [i, p] of chain.entries()) {
    const name = shellNameOf(p.name)
    if (!name) continue
    const parent = chain[i + 1]?.name ?? ''
    if (name === 'sh' && /^(node|npm|npx|yarn|pnpm)/.test(parent)) continue
    return name
  }
  return undefined
}

export function thisTerminalFacts(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): ThisTerminal {
  const hits = whichAll('go', env, platform)
  return {
    runs: hits[0],
    hits,
    path: pathOf(env, platform) ?? '',
    env: Object.fromEntries(GO_VARS.map((n) => [n, getVar(env, n, platform) ?? null])),
    shell: parentShell(platform),
    vscode: getVar(env, 'TERM_PROGRAM', platform) === 'vscode',
    windowsTerminal: !!getVar(env, 'WT_SESSION', platform),
  }
}

/** Windows: the registry PATH's entries that hold a go, in a new terminal's order. */
function registryGos(start: StartEnvironment): RegistryGo[] {
  return start.path.flatMap((e) => {
    const program = goIn(e.entry, start.env, 'win32')
    const key = e.origin.registry?.key ?? ''
    const scope = /^HKLM/i.test(key) ? 'machine' : /volatile/i.test(key) ? 'volatile' : 'user'
    return program ? [{ entry: e.entry, program, scope } as RegistryGo] : []
  })
}

/**
 * Where to look for a shell a new terminal's PATH lacks: this terminal's PATH, then the
 * places shells are installed to (so that the answer does not depend on where the CLI was
 * started): the .NET tools folder (pwsh), PowerShell's own folder, Homebrew, snap.
 */
function shellLookup(o: TerminalOptions): NodeJS.ProcessEnv {
  if (o.platform === 'win32') return o.env
  const homes = [...new Set([o.env.HOME, accountHome()].filter((h): h is string => !!h))]
  const known = [
    ...homes.map((h) => path.posix.join(h, '.dotnet', 'tools')),
    '/opt/microsoft/powershell/7',
    '/usr/local/bin',
    '/opt/homebrew/bin',
    '/snap/bin',
    '/usr/bin',
    '/bin',
  ]
  return { ...o.env, PATH: [pathOf(o.env, o.platform) ?? '', ...known].filter(Boolean).join(':') }
}

function accountHome(): string | undefined {
  try {
    return os.userInfo().homedir
  } catch {
    return undefined
  }
}

// ---- the whole check

export async function checkNewTerminals(o: TerminalOptions): Promise<TerminalRun> {
  const start = await startEnvironment(o)
  const session = await loginSession(start, o)
  const base: EnvLayer = session?.layer ?? start
  const baseEnv = session?.env ?? start.env
  const userShell = o.platform === 'win32' ? undefined : shellNameOf(start.env.SHELL)
  const autorun = o.platform === 'win32' ? await readAutorun(o.env) : []
  const shells =
    o.shells === 'auto' || !userShell || o.shells.includes(userShell)
      ? o.shells
      : [...o.shells, userShell]
  const launch = (s: ShellName): Launch => ({
    mode: 'terminal',
    ...(s === 'cmd' ? { autorun } : {}),
  })
  const { probes, adapters } = await probeAll({
    platform: o.platform,
    env: baseEnv,
    shells,
    required: userShell && o.shells !== 'auto' ? [userShell] : undefined,
    audience: 'terminal',
    launch,
    timeoutMs: o.timeoutMs,
    tempDir: o.tempDir,
    workingDirectory: o.workingDirectory,
    extraAdapters: { wsl: o.wsl?.adapter ?? null },
    unavailable: o.wsl?.unavailable ? { wsl: o.wsl.unavailable } : undefined,
    mountRoot: o.wsl?.mountRoot,
    lookupEnv: shellLookup(o),
    onProgress: o.onProgress,
  })
  const comparer = createComparer({ platform: o.platform, env: baseEnv, realpath: realpathOrNull })
  const startStyle = o.platform === 'win32' ? 'win32' : 'posix'
  const origins = probes
    .filter((p) => p.status === 'ok' && p.view)
    .map((p) =>
      traceOrigins({
        shell: p.shell,
        start: base,
        trace: p.view!.trace,
        final: { path: p.view!.path, env: p.view!.env, kind: p.view!.kind },
        style: p.pathStyle,
        startStyle,
        sameEntry: (a, b) => comparer.entryKey(a, p.pathStyle) === comparer.entryKey(b, startStyle),
        home: start.env.HOME ?? start.env.USERPROFILE ?? '',
        layer: 'startup',
        isOwn: (f) => isOwnFile(f, o.tempDir),
        ...fishContext(p),
      }),
    )
  const reference = await chooseReference({ o, probes, origins, userShell, baseEnv, start })
  const expected = expectedOf(
    reference,
    o.platform,
    o.wsl?.tree ? { wsl: wslExpected(o.wsl.tree) } : undefined,
  )
  const facts = await gatherFacts({
    expected,
    goEnv: reference.goEnv,
    env: reference.env,
    platform: o.platform,
    timeoutMs: o.timeoutMs,
    workingDirectory: o.workingDirectory,
    checkModules: o.checkModules,
  })
  const thisTerminal = thisTerminalFacts(o.env, o.platform)
  const terminal: TerminalFacts = {
    thisTerminal,
    registry: start.registry,
    registryPath: o.platform === 'win32' ? start.path : undefined,
    registryGo: o.platform === 'win32' ? registryGos(start) : undefined,
    sessionProblem: session?.problem,
  }
  const input = {
    ...checkInput(
      {
        platform: o.platform,
        expected,
        shells,
        required: undefined,
        env: baseEnv,
        mountRoot: o.wsl?.mountRoot,
        audience: 'terminal',
      },
      probes,
      facts,
    ),
    terminal,
  }
  const goDotEnv = await readGoEnvFile(path.join(expected.goroot, 'go.env'))
  const layers: GoLayers = {
    goEnvFile: facts.goEnvFile,
    goDotEnv,
    home: start.env.HOME ?? start.env.USERPROFILE ?? '',
  }
  const attached = attachOrigins(evaluate(input), buildSights(input), origins, layers)
  return {
    start,
    userShell: { name: userShell, path: start.env.SHELL ?? '' },
    session: session && { shell: session.shell, probe: session.probe, origins: session.origins },
    report: { findings: attached.findings, probes, input, adapters },
    origins,
    reference,
    expected,
    findings: attached.findings,
    findingOrigins: attached.origins,
    thisTerminal,
  }
}
