/**
 * The Go every shell is held against, declared or chosen, never guessed: the one --go names;
 * else, among the Gos new terminals run (candidates.ts), the one every terminal runs, or the
 * only one that works, or the only one that satisfies what is declared (a GOTOOLCHAIN in
 * .go-env, go.mod's toolchain or go line). Where more than one is left, none is called right:
 * the choice is undecided, and the report lists them. GOROOT is always the chosen Go's own
 * tree, whatever a shell exports.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { UNKNOWN } from '../../base/origin.js'
import type { ShellName } from '../../base/types.js'
import { GO_VARS, type ShellOrigins } from '../../attribution/origins.js'
import { realpathOrNull } from '../../check/run-check.js'
import type { Expected, RegistryGo } from '../../check/types.js'
import type { StartEnvironment } from '../start/start.js'
import { FindingError, InputError } from '../../findings/errors.js'
import { runGoEnv, type GoEnv, type GoEnvAnswer } from '../../go/go-env.js'
import { compareGo, goToSemver, goVersionOf, isGoVersionName } from '../../go/gover.js'
import { exe } from '../../go/platform.js'
import { createComparer } from '../../paths/compare.js'
import { getVar } from '../../processes/env.js'
import { isProgram, pathCandidates } from '../../processes/which.js'
import type { ProbeResult } from '../../shells/types.js'
import { candidatesOf, needOf, satisfiesNeed, type Candidate } from './candidates.js'
import type { Reference, TerminalOptions } from './types.js'

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

async function askGo(c: ReferenceContext, program: string, env: NodeJS.ProcessEnv): Promise<GoEnv> {
  const r = await (c.goEnv ?? sharedGoEnv(c.o.timeoutMs))(program, env)
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

/** The version asked for matches: `1.22` is any 1.22.x, `1.22.5` that one. */
export function versionMatches(asked: string, goversion: string | undefined): boolean {
  const have = goVersionOf(goversion)
  const want = asked.replace(/^go/, '')
  if (!have) return false
  if (want.split('.').length >= 3 || /rc|beta/.test(want)) return goToSemver(want) === have
  return have === goToSemver(want) || have.startsWith(`${want}.`)
}

export interface ReferenceContext {
  o: TerminalOptions
  probes: ProbeResult[]
  origins: ShellOrigins[]
  userShell?: ShellName
  baseEnv: NodeJS.ProcessEnv
  start: StartEnvironment
  /** `go env` of a program in an environment (default: asked now; a check may have asked early) */
  goEnv?: GoEnvAsker
}

/** Asks a go program `go env -json` in an environment. */
export type GoEnvAsker = (program: string, env: NodeJS.ProcessEnv) => Promise<GoEnvAnswer>

/**
 * The asker a check shares: each program and environment asked once, so that the
 * reference's `go env` can start while slower shells still start (the answer is the same).
 */
export function sharedGoEnv(timeoutMs: number): GoEnvAsker {
  const asked = new Map<string, Promise<GoEnvAnswer>>()
  return (program, env) => {
    const key = JSON.stringify([program, Object.entries(env).sort(([a], [b]) => (a < b ? -1 : 1))])
    let answer = asked.get(key)
    if (!answer) {
      answer = runGoEnv(program, env, timeoutMs)
      asked.set(key, answer)
    }
    return answer
  }
}

/**
 * The environment a go is asked `go env` in as a shell's new terminal has it: the shell's
 * own Go variables, and GOROOT its own tree (or none, for a go that is no tree's).
 */
export function askedEnv(
  base: NodeJS.ProcessEnv,
  p: ProbeResult | undefined,
  program: string,
): NodeJS.ProcessEnv {
  const asked = p ? shellEnv(base, p) : { ...base }
  const root = ownRoot(program)
  if (root) asked.GOROOT = root
  else delete asked.GOROOT
  return asked
}

const comparerFor = (c: ReferenceContext) =>
  createComparer({ platform: c.o.platform, env: c.baseEnv, realpath: realpathOrNull })
const hostStyle = (platform: NodeJS.Platform) => (platform === 'win32' ? 'win32' : 'posix')

/** The shell whose new terminal has this program on PATH (compared as programs, links resolved). */
function shellWith(c: ReferenceContext, program: string): ShellName | undefined {
  const cmp = comparerFor(c)
  const key = cmp.programKey(program, hostStyle(c.o.platform))
  const runs = (p: ProbeResult) =>
    !!p.runs && cmp.programKey(p.runs, hostStyle(c.o.platform)) === key
  const has = (p: ProbeResult) =>
    p.hits.go.some((h) => cmp.programKey(h, hostStyle(c.o.platform)) === key)
  return (c.probes.find(runs) ?? c.probes.find(has))?.shell
}

