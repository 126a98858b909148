import type { LaunchMode } from '../base/types.js'
import { recordMap, viewFromRecords } from './records.js'
import { ENV_NAMES, GO_ENV_NAMES, type ShellAdapter, type ShellView } from './types.js'

/**
 * The probe body, in the language subset Windows PowerShell 5.1 understands as well as
 * pwsh 7 (no `??`, no ternary, no pipeline chains). It sets `$ErrorActionPreference` to
 * `continue` itself, so a failing `go env` is reported rather than fatal under the
 * runner's `stop`; values are printed with [Console]::Out, never pasted into code.
 */
function body(marker: string): string {
  return `$ErrorActionPreference = 'continue'
try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }
$M = '${marker}'
function rec([string]$k) { [Console]::Out.WriteLine($M + ':' + $k) }
rec 'PATH'
[Console]::Out.WriteLine([string]$env:PATH)
rec 'PATHEXT'
[Console]::Out.WriteLine([string]$env:PATHEXT)
rec 'PROFILES'
foreach ($p in @('AllUsersAllHosts', 'AllUsersCurrentHost', 'CurrentUserAllHosts', 'CurrentUserCurrentHost')) {
  [Console]::Out.WriteLine([string]$PROFILE.$p)
}
foreach ($n in @(${ENV_NAMES.map((n) => `'${n}'`).join(', ')})) {
  $v = [Environment]::GetEnvironmentVariable($n)
  if ($null -eq $v) { rec ('UNSET:' + $n) } else { rec ('ENV:' + $n); [Console]::Out.WriteLine($v) }
}
rec 'WHICH'
$c = Get-Command go -ErrorAction SilentlyContinue | Select-Object -First 1
if ($c) {
  if ([string]$c.CommandType -eq 'Application') { [Console]::Out.WriteLine($c.Source) }
  else { [Console]::Out.WriteLine([string]$c.CommandType + ' ' + $c.Name) }
  rec 'GOENV'
  $out = & go env -json ${GO_ENV_NAMES.join(' ')} 2>&1 | ForEach-Object { [string]$_ }
  $rc = $LASTEXITCODE
  [Console]::Out.WriteLine(($out -join [Environment]::NewLine))
  rec ('GOENVEXIT:' + $rc)
}
rec 'END'`
}

/**
 * As the runner writes a pwsh / powershell step: `$ErrorActionPreference = 'stop'` first,
 * the exit code of the last native command last, CRLF on Windows. A terminal runs the
 * body alone. Profiles load either way (the runner passes no -NoProfile).
 */
export function pwshProbeScript(marker: string, mode: LaunchMode = 'runner'): string {
  const lines =
    mode === 'runner'
      ? [
          "$ErrorActionPreference = 'stop'",
          body(marker),
          'if ((Test-Path -LiteralPath variable:\\LASTEXITCODE)) { exit $LASTEXITCODE }',
          '',
        ]
      : [body(marker), '']
  return lines.join('\n')
}

export function parsePwsh(stdout: string, marker: string): ShellView {
  const rec = recordMap(stdout, marker)
  return {
    path: rec.get('PATH') ?? '',
    pathext: rec.get('PATHEXT') || undefined,
    profiles: (rec.get('PROFILES') ?? '').split('\n').filter(Boolean),
    resolved: (rec.get('WHICH') ?? '').trim(),
    ...viewFromRecords(rec, ENV_NAMES),
  }
}

/** The runner quotes the script path in single quotes: a quote inside is doubled. */
export function pwshCommand(file: string): string {
  return `. '${file.replace(/'/g, "''")}'`
}

function pwshLike(name: 'pwsh' | 'powershell', platform: NodeJS.Platform): ShellAdapter {
  return {
    name,
    command: name,
    extension: '.ps1',
    pathStyle: platform === 'win32' ? 'win32' : 'posix',
    script: (m, mode) => {
      const text = pwshProbeScript(m, mode)
      return platform === 'win32' ? text.replace(/\n/g, '\r\n') : text
    },
    args: (file, mode) =>
      mode === 'runner'
        ? ['-command', pwshCommand(file)]
        : mode === 'clean'
          ? ['-NoProfile', '-NonInteractive', '-Command', pwshCommand(file)]
          : ['-NoLogo', '-Command', pwshCommand(file)],
    parse: parsePwsh,
  }
}

export const pwshShell = (platform: NodeJS.Platform) => pwshLike('pwsh', platform)
export const powershellShell = (platform: NodeJS.Platform) => pwshLike('powershell', platform)
