/**
 * Every finding the tool can report, in one place: its category (which exit code it
 * sets), its usual severity, the words the README's findings table uses, and its fix hint
 * for a workflow and for a developer's terminal. Findings are only ever built here.
 */
import type { Audience, Category, Severity, ShellName } from '../base/types.js'

export interface CatalogEntry {
  category: Category
  /** the usual severity; a few findings are milder in some cases (named in `means`) */
  severity: Severity
  /** what it means, as the README's findings table says it */
  means: string
  /** the fix, for a workflow author */
  fix: string
  /** the fix for a developer at their own terminal, where it differs */
  fixLocal?: string
}

/** The fix hint every "WSL is not usable" message carries. */
export const WSL_HINT =
  'Add a step with Vampire/setup-wsl (pinned to a commit) before this action, or set wsl: false when no step uses shell: wsl-bash.'

const entry = (
  category: Category,
  severity: Severity,
  means: string,
  fix: string,
  fixLocal?: string,
): CatalogEntry => ({ category, severity, means, fix, fixLocal })

export const CATALOG = {
  // ---- set-up: the run ends before (or instead of) the check
  'input-invalid': entry(
    'config',
    'error',
    'an input (or CLI option) has a value the action cannot use; the message names it and the value',
    'Correct the input named in the message.',
    'Correct the option named in the message.',
  ),
  'version-file-unreadable': entry(
    'config',
    'error',
    '`go-version-file` cannot be read or names no Go version',
    'Check the go-version-file path (relative to the working directory of the job) and its content.',
  ),
  'version-not-found': entry(
    'config',
    'error',
    'no release in the release index (or mirror) matches the version asked for',
    'Ask for a version the index lists (the message names the newest stable one), or fix the mirror.',
  ),
  'go-not-found': entry(
    'config',
    'error',
    '`install: false` and no Go on PATH or in the tool cache satisfies the version',
    'Set install: true, or set up that Go in an earlier step.',
  ),
  'go-unusable': entry(
    'toolchain',
    'error',
    'the Go found or installed does not run or is not a complete tree',
    'Remove or reinstall that Go; the message names it and what it printed.',
  ),
  'download-failed': entry(
    'toolchain',
    'error',
    'the release index or the archive could not be downloaded (HTTP error, timeout, larger than announced)',
    'Retry the job; with a mirror (go-download-base-url), check that it serves the index and the archive.',
  ),
  'index-invalid': entry(
    'toolchain',
    'error',
    'the release index is not usable: not JSON, too large, or an entry with an unsafe file name or checksum',
    'Check the mirror named in the message: it must serve the go.dev/dl JSON index unchanged.',
  ),
  'checksum-mismatch': entry(
    'toolchain',
    'error',
    "the downloaded archive's sha256 is not the one the index lists; nothing was installed",
    'Retry the job; if it persists, the mirror serves a damaged or altered archive.',
  ),
  'extract-failed': entry(
    'toolchain',
    'error',
    'the verified archive could not be unpacked, or holds no go/bin/go',
    'Retry the job; check free disk space in RUNNER_TOOL_CACHE.',
  ),
  'runner-dir-unusable': entry(
    'config',
    'error',
    'RUNNER_TEMP or RUNNER_TOOL_CACHE (or the CLI temp folder) cannot be written',
    'Make the folder named in the message writable for the runner user, or free disk space.',
  ),
  'gopath-unusable': entry(
    'config',
    'error',
    'the GOPATH to export is relative, holds control characters, or cannot be created',
    'Set the gopath input to an absolute path on a drive that exists, or fix the go env file named in the message.',
    'Set GOPATH to an absolute path that can be created, or fix the go env file named in the message.',
  ),
  'check-error': entry(
    'config',
    'error',
    'a part of the check failed on input it could not read; the message names what it was reading',
    'Fix the file or value named in the message; please report it if it looks valid.',
  ),

  // ---- shells
  'shell-missing': entry(
    'config',
    'error',
    'a shell is not there (an error when named in `shells` or required by `wsl: true`, a notice under `auto`)',
    'Install that shell on the runner, or remove it from the shells input.',
    'Install that shell, or leave it out of --shells.',
  ),
  'shell-failed': entry(
    'config',
    'error',
    'the shell did not finish the probe (a broken profile or startup file)',
    'Run a trivial step in that shell to see the error; a broken profile is the usual cause.',
    'Open that shell by hand to see the error; a broken startup file is the usual cause.',
  ),
  'shell-startup-error': entry(
    'config',
    'warning',
    'the shell printed an error while starting (a profile or rc file that fails part-way); its steps still run',
    'Fix the startup file the message names: what follows the failing line in it never runs.',
  ),
  'shell-timeout': entry(
    'config',
    'error',
    'the shell did not finish the probe in time (a hanging profile or startup file)',
    'Look for a profile or startup file of that shell that waits for input or the network.',
  ),

  // ---- which go each shell runs
  'go-missing': entry(
    'config',
    'error',
    "no `go` on that shell's PATH",
    'Make sure GOROOT/bin is on PATH for that shell (a profile or startup file may rebuild PATH).',
  ),
  'go-not-a-program': entry(
    'config',
    'error',
    '`go` is an alias or a function in that shell',
    'Remove the alias or function named go (often defined in the shell profile).',
  ),
  'go-shadowed': entry(
    'config',
    'error',
    'another `go` comes before the exported one (another folder first, or another extension first in the same folder)',
    'Remove the other go, or put the exported GOROOT/bin first.',
  ),
  'go-other': entry(
    'config',
    'error',
    'another `go` runs and the exported one is not on PATH at all',
    'Something replaced PATH for that shell after the export (a profile, a later step, or an rc file); put GOROOT/bin back in front.',
    'Something replaced PATH for that shell (a profile or rc file); put the Go you want first.',
  ),
  'go-in-workdir': entry(
    'config',
    'error',
    'cmd runs a `go` program in the working directory before PATH',
    'Delete or rename that file (often a build output named go.exe), or set NoDefaultCurrentDirectoryInExePath=1 for the job.',
    'Delete or rename that file, or set NoDefaultCurrentDirectoryInExePath=1 for your user.',
  ),
  'wsl-go-interop-only': entry(
    'config',
    'error',
    'WSL has no Linux `go`, only the Windows `go.exe`',
    'Let this action provision WSL (wsl: true, after Vampire/setup-wsl); GOPATH and the build cache stay on the Linux side.',
    'Install the Linux Go inside the distribution; go.exe through interop is not a Linux toolchain.',
  ),
  'wsl-provision-failed': entry(
    'config',
    'error',
    'WSL answered, but the Linux Go could not be set up there',
    'Fix the cause named in the message (a mirror without linux archives, a full disk, a distribution without tar), or set wsl: false when no step uses shell: wsl-bash.',
  ),
  'bash-env-taken': entry(
    'config',
    'error',
    'the job already has a BASH_ENV, so WSL steps do not get the Linux Go',
    'Source the env.sh named in the message from your own BASH_ENV script (it is safe under set -u and does nothing outside WSL), or drop the other BASH_ENV.',
  ),

  // ---- what each shell's go reports
  'goroot-mismatch': entry(
    'config',
    'error',
    '`go env` reports another GOROOT than exported (in Git Bash also when MSYS rewrote a Unix-form value for `go.exe`)',
    'Unset GOROOT wherever it is set by hand (profile, machine variable, `go env -w GOROOT`); the exported value should be the only one.',
    'Unset GOROOT wherever it is set by hand (profile, user or machine variable, `go env -w GOROOT`); Go finds its own root.',
  ),
  'gopath-mismatch': entry(
    'config',
    'error',
    '`go env` reports another GOPATH than exported',
    'Set GOPATH in one place only: the gopath input of this action.',
    'Set GOPATH in one place only (one startup file, or the user environment).',
  ),
  'gotoolchain-mismatch': entry(
    'config',
    'error',
    'GOTOOLCHAIN differs from the exported value',
    'A shell that does not get GOTOOLCHAIN may let go.mod switch to another toolchain; export it there too (WSL needs it in WSLENV).',
  ),
  'gopath-bin-missing': entry(
    'config',
    'error',
    'GOPATH/bin is not on PATH',
    'Add GOPATH/bin to PATH (this action does so through GITHUB_PATH; check what removed it).',
    'Add GOPATH/bin to your PATH (the user PATH on Windows, a startup file elsewhere) so `go install`ed tools are found.',
  ),
  'goenv-file-conflict': entry(
    'config',
    'error',
    'a `go env -w` value fights the export, compared as Go reads the file (a warning when it only applies everywhere)',
    'Run `go env -u NAME` to remove it from the go env file.',
  ),
  'gomod-newer': entry(
    'config',
    'error',
    "go.mod's `go` or `toolchain` line asks for a newer Go than the one set up, under `GOTOOLCHAIN=local`",
    'Set go-version-file: go.mod (it installs what go.mod asks for), or a go-version at least that new.',
    'Install a Go at least that new, or allow switching (GOTOOLCHAIN=auto).',
  ),

  // ---- a developer's machine (the CLI)
  'terminal-stale': entry(
    'config',
    'warning',
    "this terminal does not have what a new terminal of its shell gets: it started before a change, or inherits an editor's old environment",
    'Open a new terminal; the message says how on this host.',
  ),
  'registry-go-order': entry(
    'config',
    'warning',
    'a go on the machine PATH comes before one on the user PATH in every new terminal (Windows puts the machine PATH first)',
    'Remove the go you do not want from the machine PATH (as administrator), or uninstall it; --go checks against the other one.',
  ),
  'path-var-literal': entry(
    'config',
    'warning',
    'a PATH entry in the registry keeps a literal %NAME%: the value is REG_SZ, or the name is unknown',
    'Write the value back as REG_EXPAND_SZ (--fix prints a safe command), or put the folder itself in its place.',
  ),
  'path-setx-damage': entry(
    'config',
    'warning',
    "the user PATH repeats the machine PATH, or is exactly 1024 characters long: setx's signature",
    'Rebuild the user PATH from its own entries only (--fix prints a safe command); never use setx for PATH.',
  ),
  'profile-blocked': entry(
    'config',
    'warning',
    'a PowerShell profile did not run: the execution policy does not allow scripts',
    '`Set-ExecutionPolicy -Scope CurrentUser RemoteSigned` if the profile is yours, or set what it sets in the user environment instead.',
  ),
  'session-failed': entry(
    'config',
    'warning',
    "the login session (the user's login shell, on Linux) could not be started; new terminals were checked from the login environment alone",
    'Start your login shell by hand (for example `bash -l`) to see the error.',
  ),

  // ---- limits and tidiness
  'path-too-long': entry(
    'config',
    'error',
    "PATH over cmd's 8191-character line limit",
    'Remove unused and repeated PATH entries; cmd truncates or refuses longer lines.',
  ),
  'var-too-long': entry(
    'config',
    'error',
    "PATH or a Go variable over Windows' 32766 characters",
    'Shorten the variable named in the message.',
  ),
  'path-near-limit': entry(
    'config',
    'warning',
    "PATH near cmd's limit",
    'Trim PATH before adding more tools.',
  ),
  'path-duplicate': entry(
    'config',
    'warning',
    'a folder that holds go is on PATH more than once',
    'Remove the repeated PATH entries; they make PATH longer and the order harder to reason about.',
  ),
  'go-several': entry(
    'config',
    'notice',
    'several different Go programs on PATH (only the first runs)',
    'Only the first one runs; the others are harmless until PATH order changes.',
  ),

  // ---- the toolchain itself
  'go-fails': entry(
    'toolchain',
    'error',
    '`go env` fails in a shell',
    'Run `go env` in that shell; a go that cannot run is a broken or foreign (wrong OS/arch) toolchain.',
  ),
  'go-timeout': entry(
    'toolchain',
    'error',
    '`go env` does not answer in a shell',
    'Run `go env` in that shell by hand; a hanging go often waits on a network toolchain download (GOTOOLCHAIN) or a locked GOCACHE.',
  ),
  'go-broken': entry(
    'toolchain',
    'error',
    'the exported go fails `go env` outside the shells',
    'Reinstall Go: the tree is damaged or built for another OS/arch.',
  ),
  'pkg-tool-missing': entry(
    'toolchain',
    'error',
    'GOROOT has no `pkg/tool/<os>_<arch>`',
    'The GOROOT is not a complete Go tree (a bare go binary copied somewhere?); point GOROOT at a full installation.',
  ),
  'gofmt-fails': entry(
    'toolchain',
    'error',
    'gofmt in GOROOT/bin does not work',
    'Reinstall Go; gofmt ships with every Go tree.',
  ),
  'vet-missing': entry(
    'toolchain',
    'error',
    '`go vet` is not available',
    'Reinstall Go; vet ships in GOROOT/pkg/tool.',
  ),
  'version-not-installed': entry(
    'toolchain',
    'error',
    'the exported go reports another version than the one set up',
    'GOTOOLCHAIN or a go.mod toolchain line switched toolchains, or the tree was overwritten; set gotoolchain: local and reinstall.',
    'A toolchain switch (GOTOOLCHAIN) or an overwritten tree; run `go version` and reinstall.',
  ),

  // ---- modules
  'gomod-invalid': entry(
    'module',
    'error',
    'go.mod (or go.work) has a line Go cannot read; the message names the file and line',
    'Fix the line named in the message (`go mod edit` rewrites go.mod in a form Go reads).',
  ),
  'gosum-missing': entry(
    'module',
    'error',
    'go.sum is missing',
    'Run `go mod tidy` and commit go.sum.',
  ),
  'gosum-stale': entry(
    'module',
    'error',
    'go.sum lacks what go.mod requires',
    'Run `go mod tidy` and commit go.sum.',
  ),
  'mod-verify-failed': entry(
    'module',
    'error',
    '`go mod verify` fails (the message says what Go said)',
    'Follow what Go said; a changed module cache needs `go clean -modcache`, then `go mod download`.',
  ),
} as const satisfies Record<string, CatalogEntry>

