import { recordMap, viewFromRecords } from './records.js'
import { ENV_NAMES, GO_ENV_NAMES, type ShellAdapter, type ShellView } from './types.js'

/**
 * `shell: cmd`: the runner writes `<script>.cmd` with `@echo off` first and CRLF line
 * ends, and runs `cmd /D /E:ON /V:OFF /S /C "CALL "<script>""`; a terminal starts cmd
 * without `/D`, so the AutoRun commands of the registry run first. The probe never expands
 * a variable into a command: `set` prints values raw. Which `go` cmd runs is worked out
 * from what it printed (its PATH, its PATHEXT, whether it searches the current folder
 * first, and that folder) the way cmd does it: the current folder, then each PATH folder
 * in order, and within a folder each PATHEXT extension in order. `call` runs a go.cmd or
 * go.bat as well as go.exe and comes back. `echo.` prints an empty value as an empty line.
 */
export const cmdShell: ShellAdapter = {
  name: 'cmd',
  command: 'cmd',
  extension: '.cmd',
  pathStyle: 'win32',
  verbatim: true,
  script: (m) =>
    [
      '@echo off',
      'chcp 65001 >nul 2>nul',
      // `set PATH` prints PATH and PATHEXT (every variable whose name starts with PATH)
      `echo ${m}:PATH`,
      'set PATH',
      `echo ${m}:SET`,
      'set GO',
      `echo ${m}:CWDSEARCH`,
      'if not defined NoDefaultCurrentDirectoryInExePath echo yes',
      `echo ${m}:CWD`,
      'cd',
      `echo ${m}:GOENV`,
      `call go env -json ${GO_ENV_NAMES.join(' ')} 2>&1`,
      'echo.',
      `echo ${m}:GOENVEXIT:%ERRORLEVEL%`,
      `echo ${m}:END`,
      '',
    ].join('\r\n'),
  args: (file, mode) => [`${mode === 'terminal' ? '' : '/D '}/E:ON /V:OFF /S /C "CALL "${file}""`],
  parse: parseCmd,
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

export function parseCmd(stdout: string, marker: string): ShellView {
  const rec = recordMap(stdout, marker)
  const vars = setLines(rec.get('SET') ?? '')
  for (const n of ENV_NAMES) {
    if (vars.has(n)) rec.set(`ENV:${n}`, vars.get(n)!)
  }
  const pathVars = setLines(rec.get('PATH') ?? '')
  const base = viewFromRecords(rec, ENV_NAMES)
  const notFound = base.goEnvExit === CMD_NOT_FOUND
  return {
    path: pathVars.get('PATH') ?? '',
    pathext: pathVars.get('PATHEXT'),
    cwdSearch: (rec.get('CWDSEARCH') ?? '').trim() === 'yes',
    cwd: (rec.get('CWD') ?? '').trim() || undefined,
    // worked out by the probe from what cmd printed (see hitsFor)
    resolved: '',
    ...base,
    // "'go' is not recognized..." is cmd's message, not go's output: go did not run
    goNotFound: notFound,
    goEnvText: notFound ? '' : base.goEnvText,
    goEnvExit: notFound ? null : base.goEnvExit,
  }
}
