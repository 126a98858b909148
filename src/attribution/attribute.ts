/**
 * Who put each PATH entry and Go variable where a shell sees it (pure). The shell is
 * started twice, clean (as a runner step: no startup files) and as a terminal; what only
 * the terminal has came from its startup, and the line is looked up in the files that
 * shell reads. What both have was inherited: on Windows from the machine or user value in
 * the registry, elsewhere from the login files, or from whatever started this check.
 */
import type { ShellName } from '../base/types.js'
import type { ShellSight } from '../check/sight.js'
import type { GoEnvFileFacts } from '../check/types.js'
import type { Finding } from '../findings/catalog.js'
import { createComparer } from '../paths/compare.js'

export interface Origin {
  layer:
    | 'startup'
    | 'login'
    | 'registry (machine)'
    | 'registry (user)'
    | 'cmd AutoRun'
    | 'go env file'
    | 'inherited'
  /** `~/.bashrc:3`, `HKCU\Software\Microsoft\Command Processor\AutoRun`, ... */
  where: string
  file?: string
  line?: number
  /** the line itself */
  text?: string
  /** the PATH entry it concerns */
  entry?: string
}

export interface ReadFile {
  path: string
  /** as a person names it (`~/.bashrc`) */
  shown: string
  text: string
}

export interface AttributionSources {
  home: string
  /** per shell: the startup files it read, in order */
  startup: Partial<Record<ShellName, ReadFile[]>>
  /** login files (POSIX) */
  login: ReadFile[]
  /** Windows: the machine and user PATH values, entries unexpanded */
  registry?: { machine: string[]; user: string[] }
  /** Windows: cmd's AutoRun values */
  autorun?: Array<{ key: string; value: string }>
  goEnvFile?: GoEnvFileFacts
  env: Record<string, string | undefined>
}

export interface ShellAttribution {
  shell: ShellName
  entries: Array<{ entry: string; origin: Origin }>
  vars: Record<string, Origin>
}

