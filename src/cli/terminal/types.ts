/** The shapes of the CLI's check of what a new terminal gets. */
import type { Origin } from '../../base/origin.js'
import type { ShellName, WslShell } from '../../base/types.js'
import type { ShellOrigins } from '../../attribution/origins.js'
import type { CheckReport } from '../../check/run-check.js'
import type { Expected, ThisTerminal } from '../../check/types.js'
import type { StartEnvironment } from '../start/start.js'
import type { Finding } from '../../findings/catalog.js'
import type { Declared } from '../../go/declared.js'
import type { GoEnv } from '../../go/go-env.js'
import type { ProbeResult, ShellAdapter } from '../../shells/types.js'
import type { Candidate } from './candidates.js'
import type { DistroFiles } from '../../wsl/startup-files.js'

export interface TerminalOptions {
  platform: NodeJS.Platform
  /** this process's environment: the user, locale and terminal; and this terminal's view */
  env: NodeJS.ProcessEnv
  shells: 'auto' | ShellName[]
  /** --go: the Go the user wants every shell to run (a path or a version) */
  go?: string
  timeoutMs: number
  tempDir: string
  workingDirectory: string
  checkModules: boolean
  onProgress?: (shell: ShellName, state: 'started' | 'done') => void
  /** Windows: the WSL distributions whose new terminals are checked */
  wsl?: WslTerminals
  /** Windows: a distribution's files through wsl.exe (`--go wsl:PATH` is looked up there) */
  distro?: (distribution: string) => DistroFiles
  /** the declared environment every new terminal is held to (.go-env, --go-env-file) */
  declared?: Declared
}

/** The Go every shell is held against, and where it came from. */
export interface Reference {
  program: string
  goEnv: GoEnv
  /** the environment it was asked `go env` in (its shell's new terminal) */
  env: NodeJS.ProcessEnv
  /** whose new terminal runs it */
  shell?: ShellName
  /** in words: why this one */
  how: string
  /** the PATH entry that holds it in that terminal, and who put it there */
  entry?: { entry: string; origin: Origin }
}

/** One of cmd's AutoRun values (HKLM, then HKCU), raw. */
export interface AutorunValue {
  key: string
  value: string
  type: string
}

export interface TerminalRun {
  /** Windows: cmd's AutoRun values a new cmd runs */
  autorun: AutorunValue[]
  start: StartEnvironment
  userShell: { name?: ShellName; path: string }
  session?: { shell: ShellName; probe: ProbeResult; origins?: ShellOrigins }
  report: CheckReport
  origins: ShellOrigins[]
  reference: Reference
  /** nothing declared which Go, and new terminals run different ones: none is the reference */
  undecided?: { why: string; candidates: Candidate[] }
  expected: Expected
  findings: Finding[]
  thisTerminal: ThisTerminal
  /** Windows: the WSL distributions whose new terminals were checked, each as its row */
  wsl?: WslChecked[]
}

/** A WSL distribution checked as a row of its own: `wsl` the default one, `wsl:NAME` another. */
export interface WslChecked {
  shell: WslShell
  distribution: string
  /** where WSL mounts Windows' drives in it */
  mountRoot: string
}

/** The WSL part of a check on Windows: the distributions to start, and the rows that cannot be. */
export interface WslTerminals {
  rows: Array<WslChecked & { adapter: ShellAdapter }>
  /** why a WSL row asked for has no distribution to start (no wsl.exe, none registered) */
  unavailable: Partial<Record<WslShell, string>>
}
