# go-path-arbiter's installer for Windows PowerShell 5.1 and PowerShell 7 (on Windows, Linux
# and macOS). By default it installs nothing: it downloads the executable for this machine,
# checks its sha256 against SHA256SUMS, runs the check once with -ArgumentList, and deletes it.
#
#   irm https://github.com/go-path-arbiter/go-path-arbiter/releases/latest/download/install.ps1 | iex
#   & ([scriptblock]::Create((irm .../install.ps1))) -ArgumentList '--json'
#   & ([scriptblock]::Create((irm .../install.ps1))) -Install
#
# -Install keeps it in a folder of the user's own (%LOCALAPPDATA%\Programs\go-path-arbiter,
# elsewhere ~/.local/bin) and adds that folder at the end of the user PATH in the registry:
# the raw value and its kind kept (REG_EXPAND_SZ stays REG_EXPAND_SZ, every %NAME% as it was),
# then WM_SETTINGCHANGE; -NoPathUpdate leaves PATH alone. -Version and -BaseUrl (GPA_VERSION,
# GPA_BASE_URL) name another version, a mirror, or a local folder holding the release's files.
[CmdletBinding()]
param(
  [switch]$Install,
  [switch]$NoPathUpdate,
  [string]$Version = $env:GPA_VERSION,
  [string]$BaseUrl = $env:GPA_BASE_URL,
  [string[]]$ArgumentList = @()
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 2

function Stop-Install([string]$Message) {
  throw "install.ps1: $Message"
}

if (-not $Version) { $Version = '0.2.0' }
$Version = $Version -replace '^v', ''
if ($Version -notmatch '^[0-9A-Za-z.+-]+$') { Stop-Install "not a version: $Version" }
if (-not $BaseUrl) { $BaseUrl = "https://github.com/go-path-arbiter/go-path-arbiter/releases/download/v$Version" }
$BaseUrl = $BaseUrl.TrimEnd('/', '\')

# Windows PowerShell 5.1 has no $IsWindows: it runs on Windows only
$onWindows = (-not (Test-Path -LiteralPath variable:IsWindows)) -or $IsWindows

function Get-MachineArch {
  $a = $null
  try { $a = [string][System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture } catch { $a = $null }
  if (-not $a -and $onWindows) {
    # a 32-bit or emulated process: the machine's own CPU is in PROCESSOR_ARCHITEW6432
    $a = $env:PROCESSOR_ARCHITEW6432
    if (-not $a) { $a = $env:PROCESSOR_ARCHITECTURE }
  }
  switch -regex ([string]$a) {
    '^(X64|AMD64)$' { return 'x64' }
    '^(Arm64|ARM64)$' { return 'arm64' }
    default { Stop-Install "no executable for the CPU '$a'" }
  }
}

function Get-ReleaseFile([string]$Name, [string]$To) {
  if ($BaseUrl -match '^https?://') {
    try {
      Invoke-WebRequest -Uri "$BaseUrl/$Name" -OutFile $To -UseBasicParsing
    } catch {
      Stop-Install "could not download $BaseUrl/$Name ($($_.Exception.Message))"
    }
  } else {
    $from = Join-Path $BaseUrl $Name
    if (-not (Test-Path -LiteralPath $from -PathType Leaf)) { Stop-Install "$from does not exist" }
    Copy-Item -LiteralPath $from -Destination $To
  }
}

<#
  The user PATH's raw value with a folder added at its end, when no entry names it already
  (entries compared as Windows compares folders: case and a trailing backslash aside). The
  kind stays, and becomes REG_EXPAND_SZ only when the value holds a %NAME%.
#>
function Add-PathEntry([string]$Raw, [string]$Kind, [string]$Dir) {
  $entries = @($Raw -split ';' | Where-Object { $_ -ne '' })
  $want = $Dir.TrimEnd('\').ToLowerInvariant()
  foreach ($e in $entries) {
    if ($e.TrimEnd('\').ToLowerInvariant() -eq $want) { return @{ Data = $Raw; Kind = $Kind; Changed = $false } }
  }
  $data = if ($Raw -eq '') { $Dir } elseif ($Raw.EndsWith(';')) { $Raw + $Dir } else { $Raw + ';' + $Dir }
  if ($Kind -ne 'ExpandString' -and $data -match '%[^%;]+%') { $Kind = 'ExpandString' }
  return @{ Data = $data; Kind = $Kind; Changed = $true }
}

function Add-UserPath([string]$Dir) {
  $key = [Microsoft.Win32.Registry]::CurrentUser.OpenSubKey('Environment', $true)
  try {
    $raw = [string]$key.GetValue('Path', '', [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
    $kind = 'ExpandString'
    if ($null -ne $key.GetValue('Path')) { $kind = [string]$key.GetValueKind('Path') }
    if ($kind -ne 'String' -and $kind -ne 'ExpandString') {
      Stop-Install "the user PATH is $kind, not a string value: left as it is (add $Dir yourself)"
    }
    $new = Add-PathEntry $raw $kind $Dir
    if (-not $new.Changed) { return $false }
    $key.SetValue('Path', $new.Data, [Microsoft.Win32.RegistryValueKind]$new.Kind)
  } finally {
    $key.Close()
  }
  Add-Type -Namespace GoPathArbiterInstall -Name Broadcast -MemberDefinition '[DllImport("user32.dll", CharSet = CharSet.Unicode)] public static extern System.IntPtr SendMessageTimeout(System.IntPtr hWnd, uint msg, System.UIntPtr wParam, string lParam, uint flags, uint timeout, out System.UIntPtr result);'
  $result = [System.UIntPtr]::Zero
  [void][GoPathArbiterInstall.Broadcast]::SendMessageTimeout([System.IntPtr]0xffff, 0x1A, [System.UIntPtr]::Zero, 'Environment', 2, 5000, [ref]$result)
  return $true
}

function Invoke-Install {
  $arch = Get-MachineArch
  if ($onWindows) { $target = "windows-$arch"; $ext = 'zip'; $exeName = 'go-path-arbiter.exe' }
  elseif ($IsMacOS) { $target = "darwin-$arch"; $ext = 'tar.gz'; $exeName = 'go-path-arbiter' }
  else { $target = "linux-$arch"; $ext = 'tar.gz'; $exeName = 'go-path-arbiter' }
  $name = "go-path-arbiter-$Version-$target.$ext"

  $work = Join-Path ([IO.Path]::GetTempPath()) ("go-path-arbiter-" + [guid]::NewGuid().ToString('N'))
  New-Item -ItemType Directory -Path $work | Out-Null
  try {
    Get-ReleaseFile 'SHA256SUMS' (Join-Path $work 'SHA256SUMS')
    $want = $null
    foreach ($line in [IO.File]::ReadAllLines((Join-Path $work 'SHA256SUMS'))) {
      $parts = $line -split '\s+', 2
      if ($parts.Count -eq 2 -and $parts[1].TrimStart('*') -eq $name) { $want = $parts[0].ToLowerInvariant() }
    }
    if (-not $want) { Stop-Install "$name is not in $BaseUrl/SHA256SUMS: no release for $target" }
    $archive = Join-Path $work $name
    Get-ReleaseFile $name $archive
    $have = (Get-FileHash -LiteralPath $archive -Algorithm SHA256).Hash.ToLowerInvariant()
    if ($have -ne $want) { Stop-Install "$name has sha256 $have, but SHA256SUMS says ${want}: nothing was run" }
    $unpacked = Join-Path $work 'x'
    New-Item -ItemType Directory -Path $unpacked | Out-Null
    if ($ext -eq 'zip') { Expand-Archive -LiteralPath $archive -DestinationPath $unpacked }
    else {
      & tar -xzf $archive -C $unpacked
      if ($LASTEXITCODE -ne 0) { Stop-Install "tar could not unpack $name" }
    }
    $exe = Join-Path $unpacked $exeName

    if (-not $Install) {
      # its output to this console, not into the function's result
      & $exe @ArgumentList | ForEach-Object { [Console]::Out.WriteLine([string]$_) }
      return $LASTEXITCODE
    }

    if ($onWindows) { $dir = Join-Path $env:LOCALAPPDATA 'Programs\go-path-arbiter' }
    else { $dir = Join-Path $HOME '.local/bin' }
    New-Item -ItemType Directory -Path $dir -Force | Out-Null
    $first = Get-Command go-path-arbiter -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    Copy-Item -LiteralPath $exe -Destination (Join-Path $dir $exeName) -Force
    Write-Host "installed go-path-arbiter $Version into $dir"
    if ($first -and ((Split-Path -Parent $first.Source).TrimEnd('\', '/') -ne $dir.TrimEnd('\', '/'))) {
      Write-Host "note: another go-path-arbiter comes first on PATH ($($first.Source)): that one runs until it is removed"
    }
    if ($onWindows -and -not $NoPathUpdate) {
      if (Add-UserPath $dir) { Write-Host "added $dir to the user PATH: open a new terminal to use go-path-arbiter" }
    } elseif (-not $onWindows) {
      $sep = [IO.Path]::PathSeparator
      if (@($env:PATH -split [regex]::Escape([string]$sep)) -notcontains $dir) {
        Write-Host "note: $dir is not on PATH: add it in your shell's startup file, then open a new terminal"
      }
    }
    return 0
  } finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
  }
}

# dot-sourced by a test with GPA_INSTALL_DEFINE_ONLY=1: the functions only
if ($env:GPA_INSTALL_DEFINE_ONLY -ne '1') {
  $code = Invoke-Install
  # run as a file: its exit code; run by `irm | iex`: exiting would close the terminal
  if ($PSCommandPath) { exit $code } else { $global:LASTEXITCODE = $code }
}