/** The PATH entry that holds a program in a shell, with its traced origin. */
function pathEntryOf(c: ReferenceContext, shell: ShellName, program: string) {
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
  if (!isGoVersionName(asked)) {
    const program = programAt(path.resolve(asked), c.o.platform)
    if (!program)
      throw new InputError(
        `--go: ${JSON.stringify(asked)} is neither a go program, a Go folder nor a version (1.22, 1.22.5, go1.22.5)`,
      )
    return referenceOf(c, program, shellWith(c, program), `--go ${asked}`)
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
  return referenceOf(c, pick.program, pick.shell ?? shellWith(c, pick.program), `--go ${asked}`)
}

/** The tree a go program belongs to: `<root>/bin/go` whose root holds pkg/tool (links resolved). */
function ownRoot(program: string): string | undefined {
  const real = realpathOrNull(program) ?? program
  const root = path.dirname(path.dirname(real))
  return existsSync(path.join(root, 'pkg', 'tool')) ? root : undefined
}

/** `go env` of a go as a new terminal of `shell` has it, its GOROOT its own tree. */
async function referenceOf(
  c: ReferenceContext,
  program: string,
  shell: ShellName | undefined,
  how: string,
): Promise<Reference> {
  const p = c.probes.find((x) => x.shell === shell && x.status === 'ok')
  const env = p ? shellEnv(c.baseEnv, p) : c.baseEnv
  return {
    program,
    goEnv: await askGo(c, program, askedEnv(c.baseEnv, p, program)),
    env,
    shell,
    how,
    entry: shell ? pathEntryOf(c, shell, program) : undefined,
  }
}

/** Gos on new terminals' PATHs (and the registry's) that none runs but that work, as candidates. */
async function workingSpare(c: ReferenceContext, run: readonly Candidate[]): Promise<Candidate[]> {
  const cmp = comparerFor(c)
  const style = hostStyle(c.o.platform)
  const taken = new Set(run.map((g) => cmp.programKey(g.program, style)))
  const out: Candidate[] = []
  for (const g of await everyGo(c)) {
    const key = cmp.programKey(g.program, style)
    const version = goVersionOf(g.goEnv?.GOVERSION)
    if (taken.has(key) || !version) continue
    taken.add(key)
    out.push({
      program: g.program,
      version,
      shells: [],
      origin: (g.shell && pathEntryOf(c, g.shell, g.program)?.origin) || UNKNOWN,
      goEnv: g.goEnv,
    })
  }
  return out
}

/** A reference, and when nothing declared which Go and the terminals disagree, why not. */
export interface ReferenceChoice {
  reference: Reference
  /** none is called right: the report lists every candidate (the reference is the first, provisionally) */
  undecided?: { why: string; candidates: Candidate[] }
}

export async function chooseReference(c: ReferenceContext): Promise<ReferenceChoice> {
  if (c.o.go) return { reference: await chosenByFlag(c, c.o.go) }
  const all = candidatesOf(c.probes, c.origins, c.o.platform, c.baseEnv, c.userShell)
  const from = (g: Candidate, how: string) => referenceOf(c, g.program, g.shells[0], how)
  const usable = await usableGos(c, all)
  if (usable.length === 0) {
    return { reference: await from(all[0], 'the go new terminals run (none works)') }
  }
  if (usable.length === 1) {
    const g = usable[0]
    const how =
      g.shells.length === 0
        ? `the only go on new terminals' PATHs that works (${all.length ? 'the one they run does not' : 'none runs it'})`
        : all.length === 1
          ? 'the go every new terminal runs'
          : 'the only go new terminals run that works'
    return { reference: await from(g, how) }
  }
  const need = needOf(c.o.declared, c.o.workingDirectory, c.baseEnv.GOWORK)
  const qualifying = need ? usable.filter((g) => satisfiesNeed(g.version, need)) : usable
  if (qualifying.length === 1) {
    const how = `the only go new terminals run that satisfies ${need!.by}`
    return { reference: await from(qualifying[0], how) }
  }
  const why =
    qualifying.length === 0
      ? `new terminals run ${usable.length} different Gos and none satisfies ${need!.by}`
      : `new terminals run ${qualifying.length} different Gos${need ? ` that satisfy ${need.by}` : ''}, and nothing declares which one every shell should run`
  return {
    reference: await from(qualifying[0] ?? usable[0], 'none chosen'),
    undecided: { why, candidates: all },
  }
}

/**
 * The Gos that can stand for every shell: those new terminals run that work; when none
 * does (or none runs one), a working Go further down their PATHs or on the PATH the
 * registry gives a new terminal. No go anywhere is go-not-found, naming what each shell did.
 */
async function usableGos(c: ReferenceContext, all: Candidate[]): Promise<Candidate[]> {
  const healthy = all.filter((g) => !g.broken)
  if (healthy.length > 0) return healthy
  const spare = await workingSpare(c, all)
  if (spare.length > 0 || all.length > 0) return spare
  const seen = c.probes.map(
    (p) =>
      `${p.shell}: ${p.status === 'ok' ? 'no go' : `${p.status}${p.detail ? `, ${p.detail}` : ''}`}`,
  )
  throw new FindingError(
    'go-not-found',
    `no new terminal of any shell finds a go on its PATH (${seen.join('; ') || 'no shell started'})`,
    { audience: 'terminal' },
  )
}

/** What every shell should see: the reference's GOROOT, GOPATH (GOBIN), GOTOOLCHAIN, version. */
export function referenceExpectation(
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

/** Windows: the registry PATH's entries that hold a go, in a new terminal's order. */
export function registryGos(start: StartEnvironment): RegistryGo[] {
  return start.path.flatMap((e) => {
    const program = goIn(e.entry, start.env, 'win32')
    const key = e.origin.registry?.key ?? ''
    const scope = /^HKLM/i.test(key) ? 'machine' : /volatile/i.test(key) ? 'volatile' : 'user'
    return program ? [{ entry: e.entry, program, scope } as RegistryGo] : []
  })
}
