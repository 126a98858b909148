import { pathKey, programKey, toHostPath, type PathStyle } from '../env/paths.js'
import { MEANING } from '../check/exit-code.js'
import type { Expected, Finding } from '../check/types.js'
import { runsGo } from '../check/rules.js'
import type { ProbeResult } from '../shells/types.js'

/** The runner refuses a step summary over 1 MiB; stay well under it. */
export const SUMMARY_BUDGET = 900_000
const FOLD_ROWS = 25

/** Escapes a value for a Markdown table cell: no markup, link, code span or column break survives. */
export function esc(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\|/g, '&#124;')
    .replace(/`/g, '&#96;')
    .replace(/\*/g, '&#42;')
    .replace(/_/g, '&#95;')
    .replace(/\[/g, '&#91;')
    .replace(/\]/g, '&#93;')
    .replace(/\\/g, '&#92;')
    .replace(/\r?\n/g, '<br>')
}

const code = (v: string) => `<code>${esc(v)}</code>`
const ICON = { error: '❌', warning: '⚠️', notice: 'ℹ️' } as const

export interface SummaryInput {
  code: 0 | 1 | 2 | 3
  platform: NodeJS.Platform
  expected: Expected
  source: string
  probes: ProbeResult[]
  findings: Finding[]
  env: Record<string, string | undefined>
  /** symlink resolution, so a link to the exported go (e.g. /usr/bin/go) counts as it */
  realpath?: (p: string) => string | null
}

function styleOf(p: ProbeResult, platform: NodeJS.Platform): PathStyle {
  return p.shell === 'wsl'
    ? 'wsl'
    : platform === 'win32'
      ? p.pathStyle === 'msys'
        ? 'msys'
        : 'win32'
      : 'posix'
}

export interface PathRow {
  /** host form of the entry, as first seen */
  entry: string
  /** per shell: 1-based positions in that shell's PATH (several when repeated) */
  positions: Record<string, number[]>
  holdsGo: boolean
  role: string
  problems: string[]
}

/** One row per normalised PATH entry, one column per shell (pure). */
export function pathRows(
  s: Pick<SummaryInput, 'platform' | 'expected' | 'probes' | 'env' | 'realpath'>,
): PathRow[] {
  const rows = new Map<string, PathRow>()
  const probes = s.probes.filter((p) => p.status === 'ok')
  const hostStyle: PathStyle = s.platform === 'win32' ? 'win32' : 'posix'
  const dirOf = (p: string) => p.replace(/[\\/][^\\/]+$/, '')
  const sep = s.expected.gopath.includes('\\') ? '\\' : '/'
  const roles = new Map<string, string>([
    [pathKey(dirOf(s.expected.goBinary), hostStyle, s.platform, s.env), 'GOROOT/bin'],
    [pathKey(`${s.expected.gopath}${sep}bin`, hostStyle, s.platform, s.env), 'GOPATH/bin'],
  ])
  for (const own of Object.values(s.expected.perShell ?? {})) {
    roles.set(pathKey(dirOf(own.goBinary), 'posix', s.platform), 'GOROOT/bin')
    roles.set(pathKey(`${own.gopath}/bin`, 'posix', s.platform), 'GOPATH/bin')
  }
  /** folders whose go is not the exported one (symlinks to it count as it) */
  const foreign = new Set<string>()
  const goDirsOf = new Map<string, Set<string>>()
  for (const p of probes) {
    const style = styleOf(p, s.platform)
    const hitStyle: PathStyle = style === 'wsl' ? 'posix' : style
    const expStyle: PathStyle = p.shell === 'wsl' ? 'posix' : hostStyle
    const exp = s.expected.perShell?.[p.shell]?.goBinary ?? s.expected.goBinary
    const expKey = programKey(exp, expStyle, s.platform, s.env, s.realpath)
    const goDirs = new Set<string>()
    for (const h of p.hits.go) {
      const dir = pathKey(dirOf(h), hitStyle, s.platform, s.env)
      goDirs.add(dir)
      if (programKey(h, hitStyle, s.platform, s.env, s.realpath) !== expKey) foreign.add(dir)
    }
    goDirsOf.set(p.shell, goDirs)
    p.pathEntries.forEach((entry, i) => {
      const k = pathKey(entry, style, s.platform, s.env)
      let row = rows.get(k)
      if (!row) {
        row = {
          entry: toHostPath(entry, style, s.platform),
          positions: {},
          holdsGo: false,
          role: roles.get(k) ?? '',
          problems: [],
        }
        rows.set(k, row)
      }
      ;(row.positions[p.shell] ??= []).push(i + 1)
      if (goDirs.has(k)) row.holdsGo = true
      if (/%[^%;\s]+%/.test(entry) && !row.problems.includes('unexpanded %VAR%'))
        row.problems.push('unexpanded %VAR%')
    })
  }
  const addProblem = (r: PathRow, text: string) => {
    if (!r.problems.includes(text)) r.problems.push(text)
  }
  for (const p of probes) {
    const inShell = [...rows.entries()].filter(([, r]) => r.positions[p.shell])
    const rootPos =
      inShell.find(([, r]) => r.role === 'GOROOT/bin')?.[1].positions[p.shell][0] ?? Infinity
    const goDirs = goDirsOf.get(p.shell)!
    const firstGo = inShell
      .filter(([k]) => goDirs.has(k))
      .sort((a, b) => a[1].positions[p.shell][0] - b[1].positions[p.shell][0])[0]?.[0]
    for (const [k, r] of inShell) {
      const pos = r.positions[p.shell]
      if (pos.length > 1) addProblem(r, 'repeated')
      const before = rootPos === Infinity ? k === firstGo : pos[0] < rootPos
      if (goDirs.has(k) && foreign.has(k) && before) addProblem(r, `shadows go in ${p.shell}`)
    }
  }
  return [...rows.values()]
}

function shellTable(s: SummaryInput): string[] {
  const lines = [
    '| shell | runs go | GOVERSION | GOROOT | GOPATH | GOTOOLCHAIN | probe |',
    '|---|---|---|---|---|---|---|',
  ]
  const exp = s.expected
  for (const p of s.probes) {
    if (p.status !== 'ok') {
      lines.push(
        `| ${p.shell} | | | | | | ${esc(p.status)}${p.detail ? `: ${esc(p.detail.slice(0, 200))}` : ''} |`,
      )
      continue
    }
    const e = p.goEnv ?? {}
    const mine = { ...exp, ...(exp.perShell?.[p.shell] ?? {}) }
    const mark = (v: string | undefined, want: string | null, isPath = true) => {
      if (v === undefined) return '—'
      if (want === null) return code(v)
      const style = p.shell === 'wsl' ? 'posix' : s.platform === 'win32' ? 'win32' : 'posix'
      const same = isPath
        ? programKey(v, style, s.platform, s.env) ===
          programKey(want, p.shell === 'wsl' ? 'posix' : style, s.platform, s.env)
        : v === want
      return same ? code(v) : `⚠️ ${code(v)}`
    }
    const go = runsGo(p, s.platform)
    const version = e.GOVERSION
      ? e.GOVERSION.replace(/^go/, '').split(/\s/)[0] === exp.version
        ? code(e.GOVERSION)
        : `⚠️ ${code(e.GOVERSION)}`
      : '—'
    lines.push(
      `| ${p.shell} | ${go ? mark(go, mine.goBinary) : '⚠️ none'} | ${version} | ${mark(e.GOROOT, mine.goroot)} | ${mark(e.GOPATH, mine.gopath)} | ${mark(p.view?.env.GOTOOLCHAIN ?? 'unset', exp.gotoolchain, false)} | ok, ${p.durationMs} ms |`,
    )
  }
  return lines
}

function pathTable(s: SummaryInput, rows: PathRow[]): string[] {
  const shells = s.probes.filter((p) => p.status === 'ok').map((p) => p.shell)
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
  const goRows = rows.filter((r) => r.holdsGo || r.role || r.problems.length)
  if (rows.length <= FOLD_ROWS) return [...head, ...body]
  const goBody = body.filter((_, i) => goRows.includes(rows[i]))
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

/** The job summary as Markdown (pure). Values are escaped; the result stays under the budget. */
export function renderSummary(s: SummaryInput): string {
  const icon = s.code === 0 ? '✅' : '❌'
  const e = s.expected
  const out: string[] = [
    `## go-path-arbiter: ${icon} exit code ${s.code} (${MEANING[s.code]})`,
    '',
    `Go ${code(e.version)} from ${esc(s.source)} · GOROOT ${code(e.goroot)} · GOPATH ${code(e.gopath)} · GOTOOLCHAIN ${e.gotoolchain === null ? 'inherited' : code(e.gotoolchain)}`,
    '',
    '### What each shell sees',
    '',
    ...shellTable(s),
    '',
  ]
  const rows = pathRows(s)
  const pathPart = [
    '### PATH, shell by shell',
    '',
    "Position of each entry in each shell's PATH (— absent).",
    '',
    ...pathTable(s, rows),
    '',
  ]
  const findings = ['### Findings', '']
  if (s.findings.length === 0) findings.push('No findings: every probed shell sees the same Go.')
  for (const f of s.findings) {
    const where = f.shells.length ? ` (${esc(f.shells.join(', '))})` : ''
    findings.push(
      `- ${ICON[f.severity]} **${esc(f.id)}**${where}: ${esc(f.message)}<br>Fix: ${esc(f.hint)}`,
    )
  }
  let text = [...out, ...pathPart, ...findings, ''].join('\n')
  if (text.length > SUMMARY_BUDGET) {
    text = [
      ...out,
      '### PATH, shell by shell',
      '',
      `(${rows.length} entries: too large for the summary; see the JSON report)`,
      '',
      ...findings,
      '',
    ].join('\n')
  }
  if (text.length > SUMMARY_BUDGET)
    text = `${text.slice(0, SUMMARY_BUDGET)}\n\n(truncated; see the JSON report)\n`
  return text
}
