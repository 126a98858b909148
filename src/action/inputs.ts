/**
 * Every input of action.yml, parsed (pure). Each error names the input and the value;
 * all of them are reported at once.
 */
import { CONTROL_CHAR as CONTROL } from '../base/text.js'
import { parseFailOn } from '../findings/exit-code.js'
import { parseShells } from '../shells/names.js'
import { CATEGORIES, type Category, type ShellName } from '../base/types.js'
import { InputError } from '../findings/errors.js'
import { parseArch, type Arch } from '../go/platform.js'
import { DEFAULT_BASE_URL } from '../download/release-index.js'
import type { WslMode } from '../wsl/setup.js'
import { SAVE_POLICIES, type SavePolicy } from './cache/decide.js'

export interface Inputs {
  goVersion: string
  goVersionFile: string
  /** the declared environment's file ('' for none), relative to workingDirectory */
  goEnvFile: string
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
  cache: boolean
  cacheDependencyPath: string
  cacheSave: SavePolicy
  fastDrive: boolean
  workingDirectory: string
  wsl: WslMode
  wslDistribution: string
  wslUser: string
}

/**
 * What each input is when a workflow leaves it empty: action.yml's `default:` values
 * (a test holds the two equal; `token`'s default there is the job's token).
 */
export const INPUT_DEFAULTS = {
  'go-version': '',
  'go-version-file': '',
  'go-env-file': '',
  'check-latest': 'false',
  architecture: '',
  token: '',
  'go-download-base-url': '',
  'download-timeout': '600',
  gotoolchain: 'local',
  gopath: '',
  install: 'true',
  shells: 'auto',
  'probe-timeout': '60',
  'fail-on': 'any',
  summary: 'true',
  'check-modules': 'true',
  cache: 'true',
  'cache-dependency-path': '',
  'cache-save': 'always',
  'fast-drive': 'true',
  'working-directory': '.',
  wsl: 'auto',
  'wsl-distribution': '',
  'wsl-user': '',
} as const

export type InputName = keyof typeof INPUT_DEFAULTS

/** Reads one raw input by its action.yml name ('' when absent). */
export type RawInputs = (name: string) => string

const TRUE_WORD = /^(true|yes|on|1)$/i
const FALSE_WORD = /^(false|no|off|0)$/i

const shown = (v: string) => JSON.stringify(v)

function bool(name: string, value: string): boolean {
  const v = value.trim()
  if (TRUE_WORD.test(v)) return true
  if (FALSE_WORD.test(v)) return false
  throw new InputError(`${name}: ${shown(v)} is not a boolean (use true or false)`)
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
function seconds(name: string, value: string, min: number, max: number): number {
  const v = value.trim()
  const s = Number(v)
  if (!Number.isFinite(s) || s < min || s > max) {
    throw new InputError(`${name}: ${shown(v)} is not a number of seconds from ${min} to ${max}`)
  }
  return Math.round(s * 1000)
}

function parseWsl(value: string): WslMode {
  const v = value.trim().toLowerCase()
  if (v === 'auto') return 'auto'
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

function parseSavePolicy(value: string): SavePolicy {
  const v = value.trim().toLowerCase()
  if (!SAVE_POLICIES.includes(v as SavePolicy)) {
    throw new InputError(
      `cache-save: ${shown(value.trim())} is not one of ${SAVE_POLICIES.join(', ')}`,
    )
  }
  return v as SavePolicy
}

/** Paths and globs, one per line; a control character other than the line ends is refused. */
function dependencyPath(value: string): string {
  if (value.split(/[\r\n]/).some((line) => CONTROL.test(line))) {
    throw new InputError(`cache-dependency-path: ${shown(value)} holds a control character`)
  }
  return value.trim()
}

function plain(name: string, value: string): string {
  const v = value.trim()
  if (CONTROL.test(v)) throw new InputError(`${name}: ${shown(v)} holds a control character`)
  return v
}

type Read = (name: InputName) => string
interface Host {
  env: NodeJS.ProcessEnv
  nodeArch: string
}

/** How each field is read from the inputs (empty ones already replaced by their defaults). */
const FIELDS: { [K in keyof Inputs]: (read: Read, host: Host) => Inputs[K] } = {
  goVersion: (r) => plain('go-version', r('go-version')),
  goVersionFile: (r) => plain('go-version-file', r('go-version-file')),
  goEnvFile: (r) => plain('go-env-file', r('go-env-file')),
  checkLatest: (r) => bool('check-latest', r('check-latest')),
  arch: (r, h) => {
    const asked = r('architecture')
    return parseArch(asked || h.nodeArch, asked ? 'architecture' : 'process.arch')
  },
  token: (r) => r('token'),
  downloadBaseUrl: (r, h) => {
    const asked = r('go-download-base-url')
    const from = asked ? 'go-download-base-url' : 'GO_DOWNLOAD_BASE_URL'
    return parseBaseUrl(asked || h.env.GO_DOWNLOAD_BASE_URL || DEFAULT_BASE_URL, from)
  },
  downloadTimeoutMs: (r) => seconds('download-timeout', r('download-timeout'), 1, 7200),
  gotoolchain: (r) => parseGotoolchain(r('gotoolchain')),
  gopath: (r) => plain('gopath', r('gopath')),
  install: (r) => bool('install', r('install')),
  shells: (r) => parseShells(r('shells')),
  probeTimeoutMs: (r) => seconds('probe-timeout', r('probe-timeout'), 1, 3600),
  failOn: (r) => parseFailOn(r('fail-on')),
  summary: (r) => bool('summary', r('summary')),
  checkModules: (r) => bool('check-modules', r('check-modules')),
  cache: (r) => bool('cache', r('cache')),
  cacheDependencyPath: (r) => dependencyPath(r('cache-dependency-path')),
  cacheSave: (r) => parseSavePolicy(r('cache-save')),
  fastDrive: (r) => bool('fast-drive', r('fast-drive')),
  workingDirectory: (r) => plain('working-directory', r('working-directory')) || '.',
  wsl: (r) => parseWsl(r('wsl')),
  wslDistribution: (r) =>
    parseName('wsl-distribution', r('wsl-distribution'), 'a distribution name'),
  wslUser: (r) => parseName('wsl-user', r('wsl-user'), 'a user name'),
}

/**
 * Parses every input. Pure: `raw` reads an input, `env` is the process environment (for
 * GO_DOWNLOAD_BASE_URL), `nodeArch` the runner's architecture. An empty input takes its
 * INPUT_DEFAULTS value. Throws one InputError that names every input in error.
 */
export function parseInputs(raw: RawInputs, env: NodeJS.ProcessEnv, nodeArch: string): Inputs {
  const read: Read = (name) => raw(name).trim() || INPUT_DEFAULTS[name]
  const defaults: Read = (name) => INPUT_DEFAULTS[name]
  const errors: string[] = []
  const field = <K extends keyof Inputs>(key: K): Inputs[K] => {
    try {
      return FIELDS[key](read, { env, nodeArch })
    } catch (err) {
      if (!(err instanceof InputError)) throw err
      errors.push(err.message)
      return FIELDS[key](defaults, { env: {}, nodeArch: 'x64' })
    }
  }
  const inputs = Object.fromEntries(
    (Object.keys(FIELDS) as Array<keyof Inputs>).map((k) => [k, field(k)]),
  ) as unknown as Inputs
  if (errors.length > 0) throw new InputError(errors.join('; '))
  return inputs
}
