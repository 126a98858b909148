/**
 * `--fix`: under each finding, commands that are safe to run as printed, each with the
 * shell to paste it into (pure; nothing is run). A startup file is never edited by a
 * pasted command: `go-path-arbiter --apply` adds its owned block there, after showing the
 * diff, and `--undo` takes it back. The registry's PATH is edited entry by entry and never
 * frozen; AutoRun by segment; the go env file through `go env -u`.
 */
import { shownPath } from '../../base/origin.js'
import { shQuote } from '../../base/text.js'
import { isWsl, type ShellName } from '../../base/types.js'
import { goVarOf, type Finding } from '../../findings/catalog.js'
import type { TerminalRun } from '../terminal/types.js'
import { autorunRecipe } from './autorun.js'
import { byBlock, type FixPlan } from './plan.js'
import { registryEdits } from './registry-plan.js'
import { pathRecipe } from './registry-path.js'
import { changeName } from './show.js'

export interface FixCommand {
  /** where to paste it */
  shell: string
  command: string
}

/** A line of a fix: a command, or a note about one. */
export type FixLine = FixCommand | string

export interface CommandContext {
  platform: NodeJS.Platform
  /** --go as given, repeated in the --apply command */
  go?: string
  plan: FixPlan
  home: string
}

function applyLines(run: TerminalRun, shells: readonly ShellName[], c: CommandContext): FixLine[] {
  // a WSL terminal is named by its distribution: the default one may be another by then
  const named = shells.map((s) => {
    const row = s === 'wsl' ? run.wsl?.find((r) => r.shell === s) : undefined
    return row ? `wsl:${row.distribution}` : s
  })
  const args = ['go-path-arbiter', '--apply', '--shells', named.join(',')]
  if (c.go) args.push('--go', c.platform === 'win32' ? `"${c.go}"` : shQuote(c.go))
  const files = c.plan.changes.filter(
    (x) => x.kind === 'file' && x.shells.some((s) => shells.includes(s)),
  )
  const left = c.plan.skipped.filter((x) => x.shells.some((s) => shells.includes(s)))
  return [
    { shell: 'any terminal', command: args.join(' ') },
    ...files.map(
      (x) =>
        `(${changeName(x, c.home)}: ${x.why}; the diff first, nothing changed without --yes; --undo restores the file)`,
    ),
    ...left.map((x) => `(${shownPath(x.what, c.home)} is left alone: ${x.why})`),
  ]
}

/** The commands for a finding of the run (empty: no command would fix it safely). */
export function fixCommands(run: TerminalRun, f: Finding, c: CommandContext): FixLine[] {
  const origin = f.origin
  if (f.severity === 'notice') return []
  // a go env file line (the finding's own file, or where its variable's value came from)
  const name = goVarOf(f)
  if (name && (f.id === 'goenv-file-conflict' || origin?.layer === 'go env file')) {
    // go cannot start while the file's GOROOT names a missing folder, not even to unset it
    const stuck = run.findings.some((x) => x.id === 'go-fails' && x.origin?.layer === 'go env file')
    if (name === 'GOROOT' && stuck) {
      return [
        { shell: 'any terminal', command: 'go-path-arbiter --apply' },
        '(takes the GOROOT line out of the go env file, journaled; `go env -u GOROOT` cannot run while GOROOT names a missing folder)',
      ]
    }
    return [{ shell: 'any terminal', command: `go env -u ${name}` }]
  }
  if (f.id === 'startup-file-crlf') {
    return [{ shell: 'any terminal', command: 'go-path-arbiter --apply' }]
  }
  // a new WSL terminal's finding is put right inside the distribution, never in the registry
  const wslOnly = f.shells.length > 0 && f.shells.every(isWsl)
  if (c.platform === 'win32' && !wslOnly) {
    if (origin?.layer === 'autorun' && origin.segment) {
      const key = (origin.file ?? '').replace(/\\AutoRun$/i, '')
      return [{ shell: 'PowerShell', command: autorunRecipe(key, origin.segment.text) }]
    }
    if (f.id === 'go-in-workdir') {
      return [{ shell: 'cmd or PowerShell', command: 'setx NoDefaultCurrentDirectoryInExePath 1' }]
    }
    const asked = registryEdits(run, f, origin, run.start.env)
    if (asked.path.length > 0) {
      return asked.path.map(({ scope, edit }) => ({
        shell: scope === 'machine' ? 'PowerShell, as administrator' : 'PowerShell',
        command: pathRecipe(scope, edit),
      }))
    }
  }
  const blockable = c.plan.changes.some(
    (x) => x.kind === 'file' && x.shells.some((s) => f.shells.includes(s)),
  )
  const skipped = c.plan.skipped.some((x) => x.shells.some((s) => f.shells.includes(s)))
  return byBlock(f) && (blockable || skipped) ? applyLines(run, f.shells, c) : []
}
