import { recordMap, viewFromRecords } from './records.js'
import { ENV_NAMES, GO_ENV_NAMES, type ShellAdapter, type ShellView } from './types.js'

/**
 * The runner's wrapper around a pwsh / powershell step: `$ErrorActionPreference = 'stop'`
 * first, the exit code of the last native command last. `$PROFILE` is loaded (there is no
 * -NoProfile), so a profile that edits PATH shows up here as in a real step.
 */
export function pwshProbeScript(marker: string): string {
  const body = `$ErrorActionPreference = 'continue'
try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }
$M = '${marker}'
function rec([string]$k) { [Console]::Out.WriteLine($M + ':' + $k) }
rec 'PATH'
[Console]::Out.WriteLine([string]$env:PATH)
foreach ($n in @(${ENV_NAMES.map((n) => `'${n}'`).join(', ')})) {
  $v = [Environment]::GetEnvironmentVariable($n)
  if ($null -eq $v) { rec ('UNSET:' + $n) } else { rec ('ENV:' + $n); [Console]::Out.WriteLine($v) }
}
rec 'WHICH'
$c = Get-Command go -ErrorAction SilentlyContinue | Select-Object -First 1
if ($c) {
  if ($c.CommandType -eq 'Application') { [Console]::Out.WriteLine($c.Source) }
  else { [Console]::Out.WriteLine([string]$c.CommandType + ' ' + $c.Name) }
  rec 'GOENV'
  $out = & go env -json ${GO_ENV_NAMES.join(' ')} 2>&1 | ForEach-Object { [string]$_ }
  $rc = $LASTEXITCODE
  [Console]::Out.WriteLine(($out -join [Environment]::NewLine))
  rec ('GOENVEXIT:' + $rc)
}
rec 'END'`
  return [
    "$ErrorActionPreference = 'stop'",
    body,
    'if ((Test-Path -LiteralPath variable:\\LASTEXITCODE)) { exit $LASTEXITCODE }',
    '',
  ]
    .join('\r\n')
    .replace(/\r?\n/g, '\r\n')
}

export function parsePwsh(stdout: string, marker: string): ShellView {
  const rec = recordMap(stdout, marker)
  return {
    path: rec.get('PATH') ?? '',
    resolved: (rec.get('WHICH') ?? '').trim(),
    ...viewFromRecords(rec, ENV_NAMES),
  }
}

/** The runner quotes the script path in single quotes: a quote inside is doubled. */
function pwshArgs(file: string): string[] {
  return ['-command', `. '${file.replace(/'/g, "''")}'`]
}

function pwshLike(name: 'pwsh' | 'powershell', platform: NodeJS.Platform): ShellAdapter {
  return {
    name,
    command: name,
    extension: '.ps1',
    pathStyle: platform === 'win32' ? 'win32' : 'posix',
    script: (m) =>
      platform === 'win32' ? pwshProbeScript(m) : pwshProbeScript(m).replace(/\r\n/g, '\n'),
    args: pwshArgs,
    parse: parsePwsh,
  }
}

export const pwshShell = (platform: NodeJS.Platform) => pwshLike('pwsh', platform)
export const powershellShell = (platform: NodeJS.Platform) => pwshLike('powershell', platform)
