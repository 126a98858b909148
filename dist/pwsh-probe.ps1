# go-path-arbiter's probe for pwsh and Windows PowerShell, in the language subset Windows
# PowerShell 5.1 understands as well as pwsh 7 (no ??, no ternary, no pipeline chains). It
# sets $ErrorActionPreference to continue itself, so a failing `go env` is reported rather
# than fatal under the runner's stop; values are printed with [Console]::Out, never pasted
# into code. No cmdlet of a module that loads on first use (Utility, Management): loading
# one costs a start-up of a fifth of a second, so .NET and the engine's own calls stand in.
$ErrorActionPreference = 'continue'
try { [Console]::OutputEncoding = [System.Text.UTF8Encoding]::new($false) } catch { }
$M = '__GPA_MARKER__'
function rec([string]$k) { [Console]::Out.WriteLine($M + ':' + $k) }
rec 'PATH'
[Console]::Out.WriteLine([string]$env:PATH)
rec 'PATHEXT'
[Console]::Out.WriteLine([string]$env:PATHEXT)
rec 'PROFILES'
foreach ($p in @('AllUsersAllHosts', 'AllUsersCurrentHost', 'CurrentUserAllHosts', 'CurrentUserCurrentHost')) {
  [Console]::Out.WriteLine([string]$PROFILE.$p)
}
foreach ($n in @(__GPA_GO_VARS_PS__)) {
  $v = [Environment]::GetEnvironmentVariable($n)
  if ($null -eq $v) { rec ('UNSET:' + $n) } else { rec ('ENV:' + $n); [Console]::Out.WriteLine($v) }
}
rec 'WHICH'
# the command `go` runs (alias, function, script or program, by PowerShell's precedence),
# asked of the engine: the Get-Command cmdlet would be the first cmdlet this run binds
$c = $ExecutionContext.InvokeCommand.GetCommand('go', [System.Management.Automation.CommandTypes]::All)
if ($c) {
  if ([string]$c.CommandType -eq 'Application') { [Console]::Out.WriteLine($c.Source) }
  else { [Console]::Out.WriteLine([string]$c.CommandType + ' ' + $c.Name) }
}
rec 'KIND'
if ($c) { [Console]::Out.WriteLine(([string]$c.CommandType).ToLowerInvariant()) }
if ($c -and [string]$c.CommandType -eq 'Function') {
  rec 'FNBODY'
  [Console]::Out.WriteLine([string]$c.Definition)
  $a = @(Get-Command go -CommandType Application -ErrorAction SilentlyContinue)[0]
  if ($a) { rec 'FNRUNS'; [Console]::Out.WriteLine($a.Source) }
}
rec 'FNSITE'
if ($c -and [string]$c.CommandType -eq 'Function' -and $c.ScriptBlock.File) {
  [Console]::Out.WriteLine([string]$c.ScriptBlock.StartPosition.StartLine + ' ' + $c.ScriptBlock.File)
}
if ($c -and [string]$c.CommandType -eq 'Alias') { [Console]::Out.WriteLine('alias ' + [string]$c.Definition) }
if ($c) {
  rec 'GOENV'
  # each line as text (stderr's as its message); a foreach, not a pipeline: no cmdlet to bind
  $out = foreach ($__gpaO in @(& go env -json __GPA_GO_ENV_NAMES__ 2>&1)) { [string]$__gpaO }
  $rc = $LASTEXITCODE
  [Console]::Out.WriteLine(($out -join [Environment]::NewLine))
  rec ('GOENVEXIT:' + $rc)
}
rec 'END'
