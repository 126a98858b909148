/** The "Modules" line of the job summary (pure): the mode, and the line that decided. */
import type { ModuleFacts } from '../check/types.js'

const at = (d?: { file: string; line: number }) => (d ? `${d.file}:${d.line}` : undefined)

export function modulesLine(m: ModuleFacts): string {
  const decided = at(m.decidedBy)
  const decides = decided ? `the go line at ${decided} decides` : 'it has no go line'
  if (m.workspace) {
    const n = m.workspace.members.length
    return `workspace ${m.workspace.file} (${m.workspace.why}), ${n} module${n === 1 ? '' : 's'}: ${m.workspace.members.join(', ')}; ${decides}`
  }
  const off = m.moduleModeWhy ? ` (${m.moduleModeWhy}: no workspace)` : ''
  return `module ${m.goMod}${off}; ${decides}`
}
