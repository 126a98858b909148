/**
 * What only the CLI checks: whether this terminal still has what a new one gets, and the
 * Windows registry's own causes of the loop (a machine-PATH Go before a user-PATH Go, a
 * `%NAME%` that stays literal, a user PATH setx wrote over), and profiles that did not run.
 */
import type { ShellName } from '../../base/types.js'
import { GO_VARIABLES } from '../../go/settings.js'
import { finding, type Finding } from '../../findings/catalog.js'
import { dirOf } from '../../paths/forms.js'
import { splitPath } from '../../paths/split.js'
import type { ShellSight, Sights } from '../sight.js'
import type { CheckInput, ThisTerminal } from '../types.js'
import type { Rule } from './types.js'

/** Where Go is, and every go setting that changes what go does (go/settings.ts). */
const VARS = GO_VARIABLES

interface Seen {
  runs?: string
  runsKey?: string
  vars: Record<string, string | null>
  /** the folders on PATH that hold a go, in order (keys) */
  goDirs: string[]
  goDirsShown: string[]
}

function seenInSight(sh: ShellSight): Seen {
  const dirs = new Set(sh.hits.map((h) => h.dirKey))
  const entries = sh.entries.filter(
    (e, i, all) => dirs.has(e.dirKey) && all.findIndex((x) => x.dirKey === e.dirKey) === i,
  )
  return {
    runs: sh.runs?.path,
    runsKey: sh.runs?.programKey,
    vars: Object.fromEntries(VARS.map((v) => [v, sh.probe.view.env[v] ?? null])),
    goDirs: entries.map((e) => e.dirKey),
    goDirsShown: entries.map((e) => e.host),
  }
}

function seenHere(
  t: ThisTerminal,
  s: Sights,
  platform: NodeJS.Platform,
  goDirs: Set<string>,
): Seen {
  const style = platform === 'win32' ? 'win32' : 'posix'
  const entries = splitPath(t.path, style)
    .map((e) => ({ host: e, key: s.comparer.dirKey(e, style) }))
    .filter((e, i, all) => goDirs.has(e.key) && all.findIndex((x) => x.key === e.key) === i)
  return {
    runs: t.runs,
    runsKey: t.runs ? s.comparer.programKey(t.runs, style) : undefined,
    vars: Object.fromEntries(VARS.map((v) => [v, t.env[v] ?? null])),
    goDirs: entries.map((e) => e.key),
    goDirsShown: entries.map((e) => e.host),
  }
}

function differences(here: Seen, fresh: Seen): string[] {
  const out: string[] = []
  if (here.runsKey !== fresh.runsKey)
    out.push(`it runs ${here.runs ?? 'no go'}, a new one ${fresh.runs ?? 'no go'}`)
  else if (here.goDirs.join('\n') !== fresh.goDirs.join('\n'))
    out.push(
      `the folders holding go come in another order (${here.goDirsShown.join(', ') || 'none'}; a new one: ${fresh.goDirsShown.join(', ') || 'none'})`,
    )
  for (const v of VARS) {
    if (here.vars[v] !== fresh.vars[v])
      out.push(
        `${v} is ${JSON.stringify(here.vars[v] ?? 'unset')} (a new one: ${JSON.stringify(fresh.vars[v] ?? 'unset')})`,
      )
  }
  return out
}

/**
 * This terminal against a new one of the shell it runs in (or, when that cannot be told,
 * against a new terminal of every shell probed: matching any one is enough).
 */
export const thisTerminal: Rule = (c, s) => {
  const t = c.terminal?.thisTerminal
  if (!t || s.shells.length === 0) return []
  const mine = t.shell ? s.shells.filter((sh) => sh.shell === t.shell) : []
  const candidates = mine.length > 0 ? mine : s.shells
  const goDirs = new Set(s.shells.flatMap((sh) => sh.hits.map((h) => h.dirKey)))
  for (const h of t.hits)
    goDirs.add(s.comparer.dirKey(dirOf(h), c.platform === 'win32' ? 'win32' : 'posix'))
  const here = seenHere(t, s, c.platform, goDirs)
  const diffs = candidates.map((sh) => ({ sh, d: differences(here, seenInSight(sh)) }))
  if (diffs.some((x) => x.d.length === 0)) return []
  const closest = diffs[0]
  const which: ShellName = closest.sh.shell
  const editor = editorGoDir(t, closest.sh, s, c.platform)
  return [
    finding(
      'terminal-stale',
      [which],
      `This terminal${t.shell ? ` (${t.shell})` : ''} does not have what a new ${which} terminal gets: ${closest.d.join('; ')}${editor ? `. VS Code's Go extension put ${editor.dir} first in this terminal (${editor.why}), as it does in every integrated terminal while go.terminal.activateEnvironment is on` : ''}`,
      {
        audience: 'terminal',
        params: {
          vscode: t.vscode,
          windowsTerminal: t.windowsTerminal,
          platform: c.platform,
          ...(editor ? { editorDir: editor.dir } : {}),
        },
      },
    ),
  ]
}

