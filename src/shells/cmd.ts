import { recordMap, viewFromRecords } from './records.js'
import { scriptText } from './scripts.js'
import { parseCmdSnaps, type Place } from './trace.js'
import { ENV_NAMES, type Launch, type ShellAdapter, type ShellView } from './types.js'

/**
 * The `&`-separated segments of an AutoRun value, as cmd runs them one after the other;
 * null when the value is not a plain chain (parentheses, pipes, `&&`, `||`, a `^` escape):
 * it is then one segment. `&` inside double quotes belongs to its segment.
 */
export function autorunSegments(value: string): string[] | null {
  const out: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]
    if (ch === '"') quoted = !quoted
    if (!quoted && /[()|^]/.test(ch)) return null
    if (!quoted && ch === '&') {
      if (value[i + 1] === '&') return null
      out.push(current.trim())
      current = ''
      continue
    }
    current += ch
  }
  out.push(current.trim())
  return out.every((s) => s !== '') ? out : null
}

/** Each AutoRun value's segments, as places of the trace (a plain value is one segment). */
export function autorunPlaces(autorun: Launch['autorun'] = []): Place[][] {
  return autorun.map((a) => {
    const segments = autorunSegments(a.value) ?? [a.value.trim()]
    return segments.map((text, i) => ({
      file: `${a.key}\\AutoRun`,
      line: null,
      segment: { index: i + 1, text },
    }))
  })
}

/**
 * A terminal's cmd runs the AutoRun commands of HKLM, then of HKCU, before anything else.
 * Here they run under `/D` in the same way, each value as its own command line (a nested
 * cmd, so that its %VARS% are expanded when it starts, as cmd does), with a snapshot after
 * each segment (`call <probe> :snap N`), then the probe.
 */
export function cmdTerminalLine(file: string, autorun: Launch['autorun'] = []): string {
  const places = autorunPlaces(autorun)
  const call = (extra: string) => `call "${file}"${extra}`
  let n = 0
  const chain = (values: Place[][]): string => {
    if (values.length === 0) return call('')
    const [first, ...rest] = values
    const parts = first.flatMap((p) => [p.segment!.text, call(` :snap ${++n}`)])
    const next = rest.length === 0 ? call('') : `cmd /D /E:ON /V:OFF /S /C "${chain(rest)}"`
    return [...parts, next].join(' & ')
  }
  return `/D /E:ON /V:OFF /S /C "${call(' :snap 0')} & ${chain(places)}"`
}

/**
 * `shell: cmd`: the runner writes `<script>.cmd` with `@echo off` first and CRLF line
 * ends, and runs `cmd /D /E:ON /V:OFF /S /C "CALL "<script>""`; a terminal starts cmd
 * without `/D`, so the AutoRun commands run first (see cmdTerminalLine). Which `go` cmd
 * runs is worked out from what it printed (its PATH, its PATHEXT, whether it searches the
 * current folder first, and that folder) the way cmd does it: the current folder, then each
 * PATH folder in order, and within a folder each PATHEXT extension in order.
 */
export const cmdShell: ShellAdapter = {
  name: 'cmd',
  command: 'cmd',
  extension: '.cmd',
  pathStyle: 'win32',
  verbatim: true,
  traces: (l) => l.mode === 'terminal',
  script: (m) => scriptText('cmd-probe.cmd', m).replace(/\n/g, '\r\n'),
  args: (file, l) =>
    l.mode === 'terminal'
      ? [cmdTerminalLine(file, l.autorun)]
      : [`/D /E:ON /V:OFF /S /C "CALL "${file}""`],
  parse: (out, marker, launch) => parseCmd(out.stdout, marker, launch),
}

/** Reads `NAME=value` lines as `set` prints them (names case-insensitive). */
function setLines(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=')
    if (eq > 0) out.set(line.slice(0, eq).toUpperCase(), line.slice(eq + 1))
  }
  return out
}

/** cmd's "'go' is not recognized as an internal or external command" */
export const CMD_NOT_FOUND = 9009

export function parseCmd(
  stdout: string,
  marker: string,
  launch: Launch = { mode: 'runner' },
): ShellView {
  const rec = recordMap(stdout, marker)
  const vars = setLines(rec.get('SET') ?? '')
  for (const n of ENV_NAMES) {
    if (vars.has(n)) rec.set(`ENV:${n}`, vars.get(n)!)
  }
  const pathVars = setLines(rec.get('PATH') ?? '')
  const base = viewFromRecords(rec, ENV_NAMES)
  const notFound = base.goEnvExit === CMD_NOT_FOUND
  const view: ShellView = {
    path: pathVars.get('PATH') ?? '',
    pathext: pathVars.get('PATHEXT'),
    cwdSearch: (rec.get('CWDSEARCH') ?? '').trim() === 'yes',
    cwd: (rec.get('CWD') ?? '').trim() || undefined,
    // worked out by the probe from what cmd printed (see resolveGo)
    resolved: '',
    ...base,
    // "'go' is not recognized..." is cmd's message, not go's output: go did not run
    goNotFound: notFound,
    goEnvText: notFound ? '' : base.goEnvText,
    goEnvExit: notFound ? null : base.goEnvExit,
  }
  if (launch.mode === 'terminal') {
    const snaps = [...rec.entries()]
      .filter(([k]) => /^SNAP:\d+$/.test(k))
      .map(([k, text]) => ({ index: Number(k.slice(5)), text }))
      .sort((a, b) => a.index - b.index)
    view.trace = parseCmdSnaps(snaps, autorunPlaces(launch.autorun).flat())
  }
  return view
}
