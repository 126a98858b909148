import type { Audience, ShellName } from '../base/types.js'
import type { Declared } from '../go/declared.js'
import type { GoEnvFileValue } from '../go/goenv-file.js'
import type { GoModInfo } from '../go/gomod.js'
import type { Requirement } from '../go/workspace.js'
import type { ProbeResult } from '../shells/types.js'

/** What one shell should see: the exported paths (WSL has its own Linux tree). */
export interface ExpectedPaths {
  goroot: string
  gopath: string
  goBinary: string
  /** the PATH entries the export adds (computed by the env plan, never rebuilt) */
  gorootBin: string
  gopathBin: string
}

export interface Expected extends ExpectedPaths {
  /**
   * how messages name the Go every shell should run: `exported` (the action's) or
   * `reference` (the CLI's: the one a new terminal of the user's shell runs, or --go)
   */
  label?: 'exported' | 'reference'
  /** null: GOTOOLCHAIN is inherited, not checked */
  gotoolchain: string | null
  /** semver of the Go that was set up */
  version: string
  /** which line decided the version (`go.mod toolchain go1.22.4`), when a file did */
  decidedBy?: string
  perShell?: Partial<Record<ShellName, ExpectedPaths>>
}

export interface CheckResult {
  ok: boolean
  detail?: string
}

/** Facts about the exported tree, gathered once outside the shells. */
export interface ToolchainFacts {
  goEnv: CheckResult & { goVersion?: string; goos?: string; goarch?: string }
  pkgTool: CheckResult & { dir: string }
  gofmt: CheckResult
  vet: CheckResult
  /** what pkg/tool's compiler says it is (`compile -V`), when it answered */
  compile?: { version: string; program: string }
}

export interface GoEnvFileFacts {
  path: string
  values: Record<string, GoEnvFileValue>
}

export interface ModuleFacts {
  /** the file whose go and toolchain lines decide: go.mod, or go.work in workspace mode */
  goMod: string
  mod: GoModInfo
  /** the go.sum files read (in workspace mode every member's and go.work.sum), as one phrase */
  goSum: string
  goSumPresent: boolean
  /** every requirement checked: the module's own, or every member's of a workspace */
  requires: Requirement[]
  /** requirements no go.sum accounts for, each with the go.mod line that requires it */
  missingSums: Requirement[]
  /** workspace mode: go.work, why it applies, and its member modules' go.mod files */
  workspace?: { file: string; why: string; members: string[] }
  /** workspace mode: the module paths of its members */
  memberPaths?: string[]
  /** module mode despite a go.work, and why (GOWORK=off) */
  moduleModeWhy?: string
  /** which line decided the Go the files ask for: `go.work:3`, `go.mod:5` */
  decidedBy?: { file: string; line: number }
  /** `go mod verify`: what Go said */
  verify?: CheckResult
}

export interface CheckInput {
  platform: NodeJS.Platform
  expected: Expected
  requested: 'auto' | ShellName[]
  /** shells whose absence is an error even under shells: auto (wsl: true) */
  required?: ShellName[]
  /** a better fix hint for a missing shell, when the caller knows why it is missing */
  missingHints?: Partial<Record<ShellName, string>>
  probes: ProbeResult[]
  toolchain: ToolchainFacts
  goEnvFile?: GoEnvFileFacts
  /** $GOROOT/go.env of the Go every shell should run: the layer below the go env file */
  goDotEnv?: GoEnvFileFacts
  /** the declared environment every shell must settle on (`.go-env`, go-env-file) */
  declared?: Declared
  modules?: ModuleFacts
  /** the environment, for %VAR% expansion */
  env: Record<string, string | undefined>
  /** symlink / 8.3 resolution, when the file system can tell */
  realpath?: (p: string) => string | null
  /** the program a version manager's shim starts (Scoop's `.shim` file), null when none */
  shimTarget?: (p: string) => string | null
  /** where WSL mounts Windows drives */
  mountRoot?: string
  /** who reads the hints */
  audience?: Audience
  /** the CLI's facts about new terminals and this one (check/rules/terminal.ts) */
  terminal?: TerminalFacts
}

/** What the go command in this terminal, the CLI's own, sees (read from its environment). */
export interface ThisTerminal {
  /** the go this terminal runs (the first program on its PATH), a host path */
  runs?: string
  /** every go program on its PATH, in order */
  hits: string[]
  /** this terminal's PATH and Go variables */
  path: string
  env: Record<string, string | null>
  /** the shell this command was typed into, when it can be told */
  shell?: ShellName
  /** VS Code's terminal (TERM_PROGRAM=vscode) or Windows Terminal (WT_SESSION) */
  vscode: boolean
  windowsTerminal: boolean
  /**
   * VS Code: the PATH entries extensions prepend to its terminals, as VS Code hands them to
   * its shell integration (VSCODE_ENV_PREPEND, when it is still set)
   */
  vscodePrepend?: string[]
  /** VS Code: the Go folders its settings name (go.goroot, go.alternateTools) */
  vscodeGo?: Array<{ folder: string; setting: 'go.goroot' | 'go.alternateTools'; file: string }>
}

/** A registry PATH entry that holds a go program (Windows), with where it came from. */
export interface RegistryGo {
  entry: string
  program: string
  scope: 'machine' | 'user' | 'volatile'
}

export interface TerminalFacts {
  thisTerminal?: ThisTerminal
  /** Windows: the PATH a new terminal gets from the registry, each entry expanded, with its value */
  registryPath?: Array<{
    entry: string
    origin: { registry?: { key: string; kind: string; raw?: string } }
  }>
  /** Windows: the registry's Environment values, as a new terminal is built from them */
  registry?: Array<{
    label: 'machine' | 'user' | 'volatile'
    key: string
    values: Array<{ name: string; type: string; data: string }>
  }>
  /** Windows: the entries of the registry PATH that hold a go, in order */
  registryGo?: RegistryGo[]
  /** the login session could not be started: the terminals started from the login environment */
  sessionProblem?: string
}

/** How the messages name the Go every shell should run: `the exported C:\Go\bin\go.exe`. */
export const theGo = (e: Pick<Expected, 'label'>) =>
  e.label === 'reference' ? 'the reference go' : 'the exported'
