/** Whether each shell could be probed, and which go it runs. */
import { isWsl, type ShellName } from '../../base/types.js'
import { entry } from './entry.js'

/** The fix every "WSL is not usable" message carries. */
export const WSL_HINT =
  'Add a step with Vampire/setup-wsl (pinned to a commit) before this action, or set wsl: false when no step uses shell: wsl-bash.'

export const SHELLS = {
  'shell-missing': entry({
    category: 'config',
    severity: 'error',
    alsoAs: {
      notice: 'under `auto`, for a shell `shells` does not name and `wsl: true` does not require',
    },
    means: 'a shell is not there',
    fix: (p: { shell: ShellName; asked: boolean; because?: string }, audience) =>
      p.because ??
      (isWsl(p.shell)
        ? WSL_HINT
        : p.shell === 'msys2' && p.asked && audience !== 'terminal'
          ? 'Add a step with msys2/setup-msys2 before this action (it puts the `msys2` wrapper on PATH), or remove msys2 from the shells input.'
          : !p.asked
            ? audience === 'terminal'
              ? `Nothing to do unless you use ${p.shell}.`
              : `Nothing to do unless later steps use shell: ${p.shell}.`
            : audience === 'terminal'
              ? 'Install that shell, or leave it out of --shells.'
              : 'Install that shell on the runner, or remove it from the shells input.'),
  }),
  'shell-failed': entry({
    about: { kind: 'startup-file' },
    category: 'config',
    severity: 'error',
    means: 'the shell did not finish the probe (a broken profile or startup file)',
    fix: (_p, audience) =>
      audience === 'terminal'
        ? 'Open that shell by hand to see the error; a broken startup file is the usual cause.'
        : 'Run a trivial step in that shell to see the error; a broken profile is the usual cause.',
  }),
  'bash-is-wsl-launcher': entry({
    category: 'config',
    severity: 'error',
    alsoAs: {
      warning: 'under `auto`, when `shells` does not name bash',
    },
    means: "`bash` is Windows' WSL launcher, not Git Bash: bash steps run in WSL",
    fix: (_p, audience) =>
      audience === 'terminal'
        ? "Put Git for Windows' bin folder (C:\\Program Files\\Git\\bin) ahead of C:\\Windows\\System32 in your PATH, or start Git Bash from its own shortcut."
        : "Pin Git Bash in the steps: `shell: C:\\Program Files\\Git\\bin\\bash.exe --noprofile --norc -e -o pipefail {0}`, or put C:\\Program Files\\Git\\bin ahead of C:\\Windows\\System32 in the runner's PATH (its .path file or the service environment).",
  }),
  'msys2-path-type': entry({
    category: 'config',
    severity: 'error',
    alsoAs: {
      warning: 'under `auto`, when `shells` does not name msys2',
    },
    means: "an msys2 step's `path-type` (MSYS2_PATH_TYPE) keeps the exported Go out of its PATH",
    fix: (p: { pathType: string; msystem: string }) =>
      `Give setup-msys2 \`path-type: inherit\` (or set MSYS2_PATH_TYPE: inherit in the step's env), so that msys2 steps see the Windows PATH and the Go this action exported; \`${p.pathType}\` keeps ${p.pathType === 'strict' ? 'none' : 'only Windows’ own folders'} of it. Or install MSYS2's own Go of the same version (\`pacboy: go:p\`, /${p.msystem.toLowerCase()}/bin/go), which is then the Go those steps run.`,
  }),
  'original-path-inherited': entry({
    category: 'config',
    severity: 'error',
    alsoAs: {
      warning: 'under `auto`, for an msys2 step when `shells` does not name msys2',
    },
    means:
      'a Git Bash or MSYS2 login shell rebuilt PATH from an ORIGINAL_PATH it inherited, not from the Windows PATH it was started with',
    fix: (_p, audience) =>
      audience === 'terminal'
        ? 'Remove ORIGINAL_PATH from the environment a new terminal gets (your user variables, or the shell that starts this one): /etc/profile then builds PATH from the current Windows PATH.'
        : 'Remove ORIGINAL_PATH from the job’s environment (an `env:` entry, GITHUB_ENV, or the environment the self-hosted runner was started from), so that /etc/profile builds PATH from the step’s Windows PATH.',
  }),
  'shell-startup-error': entry({
    about: { kind: 'startup-file' },
    category: 'config',
    severity: 'warning',
    means:
      'the shell printed an error while starting (a profile or rc file that fails part-way); its steps still run',
    fix: () =>
      'Fix the startup file the message names: what follows the failing line in it never runs.',
  }),
  'shell-timeout': entry({
    about: { kind: 'startup-file' },
    category: 'config',
    severity: 'error',
    means: 'the shell did not finish the probe in time (a hanging profile or startup file)',
    fix: () =>
      'Look for a profile or startup file of that shell that waits for input or the network.',
  }),
  'go-missing': entry({
    about: { kind: 'path-entry', folder: 'gorootBin' },
    applies: true,
    category: 'config',
    severity: 'error',
    means: "no `go` on that shell's PATH",
    fix: (p: { gorootBin: string }) =>
      `Make sure ${p.gorootBin} is on PATH for that shell (a profile or startup file may rebuild PATH).`,
  }),
  'go-not-a-program': entry({
    about: { kind: 'go-command' },
    applies: true,
    category: 'config',
    severity: 'error',
    means: '`go` is an alias or a function in that shell',
    fix: () => 'Remove the alias or function named go (often defined in the shell profile).',
  }),
  'go-wrapper': entry({
    about: { kind: 'go-command' },
    category: 'config',
    severity: 'notice',
    means:
      '`go` is a function that only runs the go on PATH (`command go "$@"`, `& (Get-Command go -CommandType Application) @args`): a wrapper around the go on PATH, checked as that program',
    fix: () => 'Nothing to do: the go it runs is the one on PATH, checked as every other shell is.',
  }),
  'go-shadowed': entry({
    about: { kind: 'go-program' },
    applies: true,
    category: 'config',
    severity: 'error',
    means:
      'another `go` comes before the exported one (another folder first, or another extension first in the same folder)',
    fix: (p: {
      program: string
      dir: string
      gorootBin: string
      shell: ShellName
      because: 'pathext' | 'git-bash' | 'order'
    }) =>
      p.because === 'pathext'
        ? `Delete or rename ${p.program}: ${p.shell} tries the extensions of PATHEXT in order within a folder.`
        : p.because === 'git-bash'
          ? `${p.dir} is one of Git Bash's own folders, which its launcher puts ahead of GITHUB_PATH; delete the go found there (it is not Go's).`
          : `Remove ${p.dir} from PATH for that shell, or delete that go; ${p.gorootBin} must come first.`,
  }),
  'go-other': entry({
    about: { kind: 'go-program' },
    applies: true,
    category: 'config',
    severity: 'error',
    means: 'another `go` runs and the exported one is not on PATH at all',
    fix: (_p, audience) =>
      audience === 'terminal'
        ? 'Something replaced PATH for that shell (a profile or rc file); put the Go you want first.'
        : 'Something replaced PATH for that shell after the export (a profile, a later step, or an rc file); put GOROOT/bin back in front.',
  }),
  'go-in-workdir': entry({
    category: 'config',
    severity: 'error',
    means: 'cmd runs a `go` program in the working directory before PATH',
    fix: (_p, audience) =>
      audience === 'terminal'
        ? 'Delete or rename that file, or set NoDefaultCurrentDirectoryInExePath=1 for your user.'
        : 'Delete or rename that file (often a build output named go.exe), or set NoDefaultCurrentDirectoryInExePath=1 for the job.',
  }),
  'wsl-go-interop-only': entry({
    about: { kind: 'go-program' },
    applies: true,
    category: 'config',
    severity: 'error',
    means: 'WSL has no Linux `go`, only the Windows `go.exe`',
    fix: (_p, audience) =>
      audience === 'terminal'
        ? 'Install the Linux Go inside the distribution (go-path-arbiter --apply then puts it first there); go.exe through interop is not a Linux toolchain.'
        : 'Let this action provision WSL (wsl: true, after Vampire/setup-wsl); GOPATH and the build cache stay on the Linux side.',
  }),
  'wsl-go-version': entry({
    about: { kind: 'go-program' },
    applies: true,
    category: 'config',
    severity: 'error',
    means:
      "a new WSL terminal's go is another Go version than the one every shell should run (inside WSL only a Linux Go of the same version agrees)",
    fix: (p: { version: string }) =>
      `Install the Linux Go ${p.version} inside the distribution and put its bin folder first on PATH there (go-path-arbiter --apply does that once it is installed), or choose the Go every shell should run with --go.`,
  }),
  'wsl-gopath-windows': entry({
    about: { kind: 'go-var', name: 'GOPATH' },
    applies: true,
    category: 'config',
    severity: 'warning',
    means: 'GOPATH inside WSL is a Windows folder through the drive mount (slow)',
    fix: (p: { passed: boolean }, audience) =>
      `${p.passed ? 'Take GOPATH out of WSLENV' : 'Do not set GOPATH to a /mnt/<drive> folder inside WSL'}, so that WSL keeps a Linux GOPATH (~/go${audience === 'terminal' ? '' : ', which this action gives wsl-bash steps: the wsl-gopath output'}).`,
  }),
  'wsl-provision-failed': entry({
    category: 'config',
    severity: 'error',
    means: 'WSL answered, but the Linux Go could not be set up there',
    fix: () =>
      'Fix the cause named in the message (a mirror without linux archives, a full disk, a distribution without tar), or set wsl: false when no step uses shell: wsl-bash.',
  }),
  'bash-env-taken': entry({
    category: 'config',
    severity: 'error',
    means: 'the job already has a BASH_ENV, so WSL steps do not get the Linux Go',
    fix: (p: { envScript: string }) =>
      `Source ${p.envScript} from your own BASH_ENV script (it is safe under set -u and does nothing outside WSL), or drop the other BASH_ENV.`,
  }),
}