/**
 * The folder VS Code put before everything else in this terminal's PATH, when it holds the
 * go this terminal runs and a new terminal of the shell does not have it there: an
 * extension's contribution to the integrated terminal's environment (the Go extension
 * prepends the bin folder of the Go it was set to; VS Code hands such entries to its shell
 * integration as VSCODE_ENV_PREPEND, or puts them into PATH before the shell starts).
 */
export function editorGoDir(
  t: ThisTerminal,
  fresh: ShellSight,
  s: Sights,
  platform: NodeJS.Platform,
): { dir: string; why: string } | undefined {
  if (!t.vscode || !t.runs) return undefined
  const style = platform === 'win32' ? 'win32' : 'posix'
  const key = (e: string) => s.comparer.dirKey(e, style)
  const runsIn = key(dirOf(t.runs))
  // a new terminal of the shell runs the go of that folder too: nothing of VS Code's own
  if (fresh.runs?.dirKey === runsIn) return undefined
  const prepended = (t.vscodePrepend ?? []).find((e) => key(e) === runsIn)
  if (prepended)
    return { dir: prepended, why: 'VS Code hands it to the shell (VSCODE_ENV_PREPEND)' }
  const first = splitPath(t.path, style)[0]
  if (first === undefined || key(first) !== runsIn) return undefined
  const named = (t.vscodeGo ?? []).find((g) => key(g.folder) === runsIn)
  return named ? { dir: first, why: `${named.setting} in ${named.file}` } : undefined
}

/** A machine PATH Go comes before a user PATH Go in every new terminal. */
export const registryGoOrder: Rule = (c) => {
  const gos = c.terminal?.registryGo ?? []
  const first = gos[0]
  const user = gos.find((g) => g.scope !== 'machine')
  if (
    !first ||
    first.scope !== 'machine' ||
    !user ||
    user.program.toLowerCase() === first.program.toLowerCase()
  )
    return []
  return [
    finding(
      'registry-go-order',
      [],
      `${first.program} on the machine PATH comes before ${user.program} on the user PATH in every new terminal (Windows puts the machine PATH first): the user PATH's go never runs`,
      { audience: 'terminal' },
    ),
  ]
}

/** A PATH value in the registry whose `%NAME%` stays literal, or that setx wrote over. */
export const registryPathValues: Rule = (c) => {
  const hives = c.terminal?.registry ?? []
  const out: Finding[] = []
  const pathOf = (label: string) =>
    hives.find((h) => h.label === label)?.values.find((v) => v.name.toLowerCase() === 'path')
  // the entries a new terminal gets that still hold a %NAME% after Windows expanded the value
  const literal = new Map<string, { kind: string; entries: string[] }>()
  for (const e of c.terminal?.registryPath ?? []) {
    const r = e.origin.registry
    if (!r || !/%[^%;\s]+%/.test(e.entry)) continue
    const at = literal.get(r.key) ?? { kind: r.kind, entries: [] }
    at.entries.push(e.entry)
    literal.set(r.key, at)
  }
  for (const [key, { kind, entries }] of literal) {
    out.push(
      finding(
        'path-var-literal',
        [],
        kind === 'REG_SZ'
          ? `${key}\\Path is REG_SZ, so Windows does not expand ${entries.join(', ')}: ${entries.length === 1 ? 'that entry names' : 'those entries name'} no folder`
          : `${key}\\Path holds ${entries.join(', ')}, a name Windows does not know: ${entries.length === 1 ? 'that entry stays' : 'they stay'} literal`,
        { audience: 'terminal' },
      ),
    )
  }
  const machine = pathOf('machine')
  const user = pathOf('user')
  if (machine && user) {
    const m = splitPath(machine.data, 'win32').map((e) => e.toLowerCase())
    const u = splitPath(user.data, 'win32').map((e) => e.toLowerCase())
    const repeats = m.length >= 3 && u.length >= m.length && m.every((e, i) => u[i] === e)
    if (repeats || user.data.length === 1024) {
      out.push(
        finding(
          'path-setx-damage',
          [],
          repeats
            ? `the user PATH (HKCU\\Environment\\Path) starts with the whole machine PATH, ${m.length} entries: \`setx PATH "%PATH%;..."\` copied machine and user PATH into it (every entry twice in a new terminal, %NAMES% expanded for good)`
            : 'the user PATH (HKCU\\Environment\\Path) is exactly 1024 characters: setx cut it there, and what came after is lost',
          { audience: 'terminal' },
        ),
      )
    }
  }
  return out
}

/** A pwsh / powershell profile the execution policy did not let run. */
export const blockedProfiles: Rule = (c) =>
  c.probes.flatMap((p) =>
    (p.view?.trace?.blocked ?? []).map((file) =>
      finding(
        'profile-blocked',
        [p.shell],
        `${p.shell}: the profile ${file} did not run: the execution policy does not allow scripts, so nothing it sets reaches a new ${p.shell} terminal`,
        { audience: 'terminal', file },
      ),
    ),
  )

/** The login session could not be started: the terminals were started from the login environment alone. */
export const sessionProblem: Rule = (c: CheckInput) =>
  c.terminal?.sessionProblem
    ? [finding('session-failed', [], c.terminal.sessionProblem, { audience: 'terminal' })]
    : []