export type FindingId = keyof typeof CATALOG
export const FINDING_IDS = Object.keys(CATALOG) as FindingId[]

/** What the tool reports: one cause, one finding. */
export interface Finding {
  id: FindingId
  severity: Severity
  category: Category
  /** the shells it concerns (empty: not one shell's business) */
  shells: ShellName[]
  message: string
  hint: string
  file?: string
  line?: number
  /** where the cause was set, when it is known ("~/.bashrc:3") */
  origin?: string
}

export interface FindingExtra {
  hint?: string
  severity?: Severity
  file?: string
  line?: number
  origin?: string
  audience?: Audience
}

/** The fix hint of an id for a reader. */
export function hintOf(id: FindingId, audience: Audience = 'runner'): string {
  const e: CatalogEntry = CATALOG[id]
  return audience === 'terminal' ? (e.fixLocal ?? e.fix) : e.fix
}

/** The one way to build a finding. */
export function finding(
  id: FindingId,
  shells: readonly ShellName[],
  message: string,
  extra: FindingExtra = {},
): Finding {
  const e = CATALOG[id]
  const f: Finding = {
    id,
    severity: extra.severity ?? e.severity,
    category: e.category,
    shells: [...shells],
    message,
    hint: extra.hint ?? hintOf(id, extra.audience),
  }
  if (extra.file !== undefined) f.file = extra.file
  if (extra.line !== undefined) f.line = extra.line
  if (extra.origin !== undefined) f.origin = extra.origin
  return f
}
