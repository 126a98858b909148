/**
 * Who put each PATH entry and Go variable where a shell sees it (pure), from the shell's
 * traced start-up: an entry the start environment had keeps that origin (the login
 * environment, the registry, the login session); an entry that appears after a traced
 * command came from that command's file and line; one that changed where no record was
 * printed (the trace stopped) has no known origin. Nothing here reads a file to look for a
 * line that might have done it.
 */
import { shownPath, UNKNOWN, type EnvLayer, type Origin } from '../base/origin.js'
import type { ShellName } from '../base/types.js'
import { GO_VARIABLES } from '../go/settings.js'
import { splitPath } from '../paths/split.js'
import type { PathStyle } from '../paths/forms.js'
import type { Place, StartTrace, TraceValues } from '../shells/trace.js'
import type { GoKind } from '../shells/types.js'

/** The Go variables whose origin is followed. */
/** Every Go variable a traced start-up follows (go/settings.ts). */
export const GO_VARS = GO_VARIABLES
export type GoVar = string

export interface ShellOrigins {
  shell: ShellName
  /** the final PATH entries as the shell writes them (the probe's order), with origins */
  entries: Array<{ entry: string; origin: Origin }>
  /** entries the start environment had that the start-up removed, and where */
  removed: Array<{ entry: string; origin: Origin }>
  /** where each Go variable the shell has got its value (or was unset) */
  vars: Partial<Record<GoVar, Origin>>
  /** where an alias or function named go was defined */
  goDefinition?: Origin
  /** what the trace could not account for, in a sentence */
  note?: string
  /** the whole layer, for a stage started from this one (the login session's terminals) */
  layer: EnvLayer
}

export interface TraceOriginsInput {
  shell: ShellName
  /** what the shell started with */
  start: EnvLayer
  trace?: StartTrace
  /** what the probe saw at the end */
  final: { path: string; env: Record<string, string | null>; kind?: GoKind }
  /** how the shell writes PATH */
  style: PathStyle
  /** how the start environment's PATH entries are written */
  startStyle: PathStyle
  /** compares an entry of the shell (style) with one of the start (startStyle) */
  sameEntry: (shellEntry: string, startEntry: string) => boolean
  home: string
  /** `session`: these are the login session's files */
  layer: 'startup' | 'session'
  /** this tool's own script files (a change recorded at one of their lines is not the user's) */
  isOwn: (file: string) => boolean
  /** fish: the universal fish_user_paths, which fish's own config.fish puts on PATH */
  fishUserPaths?: { file: string; entries: string[] }
  /** fish's data folder: a change recorded there is fish's own */
  fishDataDir?: string
}

const byShell = (shell: ShellName) => ({
  layer: 'shell' as const,
  where: `${shell} itself, as it started`,
  shell,
})

/** The origin a recorded command stands for. */
export function originAt(place: Place | null, i: TraceOriginsInput): Origin {
  if (!place || !place.file || i.isOwn(place.file)) return UNKNOWN
  const suffix = i.layer === 'session' ? ' (login session)' : ''
  if (place.segment) {
    return {
      layer: 'autorun',
      where: `cmd AutoRun (${place.file}, segment ${place.segment.index}: ${place.segment.text})`,
      file: place.file,
      segment: place.segment,
      shell: i.shell,
    }
  }
  const shown = shownPath(place.file, i.home)
  if (/[\\/]fish_variables$/.test(place.file)) {
    return {
      layer: 'fish universal',
      where: `a fish universal variable (${shown})`,
      file: place.file,
    }
  }
  if (i.fishDataDir && place.file.startsWith(`${i.fishDataDir}/`)) {
    return {
      layer: 'shell',
      where: `fish's own ${shown}${place.line ? `:${place.line}` : ''}`,
      file: place.file,
      ...(place.line ? { line: place.line } : {}),
      shell: i.shell,
    }
  }
  if (place.line === null) {
    return {
      layer: i.layer,
      where: `${shown} (sh keeps no line numbers: that file, or one it sources)${suffix}`,
      file: place.file,
      shell: i.shell,
    }
  }
  const output = place.evalOf ? ` (the output of \`${shownPath(place.evalOf, i.home)}\`)` : ''
  return {
    layer: i.layer,
    where: `${shown}:${place.line}${output}${suffix}`,
    file: place.file,
    line: place.line,
    shell: i.shell,
  }
}

interface Slot {
  entry: string
  origin: Origin
}

/**
 * The entries of `next`, keeping the origins of the entries `prev` had in the same order
 * (their longest common subsequence): an entry the command added, or moved ahead of
 * others, gets the command's origin; one it dropped is gone.
 */
function carry(
  prev: readonly Slot[],
  next: readonly string[],
  same: (a: string, b: Slot) => boolean,
  fresh: (entry: string) => Origin,
): { slots: Slot[]; gone: Slot[] } {
  const n = next.length
  const m = prev.length
  // lcs[i][j]: the longest common subsequence of next[i..] and prev[j..]
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i][j] = same(next[i], prev[j])
        ? lcs[i + 1][j + 1] + 1
        : Math.max(lcs[i + 1][j], lcs[i][j + 1])
  const kept = new Map<number, number>()
  for (let i = 0, j = 0; i < n && j < m;) {
    if (same(next[i], prev[j]) && lcs[i][j] === lcs[i + 1][j + 1] + 1) kept.set(i++, j++)
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) i++
    else j++
  }
  const used = new Set(kept.values())
  const slots = next.map((entry, i) =>
    kept.has(i) ? { entry, origin: prev[kept.get(i)!].origin } : { entry, origin: fresh(entry) },
  )
  return { slots, gone: prev.filter((_, k) => !used.has(k)) }
}

