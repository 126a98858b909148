/**
 * cmd's AutoRun is a chain other tools join (conda's hook among them), so it is edited by
 * its `&`-separated segments and never replaced whole (pure).
 */
import { psQuote } from '../../base/text.js'
import { autorunSegments } from '../../shells/cmd.js'

/** The value without segment `index` (1-based); null when nothing is left (delete the value). */
export function withoutSegment(value: string, index: number): string | null {
  const segments = autorunSegments(value)
  if (!segments) throw new Error('AutoRun is not a plain chain of commands joined by &')
  if (index < 1 || index > segments.length) throw new Error(`AutoRun has no segment ${index}`)
  const left = segments.filter((_, i) => i !== index - 1)
  return left.length === 0 ? null : left.join(' & ')
}

/**
 * The value with `segment` run last (unchanged when it is there already). Refused when the
 * value's last command would swallow what follows it (`rem`, `::`).
 */
export function withSegment(value: string | null, segment: string): string {
  const v = (value ?? '').trim()
  if (v === '') return segment
  const segments = autorunSegments(v)
  if (segments?.some((s) => s.toLowerCase() === segment.toLowerCase())) return v
  const last = (segments ?? [v])[(segments ?? [v]).length - 1]
  if (/^@?(rem\b|::)/i.test(last)) {
    throw new Error(`AutoRun ends with a comment (${last}), which would swallow a command after it`)
  }
  return `${v} & ${segment}`
}

/** `--fix`'s command: takes one segment out of an AutoRun value, as it is when the command runs. */
export function autorunRecipe(key: string, segment: string): string {
  const sub = key.replace(/^HKCU\\/i, '').replace(/^HKLM\\/i, '')
  const hive = /^HKLM/i.test(key) ? 'LocalMachine' : 'CurrentUser'
  return [
    `& {`,
    `  $key = [Microsoft.Win32.Registry]::${hive}.OpenSubKey(${psQuote(sub)}, $true)`,
    `  if ($null -eq $key) { throw ${psQuote(`cannot open ${key} for writing`)} }`,
    `  $kind = $key.GetValueKind('AutoRun')`,
    `  $old = [string]$key.GetValue('AutoRun', '', 'DoNotExpandEnvironmentNames')`,
    `  $drop = ${psQuote(segment)}`,
    // the same split as cmd's: `&` outside double quotes
    `  $parts = New-Object System.Collections.Generic.List[string]`,
    `  $cur = ''; $q = $false`,
    `  foreach ($ch in $old.ToCharArray()) {`,
    `    if ($ch -eq '"') { $q = -not $q }`,
    `    if ($ch -eq '&' -and -not $q) { $parts.Add($cur.Trim()); $cur = '' } else { $cur += $ch }`,
    `  }`,
    `  $parts.Add($cur.Trim())`,
    `  $left = @($parts | Where-Object { $_ -ne $drop })`,
    `  if ($left.Count -eq $parts.Count) { throw 'that segment is no longer in AutoRun: nothing changed' }`,
    `  if ($left.Count -eq 0) { $key.DeleteValue('AutoRun') } else { $key.SetValue('AutoRun', ($left -join ' & '), $kind) }`,
    `  $key.Close()`,
    `}`,
  ].join('\n')
}