const COMMENT = /^\s*(#|::|rem\b|REM\b)/

/** The spellings of a path a startup file may use for it. */
function spellings(p: string, home: string): string[] {
  const out = new Set([p, p.replace(/[\\/]+$/, '')])
  if (home && p.toLowerCase().startsWith(home.toLowerCase())) {
    const rest = p.slice(home.length)
    for (const h of [
      '$HOME',
      '${HOME}',
      '~',
      '%USERPROFILE%',
      '$env:USERPROFILE',
      '$env:HOME',
      '${env:USERPROFILE}',
    ])
      out.add(`${h}${rest}`)
  }
  return [...out].filter((s) => s.length > 1)
}

/** The first line of the files that `test` accepts, as an origin. */
export function findLine(
  files: readonly ReadFile[],
  test: (line: string) => boolean,
  layer: Origin['layer'],
): Origin | undefined {
  for (const f of files) {
    const lines = f.text.split(/\r?\n/)
    for (let i = 0; i < lines.length; i++) {
      if (COMMENT.test(lines[i]) || !test(lines[i])) continue
      return {
        layer,
        where: `${f.shown}:${i + 1}`,
        file: f.path,
        line: i + 1,
        text: lines[i].trim(),
      }
    }
  }
  return undefined
}

const mentions = (path: string, home: string) => {
  const forms = spellings(path, home).map((s) => s.toLowerCase())
  return (line: string) => {
    const l = line.toLowerCase()
    return forms.some((f) => l.includes(f))
  }
}

const ASSIGNS = (name: string): ((line: string) => boolean) => {
  const re = new RegExp(
    `(^|[\\s;(])(export\\s+|set\\s+|setx\\s+|\\$env:)?${name}\\s*(=|\\s)|SetEnvironmentVariable\\(\\s*['"]${name}['"]`,
    'i',
  )
  return (line) => re.test(line)
}

const DEFINES_GO =
  /(^|[\s;])(alias\s+go=|function\s+go\b|go\s*\(\s*\)|Set-Alias\s+(-Name\s+)?go\b|New-Alias\s+(-Name\s+)?go\b|doskey\s+go=)/i

/** Where an entry the clean shell does not have came from: the shell's startup. */
function fromStartup(shell: ShellName, entry: string, s: AttributionSources): Origin {
  if (shell === 'cmd' && s.autorun?.length) {
    const a = s.autorun[0]
    return { layer: 'cmd AutoRun', where: `${a.key}\\AutoRun`, text: a.value }
  }
  const files = s.startup[shell] ?? []
  return (
    findLine(files, mentions(entry, s.home), 'startup') ??
    findLine(files, ASSIGNS('PATH'), 'startup') ?? {
      layer: 'startup',
      where: files.length ? `startup (${files.map((f) => f.shown).join(', ')})` : 'startup',
    }
  )
}

/** Where an entry both the clean and the terminal shell have came from. */
function inherited(entry: string, s: AttributionSources): Origin {
  if (s.registry) {
    // registry values are Windows PATH entries, %VAR% unexpanded: compared as entries
    const comparer = createComparer({ platform: 'win32', env: s.env })
    const keyOf = (p: string) => comparer.entryKey(p, 'win32')
    const k = keyOf(entry)
    if (s.registry.machine.some((m) => keyOf(m) === k))
      return {
        layer: 'registry (machine)',
        where: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment\\Path',
      }
    if (s.registry.user.some((u) => keyOf(u) === k))
      return { layer: 'registry (user)', where: 'HKCU\\Environment\\Path' }
  }
  return (
    findLine(s.login, mentions(entry, s.home), 'login') ?? {
      layer: 'inherited',
      where: 'the environment this check started in',
    }
  )
}

const GO_VARS = ['GOROOT', 'GOPATH', 'GOBIN', 'GOTOOLCHAIN', 'GOFLAGS'] as const

export function attributeShell(
  term: ShellSight,
  clean: ShellSight | undefined,
  s: AttributionSources,
): ShellAttribution {
  const cleanKeys = new Set(clean?.entries.map((e) => e.entryKey) ?? [])
  const entries = term.entries.map((e) => ({
    entry: e.host,
    origin: {
      ...(clean && !cleanKeys.has(e.entryKey)
        ? fromStartup(term.shell, e.host, s)
        : inherited(e.host, s)),
      entry: e.host,
    },
  }))
  const vars: Record<string, Origin> = {}
  for (const name of GO_VARS) {
    const now = term.probe.view.env[name]
    const before = clean?.probe.view.env[name]
    if (now !== null && now !== undefined) {
      vars[name] =
        clean && now !== before
          ? (findLine(s.startup[term.shell] ?? [], ASSIGNS(name), 'startup') ?? {
              layer: 'startup',
              where: 'startup',
            })
          : (findLine(s.login, ASSIGNS(name), 'login') ?? {
              layer: 'inherited',
              where: 'the environment this check started in',
            })
    } else {
      const fromFile = s.goEnvFile?.values[name]
      if (fromFile && s.goEnvFile) {
        vars[name] = {
          layer: 'go env file',
          where: `${s.goEnvFile.path}:${fromFile.line}`,
          file: s.goEnvFile.path,
          line: fromFile.line,
        }
      }
    }
  }
  return { shell: term.shell, entries, vars }
}

/** The origin behind a finding of one shell, when the attribution knows it. */
export function originFor(
  f: Finding,
  sight: ShellSight | undefined,
  a: ShellAttribution | undefined,
  s: AttributionSources,
  clean?: ShellSight,
): Origin | undefined {
  if (!sight || !a) return undefined
  const entryOrigin = (dir: string) => {
    const e = sight.entries.find((x) => x.dirKey === dir)
    return e ? a.entries[sight.entries.indexOf(e)].origin : undefined
  }
  switch (f.id) {
    case 'go-shadowed':
    case 'go-other':
      return sight.runs ? entryOrigin(sight.runs.dirKey) : undefined
    case 'go-not-a-program':
      return findLine(s.startup[sight.shell] ?? [], (l) => DEFINES_GO.test(l), 'startup')
    case 'go-missing':
    case 'gopath-bin-missing': {
      // present when started clean, gone in the terminal: a startup line rebuilt PATH
      const want = f.id === 'go-missing' ? sight.keys.gorootBin : sight.keys.gopathBin
      if (clean?.entries.some((e) => e.dirKey === want)) {
        return findLine(s.startup[sight.shell] ?? [], ASSIGNS('PATH'), 'startup')
      }
      return undefined
    }
    case 'goroot-mismatch':
      return a.vars.GOROOT
    case 'gopath-mismatch':
      return a.vars.GOPATH
    case 'gotoolchain-mismatch':
      return a.vars.GOTOOLCHAIN
    default:
      return undefined
  }
}
