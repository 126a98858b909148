/** What each shell's go reports: GOROOT, GOPATH, GOTOOLCHAIN, GOBIN, the go env file, go.mod's lines. */
import { entry } from './entry.js'

export const GO_VALUES = {
  'goroot-mismatch': entry({
    about: { kind: 'go-var', name: 'GOROOT' },
    applies: true,
    category: 'config',
    severity: 'error',
    means:
      '`go env` reports another GOROOT than exported (in Git Bash also when MSYS rewrote a Unix-form value for `go.exe`)',
    fix: (_p, audience) =>
      audience === 'terminal'
        ? 'Unset GOROOT wherever it is set by hand (profile, user or machine variable, `go env -w GOROOT`); Go finds its own root.'
        : 'Unset GOROOT wherever it is set by hand (profile, machine variable, `go env -w GOROOT`); the exported value should be the only one.',
  }),
  'gopath-mismatch': entry({
    about: { kind: 'go-var', name: 'GOPATH' },
    applies: true,
    category: 'config',
    severity: 'error',
    means: '`go env` reports another GOPATH than exported',
    fix: (_p, audience) =>
      audience === 'terminal'
        ? 'Set GOPATH in one place only (one startup file, or the user environment).'
        : 'Set GOPATH in one place only: the gopath input of this action.',
  }),
  'gotoolchain-mismatch': entry({
    about: { kind: 'go-var', name: 'GOTOOLCHAIN' },
    applies: true,
    category: 'config',
    severity: 'error',
    means: 'GOTOOLCHAIN differs from the exported value',
    fix: () =>
      'A shell that does not get GOTOOLCHAIN may let go.mod switch to another toolchain; export it there too (WSL needs it in WSLENV).',
  }),
  'gopath-bin-missing': entry({
    about: { kind: 'path-entry', folder: 'gopathBin' },
    applies: true,
    category: 'config',
    severity: 'error',
    alsoAs: { warning: "on a developer's machine, where nothing fails until a tool is installed" },
    means: 'GOPATH/bin is not on PATH',
    fix: (_p, audience) =>
      audience === 'terminal'
        ? 'Add GOPATH/bin to your PATH (the user PATH on Windows, a startup file elsewhere) so `go install`ed tools are found.'
        : 'Add GOPATH/bin to PATH (this action does so through GITHUB_PATH; check what removed it).',
  }),
  'goenv-file-conflict': entry({
    about: { kind: 'go-var', name: 'param' },
    applies: true,
    category: 'config',
    severity: 'error',
    alsoAs: { warning: 'when the value only applies everywhere, fighting nothing' },
    means: 'a `go env -w` value fights the export, compared as Go reads the file',
    fix: (p: { name: string; crlf: boolean; stuck?: boolean }) =>
      p.stuck
        ? `Take the ${p.name} line out of the go env file: \`go env -u ${p.name}\` cannot run while it names a missing folder.`
        : `Run \`go env -u ${p.name}\` to remove it from the go env file${p.crlf ? ', or save the file with LF line ends' : ''}.`,
  }),
  'go-setting-differs': entry({
    category: 'config',
    severity: 'error',
    alsoAs: {
      notice:
        'for a cache folder, the go env file itself or telemetry: time or privacy, not the build',
    },
    means:
      "a go setting that changes what go does (GOPROXY, GOPRIVATE, GOFLAGS, CGO_ENABLED, GOOS, GOARCH, GOWORK, ...) differs between shells; for GOOS and GOARCH, one that is not the machine's own",
    about: { kind: 'go-var', name: 'param' },
    applies: true,
    fix: (p: { name: string }, audience) =>
      audience === 'terminal'
        ? `Set ${p.name} in one place every shell reads: \`go env -w ${p.name}=...\` (the go env file), and remove the startup-file line or user variable that overrides it in this shell (--apply does both).`
        : `Set ${p.name} for every step in one place (the job's env, or go-env-file), and remove what overrides it in this shell (a profile, BASH_ENV).`,
  }),
  'declared-mismatch': entry({
    category: 'config',
    severity: 'error',
    means:
      "a shell's go settles on another value of a setting than the declared environment (`.go-env`, go-env-file) says; a pattern list or GOFLAGS agrees when it holds every declared pattern or flag",
    about: { kind: 'go-var', name: 'param' },
    applies: true,
    fix: (p: { name: string; file: string }, audience) =>
      audience === 'terminal'
        ? `--apply writes ${p.name} from ${p.file} into your go env file (every shell reads it) and overrides the startup-file line or user variable that hides it.`
        : `Remove what sets ${p.name} otherwise for this shell (a profile, BASH_ENV, a step's env); this action exports the declared value for every later step.`,
  }),
  'declared-file-invalid': entry({
    category: 'config',
    severity: 'error',
    means:
      'the declared environment file has a line it cannot hold: a name that is not a compared setting, a line that is not NAME=VALUE, CRLF line ends',
    fix: (p: { file: string }) =>
      `Edit ${p.file}: one NAME=VALUE per line (LF line ends), # for comments, only go settings (GOPROXY, GOPRIVATE, GOFLAGS, CGO_ENABLED, ...).`,
  }),
  'gomod-newer': entry({
    category: 'config',
    severity: 'error',
    alsoAs: {
      warning:
        'for a `toolchain` line newer than the Go set up, under GOTOOLCHAIN=local: builds use the older Go',
      notice:
        'when the go command may switch toolchains (GOTOOLCHAIN=auto): it downloads the newer one; and before Go 1.21, where the go line is advisory: the older Go builds it',
    },
    means:
      'go.mod\'s `go` or `toolchain` line asks for a newer Go than the one set up (Go 1.21 or later), and the go command refuses it (`GOTOOLCHAIN=local`) or cannot get it (a bare `go 1.N` under Go 1.21 asks for a toolchain `go1.N` that does not exist: "toolchain not available")',
    fix: (_p, audience) =>
      audience === 'terminal'
        ? 'Install a Go at least that new, or allow switching (GOTOOLCHAIN=auto).'
        : 'Set go-version-file: go.mod (it installs what go.mod asks for), or a go-version at least that new.',
  }),
}
