/** Whether every shell's go reports the exported GOROOT, GOPATH and GOTOOLCHAIN. */
import { finding, type Finding } from '../../findings/catalog.js'
import { oddities } from '../../go/goenv-file.js'
import type { ShellName } from '../../base/types.js'
import type { PathStyle } from '../../paths/forms.js'
import type { ShellSight } from '../sight.js'
import { notAProgram } from './resolution.js'
import type { Rule } from './types.js'

/**
 * MSYS converts only environment values that look like Unix paths when it starts a native
 * program: `/c/x` becomes `C:/x` (the same folder), `/opt/go` becomes a folder under Git's
 * own root. A native `C:\` value is never touched.
 */
function msysNote(sh: ShellSight, value: string | null | undefined): string {
  if (sh.entryStyle !== 'msys' || !value || !value.startsWith('/')) return ''
  if (/^\/[a-zA-Z](\/|$)/.test(value)) return ''
  return `; Git Bash has ${value}, a Unix-form value MSYS rewrites under Git's own folder when it starts go.exe: export it as a native C:\\ path`
}

function valuesDisagree(
  c: Parameters<Rule>[0],
  s: Parameters<Rule>[1],
  name: 'GOROOT' | 'GOPATH',
): Finding[] {
  const wrong: ShellName[] = []
  const seen: string[] = []
  for (const sh of s.shells) {
    const v = sh.probe.goEnv?.[name]
    if (v === undefined) continue
    // a shell whose go is another go is reported once, as go-shadowed or go-other; one whose
    // go is an alias or a function, as go-not-a-program
    if ((sh.runs && !sh.runsExported) || notAProgram(sh.probe.view)) continue
    const want = name === 'GOROOT' ? sh.keys.goroot : sh.keys.gopath
    if (s.comparer.dirKey(v, sh.valueStyle) !== want) {
      wrong.push(sh.shell)
      seen.push(`${sh.shell}: ${v || '(empty)'}${msysNote(sh, sh.probe.view.env[name])}`)
    }
  }
  if (wrong.length === 0) return []
  return [
    finding(
      name === 'GOROOT' ? 'goroot-mismatch' : 'gopath-mismatch',
      wrong,
      `${name} differs from ${c.expected.label === 'reference' ? `the reference's (${name === 'GOROOT' ? c.expected.goroot : c.expected.gopath})` : 'the exported value'} in ${wrong.join(', ')} (${seen.join('; ')})`,
      { audience: c.audience },
    ),
  ]
}

export const gorootAgrees: Rule = (c, s) => valuesDisagree(c, s, 'GOROOT')
export const gopathAgrees: Rule = (c, s) => valuesDisagree(c, s, 'GOPATH')

/**
 * GOTOOLCHAIN: in a job, the variable every step must get (the export); on a developer's
 * machine, the value each shell's go settles on (`go env GOTOOLCHAIN`: the environment,
 * the go env file, then $GOROOT/go.env) against the reference's, in the shells that run the
 * reference go (another go is reported as such).
 */
export const gotoolchainAgrees: Rule = (c, s) => {
  const want = c.expected.gotoolchain
  if (want === null) return []
  const terminal = c.expected.label === 'reference'
  const valueOf = (sh: ShellSight) =>
    terminal ? (sh.probe.goEnv?.GOTOOLCHAIN ?? null) : (sh.probe.view.env.GOTOOLCHAIN ?? null)
  const wrong = s.shells.filter(
    (sh) =>
      !(terminal && (!sh.runsExported || !sh.probe.goEnv)) &&
      !notAProgram(sh.probe.view) &&
      valueOf(sh) !== want,
  )
  if (wrong.length === 0) return []
  return [
    finding(
      'gotoolchain-mismatch',
      wrong.map((sh) => sh.shell),
      `GOTOOLCHAIN is not "${want}"${terminal ? " (the reference's)" : ''} in ${wrong.map((sh) => `${sh.shell} (${JSON.stringify(valueOf(sh) ?? 'unset')})`).join(', ')}`,
      { audience: c.audience },
    ),
  ]
}

const GOENV_FILE_VARS = ['GOROOT', 'GOPATH', 'GOTOOLCHAIN', 'GOBIN', 'GOFLAGS'] as const

/**
 * A `go env -w` value applies wherever the variable is not set (or empty) in the process.
 * It is compared as Go reads the file: a CRLF file leaves `\r` in the value.
 */
export const goEnvFile: Rule = (c, s) => {
  const f = c.goEnvFile
  if (!f) return []
  const exp: Record<string, string | null> = {
    GOROOT: c.expected.goroot,
    GOPATH: c.expected.gopath,
    GOTOOLCHAIN: c.expected.gotoolchain,
  }
  const style: PathStyle = c.platform === 'win32' ? 'win32' : 'posix'
  const out: Finding[] = []
  for (const name of GOENV_FILE_VARS) {
    const entry = f.values[name]
    if (entry === undefined) continue
    const v = entry.value
    const want = exp[name]
    const odd = oddities(v)
    // a GOBIN of the user's own is a set-up, not a conflict: whether it is on PATH is
    // gopath-bin-missing's to say
    if (name === 'GOBIN' && !odd) continue
    const same =
      want === undefined || want === null || odd
        ? false
        : name === 'GOTOOLCHAIN'
          ? v === want
          : s.comparer.dirKey(v, style) === s.comparer.dirKey(want, style)
    if (same) continue
    const fights = want !== undefined && want !== null
    const shown = JSON.stringify(v)
    out.push(
      finding(
        'goenv-file-conflict',
        [],
        fights
          ? `\`go env -w ${name}=${shown}\` in ${f.path} fights ${c.expected.label === 'reference' ? "the reference's" : 'the exported'} ${name}=${want}${odd ? ` (${odd})` : ''}; any shell without ${c.expected.label === 'reference' ? 'the variable set' : 'the exported variable'} gets the file's value`
          : `\`go env -w ${name}=${shown}\` in ${f.path} applies to every shell of this user${odd ? ` (${odd})` : ''}`,
        {
          severity: fights ? 'error' : 'warning',
          params: {
            name,
            crlf: !!odd,
            // go cannot start while GOROOT names a missing folder, not even to unset it
            stuck:
              name === 'GOROOT' &&
              s.shells.some((sh) =>
                (sh.probe.goEnvError ?? '').includes(`cannot find GOROOT directory: ${v}`),
              ),
          },
          file: f.path,
          line: entry.line,
        },
      ),
    )
  }
  return out
}
