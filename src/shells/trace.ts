/**
 * A shell's start-up, traced (pure): the values go-path-arbiter follows (PATH, the Go
 * variables, an alias named go) before any startup file ran, then after each command that
 * ran, with the file and line of that command as the shell itself recorded it. Read from
 * the records the start-up scripts print (scripts/*-start.*):
 * - bash, zsh, sh: PS4 prints a record before each command, so the values of record i+1
 *   are those after the command of record i;
 * - fish: a variable handler prints a record after each change, with `status stack-trace`;
 * - pwsh: a breakpoint on every profile line records the values before that line;
 * - cmd: a snapshot after each segment of the AutoRun commands.
 * A record is `<marker>T` US file US line US value... RS; a value is `s<text>` when set,
 * `u` when unset, empty when the shell cannot tell (sh's alias table).
 */
import { GO_VARIABLES } from '../go/settings.js'

/** What a traced start-up follows: PATH, every Go variable (go/settings.ts), an alias named go. */
export const TRACED: readonly string[] = ['PATH', ...GO_VARIABLES, 'ALIAS']
export type TraceValues = Record<string, string | null>

/** Where a command ran, as the shell recorded it. */
export interface Place {
  file: string
  /** null: the shell keeps no line numbers (sh), or the place is not a line (an AutoRun value) */
  line: number | null
  /** cmd's AutoRun: which `&`-separated segment of the value ran (1-based), and its text */
  segment?: { index: number; text: string }
  /** the line is an `eval "$(…)"`: the change was made by that command's output */
  evalOf?: string
}

export interface TraceStep {
  /** the command that ran; null for the values before the first one */
  at: Place | null
  values: TraceValues
}

export interface StartTrace {
  steps: TraceStep[]
  /** the shell's record of where a function named go was defined */
  fnSite?: Place
  /** profiles the execution policy did not let run (pwsh on Windows) */
  blocked: string[]
  /** the records stopped making sense here (a startup file changed PS4 or prompt options) */
  brokenAfter?: Place
  /** fish: its data folder (its own files), and the universal fish_user_paths it puts on PATH */
  fish?: { dataDir: string; userPaths?: { file: string; entries: string[] } }
}

const US = '\x1f'
const RS = '\x1e'

function values(fields: readonly string[]): TraceValues | null {
  if (fields.length !== TRACED.length) return null
  const out = {} as TraceValues
  for (const [i, name] of TRACED.entries()) {
    const f = fields[i]
    if (f === '' || f === 'u') out[name] = null
    else if (f.startsWith('s')) out[name] = f.slice(1)
    else return null
  }
  return out
}

interface RawRecord {
  head: string
  line: string
  values: TraceValues
  /** how deep the command runs (bash repeats PS4's first character, a line end, per level) */
  depth: number
  /** the command the shell printed after the record */
  command: string
}

/** The records of a text, in order; the first one that does not parse ends the list. */
function records(text: string, marker: string): { list: RawRecord[]; broken: boolean } {
  const start = `${marker}T${US}`
  const list: RawRecord[] = []
  let at = text.indexOf(start)
  while (at >= 0) {
    const end = text.indexOf(RS, at)
    if (end < 0) return { list, broken: true }
    const fields = text.slice(at + start.length, end).split(US)
    const v = values(fields.slice(2))
    if (!v) return { list, broken: true }
    let ends = 0
    while (at - ends - 1 >= 0 && text[at - ends - 1] === '\n') ends++
    const next = text.indexOf(start, end)
    const command = text.slice(end + 1, next < 0 ? undefined : next).replace(/\n+$/, '')
    list.push({
      head: fields[0],
      line: fields[1],
      values: v,
      depth: Math.max(0, ends - 1),
      command,
    })
    at = next
  }
  return { list, broken: false }
}

const placeOf = (file: string, line: string): Place => ({
  file,
  line: /^\d+$/.test(line) && Number(line) > 0 ? Number(line) : null,
})

/**
 * Each record's place, with the commands an `eval` runs put at the eval's own line: bash
 * counts the eval'd text's lines on from the eval's line (an eval of two lines on the last
 * line of a file runs "line 4" of a three-line file). The command whose output is eval'd is
 * the record just before the eval, one level deeper, on the same line (`tool init`).
 */
function evalPlaces(list: readonly RawRecord[]): Place[] {
  const out: Place[] = []
  const open: Array<{ place: Place; depth: number }> = []
  list.forEach((r, i) => {
    while (open.length && r.depth <= open[open.length - 1].depth) open.pop()
    const inEval = open[open.length - 1]
    const own = placeOf(r.head, r.line)
    out.push(inEval && inEval.place.file === r.head ? inEval.place : own)
    if (!/^eval\b/.test(r.command)) return
    const before = list[i - 1]
    const source =
      before && before.depth === r.depth + 1 && before.head === r.head && before.line === r.line
        ? before.command.split('\n')[0]
        : undefined
    open.push({
      place: { ...(inEval?.place ?? own), ...(source ? { evalOf: source } : {}) },
      depth: r.depth,
    })
  })
  return out
}

/**
 * bash, zsh and sh: each record holds the values before its command, so the step after
 * record i's command has the values of record i+1.
 */
export function parseXtrace(text: string, marker: string): StartTrace {
  const { list, broken } = records(text, marker)
  const places = evalPlaces(list)
  const steps: TraceStep[] = list.map((r, i) => ({
    at: i === 0 ? null : places[i - 1],
    values: r.values,
  }))
  const last = list[list.length - 1]
  return {
    steps,
    blocked: [],
    ...(broken && last ? { brokenAfter: placeOf(last.head, last.line) } : {}),
  }
}

