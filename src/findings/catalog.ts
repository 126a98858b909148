/**
 * Every finding the tool can report, in one place: its record (category, usual severity
 * and the others it may have, the README's words, its fix as a function of the values the
 * finding carries) in findings/entries/, by concern. Findings are only ever built here, by
 * `finding()`, which takes those values, checks the severity against the record, and words
 * the fix for its reader.
 */
import type { Origin } from '../base/origin.js'
import type { Audience, Severity, ShellName } from '../base/types.js'
import type { CatalogEntry, Subject } from './entries/entry.js'
import { LIMITS } from './entries/limits.js'
import { MACHINE } from './entries/machine.js'
import { MODULES } from './entries/modules.js'
import { SET_UP } from './entries/set-up.js'
import { SHELLS } from './entries/shells.js'
import { TOOLCHAIN } from './entries/toolchain.js'
import { GO_VALUES } from './entries/values.js'

export type { CatalogEntry, Subject } from './entries/entry.js'
export { WSL_HINT } from './entries/shells.js'

/** In the README's order: set-up, shells, values, the developer's machine, limits, the toolchain, modules. */
export const CATALOG = {
  ...SET_UP,
  ...SHELLS,
  ...GO_VALUES,
  ...MACHINE,
  ...LIMITS,
  ...TOOLCHAIN,
  ...MODULES,
}

export type FindingId = keyof typeof CATALOG
export const FINDING_IDS = Object.keys(CATALOG) as FindingId[]

/** The values a finding of `Id` carries for its fix. */
export type FixParams<Id extends FindingId> =
  (typeof CATALOG)[Id] extends CatalogEntry<infer P> ? P : never

/** What the tool reports: one cause, one finding. */
export interface Finding {
  id: FindingId
  severity: Severity
  category: CatalogEntry['category']
  /** the shells it concerns (empty: not one shell's business) */
  shells: ShellName[]
  message: string
  hint: string
  /** the values the fix was worded from (and a fix command is built from) */
  params?: Record<string, unknown>
  file?: string
  line?: number
  /** where the cause was set, when it is known (its `where`: "~/.bashrc:3") */
  origin?: Origin
}

export interface FindingOptions {
  /** what caused it (a FindingError keeps it as its Error cause; the finding does not) */
  cause?: unknown
  severity?: Severity
  file?: string
  line?: number
  audience?: Audience
}

/** The options of a finding of `Id`: its values are required when its fix needs any. */
export type FindingArgs<Id extends FindingId> =
  Record<never, never> extends FixParams<Id>
    ? [options?: FindingOptions & { params?: FixParams<Id> }]
    : [options: FindingOptions & { params: FixParams<Id> }]

const entryOf = (id: FindingId) => CATALOG[id] as CatalogEntry<Record<string, unknown>>

/** The fix of an id for a reader, from the finding's values. */
export function hintOf<Id extends FindingId>(
  id: Id,
  audience: Audience = 'runner',
  params?: FixParams<Id>,
): string {
  return entryOf(id).fix((params ?? {}) as Record<string, unknown>, audience)
}

/** The severities a finding of this id may have: its usual one, and those its record allows. */
export function severitiesOf(id: FindingId): Severity[] {
  const e = entryOf(id)
  return [e.severity, ...(Object.keys(e.alsoAs ?? {}) as Severity[])]
}

/** The one way to build a finding. */
export function finding<Id extends FindingId>(
  id: Id,
  shells: readonly ShellName[],
  message: string,
  ...[o = {}]: FindingArgs<Id>
): Finding {
  const e = entryOf(id)
  const severity = o.severity ?? e.severity
  if (!severitiesOf(id).includes(severity))
    throw new Error(
      `${id} is never a ${severity} (its record allows ${severitiesOf(id).join(', ')})`,
    )
  const params = (o as { params?: Record<string, unknown> }).params
  const f: Finding = {
    id,
    severity,
    category: e.category,
    shells: [...shells],
    message,
    hint: e.fix(params ?? {}, o.audience ?? 'runner'),
  }
  if (params) f.params = { ...params }
  if (o.file !== undefined) f.file = o.file
  if (o.line !== undefined) f.line = o.line
  return f
}

/** What a finding is about, a Go variable its values name resolved; undefined: no one shell's thing. */
export function subjectOf(f: Pick<Finding, 'id' | 'params'>): Subject | undefined {
  const about = entryOf(f.id).about
  if (about?.kind === 'go-var' && about.name === 'param') {
    return typeof f.params?.name === 'string' ? { kind: 'go-var', name: f.params.name } : undefined
  }
  return about
}

/** The Go variable a finding is about, if it is about one. */
export function goVarOf(f: Pick<Finding, 'id' | 'params'>): string | undefined {
  const s = subjectOf(f)
  return s?.kind === 'go-var' ? s.name : undefined
}

/** Whether `--apply` puts a finding of this kind right. */
export const applies = (f: Pick<Finding, 'id'>): boolean => !!entryOf(f.id).applies
