/**
 * Which file decides in module mode or workspace mode, by Go's own rules (pure): GOWORK=off
 * means module mode; a GOWORK path names the workspace file; otherwise go.work is looked for
 * in the working directory and each folder above it, and the first one found is the
 * workspace. In workspace mode the go and toolchain lines of go.work decide, not those of
 * the member modules, and a requirement's checksum may stand in any member's go.sum or in
 * go.work.sum.
 */
import path from 'node:path'
import { type GoModInfo } from './gomod.js'

export type ModuleMode =
  { mode: 'workspace'; file: string; why: string } | { mode: 'module'; why: string }

export function moduleMode(
  workingDirectory: string,
  gowork: string | undefined,
  exists: (file: string) => boolean,
): ModuleMode {
  if (gowork === 'off') return { mode: 'module', why: 'GOWORK=off' }
  if (gowork) {
    const file = path.resolve(workingDirectory, gowork)
    return { mode: 'workspace', file, why: `GOWORK=${gowork}` }
  }
  for (let dir = path.resolve(workingDirectory); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'go.work')
    if (exists(file)) return { mode: 'workspace', file, why: `found ${file}` }
    if (path.dirname(dir) === dir) return { mode: 'module', why: 'no go.work above it' }
  }
}

export interface Requirement {
  path: string
  version: string
  /** the go.mod that requires it, and the line */
  file: string
  line: number
}

/** One module of the check: its go.mod, what it says, and its go.sum's text (null: none). */
export interface Member {
  goMod: string
  mod: GoModInfo
  sum: string | null
}

/** The `path version` pairs a go.sum text holds (a `/go.mod` line counts for its version). */
export function sumEntries(text: string): Set<string> {
  const have = new Set<string>()
  for (const line of text.split(/\r?\n/)) {
    const [p, v] = line.trim().split(/\s+/)
    if (p && v) have.add(`${p} ${v.replace(/\/go\.mod$/, '')}`)
  }
  return have
}

/**
 * The requirements that need a checksum: every member's, except a module replaced in its
 * go.mod or in go.work, and a member required by another (the workspace provides it).
 */
export function needingSums(
  members: Member[],
  replacedByWork: Set<string> = new Set(),
): Requirement[] {
  const local = new Set(members.map((m) => m.mod.modulePath).filter(Boolean))
  return members.flatMap((m) =>
    m.mod.requires
      .filter(
        (r) => !m.mod.replaced.has(r.path) && !replacedByWork.has(r.path) && !local.has(r.path),
      )
      .map((r) => ({ ...r, file: m.goMod })),
  )
}

/**
 * The requirements no go.sum accounts for: in module mode that module's go.sum; in
 * workspace mode every member's go.sum and go.work.sum together.
 */
export function unsummed(
  members: Member[],
  extraSums: Array<string | null>,
  replacedByWork: Set<string> = new Set(),
): Requirement[] {
  const have = new Set<string>()
  for (const text of [...members.map((m) => m.sum), ...extraSums]) {
    if (text !== null) for (const e of sumEntries(text)) have.add(e)
  }
  return needingSums(members, replacedByWork).filter((r) => !have.has(`${r.path} ${r.version}`))
}
