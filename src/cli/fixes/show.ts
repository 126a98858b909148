/**
 * A plan as the user reads it before anything changes (pure): a unified diff per file, and
 * a registry value's entries before and after, one per line.
 */
import { diffArrays } from 'diff/lib/diff/array.js'
import { createTwoFilesPatch } from 'diff/lib/patch/create.js'
import { shownPath } from '../../base/origin.js'
import type { Change, FixPlan } from './plan.js'
import { rawEntries } from './registry-path.js'
import { decodeText } from './text-file.js'
import { wslFileName } from './wsl-plan.js'

/** A change's file or value as the user reads its name (a WSL file: its distribution's ~). */
export function changeName(c: Change, home: string): string {
  if (c.kind === 'registry') return `${c.key}\\${c.name}`
  return c.wsl ? wslFileName(c.wsl.distribution, c.path, c.wsl.home) : shownPath(c.path, home)
}

function fileDiff(c: Extract<Change, { kind: 'file' }>, home: string): string[] {
  const name = changeName(c, home)
  const before = c.before ? decodeText(c.before).text : ''
  const after = decodeText(c.after).text
  const patch = createTwoFilesPatch(
    c.before ? name : '/dev/null',
    name,
    before.replace(/\r\n/g, '\n'),
    after.replace(/\r\n/g, '\n'),
    undefined,
    undefined,
    { context: 3 },
  )
  // without the patch's own title lines
  return patch
    .split('\n')
    .filter((l) => !l.startsWith('Index: ') && !/^=+$/.test(l))
    .filter((l, i, all) => !(i === all.length - 1 && l === ''))
}

function valueLines(v: { type: string; data: string } | null, name: string): string[] {
  if (!v) return []
  return name.toLowerCase() === 'path' ? rawEntries(v.data) : [v.data]
}

function registryDiff(c: Extract<Change, { kind: 'registry' }>): string[] {
  const head = `${c.key}\\${c.name}: ${c.before?.type ?? '(none)'} -> ${c.after?.type ?? '(deleted)'}`
  const parts = diffArrays(valueLines(c.before, c.name), valueLines(c.after, c.name))
  const lines = parts.flatMap((p) =>
    p.value.map(
      (v) => `${p.added ? '+' : p.removed ? '-' : ' '} ${v === '' ? '(an empty entry)' : v}`,
    ),
  )
  return [head, ...lines]
}

/** Every change, with why, what it changes and when it takes effect; then what is left alone. */
export function showPlan(plan: FixPlan, home: string): string[] {
  const out: string[] = []
  for (const c of plan.changes) {
    const shells = c.shells.length ? ` [${c.shells.join(', ')}]` : ''
    if (c.kind === 'file') {
      const link = c.linkedFrom
        ? ` (${shownPath(c.linkedFrom, home)} links to it: the file it links to is changed)`
        : ''
      out.push(`${c.before ? 'change' : 'create'} ${changeName(c, home)}${shells}: ${c.why}${link}`)
      out.push(...fileDiff(c, home).map((l) => `  ${l}`))
      if (c.when === 'login')
        out.push('  (read when you log in: new terminals get it after your next login)')
    } else {
      out.push(
        `change ${c.key}\\${c.name}${shells}${c.elevated ? ' (machine value, elevated)' : ''}: ${c.why}`,
      )
      out.push(...registryDiff(c).map((l) => `  ${l}`))
    }
  }
  for (const s of plan.skipped) {
    out.push(
      `leave ${shownPath(s.what, home)}${s.shells.length ? ` [${s.shells.join(', ')}]` : ''}: ${s.why}`,
    )
  }
  return out
}
