import type { Audience, ShellName } from '../base/types.js'
import type { GoEnvFileValue } from '../go/goenv-file.js'
import type { GoModInfo } from '../go/gomod.js'
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
}

export interface GoEnvFileFacts {
  path: string
  values: Record<string, GoEnvFileValue>
}

export interface ModuleFacts {
  /** go.mod, or go.work when that is what the working directory has */
  goMod: string
  mod: GoModInfo
  goSum: string
  goSumPresent: boolean
  /** requirements with no `<path> <version>/go.mod` line in go.sum */
  missingSums: GoModInfo['requires']
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
  modules?: ModuleFacts
  /** the environment, for %VAR% expansion */
  env: Record<string, string | undefined>
  /** symlink / 8.3 resolution, when the file system can tell */
  realpath?: (p: string) => string | null
  /** where WSL mounts Windows drives */
  mountRoot?: string
  /** who reads the hints */
  audience?: Audience
}
