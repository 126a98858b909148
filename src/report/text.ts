/** The CLI's text report (pure). */
import type { LaunchMode } from '../base/types.js'
import type { ShellAttribution } from '../attribution/attribute.js'
import { buildSights } from '../check/sight.js'
import type { CheckReport } from '../check/run-check.js'
import type { Expected } from '../check/types.js'
import type { Finding } from '../findings/catalog.js'
import { MEANING, type Verdict } from '../findings/exit-code.js'
import { pathRows } from './summary.js'

const pad = (s: string, n: number) => (s.length >= n ? `${s} ` : s + ' '.repeat(n - s.length))

export interface TextInput {
  verdict: Verdict
  mode: LaunchMode
  expected?: Expected
  check?: CheckReport
  findings: Finding[]
  attribution?: ShellAttribution[]
  /** per finding (same order): commands that fix it (--fix) */
  fixes?: string[][]
}

export function renderText(t: TextInput): string {
  const out: string[] = [
    `go-path-arbiter: exit code ${t.verdict.code} (${MEANING[t.verdict.code]})`,
  ]
  const e = t.expected
  if (e) {
    out.push(
      `Go ${e.version || '(not a release)'} at ${e.goroot}  GOPATH ${e.gopath}  (shells started ${t.mode === 'terminal' ? 'as a terminal starts them' : 'as a runner step starts them'})`,
    )
  }
  if (t.check && e) {
    const sights = buildSights(t.check.input)
    out.push('', 'shells:')
    for (const p of t.check.probes) {
      const sh = sights.shells.find((s) => s.shell === p.shell)
      const g = p.goEnv ?? {}
      out.push(
        `  ${pad(p.shell, 11)}${pad(p.status, 8)}${
          sh
            ? `runs ${sh.runs?.path ?? (p.view?.resolved || '(no go)')}  ${g.GOVERSION ?? ''}  GOROOT=${g.GOROOT ?? '?'}`
            : (p.detail ?? '')
        }`,
      )
    }
    const rows = pathRows(sights)
    const shells = sights.shells.map((s) => s.shell)
    const origins = new Map<string, string[]>()
    for (const a of t.attribution ?? []) {
      for (const x of a.entries) {
        if (x.origin.layer === 'inherited') continue
        const k = x.entry
        origins.set(k, [...(origins.get(k) ?? []), `${a.shell}: ${x.origin.where}`])
      }
    }
    out.push(
      '',
      `PATH (position in ${shells.join(' / ')}${t.attribution ? '; where it is set' : ''}):`,
    )
    for (const row of rows) {
      const pos = shells.map((s) => pad(row.positions[s]?.join(',') ?? '-', 5)).join('')
      const notes = [row.holdsGo ? 'go' : '', row.role, ...row.problems].filter(Boolean).join(', ')
      const from = [...new Set(origins.get(row.entry) ?? [])].join('; ')
      out.push(`  ${pos}${row.entry}${notes ? `   [${notes}]` : ''}${from ? `   <- ${from}` : ''}`)
    }
    const vars = (t.attribution ?? []).flatMap((a) =>
      Object.entries(a.vars).map(
        ([name, o]) => `  ${pad(a.shell, 11)}${name} <- ${o.layer}: ${o.where}`,
      ),
    )
    if (vars.length) out.push('', 'Go variables:', ...vars)
  }
  out.push('', t.findings.length ? 'findings:' : 'no findings: every probed shell sees the same Go')
  t.findings.forEach((f, i) => {
    out.push(
      `  ${f.severity.toUpperCase()} ${f.id} (${f.category})${f.shells.length ? ` [${f.shells.join(', ')}]` : ''}: ${f.message}`,
    )
    if (f.origin) out.push(`    set by: ${f.origin}`)
    out.push(`    fix: ${f.hint}`)
    const cmds = t.fixes?.[i] ?? []
    if (cmds.length) out.push('    commands:', ...cmds.map((c) => `      ${c}`))
  })
  return `${out.join('\n')}\n`
}
