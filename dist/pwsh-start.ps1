# The profiles of pwsh (or Windows PowerShell), dot-sourced here one by one in the order the
# shell runs them (AllUsersAllHosts, AllUsersCurrentHost, CurrentUserAllHosts,
# CurrentUserCurrentHost, as $PROFILE names them), with a breakpoint on every line of each
# that records PATH and the Go variables before the line runs: a value that changes between
# two records was changed by the line of the first. Started with -NoProfile, so that the
# shell does not run them before the watch is set. A profile that the execution policy
# blocks, or that throws, is reported as the shell reports it, and the next one runs. The
# probe follows this text in the same file. 5.1 language subset.
$global:__gpaM = '__GPA_MARKER__'
$global:__gpaLog = New-Object System.Collections.ArrayList
function global:__gpaSnap([string]$file, [int]$line) {
  $v = [ordered]@{ file = $file; line = $line }
  foreach ($n in @('PATH', __GPA_GO_VARS_PS__)) {
    $v[$n] = [Environment]::GetEnvironmentVariable($n)
  }
  $a = Get-Alias -Name go -ErrorAction SilentlyContinue
  if ($a) { $v['ALIAS'] = [string]$a.Definition } else { $v['ALIAS'] = $null }
  [void]$global:__gpaLog.Add((New-Object PSObject -Property $v))
}
__gpaSnap '' 0
foreach ($__gpaName in @('AllUsersAllHosts', 'AllUsersCurrentHost', 'CurrentUserAllHosts', 'CurrentUserCurrentHost')) {
  $__gpaFile = [string]$PROFILE.$__gpaName
  if (-not $__gpaFile -or -not (Test-Path -LiteralPath $__gpaFile -PathType Leaf)) { continue }
  $__gpaLines = @([IO.File]::ReadAllLines($__gpaFile)).Count
  if ($__gpaLines -gt 0) {
    $null = Set-PSBreakpoint -Script $__gpaFile -Line (1..$__gpaLines) -Action { __gpaSnap $_.Script $_.Line }
  }
  try {
    . $__gpaFile
  } catch {
    # printed as the shell prints an error in a profile it runs itself
    [Console]::Error.WriteLine(($_ | Out-String).TrimEnd())
    if ($_.FullyQualifiedErrorId -match 'UnauthorizedAccess') {
      [Console]::Out.WriteLine($global:__gpaM + ':BLOCKED')
      [Console]::Out.WriteLine($__gpaFile)
    }
  }
  __gpaSnap '' 0
}
Get-PSBreakpoint | Remove-PSBreakpoint
[Console]::Out.WriteLine($global:__gpaM + ':TRACE')
foreach ($__gpaEntry in $global:__gpaLog) { [Console]::Out.WriteLine(($__gpaEntry | ConvertTo-Json -Compress)) }
Remove-Variable -Name __gpaName, __gpaFile, __gpaLines, __gpaEntry -ErrorAction SilentlyContinue
