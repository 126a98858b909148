# The profiles of pwsh (or Windows PowerShell), dot-sourced here one by one in the order the
# shell runs them (AllUsersAllHosts, AllUsersCurrentHost, CurrentUserAllHosts,
# CurrentUserCurrentHost, as $PROFILE names them), with a breakpoint on every line of each
# that records PATH and the Go variables before the line runs: a value that changes between
# two records was changed by the line of the first. Started with -NoProfile, so that the
# shell does not run them before the watch is set. A profile that the execution policy
# blocks, or that throws, is reported as the shell reports it, and the next one runs. The
# probe follows this text in the same file. 5.1 language subset. No cmdlet of a module that
# loads on first use (Utility, Management: a fifth of a second each) runs unless a profile
# exists: .NET and the engine's own calls stand in.
$global:__gpaM = '__GPA_MARKER__'
# this start-up's records: stdout, or in a terminal the records file opened before it
if ($null -eq $global:__gpaOut) { $global:__gpaOut = [Console]::Out }
$global:__gpaLog = [System.Collections.ArrayList]::new()
function global:__gpaSnap([string]$file, [int]$line) {
  $v = [ordered]@{ file = $file; line = $line }
  foreach ($n in @('PATH', __GPA_GO_VARS_PS__)) {
    $v[$n] = [Environment]::GetEnvironmentVariable($n)
  }
  # the alias drive, not GetCommand(..., 'Alias'): that one searches every module for an
  # alias it does not find (a sixth of a second)
  $v['ALIAS'] = $null
  if ($ExecutionContext.InvokeProvider.Item.Exists('alias:go')) {
    $v['ALIAS'] = [string]@($ExecutionContext.InvokeProvider.Item.Get('alias:go'))[0].Definition
  }
  [void]$global:__gpaLog.Add($v)
}
# A profile that dot-sources another file (`. $HOME/go.ps1`, `. "$PSScriptRoot\env.ps1"`)
# changes values on that file's lines: the files it names with a plain path (variables
# only, no expressions) are watched too, a line breakpoint on each of their lines.
function global:__gpaWatch([string]$file, [int]$depth) {
  if ($depth -gt 4 -or $global:__gpaWatched.ContainsKey($file)) { return }
  $global:__gpaWatched[$file] = $true
  $n = @([IO.File]::ReadAllLines($file)).Count
  if ($n -gt 0) {
    $null = Set-PSBreakpoint -Script $file -Line (1..$n) -Action { __gpaSnap $_.Script $_.Line }
  }
  $tokens = $null
  $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseFile($file, [ref]$tokens, [ref]$errors)
  $dots = $ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.CommandAst] -and $a.InvocationOperator -eq 'Dot' }, $true)
  foreach ($d in $dots) {
    $e = $d.CommandElements[0]
    $text = $null
    if ($e -is [System.Management.Automation.Language.StringConstantExpressionAst]) { $text = $e.Value }
    elseif ($e -is [System.Management.Automation.Language.ExpandableStringExpressionAst] -and
      -not ($e.NestedExpressions | Where-Object { $_ -isnot [System.Management.Automation.Language.VariableExpressionAst] })) {
      $root = [IO.Path]::GetDirectoryName($file)
      $text = $e.Value -replace '\$PSScriptRoot|\$\{PSScriptRoot\}', $root
      $text = $ExecutionContext.InvokeCommand.ExpandString($text)
    }
    if ($text -and [IO.File]::Exists($text)) {
      __gpaWatch ([IO.Path]::GetFullPath($text)) ($depth + 1)
    }
  }
}
$global:__gpaWatched = @{}
__gpaSnap '' 0
foreach ($__gpaName in @('AllUsersAllHosts', 'AllUsersCurrentHost', 'CurrentUserAllHosts', 'CurrentUserCurrentHost')) {
  $__gpaFile = [string]$PROFILE.$__gpaName
  if (-not $__gpaFile -or -not [IO.File]::Exists($__gpaFile)) { continue }
  __gpaWatch $__gpaFile 0
  try {
    . $__gpaFile
  } catch {
    # printed as the shell prints an error in a profile it runs itself
    [Console]::Error.WriteLine(($_ | Out-String).TrimEnd())
    if ($_.FullyQualifiedErrorId -match 'UnauthorizedAccess') {
      $global:__gpaOut.WriteLine($global:__gpaM + ':BLOCKED')
      $global:__gpaOut.WriteLine($__gpaFile)
    }
  }
  __gpaSnap '' 0
}
if ($global:__gpaWatched.Count -gt 0) { Get-PSBreakpoint | Remove-PSBreakpoint }
# each record as a line of JSON, written here (ConvertTo-Json would load its module)
# (string methods, and the regex only for a value with a control character: compiling the
# operators' regexes costs a tenth of the whole probe)
$global:__gpaCtl = [char[]](0..31)
function global:__gpaJson($x) {
  if ($null -eq $x) { return 'null' }
  if ($x -is [int]) { return [string]$x }
  $e = ([string]$x).Replace('\', '\\').Replace('"', '\"')
  if ($e.IndexOfAny($global:__gpaCtl) -ge 0) {
    $e = [regex]::Replace($e, '[\x00-\x1f]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })
  }
  return '"' + $e + '"'
}
$global:__gpaOut.WriteLine($global:__gpaM + ':TRACE')
foreach ($__gpaEntry in $global:__gpaLog) {
  $__gpaParts = foreach ($k in $__gpaEntry.Keys) { (__gpaJson ([string]$k)) + ':' + (__gpaJson $__gpaEntry[$k]) }
  $global:__gpaOut.WriteLine('{' + ($__gpaParts -join ',') + '}')
}
foreach ($__gpaVar in @('__gpaName', '__gpaFile', '__gpaEntry', '__gpaParts', '__gpaWatched', '__gpaCtl')) {
  $ExecutionContext.SessionState.PSVariable.Remove($__gpaVar)
}
# this tool's own functions (__gpaSnap, __gpaWatch, __gpaJson) stay: removing them goes
# through the provider, which costs a sixth of a second, and nothing named go is among them
