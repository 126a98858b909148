import type { Category, ShellName } from '../inputs.js'
import type { ProbeResult } from '../shells/types.js'

export type Severity = 'error' | 'warning' | 'notice'

export interface Finding {
  id: string
  severity: Severity
  /** the exit code family: config 1, toolchain 2, module 3 */
  category: Category
  shells: string[]
  message: string
  hint: string
  file?: string
  line?: number
}

/** What every shell should see, per shell where it differs (WSL has its own Linux tree). */
export interface Expected {
  goroot: string
  gopath: string
  /** null: GOTOOLCHAIN is inherited, not checked */
  gotoolchain: string | null
  /** semver of the Go that was set up */
  version: string
  goBinary: string
  perShell?: Partial<Record<ShellName, { goroot: string; gopath: string; goBinary: string }>>
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
}

export interface GoEnvFile {
  path: string
  values: Record<string, string>
}

export interface ModuleFacts {
  goMod: string
  goLine?: { version: string; line: number }
  requires: Array<{ path: string; version: string; line: number }>
  goSum: string
  goSumPresent: boolean
  /** requirements with no `<path> <version>/go.mod` line in go.sum */
  missingSums: Array<{ path: string; version: string; line: number }>
  verify?: CheckResult
}

export interface CheckInput {
  platform: NodeJS.Platform
  expected: Expected
  requested: 'auto' | ShellName[]
  /** shells whose absence is an error even under shells: auto (wsl: true) */
  required?: ShellName[]
  probes: ProbeResult[]
  toolchain: ToolchainFacts
  goEnvFile?: GoEnvFile
  modules?: ModuleFacts
  /** the environment, for %VAR% expansion */
  env: Record<string, string | undefined>
  /** symlink / 8.3 resolution, when the file system can tell */
  realpath?: (p: string) => string | null
}
