import { recordMap, viewFromRecords } from './records.js'
import { ENV_NAMES, GO_ENV_NAMES, type ShellAdapter, type ShellView } from './types.js'

/**
 * `shell: cmd`: the runner writes `<script>.cmd` with `@echo off` first and CRLF line
 * ends, and runs `cmd /D /E:ON /V:OFF /S /C "CALL "<script>""`. The probe never expands a
 * variable into a command: `set` prints values raw, and the `for` modifier's result is
 * expanded after special characters were parsed. `echo.` prints an empty value as an
 * empty line.
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
      `echo ${m}:PATH`,
      // no 2>nul here: a missing variable's complaint goes to stderr, which is not parsed
      'set PATH',
      `echo ${m}:SET`,
      'set GO',
      `echo ${m}:WHICH`,
      'for %%i in (go.exe) do @echo.%%~$PATH:i',
      `echo ${m}:CWD`,
      // cmd runs a go.exe in the current folder before anything on PATH
      'if not defined NoDefaultCurrentDirectoryInExePath for %%i in (go.com go.exe go.bat go.cmd) do @if exist "%%~fi" echo.%%~fi',
      `echo ${m}:GOENV`,
      `go env -json ${GO_ENV_NAMES.join(' ')} 2>&1`,
      'echo.',
      `echo ${m}:GOENVEXIT:%ERRORLEVEL%`,
      `echo ${m}:END`,
      '',
    ].join('\r\n'),
  args: (file) => [`/D /E:ON /V:OFF /S /C "CALL "${file}""`],
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

export function parseCmd(stdout: string, marker: string): ShellView {
  const rec = recordMap(stdout, marker)
  const vars = setLines(rec.get('SET') ?? '')
  for (const n of ENV_NAMES) {
    if (vars.has(n)) rec.set(`ENV:${n}`, vars.get(n)!)
  }
  const base = viewFromRecords(rec, ENV_NAMES)
  const cwdHit = (rec.get('CWD') ?? '').split('\n')[0].trim()
  const resolved = cwdHit || (rec.get('WHICH') ?? '').trim()
  return {
    path: setLines(rec.get('PATH') ?? '').get('PATH') ?? '',
    resolved,
    cwdHit: cwdHit || undefined,
    ...base,
    // cmd prints "'go' is not recognized..." when there is no go: that is not go's output
    goEnvText: resolved ? base.goEnvText : '',
    goEnvExit: resolved ? base.goEnvExit : null,
  }
}
