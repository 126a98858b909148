/**
 * The README's findings table, drawn from the catalog (pure): the README holds exactly this
 * text (a test compares it word for word), so the two cannot drift. Each id is an anchor
 * the CLI's `see:` links point to.
 */
import { CATALOG, FINDING_IDS } from './catalog.js'
import { CODE_OF } from './exit-code.js'

export function findingsTable(): string {
  const rows = FINDING_IDS.map((id) => {
    const e = CATALOG[id]
    const code = e.severity === 'error' ? String(CODE_OF[e.category]) : '—'
    // the other severities a record allows, from its data
    const also = Object.entries(e.alsoAs ?? {}).map(([s, when]) => `a ${s} ${when}`)
    return `| <a id="finding-${id}"></a>\`${id}\` | ${code} | ${e.means}${also.length ? ` (${also.join('; ')})` : ''} |`
  })
  return ['| id | code | what it means |', '|---|---|---|', ...rows].join('\n')
}
