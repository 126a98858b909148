import { InputError } from './errors.js'
import { parseArch, type Arch } from './go/platform.js'

/** `wsl` stands for `shell: wsl-bash {0}` steps (Vampire/setup-wsl). */
export type ShellName = 'cmd' | 'pwsh' | 'powershell' | 'bash' | 'sh' | 'zsh' | 'wsl'
export const SHELL_NAMES: readonly ShellName[] = [
  'cmd',
  'pwsh',
  'powershell',
  'bash',
  'sh',
  'zsh',
  'wsl',
]
export type WslMode = 'auto' | 'true' | 'false'
export type Category = 'config' | 'toolchain' | 'module'
export const CATEGORIES: readonly Category[] = ['config', 'toolchain', 'module']

export interface Inputs {
  goVersion: string
  goVersionFile: string
  checkLatest: boolean
  arch: Arch
  token: string
  downloadBaseUrl: string
  /** The GOTOOLCHAIN value to export; null for `inherit` (export nothing). */
  gotoolchain: string | null
  gopath: string
  install: boolean
  shells: 'auto' | ShellName[]
  probeTimeoutMs: number
  failOn: Category[]
  summary: boolean
  checkModules: boolean
  workingDirectory: string
  wsl: WslMode
  wslDistribution: string
}

export const DEFAULT_BASE_URL = 'https://go.dev/dl'

/** Reads one raw input by its action.yml name ('' when absent). */
export type RawInputs = (name: string) => string

const TRUE_WORD = /^(true|yes|on|1)$/i
const FALSE_WORD = /^(false|no|off|0)$/i

function bool(raw: RawInputs, name: string, fallback: boolean): boolean {
  const value = raw(name).trim()
  if (value === '') return fallback
  if (TRUE_WORD.test(value)) return true
  if (FALSE_WORD.test(value)) return false
  throw new InputError(`${name}: "${value}" is not a boolean (use true or false)`)
}

function list(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
}

export function parseShells(value: string, inputName = 'shells'): 'auto' | ShellName[] {
  const items = list(value.toLowerCase())
  if (items.length === 0 || (items.length === 1 && items[0] === 'auto')) return 'auto'
  const out: ShellName[] = []
  for (const item of items) {
    const name = item
    if (!SHELL_NAMES.includes(name as ShellName)) {
      throw new InputError(
        `${inputName}: "${item}" is not a shell this action probes (auto, or a list of: ${SHELL_NAMES.join(', ')})`,
      )
    }
    if (!out.includes(name as ShellName)) out.push(name as ShellName)
  }
  return out
}

export function parseFailOn(value: string, inputName = 'fail-on'): Category[] {
  const items = list(value.toLowerCase())
  if (items.length === 0 || (items.length === 1 && items[0] === 'any')) return [...CATEGORIES]
  if (items.length === 1 && items[0] === 'never') return []
  for (const item of items) {
    if (!CATEGORIES.includes(item as Category)) {
      throw new InputError(
        `${inputName}: "${item}" is not one of any, never, or a list of ${CATEGORIES.join(', ')}`,
      )
    }
  }
  return items as Category[]
}

const GOTOOLCHAIN = /^(auto|path|(local|go\d[0-9a-z.-]*)(\+(auto|path))?)$/

function parseGotoolchain(value: string): string | null {
  const v = value.trim()
  if (v === '') return 'local'
  if (v === 'inherit') return null
  if (!GOTOOLCHAIN.test(v)) {
    throw new InputError(
      `gotoolchain: "${v}" is not a GOTOOLCHAIN value (local, auto, path, go1.22.5, go1.22.5+auto, or inherit)`,
    )
  }
  return v
}

function parseBaseUrl(value: string): string {
  const v = value.trim().replace(/\/+$/, '')
  if (v === '') return DEFAULT_BASE_URL
  let url: URL
  try {
    url = new URL(v)
  } catch {
    throw new InputError(`go-download-base-url: "${v}" is not a URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`go-download-base-url: "${v}" must be an http or https URL`)
  }
  return v
}

function parseTimeout(value: string): number {
  const v = value.trim()
  if (v === '') return 60_000
  const seconds = Number(v)
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new InputError(`probe-timeout: "${v}" is not a number of seconds between 0 and 3600`)
  }
  return Math.round(seconds * 1000)
}

function parseWsl(value: string): WslMode {
  const v = value.trim().toLowerCase()
  if (v === '' || v === 'auto') return 'auto'
  if (TRUE_WORD.test(v)) return 'true'
  if (FALSE_WORD.test(v)) return 'false'
  throw new InputError(`wsl: "${value.trim()}" is not one of auto, true, false`)
}

function parseDistribution(value: string): string {
  const v = value.trim()
  if (v && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(v)) {
    throw new InputError(
      `wsl-distribution: "${v}" is not a distribution name (letters, digits, '.', '_', '-')`,
    )
  }
  return v
}

/**
 * Parses every input of action.yml. Pure: `raw` reads an input, `env` is the process
 * environment (for GO_DOWNLOAD_BASE_URL and the runner's architecture).
 */
export function parseInputs(raw: RawInputs, env: NodeJS.ProcessEnv, nodeArch: string): Inputs {
  const archInput = raw('architecture').trim()
  return {
    goVersion: raw('go-version').trim(),
    goVersionFile: raw('go-version-file').trim(),
    checkLatest: bool(raw, 'check-latest', false),
    arch: parseArch(archInput || nodeArch, archInput ? 'architecture' : 'process.arch'),
    token: raw('token').trim(),
    downloadBaseUrl: parseBaseUrl(raw('go-download-base-url') || env.GO_DOWNLOAD_BASE_URL || ''),
    gotoolchain: parseGotoolchain(raw('gotoolchain')),
    gopath: raw('gopath').trim(),
    install: bool(raw, 'install', true),
    shells: parseShells(raw('shells')),
    probeTimeoutMs: parseTimeout(raw('probe-timeout')),
    failOn: parseFailOn(raw('fail-on')),
    summary: bool(raw, 'summary', true),
    checkModules: bool(raw, 'check-modules', true),
    workingDirectory: raw('working-directory').trim() || '.',
    wsl: parseWsl(raw('wsl')),
    wslDistribution: parseDistribution(raw('wsl-distribution')),
  }
}