/** `~/x` as fish prints a path in a stack trace, back to a real path. */
const untilde = (file: string, home: string) =>
  file === '~' ? home : file.startsWith('~/') ? `${home}${file.slice(1)}` : file

/**
 * The place a fish stack trace names for a change: the frame where the variable was set
 * (right after the handler's own frame) or, when that is inside one of fish's own functions
 * (fish_add_path), the first caller outside fish's data folder.
 */
export function fishPlace(
  stack: string,
  home: string,
  dataDir: string,
  /** the frame whose caller is wanted: the variable handler's, or fish_add_path's */
  anchor: RegExp = /^in event handler/,
): Place | null {
  const lines = stack.split('\n')
  const handler = lines.findIndex((l) => anchor.test(l))
  if (handler < 0) return null
  const frames: Place[] = []
  for (const l of lines.slice(handler + 1)) {
    const m = /^\s*called on line (\d+) of file (.+)$/.exec(l)
    if (m) frames.push({ file: untilde(m[2], home), line: Number(m[1]) })
  }
  if (frames.length === 0) return null
  const inData = (f: string) => !!dataDir && (f === dataDir || f.startsWith(`${dataDir}/`))
  return frames.find((f) => !inData(f.file)) ?? frames[0]
}

/**
 * fish: a record after each change. The first record (`start`) holds the values before
 * any file ran; `universal <file>` marks the universal variables read; `end` the end.
 */
export function parseFishTrace(
  text: string,
  marker: string,
  home: string,
  dataDir: string,
): StartTrace {
  const { list, broken } = records(text, marker)
  const steps: TraceStep[] = []
  const inData = (p: Place | null) => !!p && !!dataDir && p.file.startsWith(`${dataDir}/`)
  // a change fish's own code makes (its fish_user_paths handler rewrites PATH) belongs to
  // the call of fish_add_path it happens in, or to the line that set fish_user_paths
  let caller: Place | null = null
  let userPaths: Place | null = null
  for (const r of list) {
    if (r.head === 'start') steps.push({ at: null, values: r.values })
    else if (r.head === 'end') continue
    else if (r.head === 'return') caller = null
    else if (r.head.startsWith('call '))
      caller = fishPlace(r.head.slice(5), home, dataDir, /^in function 'fish_add_path'/)
    else if (r.head.startsWith('universal '))
      steps.push({ at: { file: r.head.slice('universal '.length), line: null }, values: r.values })
    else if (r.head.startsWith('fish_user_paths ')) {
      const p = fishPlace(r.head.slice('fish_user_paths '.length), home, dataDir)
      userPaths = p && !inData(p) ? p : caller
    } else {
      const p = fishPlace(r.head, home, dataDir)
      const by = inData(p) ? (caller ?? userPaths) : null
      if (by && !caller) userPaths = null
      steps.push({ at: by ?? p ?? { file: '', line: null }, values: r.values })
    }
  }
  return { steps, blocked: [], ...(broken ? { brokenAfter: steps.at(-1)?.at ?? undefined } : {}) }
}

/** pwsh: one JSON object a line, the values before each profile line ran. */
export function parsePwshTrace(jsonLines: string, blocked: readonly string[]): StartTrace {
  const list: Array<{ place: Place; values: TraceValues }> = []
  for (const line of jsonLines.split(/\r?\n/)) {
    if (!line.trim()) continue
    let o: Record<string, unknown>
    try {
      o = JSON.parse(line) as Record<string, unknown>
    } catch {
      break
    }
    const v = {} as TraceValues
    for (const name of TRACED) {
      const x = o[name]
      v[name] = typeof x === 'string' ? x : null
    }
    const file = typeof o.file === 'string' ? o.file : ''
    list.push({ place: placeOf(file, String(o.line ?? '')), values: v })
  }
  return {
    steps: list.map((r, i) => ({ at: i === 0 ? null : list[i - 1].place, values: r.values })),
    blocked: [...blocked],
  }
}

/**
 * cmd: the snapshot records of the AutoRun segments (`SNAP:0` before the first, `SNAP:k`
 * after segment k), as `set PATH` / `set GO` print them.
 */
export function parseCmdSnaps(
  snaps: ReadonlyArray<{ index: number; text: string }>,
  segments: ReadonlyArray<Place>,
): StartTrace {
  const steps: TraceStep[] = []
  for (const s of snaps) {
    const vars = new Map<string, string>()
    for (const line of s.text.split(/\r?\n/)) {
      const eq = line.indexOf('=')
      if (eq > 0) vars.set(line.slice(0, eq).toUpperCase(), line.slice(eq + 1))
    }
    const v = {} as TraceValues
    for (const name of TRACED) v[name] = name === 'ALIAS' ? null : (vars.get(name) ?? null)
    steps.push({ at: s.index === 0 ? null : (segments[s.index - 1] ?? null), values: v })
  }
  return { steps, blocked: [] }
}

/** stderr without the trace records and the command text the shell printed after each. */
export function withoutTrace(stderr: string, marker: string): string {
  const start = `${marker}T${US}`
  if (!stderr.includes(start)) return stderr
  const out: string[] = []
  let at = 0
  for (;;) {
    const i = stderr.indexOf(start, at)
    if (i < 0) {
      out.push(stderr.slice(at))
      break
    }
    out.push(stderr.slice(at, i))
    const end = stderr.indexOf(RS, i)
    if (end < 0) break
    const nl = stderr.indexOf('\n', end)
    at = nl < 0 ? stderr.length : nl + 1
  }
  return out.join('')
}
