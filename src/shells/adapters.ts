/**
 * Which shells exist on each OS, their adapters, the executable the runner would start,
 * and the shell a program name stands for.
 */
import { existsSync, openSync, readSync, closeSync, fstatSync } from 'node:fs'
import path from 'node:path'
import type { Audience, LaunchMode, ShellName } from '../base/types.js'
import { getVar } from '../processes/env.js'
import { whichAll } from '../processes/which.js'
import { cmdShell } from './cmd.js'
import { msys2Shell } from './msys2.js'
import { fishShell } from './fish.js'
import { bashShell, shShell, zshShell } from './posix.js'
import { powershellShell, pwshShell } from './pwsh.js'
import type { ShellAdapter } from './types.js'

/**
 * The adapters of the shells a later step can use on this OS (WSL comes from wsl/). msys2
 * is a workflow step's shell (setup-msys2's wrapper), not a terminal the CLI starts.
 */
export function adapterFor(
  name: ShellName,
  platform: NodeJS.Platform,
  mode: LaunchMode = 'runner',
): ShellAdapter | null {
  switch (name) {
    case 'cmd':
      return platform === 'win32' ? cmdShell : null
    case 'pwsh':
      return pwshShell(platform)
    case 'powershell':
      return platform === 'win32' ? powershellShell(platform) : null
    case 'bash':
      return bashShell(platform)
    case 'sh':
      return platform === 'win32' ? null : shShell
    case 'zsh':
      return platform === 'win32' ? null : zshShell(platform)
    case 'fish':
      return platform === 'win32' ? null : fishShell(platform)
    case 'msys2':
      return platform === 'win32' && mode === 'runner' ? msys2Shell : null
    default:
      // WSL's adapters come with a distribution (wsl/)
      return null
  }
}

/**
 * What `shells: auto` means on each OS (those not installed are noted, not errors). A
 * developer's machine has fish more often than a runner: the CLI looks for it too.
 */
export function autoShells(platform: NodeJS.Platform, audience: Audience = 'runner'): ShellName[] {
  if (platform === 'win32') {
    return audience === 'terminal'
      ? ['cmd', 'pwsh', 'powershell', 'bash', 'wsl']
      : ['cmd', 'pwsh', 'powershell', 'bash', 'msys2', 'wsl']
  }
  return audience === 'terminal'
    ? ['bash', 'sh', 'zsh', 'fish', 'pwsh']
    : ['bash', 'sh', 'pwsh', 'zsh']
}

/**
 * The system-wide rc file an interactive bash reads, when this bash was built with one
 * (Debian's and MSYS2's `/etc/bash.bashrc`, compiled in as SYS_BASHRC): looked for in the
 * executable itself, so that no distribution is assumed.
 */
export function bashSysRc(executable: string): string | undefined {
  const wanted = Buffer.from('/etc/bash.bashrc\0')
  let fd: number | undefined
  try {
    fd = openSync(executable, 'r')
    const size = Math.min(fstatSync(fd).size, 64 * 1024 * 1024)
    const buf = Buffer.alloc(size)
    readSync(fd, buf, 0, size, 0)
    return buf.includes(wanted) ? '/etc/bash.bashrc' : undefined
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** The executable the runner would pick: the first hit on PATH (cmd falls back to %ComSpec%). */
export function locateShell(
  adapter: ShellAdapter,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): string | null {
  const hit = whichAll(adapter.command, env, platform)[0]
  if (hit) return hit
  if (adapter.name === 'cmd') {
    const comspec = getVar(env, 'ComSpec', platform)
    if (comspec && existsSync(comspec)) return comspec
  }
  return null
}

/** The shell a name (`/usr/bin/zsh`, `dash`, `pwsh.exe`) stands for here. */
export function shellNameOf(file: string | undefined): ShellName | undefined {
  const base = path
    .basename(file ?? '')
    .replace(/\.exe$/i, '')
    .toLowerCase()
  if (base === 'bash' || base === 'zsh' || base === 'fish' || base === 'pwsh') return base
  if (base === 'sh' || base === 'dash' || base === 'ash' || base === 'ksh') return 'sh'
  if (base === 'powershell') return 'powershell'
  if (base === 'cmd') return 'cmd'
  return undefined
}

/**
 * The WSL launcher, not a bash: `bash.exe` or `wsl.exe` in Windows' own System32 (SysWOW64,
 * Sysnative) or in the WindowsApps aliases. A runner whose PATH finds it before Git Bash
 * runs every `shell: bash` step in WSL, which cannot open the Windows path of the step's
 * script (actions/runner#216, #1328); on hosted images with no distribution it only prints
 * that none is installed (actions/runner-images#12646).
 */
export function isWslLauncher(file: string): boolean {
  const f = file.replace(/\//g, '\\').toLowerCase()
  return (
    /\\windows\\(system32|syswow64|sysnative)\\(bash|wsl)\.exe$/.test(f) ||
    /\\microsoft\\windowsapps\\(bash|wsl)\.exe$/.test(f)
  )
}