const cut = (v: string | null | undefined, style: PathStyle) =>
  v == null ? [] : splitPath(v, style)

/** Where the trace stands: the PATH entries and Go variables so far, with their origins. */
interface Tracing {
  slots: Slot[]
  removed: Slot[]
  vars: Partial<Record<GoVar, Origin>>
  value: Partial<Record<GoVar, string | null>>
  alias?: Origin
  last?: TraceValues
  note?: string
}

const exact = (e: string, s: Slot) => e === s.entry

export function traceOrigins(i: TraceOriginsInput): ShellOrigins {
  const t = beforeStartupFiles(i)
  for (const step of (i.trace?.steps ?? []).slice(1))
    follow(t, step.values, originAt(step.at, i), i)
  settle(t, i)
  const layer: EnvLayer = {
    path: t.slots,
    vars: Object.fromEntries(
      GO_VARS.map((n) => [n, { value: i.final.env[n] ?? null, origin: t.vars[n] }]),
    ),
  }
  return {
    shell: i.shell,
    entries: t.slots,
    removed: t.removed,
    vars: t.vars,
    goDefinition: definitionOf(i, t.alias),
    note: t.note,
    layer,
  }
}

/** The values before any startup file: what the shell started with, plus what it added itself. */
function beforeStartupFiles(i: TraceOriginsInput): Tracing {
  const first = i.trace?.steps[0]?.values
  const slots = carry(
    i.start.path,
    cut(first ? first.PATH : i.final.path, i.style),
    (e, s) => i.sameEntry(e, s.entry),
    () => byShell(i.shell),
  ).slots
  const t: Tracing = { slots, removed: [], vars: {}, value: {}, last: first }
  for (const name of GO_VARS) {
    const start = i.start.vars[name]
    const now = first ? first[name] : i.final.env[name]
    t.value[name] = now ?? null
    if (now == null) continue
    t.vars[name] = start?.value === now && start.origin ? start.origin : byShell(i.shell)
  }
  return t
}

/** One traced command: what it changed gets its origin. */
function follow(t: Tracing, values: TraceValues, o: Origin, i: TraceOriginsInput): void {
  if (t.last && values.PATH !== t.last.PATH) {
    // fish's own config.fish puts the universal fish_user_paths on PATH, and puts them back
    // whenever a line changes fish_user_paths (fish_add_path copies the universal list)
    const fresh = (entry: string) =>
      i.fishUserPaths?.entries.includes(entry) ? fishUniversal(i.fishUserPaths, i.home) : o
    const r = carry(t.slots, cut(values.PATH, i.style), exact, fresh)
    t.slots = r.slots
    t.removed.push(...r.gone.map((g) => ({ entry: g.entry, origin: o })))
  }
  for (const name of GO_VARS) {
    if (values[name] === t.value[name]) continue
    t.value[name] = values[name]
    t.vars[name] = o
  }
  if (values.ALIAS !== (t.last?.ALIAS ?? null)) t.alias = values.ALIAS === null ? undefined : o
  t.last = values
}

/**
 * What the probe saw at the end must be what the trace ended with; the difference was
 * made where nothing was recorded.
 */
function settle(t: Tracing, i: TraceOriginsInput): void {
  const traced = (i.trace?.steps.length ?? 0) > 0
  if (traced && t.last && t.last.PATH !== i.final.path) {
    const r = carry(t.slots, cut(i.final.path, i.style), exact, () => UNKNOWN)
    t.slots = r.slots
    t.removed.push(...r.gone.map((g) => ({ entry: g.entry, origin: UNKNOWN })))
    t.note = stopped(i)
  }
  for (const name of GO_VARS) {
    const now = i.final.env[name] ?? null
    if (traced && now !== (t.value[name] ?? null)) {
      t.vars[name] = UNKNOWN
      t.note ??= stopped(i)
    }
    if (now === null) delete t.vars[name]
  }
}

function fishUniversal(u: { file: string }, home: string): Origin {
  return {
    layer: 'fish universal',
    where: `the fish universal variable fish_user_paths (${shownPath(u.file, home)})`,
    file: u.file,
  }
}

function stopped(i: TraceOriginsInput): string {
  const at = i.trace?.brokenAfter
  return at
    ? `the trace of ${i.shell}'s start-up stopped after ${shownPath(at.file, i.home)}${at.line ? `:${at.line}` : ''} (a startup file changed PS4 or the shell's options): what changed afterwards has no known origin`
    : `${i.shell} changed PATH or a Go variable after its traced start-up (a startup file turned the trace off): that change has no known origin`
}

/** Where the alias or function named go was defined, when the shell recorded it. */
function definitionOf(i: TraceOriginsInput, alias: Origin | undefined): Origin | undefined {
  if (i.final.kind === 'alias') return alias ?? UNKNOWN
  if (i.final.kind !== 'function') return undefined
  const site = i.trace?.fnSite
  if (!site) return UNKNOWN
  if (site.line !== null) return originAt(site, i)
  return {
    layer: i.layer,
    where: `${shownPath(site.file, i.home)} (${i.shell} keeps no line for a function's definition)`,
    file: site.file,
    shell: i.shell,
  }
}
