/** What only a developer's machine has: this terminal, the Windows registry, PowerShell's policy, the login session. */
import { entry } from './entry.js'

/** The way out of a terminal that started before the change, for this host. */
export function wayOut(
  t: { vscode: boolean; windowsTerminal: boolean; editorDir?: string },
  platform: NodeJS.Platform,
): string {
  if (t.vscode && t.editorDir)
    return `Closing VS Code does not help: its Go extension puts ${t.editorDir} first in every integrated terminal while go.terminal.activateEnvironment is on (its default), and VS Code keeps that after a restart. Point go.goroot (or go.alternateTools's go) at the Go every shell runs, or choose that Go with "Go: Choose Go Environment", or set go.terminal.activateEnvironment to false; then open a new integrated terminal.`
  if (t.vscode)
    return "VS Code's terminals inherit the environment VS Code started with: close every VS Code window, then start it again (a new terminal tab is not enough). If the Go extension puts its Go first in every integrated terminal (go.terminal.activateEnvironment, on by default), point go.goroot (or go.alternateTools) at the Go every shell runs, or turn go.terminal.activateEnvironment off."
  if (platform === 'win32')
    return `Open a new terminal window${t.windowsTerminal ? ' (Windows Terminal gives a new tab the new environment only with compatibility.reloadEnvironmentVariables on, its default since 1.18; otherwise close Windows Terminal entirely)' : ''}. If a new one still has the old values, the registry change was never broadcast to Explorer: sign out and in again, or restart Explorer.`
  return 'Open a new terminal (a new tab or window): this one started before the change.'
}

export const MACHINE = {
  'reference-undecided': entry({
    category: 'config',
    severity: 'error',
    means:
      "new terminals run different Gos and nothing says which one every shell should run (`--go`, a GOTOOLCHAIN in `.go-env`, go.mod's toolchain or go line): each is listed with its version, its health and where it came from, and none is called right",
    fix: () =>
      "Choose the Go every shell should run: --go PATH|VERSION (--apply asks which one), or declare it (a GOTOOLCHAIN in .go-env, go.mod's go or toolchain line).",
  }),
  'terminal-stale': entry({
    category: 'config',
    severity: 'warning',
    means:
      "this terminal does not have what a new terminal of its shell gets: it started before a change, or inherits an editor's old environment",
    fix: (p: {
      vscode: boolean
      windowsTerminal: boolean
      platform: NodeJS.Platform
      editorDir?: string
    }) => wayOut(p, p.platform),
  }),
  'registry-go-order': entry({
    about: { kind: 'registry' },
    category: 'config',
    severity: 'warning',
    means:
      'a go on the machine PATH comes before one on the user PATH in every new terminal (Windows puts the machine PATH first)',
    fix: () =>
      'Remove the go you do not want from the machine PATH (as administrator), or uninstall it; --go checks against the other one.',
  }),
  'path-var-literal': entry({
    about: { kind: 'registry' },
    applies: true,
    category: 'config',
    severity: 'warning',
    means:
      'a PATH entry in the registry keeps a literal %NAME%: the value is REG_SZ, or the name is unknown',
    fix: () =>
      'Write the value back as REG_EXPAND_SZ (--fix prints a safe command), or put the folder itself in its place.',
  }),
  'path-setx-damage': entry({
    about: { kind: 'registry' },
    applies: true,
    category: 'config',
    severity: 'warning',
    means:
      "the user PATH repeats the machine PATH, or is exactly 1024 characters long: setx's signature",
    fix: () =>
      'Rebuild the user PATH from its own entries only (--fix prints a safe command); never use setx for PATH.',
  }),
  'profile-blocked': entry({
    about: { kind: 'startup-file' },
    category: 'config',
    severity: 'warning',
    means: 'a PowerShell profile did not run: the execution policy does not allow scripts',
    fix: () =>
      '`Set-ExecutionPolicy -Scope CurrentUser RemoteSigned` if the profile is yours, or set what it sets in the user environment instead.',
  }),
  'startup-file-crlf': entry({
    about: { kind: 'startup-file' },
    category: 'config',
    severity: 'error',
    applies: true,
    means:
      "a POSIX shell's startup file has CRLF line ends (saved by a Windows editor): bash, sh and zsh read each CR as part of the line: a value set there ends with a CR, a command is not found (`$'\\r': command not found`), an `if … fi` is a syntax error (fish reads such a file as it is meant)",
    fix: (p: { file: string; path?: string }) =>
      `Save ${p.file} with LF line ends (go-path-arbiter --apply does it, journaled; or your editor's line-end setting).`,
  }),
  'session-failed': entry({
    category: 'config',
    severity: 'warning',
    means:
      "the login session (the user's login shell, on Linux) could not be started; new terminals were checked from the login environment alone",
    fix: () => 'Start your login shell by hand (for example `bash -l`) to see the error.',
  }),
}
