/**
 * The Go every shell is held against: the one the user's own new terminal runs, or the one
 * --go names; and what every shell should then see.
 */
import path from 'node:path'
import { UNKNOWN } from '../../base/origin.js'
import type { ShellName } from '../../base/types.js'
import { GO_VARS, type ShellOrigins } from '../../attribution/origins.js'
import { realpathOrNull } from '../../check/run-check.js'
import type { Expected, RegistryGo } from '../../check/types.js'
import type { StartEnvironment } from '../start/start.js'
import { FindingError, InputError } from '../../findings/errors.js'
import { runGoEnv, type GoEnv } from '../../go/go-env.js'
import { compareGo, goToSemver, goVersionOf, isGoVersionName } from '../../go/gover.js'
import { exe } from '../../go/platform.js'
import { createComparer } from '../../paths/compare.js'
import { getVar } from '../../processes/env.js'
import { isProgram, pathCandidates } from '../../processes/which.js'
import type { ProbeResult } from '../../shells/types.js'
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
  const env = refEnv(c)
  if (!isGoVersionName(asked)) {
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
      entry: shell ? pathEntryOf(c, shell, program) : undefined,
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
    entry: pick.shell ? pathEntryOf(c, pick.shell, pick.program) : undefined,
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
export async function chooseReference(c: ReferenceContext): Promise<Reference> {
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
      entry: pathEntryOf(c, mine.shell, behind),
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
    entry: pathEntryOf(c, pick.shell, pick.runs!),
  }
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
