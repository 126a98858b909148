/**
 * The CLI's text report (pure), read like a doctor's: the exit code the process returns,
 * the reference Go and where it came from, one line per shell (✓ agrees, ! a warning, ✗ an
 * error) with the Go it runs and why it differs, this terminal against a new one, then the
 * findings (each with its origin, its fix and its entry in the README), and the PATH rows
 * that matter (all of them with --verbose).
 */
import { shownPath } from '../base/origin.js'
import { describeCandidate } from './terminal/candidates.js'
import type { ShellName } from '../base/types.js'
import { findingUrl } from '../base/version.js'
import type { Sights } from '../check/sight.js'
import type { Finding } from '../findings/catalog.js'
import { MEANING, type Verdict } from '../findings/exit-code.js'
import type { TerminalRun } from './terminal/types.js'
import { pathRows, type PathRow } from '../report/path-rows.js'
import { homeOf } from '../base/home.js'

export interface TextInput {
  verdict: Verdict
  run?: TerminalRun
  findings: Finding[]
  /** per finding (same order): commands that fix it (--fix) */
  fixes?: Array<Array<{ shell: string; command: string } | string>>
  verbose: boolean
  platform: NodeJS.Platform
}

const pad = (s: string, n: number) => (s.length >= n ? `${s} ` : s + ' '.repeat(n - s.length))

/** The first line: the code this process exits with, and the contract's code when they differ. */
function headline(v: Verdict): string {
  const base = `go-path-arbiter: exit code ${v.processCode} (${MEANING[v.processCode]})`
  return v.code === v.processCode
    ? base
    : `${base}; the findings' code is ${v.code} (${MEANING[v.code]}), which --fail-on does not name`
}

function referenceLines(run: TerminalRun, home: string): string[] {
  if (run.undecided) {
    return [
      `Reference: none chosen: ${run.undecided.why} (reference-undecided, below)`,
      ...run.undecided.candidates.map(
        (g, i) => `  [${i + 1}] ${describeCandidate(g, (w) => shownPath(w, home))}`,
      ),
    ]
  }
  const r = run.reference
  const e = run.expected
  const from = r.entry
    ? `; ${shownPath(r.entry.entry, home) || '(an empty entry)'} is on PATH by ${r.entry.origin.where}`
    : ''
  return [
    `Reference: Go ${e.version || '(not a release)'} at ${shownPath(r.program, home)}, ${r.how}${from}`,
    `  GOROOT ${shownPath(e.goroot, home)}  GOPATH ${shownPath(e.gopath, home)}  GOTOOLCHAIN ${e.gotoolchain || '(unset)'}`,
  ]
}

/** ✓ / ! / ✗ for a shell, from the findings that concern it. */
function mark(shell: ShellName, findings: readonly Finding[]): { icon: string; why: string } {
  const mine = findings.filter((f) => f.shells.includes(shell))
  const worst =
    mine.find((f) => f.severity === 'error') ?? mine.find((f) => f.severity === 'warning')
  if (!worst) return { icon: '✓', why: '' }
  return { icon: worst.severity === 'error' ? '✗' : '!', why: worst.id }
}

function shellLines(
  run: TerminalRun,
  sights: Sights,
  findings: readonly Finding[],
  home: string,
): string[] {
  const out = [`New terminals (${run.start.describe}):`]
  for (const p of run.report.probes) {
    const sh = sights.shells.find((s) => s.shell === p.shell)
    if (!sh) {
      const icon = p.status === 'missing' ? '–' : '✗'
      out.push(
        `  ${icon} ${pad(p.shell, 11)}${p.status === 'missing' ? 'not probed: ' : `${p.status}: `}${p.detail ?? ''}`,
      )
      continue
    }
    const m = mark(p.shell, findings)
    const version = p.goEnv?.GOVERSION ?? ''
    const runs = sh.runs ? shownPath(sh.runs.path, home) : p.view?.resolved || 'no go'
    out.push(
      `  ${m.icon} ${pad(p.shell, 11)}${pad(version, 10)}${runs}${m.why ? `   (${m.why})` : ''}`,
    )
  }
  if (run.userShell.path) {
    out.push(
      `  your shell: ${run.userShell.path}${run.userShell.name ? '' : ' (not one this tool starts)'}`,
    )
  }
  return out
}

