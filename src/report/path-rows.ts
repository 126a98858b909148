/**
 * The PATH table both reports show (the job summary, the CLI's text): one row per PATH
 * entry, one column per shell, what each entry is and where it came from (pure).
 */
import type { Origin } from '../base/origin.js'
import type { ShellOrigins } from '../attribution/origins.js'
import { repeatedEntries, type Sights } from '../check/sight.js'
import { hasUnexpandedVar } from '../paths/forms.js'
import { installerOf } from '../paths/installers.js'

export interface PathRow {
  /** host form of the entry, as first seen */
  entry: string
  /** per shell: 1-based positions in that shell's PATH (several when repeated) */
  positions: Record<string, number[]>
  holdsGo: boolean
  role: string
  problems: string[]
  /** per shell, where the entry came from (when the start-up was traced) */
  from: Array<{ shell: string; origin: Origin }>
}

/**
 * One row per PATH entry (as written), one column per shell (pure). With an attribution,
 * an entry a shell's startup (a pwsh profile) added says so.
 */
export function pathRows(sights: Sights, attribution: readonly ShellOrigins[] = []): PathRow[] {
  const rows = new Map<string, PathRow>()
  const add = (r: PathRow, text: string) => {
    if (!r.problems.includes(text)) r.problems.push(text)
  }
  for (const sh of sights.shells) {
    const goDirs = new Set(sh.hits.map((h) => h.dirKey))
    const repeated = repeatedEntries(sh)
    const origins = attribution.find((a) => a.shell === sh.shell)?.entries
    for (const [i, e] of sh.entries.entries()) {
      let row = rows.get(e.entryKey)
      if (!row) {
        row = { entry: e.host, positions: {}, holdsGo: false, role: '', problems: [], from: [] }
        rows.set(e.entryKey, row)
      }
      ;(row.positions[sh.shell] ??= []).push(e.position)
      if (goDirs.has(e.dirKey)) row.holdsGo = true
      if (!row.role) {
        row.role =
          e.dirKey === sh.keys.gorootBin
            ? 'GOROOT/bin'
            : e.dirKey === sh.keys.gopathBin
              ? 'GOPATH/bin'
              : (installerOf(e.host) ?? '')
      }
      if (hasUnexpandedVar(e.raw)) add(row, 'unexpanded %VAR%')
      if (repeated.has(e.entryKey)) add(row, 'repeated')
      const o = origins?.[i]?.origin
      if (o?.layer === 'startup') add(row, `added by ${o.where} (${sh.shell})`)
      if (o && !row.from.some((f) => f.shell === sh.shell))
        row.from.push({ shell: sh.shell, origin: o })
    }
    // the folder of the go this shell runs instead of the exported one
    if (sh.runs && !sh.runsExported && !sh.probe.cwdHit) {
      const first = sh.entries.find((e) => e.dirKey === sh.runs!.dirKey)
      if (first) {
        const shadowing = sh.hits.some((h) => h.programKey === sh.keys.goBinary)
        add(
          rows.get(first.entryKey)!,
          shadowing ? `shadows go in ${sh.shell}` : `another go runs in ${sh.shell}`,
        )
      }
    }
  }
  return [...rows.values()]
}
