import type { ShellName } from '../inputs.js'
import type { GoEnv } from '../go/go-env.js'
import type { PathStyle } from '../env/paths.js'

/** The Go variables a probe reads from the shell's environment. */
export const ENV_NAMES = ['GOROOT', 'GOPATH', 'GOBIN', 'GOTOOLCHAIN', 'GOFLAGS', 'GOENV'] as const

/** What `go env -json` is asked for in every shell. */
export const GO_ENV_NAMES = [
  'GOROOT',
  'GOPATH',
  'GOVERSION',
  'GOOS',
  'GOARCH',
  'GOEXE',
  'GOTOOLCHAIN',
  'GOMODCACHE',
  'GOCACHE',
  'GOENV',
  'GOFLAGS',
  'GOMOD',
] as const

/** What a shell printed, parsed: everything as the shell sees it (its own path forms). */
export interface ShellView {
  /** PATH exactly as the shell sees it */
  path: string
  /** Go variables of the environment; null when unset */
  env: Record<string, string | null>
  /** what the shell itself resolves `go` to (path, or `Function go` and the like), '' if none */
  resolved: string
  /** cmd only: a go program in the current folder, which cmd runs before PATH */
  cwdHit?: string
  /** every `go` / `gofmt` the shell's PATH holds, in order, when the shell listed them itself */
  hits?: { go: string[]; gofmt: string[] }
  /** raw `go env -json` output and its exit code (null when go was not run) */
  goEnvText: string
  goEnvExit: number | null
}

export type ProbeStatus = 'ok' | 'missing' | 'timeout' | 'failed'

/** One shell's probe, with the values compared later. */
export interface ProbeResult {
  shell: ShellName
  status: ProbeStatus
  /** why it is not ok */
  detail?: string
  executable?: string
  /** the command line, as launched */
  commandLine?: string
  durationMs: number
  pathStyle: PathStyle
  view?: ShellView
  /** PATH entries as the shell sees them */
  pathEntries: string[]
  /** every go / gofmt on that PATH, host-native paths, in lookup order */
  hits: { go: string[]; gofmt: string[] }
  goEnv?: GoEnv
  goEnvError?: string
  stdout?: string
  stderr?: string
  exitCode?: number | null
}

/** One shell: how the runner launches it, the probe script, and the parser of its output. */
export interface ShellAdapter {
  name: ShellName
  /** the executable the runner looks up on PATH */
  command: string
  /** script file extension */
  extension: string
  pathStyle: PathStyle
  /** the script file's bytes, written as the runner writes a step's script */
  script(marker: string): string
  /** the arguments, as the runner passes them */
  args(scriptFile: string): string[]
  /** Windows command lines the runner builds itself (cmd) are passed verbatim */
  verbatim?: boolean
  parse(stdout: string, marker: string): ShellView
  /** variables the launcher itself needs (WSL_UTF8 for wsl.exe) */
  launchEnv?: Record<string, string>
  /** turns the output bytes into text (default UTF-8) */
  decode?: (bytes: Buffer) => string
}
