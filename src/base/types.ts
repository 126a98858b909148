/** Names shared by every layer: shells, finding categories and severities, exit codes. */

/**
 * `wsl` stands for `shell: wsl-bash {0}` steps (Vampire/setup-wsl), `msys2` for
 * `shell: msys2 {0}` steps (msys2/setup-msys2's wrapper).
 */
export type ShellName =
  'cmd' | 'pwsh' | 'powershell' | 'bash' | 'sh' | 'zsh' | 'fish' | 'msys2' | WslShell
export const SHELL_NAMES: readonly ShellName[] = [
  'cmd',
  'pwsh',
  'powershell',
  'bash',
  'sh',
  'zsh',
  'fish',
  'wsl',
  'msys2',
]

/**
 * A WSL shell: `wsl` for the default distribution (and the action's `wsl-bash` steps),
 * `wsl:NAME` for a new terminal of another registered distribution (the CLI on Windows).
 */
export type WslShell = 'wsl' | `wsl:${string}`
export const isWsl = (shell: string): shell is WslShell =>
  shell === 'wsl' || shell.startsWith('wsl:')

/** The exit-code family of a finding: config 1, toolchain 2, module 3. */
export type Category = 'config' | 'toolchain' | 'module'
export const CATEGORIES: readonly Category[] = ['config', 'toolchain', 'module']

export type Severity = 'error' | 'warning' | 'notice'

export type ExitCode = 0 | 1 | 2 | 3
export type Status = 'ok' | Category

/**
 * How a shell is started: `runner` as a workflow step (`bash --noprofile --norc`,
 * `cmd /D`, pwsh with its profiles); `terminal` as a new terminal starts it, its startup
 * files traced; `session` as the login shell that starts a desktop or ssh session (Linux),
 * traced, its whole environment kept for the terminals started in it.
 */
export type LaunchMode = 'runner' | 'terminal' | 'session'

/** Who reads a fix hint: a workflow author, or a developer at their own terminal. */
export type Audience = 'runner' | 'terminal'
