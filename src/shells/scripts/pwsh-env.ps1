# The environment of a new terminal, handed over to a pwsh started before it was known
# (src/shells/env-handoff.ts): it waits for the file $__gpaEnvFile, then sets each
# `+NAME=<base64>` and removes each `-NAME=`. pwsh put its own folder in front of the PATH it
# started with (`~PATH=<base64>`) unless that PATH began with it; a new PATH gets the same
# treatment, as a pwsh started with it would give it. Few constructs: each one PowerShell
# meets for the first time costs it start-up time.
while (-not [IO.File]::Exists($__gpaEnvFile)) { [Threading.Thread]::Sleep(2) }
$__gpaNow = [string][Environment]::GetEnvironmentVariable('PATH')
$__gpaFrom = $null
foreach ($__gpaLine in [IO.File]::ReadAllLines($__gpaEnvFile)) {
  $__gpaAt = $__gpaLine.IndexOf('=')
  $__gpaValue = $null
  if ($__gpaLine[0] -ne '-') {
    $__gpaValue = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($__gpaLine.Substring($__gpaAt + 1)))
  }
  if ($__gpaLine[0] -eq '~') { $__gpaFrom = $__gpaValue }
  else { [Environment]::SetEnvironmentVariable($__gpaLine.Substring(1, $__gpaAt - 1), $__gpaValue) }
}
$__gpaPath = [string][Environment]::GetEnvironmentVariable('PATH')
if ($null -ne $__gpaFrom -and $__gpaPath -ne $__gpaNow) {
  # the folder pwsh put in front: what it added to the PATH it started with, else (that
  # PATH began with it) that PATH's first entry
  $__gpaHome = $null
  $__gpaSep = [string][IO.Path]::PathSeparator
  if ($__gpaFrom -eq '') { $__gpaHome = $__gpaNow }
  elseif ($__gpaNow.Length -gt $__gpaFrom.Length -and $__gpaNow.EndsWith($__gpaFrom, [StringComparison]::Ordinal)) {
    $__gpaHome = $__gpaNow.Substring(0, $__gpaNow.Length - $__gpaFrom.Length)
  } elseif ($__gpaFrom.IndexOf($__gpaSep) -ge 0) {
    $__gpaHome = $__gpaFrom.Substring(0, $__gpaFrom.IndexOf($__gpaSep) + 1)
  }
  if ($__gpaHome -and $__gpaPath -eq '') { $__gpaPath = $__gpaHome }
  elseif ($__gpaHome -and -not $__gpaPath.StartsWith($__gpaHome, [StringComparison]::Ordinal)) {
    $__gpaPath = $__gpaHome + $__gpaPath
  }
  [Environment]::SetEnvironmentVariable('PATH', $__gpaPath)
}
foreach ($__gpaVar in @('__gpaEnvFile', '__gpaNow', '__gpaFrom', '__gpaLine', '__gpaAt', '__gpaValue', '__gpaPath', '__gpaHome', '__gpaSep')) {
  $ExecutionContext.SessionState.PSVariable.Remove($__gpaVar)
}
