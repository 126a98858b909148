/**
 * Changing a PATH value in the Windows registry without freezing it (pure): the raw text
 * (every `%NAME%` as it is stored) is edited entry by entry, and written back as
 * REG_EXPAND_SZ when it was one or holds a `%`. Entries are compared as Windows compares
 * folders: case-insensitively, quotes and a trailing `\` aside. The same edit as a
 * PowerShell command for `--fix`, in the language Windows PowerShell 5.1 understands.
 */
import { psQuote } from '../../base/text.js'
import { hiveAndSubkey, MACHINE_ENV_KEY, USER_ENV_KEY } from '../../registry/reg.js'

export type RegStringType = 'REG_SZ' | 'REG_EXPAND_SZ'

export interface RegText {
  data: string
  type: RegStringType
}

export interface PathEdit {
  /** entries to take out, wherever they are */
  drop?: string[]
  /** entries to put first, in this order (taken out where they were) */
  first?: string[]
  /** entries to add at the end when missing (left where they are otherwise) */
  last?: string[]
  /** how many entries to take off the front (setx's copy of the machine PATH) */
  dropLeading?: number
  /** write REG_EXPAND_SZ even when no `%` is left */
  expand?: boolean
}

export const USER_ENV = { key: USER_ENV_KEY, ...hiveAndSubkey(USER_ENV_KEY) }
export const MACHINE_ENV = { key: MACHINE_ENV_KEY, ...hiveAndSubkey(MACHINE_ENV_KEY) }

/** A folder as Windows compares it. */
export const folderKey = (e: string) =>
  e
    .trim()
    .replace(/^"+|"+$/g, '')
    .replace(/\\+$/, '')
    .toLowerCase()

/** The entries of a raw PATH value, empty ones kept (Windows splits on every `;`). */
export const rawEntries = (data: string) => (data === '' ? [] : data.split(';'))

export function editPathValue(before: RegText, edit: PathEdit): RegText {
  const first = edit.first ?? []
  const gone = new Set([...(edit.drop ?? []), ...first].map(folderKey))
  const kept = rawEntries(before.data)
    .slice(edit.dropLeading ?? 0)
    .filter((e) => !gone.has(folderKey(e)))
  const entries = [...first, ...kept]
  for (const l of edit.last ?? []) {
    if (entries.some((e) => folderKey(e) === folderKey(l))) continue
    // before a trailing empty entry (a value that ends with `;`)
    const at =
      entries.length > 0 && entries[entries.length - 1] === '' ? entries.length - 1 : entries.length
    entries.splice(at, 0, l)
  }
  const data = entries.join(';')
  const expand = edit.expand || before.type === 'REG_EXPAND_SZ' || data.includes('%')
  return { data, type: expand ? 'REG_EXPAND_SZ' : 'REG_SZ' }
}

/**
 * The PowerShell function that makes editPathValue's change to a raw value; `--fix`'s
 * command runs it on the value as it is when the command runs.
 */
export const PS_EDIT_FUNCTION = `function GpaEditPath([string]$old, [string[]]$drop, [string[]]$first, [string[]]$last, [int]$dropLeading) {
  $norm = { param([string]$e) $e.Trim().Trim('"').TrimEnd('\\').ToLowerInvariant() }
  $gone = @(@($drop) + @($first) | Where-Object { $null -ne $_ } | ForEach-Object { & $norm $_ })
  $list = New-Object System.Collections.Generic.List[string]
  foreach ($e in @($first)) { if ($null -ne $e) { $list.Add($e) } }
  $i = 0
  if ($old -ne '') {
    foreach ($e in ($old -split ';')) {
      $i++
      if ($i -le $dropLeading) { continue }
      if ($gone -notcontains (& $norm $e)) { $list.Add($e) }
    }
  }
  foreach ($l in @($last)) {
    if ($null -eq $l) { continue }
    $have = @($list | ForEach-Object { & $norm $_ })
    if ($have -contains (& $norm $l)) { continue }
    $at = $list.Count
    if ($at -gt 0 -and $list[$at - 1] -eq '') { $at-- }
    $list.Insert($at, $l)
  }
  return ($list.ToArray() -join ';')
}`

const psList = (xs: readonly string[] = []) =>
  xs.length === 0 ? '@()' : `@(${xs.map(psQuote).join(', ')})`

/** The broadcast that tells Explorer (and what it starts next) to read the environment again. */
export const PS_BROADCAST = `Add-Type -Namespace GoPathArbiter -Name Broadcast -MemberDefinition '[DllImport("user32.dll", CharSet = CharSet.Unicode)] public static extern System.IntPtr SendMessageTimeout(System.IntPtr hWnd, uint msg, System.UIntPtr wParam, string lParam, uint flags, uint timeout, out System.UIntPtr result);'
$r = [UIntPtr]::Zero
[void][GoPathArbiter.Broadcast]::SendMessageTimeout([IntPtr]0xffff, 0x1A, [UIntPtr]::Zero, 'Environment', 2, 5000, [ref]$r)`

/**
 * The `--fix` command for a PATH change in one scope: reads the raw value and its kind,
 * makes the edit, writes it back (REG_EXPAND_SZ when it was one or holds a `%`), then
 * broadcasts WM_SETTINGCHANGE ("Environment", abort if hung, at most 5 s).
 */
export function pathRecipe(scope: 'user' | 'machine', edit: PathEdit): string {
  const at = scope === 'user' ? USER_ENV : MACHINE_ENV
  return [
    PS_EDIT_FUNCTION,
    `& {`,
    `  $key = [Microsoft.Win32.Registry]::${at.hive}.OpenSubKey(${psQuote(at.sub)}, $true)`,
    `  if ($null -eq $key) { throw ${psQuote(`cannot open ${at.key} for writing${scope === 'machine' ? ' (run this in an elevated PowerShell)' : ''}`)} }`,
    `  $kind = [Microsoft.Win32.RegistryValueKind]::ExpandString`,
    `  if ($key.GetValueNames() -contains 'Path') { $kind = $key.GetValueKind('Path') }`,
    `  if ($kind -ne 'String' -and $kind -ne 'ExpandString') { throw ${psQuote(`${at.key}\\Path is not a string value: left as it is`)} }`,
    `  $old = [string]$key.GetValue('Path', '', 'DoNotExpandEnvironmentNames')`,
    `  $new = GpaEditPath $old ${psList(edit.drop)} ${psList(edit.first)} ${psList(edit.last)} ${edit.dropLeading ?? 0}`,
    `  if (${edit.expand ? '$true' : "$kind -eq 'ExpandString' -or $new.Contains('%')"}) { $kind = 'ExpandString' } else { $kind = 'String' }`,
    `  $key.SetValue('Path', $new, $kind)`,
    `  $key.Close()`,
    ...PS_BROADCAST.split('\n').map((l) => `  ${l}`),
    `  'Done: new terminals get the new PATH. Terminals and editors already open keep their old one.'`,
    `}`,
  ].join('\n')
}
