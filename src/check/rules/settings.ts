/**
 * Every go setting that changes what go does (go/settings.ts), as each shell's go settles it:
 * compared between the shells that run the Go every shell should run (`go-setting-differs`),
 * and held to a declared environment when there is one (`declared-mismatch`). Each value is
 * said with its layer: the shell's environment (the attribution names the startup line or
 * registry value), the go env file and its line, `$GOROOT/go.env`, or Go's default.
 */
import { isWsl, type ShellName } from '../../base/types.js'
import { finding, type Finding } from '../../findings/catalog.js'
import { agrees } from '../../go/declared.js'
import { classOf, SETTINGS } from '../../go/settings.js'
import type { ShellSight } from '../sight.js'
import type { CheckInput } from '../types.js'
import { notAProgram } from './resolution.js'
import type { Rule } from './types.js'

/** Compared by gotoolchain-mismatch against the exported or reference value already. */
const APART = new Set(['GOTOOLCHAIN'])

/** Settings whose default is another setting's value (Go derives them from GOPRIVATE). */
const DERIVED: Record<string, string> = { GONOPROXY: 'GOPRIVATE', GONOSUMDB: 'GOPRIVATE' }

/** A derived setting that follows its source in every shell: its difference is the source's. */
const followsSource = (name: string, shells: ShellSight[]) =>
  !!DERIVED[name] &&
  shells.every((sh) => (sh.probe.goEnv![name] ?? '') === (sh.probe.goEnv![DERIVED[name]] ?? ''))

/** The shells whose go is the one every shell should run, with its settled values. */
const comparable = (s: Parameters<Rule>[1]) =>
  s.shells.filter((sh) => sh.runsExported && sh.probe.goEnv && !notAProgram(sh.probe.view))

/** Where a shell's value of a setting came from, in words. */
export function layerOf(c: CheckInput, sh: ShellSight, name: string): string {
  const env = sh.probe.view?.env[name]
  const file = c.goEnvFile?.values[name]
  if (env) {
    const hidden =
      file && file.value !== env
        ? `; it hides the go env file's ${name}=${file.value} (${c.goEnvFile!.path}:${file.line})`
        : ''
    return `its environment${hidden}`
  }
  if (file) return `the go env file (${c.goEnvFile!.path}:${file.line})`
  const tree = c.goDotEnv?.values[name]
  if (tree) return `$GOROOT/go.env (${c.goDotEnv!.path}:${tree.line})`
  return "Go's default"
}

const shown = (v: string | undefined) => (v ? JSON.stringify(v) : '(empty)')

/** The machine's own GOOS or GOARCH, as the shell's go says it (GOHOSTOS, GOHOSTARCH). */
const HOST: Record<string, string> = { GOOS: 'GOHOSTOS', GOARCH: 'GOHOSTARCH' }

/**
 * The shells to report when a setting's values differ, each with the others' values in
 * words: for GOOS and GOARCH, every shell that builds for another machine than this one;
 * for any other setting, each shell whose value is not the one most of them have (each
 * shell, when they split evenly).
 */
function differing(name: string, by: Map<string, ShellSight[]>) {
  const groups = [...by.entries()].sort((a, b) => b[1].length - a[1].length)
  const most = groups[0][1].length
  const even = groups.filter(([, g]) => g.length === most).length > 1
  const reported = groups.filter(([value, g]) =>
    HOST[name] ? g.some((sh) => sh.probe.goEnv![HOST[name]] !== value) : even || g.length < most,
  )
  return reported.flatMap(([value, g]) =>
    g
      .filter((sh) => !HOST[name] || sh.probe.goEnv![HOST[name]] !== value)
      .map((sh) => ({
        sh,
        value,
        others: groups
          .filter(([v]) => v !== value)
          .map(
            ([v, o]) =>
              `${o.map((x) => x.shell).join(', ')} ${o.length > 1 ? 'have' : 'has'} ${shown(v)}`,
          )
          .join('; '),
      })),
  )
}

/**
 * Each setting whose value differs between the comparable shells, naming both values and
 * where this one came from. No value is called right: the message says what differs.
 */
export const settingsAgree: Rule = (c, s) => {
  const shells = comparable(s).filter((sh) => !isWsl(sh.shell))
  if (shells.length < 2) return []
  const out: Finding[] = []
  for (const name of SETTINGS.filter((n) => !APART.has(n) && !c.declared?.values[n])) {
    const by = new Map<string, ShellSight[]>()
    for (const sh of shells) {
      const v = sh.probe.goEnv![name] ?? ''
      by.set(v, [...(by.get(v) ?? []), sh])
    }
    if (by.size < 2 || followsSource(name, shells)) continue
    const kind = classOf(name)
    for (const { sh, value, others } of differing(name, by)) {
      const host = HOST[name] ? sh.probe.goEnv![HOST[name]] : undefined
      const severity =
        kind === 'notice' || (host !== undefined && value === host) ? 'notice' : 'error'
      out.push(
        finding(
          'go-setting-differs',
          [sh.shell],
          `${sh.shell}: ${name} is ${shown(value)} (from ${layerOf(c, sh, name)}), where ${others}${host !== undefined ? `: its go builds for another machine than this ${host} one` : ''}`,
          { severity, params: { name }, audience: c.audience },
        ),
      )
    }
  }
  return out
}

/** Every comparable shell (WSL too) held to the declared environment, setting by setting. */
export const declaredSettings: Rule = (c, s) => {
  const d = c.declared
  if (!d) return []
  const out: Finding[] = []
  for (const [name, declared] of Object.entries(d.values)) {
    for (const sh of comparable(s)) {
      const found = sh.probe.goEnv![name]
      if (agrees(name, found, declared.value)) continue
      out.push(
        finding(
          'declared-mismatch',
          [sh.shell as ShellName],
          `${sh.shell}: ${name} is ${shown(found)} (from ${layerOf(c, sh, name)}), but ${d.file}:${declared.line} declares ${shown(declared.value)}`,
          { params: { name, file: d.file }, audience: c.audience },
        ),
      )
    }
  }
  for (const p of d.problems) {
    out.push(
      finding('declared-file-invalid', [], `${d.file}:${p.line}: ${p.why} (${p.text})`, {
        params: { file: d.file },
        file: d.file,
        line: p.line,
      }),
    )
  }
  return out
}
