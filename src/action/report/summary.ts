/**
 * The job summary (pure). Its tables are drawn from the same sights the rules read, so a
 * ⚠️ in a table and a finding always agree. Every value is escaped: no Markdown, HTML,
 * strikethrough (`~`), math (`$`) or table syntax from a path survives.
 */
import type { ExitCode } from '../../base/types.js'
import type { Sights } from '../../check/sight.js'
import type { CheckReport } from '../../check/run-check.js'
import type { Expected } from '../../check/types.js'
import type { Finding } from '../../findings/catalog.js'
import { MEANING, type Verdict } from '../../findings/exit-code.js'
import { goVersionOf } from '../../go/gover.js'
import type { ShellOrigins } from '../../attribution/origins.js'
import { modulesLine } from '../../report/modules-line.js'
import { pathRows, type PathRow } from '../../report/path-rows.js'

/** The runner refuses a step summary over 1 MiB; stay well under it. */
export const SUMMARY_BUDGET = 900_000
const FOLD_ROWS = 25

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '|': '&#124;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '[': '&#91;',
  ']': '&#93;',
  '\\': '&#92;',
  '~': '&#126;',
  $: '&#36;',
  '#': '&#35;',
  '!': '&#33;',
}

/** Escapes a value for the summary: no markup, link, code span, strikethrough or column break. */
export function esc(value: string): string {
  return value.replace(/[&<>"|`*_[\]\\~$#!]/g, (ch) => ENTITIES[ch]).replace(/\r?\n/g, '<br>')
}

const code = (v: string) => `<code>${esc(v)}</code>`
const ICON = { error: '❌', warning: '⚠️', notice: 'ℹ️' } as const

export interface SummaryInput {
  code: ExitCode
  verdict: Verdict
  platform: NodeJS.Platform
  /** what was set up; absent when the run ended before a Go was set up */
  go?: { version: string; source: string; decidedBy: string }
  expected?: Expected
  /** the check, when it ran */
  check?: CheckReport
  /** where attributed shells' entries come from */
  attribution?: readonly ShellOrigins[]
  findings: Finding[]
  /** fail-on said never: the job goes on whatever happened */
  failOnNever: boolean
  /** the caches' line (cache/describe.ts), when the caches were used */
  caches?: string
}

function shellTable(s: SummaryInput, sights: Sights): string[] {
  const lines = [
    '| shell | runs go | GOVERSION | GOROOT | GOPATH | GOTOOLCHAIN | probe |',
    '|---|---|---|---|---|---|---|',
  ]
  const exp = s.expected!
  const byShell = new Map(sights.shells.map((sh) => [sh.shell, sh]))
  for (const p of s.check!.probes) {
    const sh = byShell.get(p.shell)
    if (!sh) {
      lines.push(
        `| ${p.shell} | | | | | | ${esc(p.status)}${p.detail ? `: ${esc(p.detail.slice(0, 200))}` : ''} |`,
      )
      continue
    }
    const e = p.goEnv ?? {}
    const mark = (value: string | undefined, same: (v: string) => boolean) =>
      value === undefined ? '—' : same(value) ? code(value) : `⚠️ ${code(value)}`
    const runs = sh.runs
      ? sh.runsExported
        ? code(sh.runs.path)
        : `⚠️ ${code(sh.runs.path)}`
      : '⚠️ none'
    const dirSame = (want: string) => (v: string) =>
      sights.comparer.dirKey(v, sh.valueStyle) === want
    const toolchain = p.view?.env.GOTOOLCHAIN ?? 'unset'
    lines.push(
      `| ${p.shell} | ${runs} | ${mark(e.GOVERSION, (v) => goVersionOf(v) === exp.version)} | ${mark(e.GOROOT, dirSame(sh.keys.goroot))} | ${mark(e.GOPATH, dirSame(sh.keys.gopath))} | ${exp.gotoolchain === null ? code(toolchain) : mark(toolchain, (v) => v === exp.gotoolchain)} | ok, ${p.durationMs} ms |`,
    )
  }
  return lines
}

function pathTable(sights: Sights, rows: PathRow[]): string[] {
  const shells = sights.shells.map((sh) => sh.shell)
  const head = [
    `| PATH entry | ${shells.join(' | ')} | go | notes |`,
    `|---|${shells.map(() => '---:').join('|')}|---|---|`,
  ]
  const body = rows.map((r) => {
    const cells = shells.map((sh) => (r.positions[sh] ? r.positions[sh].join(', ') : '—'))
    const notes = [r.role ? `**${r.role}**` : '', ...r.problems.map((p) => `⚠️ ${esc(p)}`)]
      .filter(Boolean)
      .join('; ')
    return `| ${code(r.entry)} | ${cells.join(' | ')} | ${r.holdsGo ? '✔' : ''} | ${notes} |`
  })
  if (rows.length <= FOLD_ROWS) return [...head, ...body]
  const goBody = body.filter((_, i) => rows[i].holdsGo || rows[i].role || rows[i].problems.length)
  return [
    ...head,
    ...goBody,
    '',
    `<details><summary>All ${rows.length} PATH entries</summary>`,
    '',
    ...head,
    ...body,
    '',
    '</details>',
  ]
}

function markdownFindings(findings: readonly Finding[]): string[] {
  const out = ['### Findings', '']
  if (findings.length === 0) out.push('No findings: every probed shell sees the same Go.')
  for (const f of findings) {
    const where = f.shells.length ? ` (${esc(f.shells.join(', '))})` : ''
    const origin = f.origin ? ` (set by ${code(f.origin.where)})` : ''
    out.push(
      `- ${ICON[f.severity]} **${esc(f.id)}**${where}: ${esc(f.message)}${origin}<br>Fix: ${esc(f.hint)}`,
    )
  }
  return out
}

/** The line that says what happens to the job. */
function outcomeLine(s: SummaryInput): string {
  const v = s.verdict
  if (v.failing.length > 0) {
    return `The step fails with exit code ${v.processCode} (${v.failing.join(', ')} findings; fail-on names them).`
  }
  if (v.code !== 0 && s.failOnNever) return 'The step does not fail (fail-on: never).'
  if (v.code !== 0)
    return `The step does not fail: fail-on does not name ${MEANING[v.code]} findings.`
  return ''
}

/** The job summary as Markdown (pure). Values are escaped; the result stays under the budget. */
export function renderSummary(s: SummaryInput): string {
  const icon = s.code === 0 ? '✅' : '❌'
  const head = [`## go-path-arbiter: ${icon} exit code ${s.code} (${MEANING[s.code]})`, '']
  const outcome = outcomeLine(s)
  if (outcome) head.push(outcome, '')
  if (!s.go || !s.expected) {
    head.push(
      `**No Go was set up${s.failOnNever ? ', and the job goes on (fail-on: never)' : ''}.** Later steps get no GOROOT, GOPATH or PATH entry from this step.`,
      '',
    )
    return withinBudget([...head, ...markdownFindings(s.findings), ''].join('\n'))
  }
  const e = s.expected
  head.push(
    `Go ${code(e.version)} from ${esc(s.go.source)} (decided by ${esc(s.go.decidedBy)}) · GOROOT ${code(e.goroot)} · GOPATH ${code(e.gopath)} · GOTOOLCHAIN ${e.gotoolchain === null ? 'inherited' : code(e.gotoolchain)}`,
    '',
  )
  if (s.caches) head.push(`**Caches**: ${s.caches}`, '')
  if (!s.check) return withinBudget([...head, ...markdownFindings(s.findings), ''].join('\n'))
  if (s.check.input.modules)
    head.push(`**Modules**: ${esc(modulesLine(s.check.input.modules))}`, '')
  const sights = s.check.sights
  const rows = pathRows(sights, s.attribution)
  const top = [...head, '### What each shell sees', '', ...shellTable(s, sights), '']
  const pathPart = [
    '### PATH, shell by shell',
    '',
    "Position of each entry in each shell's PATH (— absent).",
    '',
    ...pathTable(sights, rows),
    '',
  ]
  const findings = markdownFindings(s.findings)
  let text = [...top, ...pathPart, ...findings, ''].join('\n')
  if (text.length > SUMMARY_BUDGET) {
    text = [
      ...top,
      '### PATH, shell by shell',
      '',
      `(${rows.length} entries: too large for the summary; see the JSON report)`,
      '',
      ...findings,
      '',
    ].join('\n')
  }
  return withinBudget(text)
}

/** The last resort: cut at the budget, and say so. */
function withinBudget(text: string): string {
  return text.length > SUMMARY_BUDGET
    ? `${text.slice(0, SUMMARY_BUDGET)}\n\n(truncated; see the JSON report)\n`
    : text
}