function thisTerminalLine(run: TerminalRun, findings: readonly Finding[]): string {
  const stale = findings.find((f) => f.id === 'terminal-stale')
  const which = run.thisTerminal.shell ? ` (${run.thisTerminal.shell})` : ''
  return stale
    ? `This terminal${which}: ! differs from a new one (terminal-stale, below)`
    : `This terminal${which}: ✓ has what a new terminal gets`
}

function textFindings(t: TextInput): string[] {
  if (t.findings.length === 0) return ['No findings: every new terminal runs the reference Go.']
  const out = ['Findings:']
  t.findings.forEach((f, i) => {
    out.push(
      `  ${f.severity.toUpperCase()} ${f.id} (${f.category})${f.shells.length ? ` [${f.shells.join(', ')}]` : ''}: ${f.message}`,
    )
    if (f.origin) out.push(`    set by: ${f.origin.where}`)
    out.push(`    fix: ${f.hint}`)
    const cmds = t.fixes?.[i] ?? []
    if (cmds.length) {
      out.push('    commands:')
      for (const c of cmds) {
        if (typeof c === 'string') out.push(`      ${c}`)
        else if (!c.command.includes('\n')) out.push(`      [${c.shell}] ${c.command}`)
        else out.push(`      [${c.shell}]`, ...c.command.split('\n').map((l) => `        ${l}`))
      }
    }
    out.push(`    see: ${findingUrl(f.id)}`)
  })
  return out
}

/** The rows that matter: a go in them, the Go folders, a difference between shells, a repeat, an empty entry. */
export function rowMatters(r: PathRow, shells: readonly string[]): boolean {
  const inAll = shells.every((s) => r.positions[s])
  return r.holdsGo || !!r.role || r.problems.length > 0 || !inAll || r.entry === ''
}

function pathLines(t: TextInput, run: TerminalRun, sights: Sights, home: string): string[] {
  const shells = sights.shells.map((s) => s.shell)
  const rows = pathRows(sights, run.origins)
  const shown = t.verbose ? rows : rows.filter((r) => rowMatters(r, shells))
  const head =
    t.verbose || shown.length === rows.length
      ? `PATH (position in ${shells.join(' / ')}; where each entry is set):`
      : `PATH, the ${shown.length} of ${rows.length} entries that matter (--verbose for all; position in ${shells.join(' / ')}):`
  const out = [head]
  for (const row of shown) {
    const pos = shells.map((s) => pad(row.positions[s]?.join(',') ?? '-', 5)).join('')
    const notes = [row.holdsGo ? 'go' : '', row.role, ...row.problems].filter(Boolean).join(', ')
    // one origin said once when every shell agrees on it
    const wheres = [...new Set(row.from.map((f) => f.origin.where))]
    const from =
      wheres.length === 1 && row.from.length === shells.length
        ? wheres[0]
        : row.from.map((f) => `${f.shell}: ${f.origin.where}`).join('; ')
    const name = row.entry === '' ? '(empty: the current folder)' : shownPath(row.entry, home)
    out.push(`  ${pos}${name}${notes ? `   [${notes}]` : ''}${from ? `   <- ${from}` : ''}`)
  }
  return out
}

function varLines(run: TerminalRun, home: string): string[] {
  const out: string[] = []
  for (const o of run.origins) {
    for (const [name, origin] of Object.entries(o.vars)) {
      if (!origin || origin.layer === 'login' || origin.layer === 'inherited') continue
      out.push(`  ${pad(o.shell, 11)}${name} <- ${origin.where.replace(home, '~')}`)
    }
    if (o.goDefinition)
      out.push(
        `  ${pad(o.shell, 11)}go (${o.shell === 'fish' ? 'function' : 'alias or function'}) <- ${o.goDefinition.where}`,
      )
    if (o.note) out.push(`  ${pad(o.shell, 11)}note: ${o.note}`)
  }
  return out.length
    ? ['Go variables and definitions, where each new terminal sets them:', ...out]
    : []
}

export function renderText(t: TextInput): string {
  const out = [headline(t.verdict)]
  const run = t.run
  if (run) {
    const home = homeOf(run.start.env, t.platform)
    const sights = run.report.sights
    out.push(...referenceLines(run, home), '', ...shellLines(run, sights, t.findings, home))
    out.push(thisTerminalLine(run, t.findings), '')
    out.push(...textFindings(t), '')
    out.push(...pathLines(t, run, sights, home))
    const vars = varLines(run, home)
    if (vars.length) out.push('', ...vars)
  } else {
    out.push('', ...textFindings(t))
  }
  return `${out.join('\n')}\n`
}
