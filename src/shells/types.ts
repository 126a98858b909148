import type { LaunchMode, ShellName } from '../base/types.js'
import type { GoEnv } from '../go/go-env.js'
import { GO_VARIABLES } from '../go/settings.js'
import type { WslConf } from './wsl-conf.js'
import type { PathStyle } from '../paths/forms.js'
import type { StartTrace } from './trace.js'

/** The Go variables a probe reads from the shell's environment. */
export const ENV_NAMES = GO_VARIABLES

/** What `go env -json` is asked for in every shell: where Go is, and every setting. */
export const GO_ENV_NAMES: readonly string[] = [
  ...GO_VARIABLES,
  'GOHOSTOS',
  'GOHOSTARCH',
  'GOVERSION',
  'GOEXE',
  'GOTOOLDIR',
  'GOMOD',
]

/** What a shell printed, parsed: everything as the shell sees it (its own path forms). */
export interface ShellView {
  /** PATH exactly as the shell sees it */
  path: string
  /** Go variables of the environment; null when unset */
  env: Record<string, string | null>
  /** what the shell itself resolves `go` to (a path, or `Alias go` and the like), '' if none */
  resolved: string
  /** a function named go that only runs the go on PATH: its text (the view is that program's) */
  wrapper?: string
  /** what kind of command `go` is in the shell, as the shell says it */
  kind?: GoKind
  /** every `go` / `gofmt` the shell's PATH holds, in order, when the shell listed them itself */
  hits?: { go: string[]; gofmt: string[] }
  /** zsh: ZDOTDIR as its start-up left it (the folder of ~/.zshrc and the rest) */
  zdotdir?: string
  /** pwsh / powershell: the four profile files, as the shell names them */
  profiles?: string[]
  /** PATHEXT as the shell sees it (Windows shells) */
  pathext?: string
  /** cmd: whether it looks in the current folder before PATH, and that folder */
  cwdSearch?: boolean
  cwd?: string
  /** the shell said it found no go when asked to run it (cmd's 9009) */
  goNotFound?: boolean
  /** whether the probe got as far as starting `go env` (its record header was printed) */
  goStarted: boolean
  /** raw `go env -json` output and its exit code (null when go was not run) */
  goEnvText: string
  goEnvExit: number | null
  /** the start-up, traced (a terminal's start, the login session, a traced runner step) */
  trace?: StartTrace
  /** the whole environment at the end of the start-up (the login session) */
  envDump?: Record<string, string>
  /** inside WSL: /etc/wsl.conf's interop and automount settings (absent: no such file) */
  wslConf?: WslConf
  /** Git Bash and MSYS2: MSYSTEM, MSYS2_PATH_TYPE as the shell ended with it, `/` in Windows form */
  msys?: MsysView
}

/** What a Git Bash or MSYS2 shell said of its own set-up. */
export interface MsysView {
  /** UCRT64, MINGW64, CLANG64, MSYS, ... */
  msystem: string
  /** null when unset (MSYS2's /etc/profile then follows `minimal`, Git's follows `inherit`) */
  pathType: string | null
  /** `cygpath -m /`: `C:/msys64`, `C:/Program Files/Git` */
  root?: string
}

/** `go` as the shell sees it: a program, an alias, a function, a builtin, or nothing. */
export type GoKind = 'file' | 'alias' | 'function' | 'builtin' | 'none'

/** What a shell printed: stdout (records) and stderr (errors, and the trace for POSIX shells). */
export interface ShellOutput {
  stdout: string
  stderr: string
}

/** Variables a launch sets (a string) or removes (null). */
export type LaunchEnv = Record<string, string | null>

/** How a shell is started for one probe. */
export interface Launch {
  mode: LaunchMode
  /** runner mode only: trace the start-up too (pwsh's profiles, for the action's attribution) */
  trace?: boolean
  /** cmd as a terminal: the AutoRun values it runs first, HKLM then HKCU */
  autorun?: ReadonlyArray<{ key: string; value: string }>
  /** bash: the system-wide rc file this bash reads as an interactive shell, if any */
  bashSysRc?: string
  /**
   * a terminal's shell started with a pseudo-terminal: the file its probe writes the
   * records to (its stdout is the terminal)
   */
  records?: string
  /**
   * pwsh started before its environment was known (while the login session ran): the file
   * the environment is handed over in (env-handoff.ts), read before anything else runs
   */
  envFile?: string
}

export type ProbeStatus = 'ok' | 'missing' | 'timeout' | 'failed'

/** One shell's probe, with the values compared later. */
export interface ProbeResult {
  shell: ShellName
  mode: LaunchMode
  status: ProbeStatus
  /** why it is not ok */
  detail?: string
  executable?: string
  /** the command line, as launched */
  commandLine?: string
  /**
   * a terminal's shell: whether it was started with a (pseudo-)terminal, as a terminal
   * starts it (false: with pipes, on Windows or where no `script` program was found)
   */
  terminal?: boolean
  /**
   * started while the login session still ran, and handed the new terminal's environment
   * once it was known (env-handoff.ts): pwsh, whose start is the slowest of a check
   */
  startedEarly?: boolean
  durationMs: number
  pathStyle: PathStyle
  view?: ShellView
  /** PATH entries as the shell sees them */
  pathEntries: string[]
  /** every go / gofmt on that PATH, host-native paths, in lookup order */
  hits: { go: string[]; gofmt: string[] }
  /** cmd: a go program in the current folder, which cmd runs before anything on PATH */
  cwdHit?: string
  /** the go the shell runs (a host path), when it is a program */
  runs?: string
  goEnv?: GoEnv
  goEnvError?: string
  /**
   * Git Bash and MSYS2: PATH and ORIGINAL_PATH of the environment the shell was started
   * with (a login shell's /etc/profile builds PATH from them)
   */
  started?: { path: string; originalPath: string | null }
  /** errors the shell printed while starting (a profile that throws), though the probe ran */
  startupErrors?: string
  stdout?: string
  stderr?: string
  exitCode?: number | null
}

/** One shell: how it is launched, the probe script, and the parser of its output. */
export interface ShellAdapter {
  name: ShellName
  /** the executable looked up on PATH */
  command: string
  /** script file extension */
  extension: string
  pathStyle: PathStyle
  /** the script file's text, written as the runner writes a step's script */
  script(marker: string, launch: Launch): string
  /** the arguments, as the runner (or a terminal) passes them */
  args(scriptFile: string, launch: Launch): string[]
  /** Windows command lines the runner builds itself (cmd) are passed verbatim */
  verbatim?: boolean
  parse(out: ShellOutput, marker: string, launch: Launch): ShellView
  /** variables set (a string) or removed (null) for this launch: WSL_UTF8, zsh's PS4 */
  launchEnv?(marker: string, launch: Launch, env?: NodeJS.ProcessEnv): LaunchEnv
  /** the script is handed over on stdin (wsl.exe: nothing written into the distribution) */
  stdinScript?: boolean
  /** `auto`: the output may be UTF-16LE (wsl.exe) */
  decode?: 'utf8' | 'auto'
  /** whether this launch traces the start-up (the trace goes to stderr or the records) */
  traces(launch: Launch): boolean
  /** it can start before its environment is known, and be handed it (env-handoff.ts) */
  handsOver?(launch: Launch): boolean
}
