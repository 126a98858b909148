/**
 * The Gos new terminals run, as candidates for the reference (I/O: a look at each Go's tree):
 * each distinct go program a new terminal runs (the first go behind an alias or a function
 * named go), with its version, the shells that run it, where its PATH entry came from, and
 * its health; and what a declaration asks of them (go.mod's toolchain or go line, a declared
 * GOTOOLCHAIN).
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { UNKNOWN, type Origin } from '../../base/origin.js'
import type { ShellName } from '../../base/types.js'
import type { ShellOrigins } from '../../attribution/origins.js'
import { realpathOrNull } from '../../check/run-check.js'
import { declaredToolchain, type Declared } from '../../go/declared.js'
import type { GoEnv } from '../../go/go-env.js'
import { parseGoMod } from '../../go/gomod.js'
import { compareGo, goToSemver, goVersionOf } from '../../go/gover.js'
import { exe } from '../../go/platform.js'
import { moduleMode } from '../../go/workspace.js'
import { createComparer } from '../../paths/compare.js'
import type { ProbeResult } from '../../shells/types.js'

export interface Candidate {
  /** the go program, a host path */
  program: string
  /** its version (semver), when its go answered */
  version?: string
  /** why it is not a Go to hold every shell to (a toolchain anomaly); undefined: healthy */
  broken?: string
  /** the shells whose new terminal runs it, in the order probed */
  shells: ShellName[]
  /** where its PATH entry came from, in the first of them */
  origin: Origin
  /** its go env, as a new terminal of the first of them answered */
  goEnv?: GoEnv
}

/** What a declaration asks of the reference: a version exactly, or at least. */
export interface Need {
  exact?: string
  atLeast?: string
  /** in words: `go.mod's toolchain go1.22.5 (go.mod:5)`, `.go-env's GOTOOLCHAIN=go1.22.5` */
  by: string
}

const hostStyle = (platform: NodeJS.Platform) => (platform === 'win32' ? 'win32' : 'posix')

/** The go a new terminal of this shell runs: its program, or the first go behind an alias or function. */
export const programOf = (p: ProbeResult) =>
  p.status !== 'ok' ? undefined : (p.runs ?? (p.view?.kind !== 'none' ? p.hits.go[0] : undefined))

/** Why a Go tree cannot stand for every shell: its go does not answer, or its tools are missing. */
function brokenTree(p: ProbeResult, platform: NodeJS.Platform): string | undefined {
  const e = p.goEnv
  if (!e?.GOVERSION || !goVersionOf(e.GOVERSION)) {
    return `its go does not answer \`go env\`${p.goEnvError ? ` (${p.goEnvError.split('\n')[0]})` : ''}`
  }
  if (!p.runs) return undefined // behind an alias: its tree is the program's
  if (e.GOTOOLDIR && !existsSync(e.GOTOOLDIR)) return `its tool folder ${e.GOTOOLDIR} is missing`
  if (e.GOROOT && !existsSync(path.join(e.GOROOT, 'bin', exe('gofmt', platform))))
    return `gofmt is missing from ${e.GOROOT}`
  return undefined
}

/**
 * Every Go a new terminal runs, one candidate each (the same program through a link is one).
 * Of the shells that run one Go, the user's own ($SHELL) comes first: its new terminal is
 * the one whose GOPATH and settings stand for that Go.
 */
export function candidatesOf(
  probes: readonly ProbeResult[],
  origins: readonly ShellOrigins[],
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  userShell?: ShellName,
): Candidate[] {
  const cmp = createComparer({ platform, env, realpath: realpathOrNull })
  const byKey = new Map<string, Candidate>()
  const mineFirst = [...probes].sort(
    (a, b) => Number(b.shell === userShell) - Number(a.shell === userShell),
  )
  for (const p of mineFirst) {
    const program = programOf(p)
    if (!program) continue
    const key = cmp.programKey(program, hostStyle(platform))
    const known = byKey.get(key)
    if (known) {
      known.shells.push(p.shell)
      continue
    }
    const o = origins.find((x) => x.shell === p.shell)
    const dir = cmp.dirKey(path.dirname(program), hostStyle(platform))
    const at = p.pathEntries.findIndex((e) => cmp.dirKey(e, p.pathStyle) === dir)
    byKey.set(key, {
      program,
      version: goVersionOf(p.goEnv?.GOVERSION) ?? undefined,
      broken: brokenTree(p, platform),
      shells: [p.shell],
      origin: (at >= 0 ? o?.entries[at]?.origin : undefined) ?? UNKNOWN,
      goEnv: p.goEnv,
    })
  }
  return [...byKey.values()]
}

/** Whether a candidate's version satisfies a need. */
export function satisfiesNeed(version: string | undefined, need: Need): boolean {
  if (!version) return false
  if (need.exact) return version === need.exact
  if (need.atLeast) return (compareGo(version, need.atLeast) ?? -1) >= 0
  return true
}

/**
 * What a declaration asks, in Go's order of authority: a declared GOTOOLCHAIN naming a Go,
 * else the working directory's go.mod (or go.work): its toolchain line, else its go line.
 */
export function needOf(
  declared: Declared | undefined,
  cwd: string,
  gowork?: string,
): Need | undefined {
  const tool = declaredToolchain(declared)
  if (tool) {
    const exact = goToSemver(tool) ?? tool
    return {
      exact,
      by: `${declared!.file}:${declared!.values.GOTOOLCHAIN.line}'s GOTOOLCHAIN=go${tool}`,
    }
  }
  const mode = moduleMode(cwd, gowork, existsSync)
  const file = mode.mode === 'workspace' ? mode.file : nearestGoMod(cwd)
  let text: string
  try {
    text = readFileSync(file ?? '', 'utf8')
  } catch {
    return undefined
  }
  const mod = parseGoMod(text)
  const line =
    mod.toolchainLine && mod.toolchainLine.value !== 'default' ? mod.toolchainLine : mod.goLine
  if (!line) return undefined
  // Go's own order: `go 1.22` is met by 1.22.0 and later (1.22 < 1.22rc1 < 1.22.0)
  const wanted = line.value.replace(/^go/, '')
  if (compareGo(wanted, wanted) === null) return undefined
  const which = line === mod.toolchainLine ? `toolchain ${line.value}` : `go ${line.value}`
  return { atLeast: wanted, by: `${path.basename(file!)}'s ${which} (${file}:${line.line})` }
}

/** The go.mod the go command uses from a folder: the nearest one upwards. */
function nearestGoMod(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'go.mod')
    if (existsSync(file)) return file
    if (path.dirname(dir) === dir) return undefined
  }
}

/** One candidate in words, for the disagreement and the numbered choice. */
export function describeCandidate(g: Candidate, home: (f: string) => string): string {
  const where = g.origin.layer === 'unknown' ? 'origin not found' : home(g.origin.where)
  const who = g.shells.length ? g.shells.join(', ') : 'on PATH, run by no new terminal'
  return `${g.version ? `Go ${g.version}` : 'a go that does not answer'} at ${g.program} (${who}; from ${where})${g.broken ? `: not a candidate, ${g.broken}` : ''}`
}
