/**
 * Every input of action.yml, parsed (pure). Each error names the input and the value;
 * all of them are reported at once.
 */
import { CATEGORIES, SHELL_NAMES, type Category, type ShellName } from '../base/types.js'
import { InputError } from '../findings/errors.js'
import { parseArch, type Arch } from '../go/platform.js'
import type { WslMode } from '../wsl/setup.js'

export interface Inputs {
  goVersion: string
  goVersionFile: string
  checkLatest: boolean
  arch: Arch
  token: string
  downloadBaseUrl: string
  downloadTimeoutMs: number
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
  wslUser: string
}

export const DEFAULT_BASE_URL = 'https://go.dev/dl'

/** Reads one raw input by its action.yml name ('' when absent). */
export type RawInputs = (name: string) => string

const TRUE_WORD = /^(true|yes|on|1)$/i
const FALSE_WORD = /^(false|no|off|0)$/i
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f]/

const shown = (v: string) => JSON.stringify(v)

function bool(name: string, value: string, fallback: boolean): boolean {
  const v = value.trim()
  if (v === '') return fallback
  if (TRUE_WORD.test(v)) return true
  if (FALSE_WORD.test(v)) return false
  throw new InputError(`${name}: ${shown(v)} is not a boolean (use true or false)`)
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
    if (!SHELL_NAMES.includes(item as ShellName)) {
      throw new InputError(
        `${inputName}: ${shown(item)} is not a shell this action probes (auto, or a list of: ${SHELL_NAMES.join(', ')})`,
      )
    }
    if (!out.includes(item as ShellName)) out.push(item as ShellName)
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
        `${inputName}: ${shown(item)} is not one of any, never, or a list of ${CATEGORIES.join(', ')}`,
      )
    }
  }
  return items as Category[]
}

/**
 * fail-on and summary, read before every other input: they decide how even a run with a
 * bad input ends. A bad value of either is reported by parseInputs with the others; until
 * then fail-on counts as `any` and summary as true.
 */
export function parseEnding(raw: RawInputs): { failOn: Category[]; summary: boolean } {
  let failOn = [...CATEGORIES]
  try {
    failOn = parseFailOn(raw('fail-on'))
  } catch {
    // reported by parseInputs
  }
  return { failOn, summary: !FALSE_WORD.test(raw('summary').trim()) }
}

const GOTOOLCHAIN = /^(auto|path|(local|go\d[0-9a-z.-]*)(\+(auto|path))?)$/

function parseGotoolchain(value: string): string | null {
  const v = value.trim()
  if (v === '') return 'local'
  if (v === 'inherit') return null
  if (!GOTOOLCHAIN.test(v)) {
    throw new InputError(
      `gotoolchain: ${shown(v)} is not a GOTOOLCHAIN value (local, auto, path, go1.22.5, go1.22.5+auto, or inherit)`,
    )
  }
  return v
}

function parseBaseUrl(value: string, from: string): string {
  const v = value.trim().replace(/\/+$/, '')
  if (v === '') return DEFAULT_BASE_URL
  let url: URL
  try {
    if (CONTROL.test(v)) throw new Error('control character')
    url = new URL(v)
  } catch {
    throw new InputError(`${from}: ${shown(v)} is not a URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`${from}: ${shown(v)} must be an http or https URL`)
  }
  return v
}

/** Seconds between `min` and `max`, as milliseconds. */
function seconds(name: string, value: string, fallback: number, min: number, max: number): number {
  const v = value.trim()
  if (v === '') return fallback * 1000
  const s = Number(v)
  if (!Number.isFinite(s) || s < min || s > max) {
    throw new InputError(`${name}: ${shown(v)} is not a number of seconds from ${min} to ${max}`)
  }
  return Math.round(s * 1000)
}

function parseWsl(value: string): WslMode {
  const v = value.trim().toLowerCase()
  if (v === '' || v === 'auto') return 'auto'
  if (TRUE_WORD.test(v)) return 'true'
  if (FALSE_WORD.test(v)) return 'false'
  throw new InputError(`wsl: ${shown(value.trim())} is not one of auto, true, false`)
}

function parseName(name: string, value: string, what: string): string {
  const v = value.trim()
  if (v && !/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(v)) {
    throw new InputError(`${name}: ${shown(v)} is not ${what} (letters, digits, '.', '_', '-')`)
  }
  return v
}

function plain(name: string, value: string): string {
  const v = value.trim()
  if (CONTROL.test(v)) throw new InputError(`${name}: ${shown(v)} holds a control character`)
  return v
}

/**
 * Parses every input. Pure: `raw` reads an input, `env` is the process environment (for
 * GO_DOWNLOAD_BASE_URL), `nodeArch` the runner's architecture. Throws one InputError that
 * names every input in error.
 */
export function parseInputs(raw: RawInputs, env: NodeJS.ProcessEnv, nodeArch: string): Inputs {
  const errors: string[] = []
  const get = <T>(f: () => T, fallback: T): T => {
    try {
      return f()
    } catch (err) {
      if (!(err instanceof InputError)) throw err
      errors.push(err.message)
      return fallback
    }
  }
  const archInput = raw('architecture').trim()
  const baseFrom = raw('go-download-base-url').trim()
    ? 'go-download-base-url'
    : 'GO_DOWNLOAD_BASE_URL'
  const inputs: Inputs = {
    goVersion: get(() => plain('go-version', raw('go-version')), ''),
    goVersionFile: get(() => plain('go-version-file', raw('go-version-file')), ''),
    checkLatest: get(() => bool('check-latest', raw('check-latest'), false), false),
    arch: get(() => parseArch(archInput || nodeArch, archInput ? 'architecture' : 'process.arch'), {
      go: 'amd64',
      cache: 'x64',
    }),
    token: raw('token').trim(),
    downloadBaseUrl: get(
      () => parseBaseUrl(raw('go-download-base-url') || env.GO_DOWNLOAD_BASE_URL || '', baseFrom),
      DEFAULT_BASE_URL,
    ),
    downloadTimeoutMs: get(
      () => seconds('download-timeout', raw('download-timeout'), 600, 1, 7200),
      600_000,
    ),
    gotoolchain: get(() => parseGotoolchain(raw('gotoolchain')), 'local'),
    gopath: get(() => plain('gopath', raw('gopath')), ''),
    install: get(() => bool('install', raw('install'), true), true),
    shells: get(() => parseShells(raw('shells')), 'auto'),
    probeTimeoutMs: get(() => seconds('probe-timeout', raw('probe-timeout'), 60, 1, 3600), 60_000),
    failOn: get(() => parseFailOn(raw('fail-on')), [...CATEGORIES]),
    summary: get(() => bool('summary', raw('summary'), true), true),
    checkModules: get(() => bool('check-modules', raw('check-modules'), true), true),
    workingDirectory: get(() => plain('working-directory', raw('working-directory')), '') || '.',
    wsl: get(() => parseWsl(raw('wsl')), 'auto'),
    wslDistribution: get(
      () => parseName('wsl-distribution', raw('wsl-distribution'), 'a distribution name'),
      '',
    ),
    wslUser: get(() => parseName('wsl-user', raw('wsl-user'), 'a user name'), ''),
  }
  if (errors.length > 0) throw new InputError(errors.join('; '))
  return inputs
}
