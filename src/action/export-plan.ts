/**
 * What the action exports for later steps (pure): native, normalised GOROOT, GOPATH and
 * GOTOOLCHAIN, and PATH entries in their final order. Anything written to GITHUB_ENV or
 * GITHUB_PATH must be absolute and hold no control character: a relative GOPATH would be
 * resolved against each later step's working directory, and a newline would write another
 * line (another variable, another PATH entry).
 */
import path from 'node:path'
import { CONTROL_CHAR } from '../base/text.js'
import { FindingError, InputError } from '../findings/errors.js'
import { homeOf } from '../base/home.js'

export interface EnvPlanInput {
  goroot: string
  gopath: string
  /** where GOPATH came from, for messages: the input, `go env` (and its file), or the default */
  gopathFrom:
    { kind: 'input' } | { kind: 'go env'; file?: string } | { kind: 'default'; home: string }
  /** null: leave GOTOOLCHAIN alone (`inherit`) */
  gotoolchain: string | null
  platform: NodeJS.Platform
}

export interface EnvPlan {
  vars: Record<string, string>
  /** PATH entries in their final order: GOROOT/bin first, then GOPATH/bin. */
  path: string[]
  gorootBin: string
  gopathBin: string
}

function native(platform: NodeJS.Platform) {
  return platform === 'win32' ? path.win32 : path.posix
}

/** The default GOPATH Go itself uses: %USERPROFILE%\go on Windows, $HOME/go elsewhere. */
export function defaultGopath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  const home = homeOf(env, platform)
  return home ? native(platform).join(home, 'go') : ''
}

/** Why a value cannot be exported as a path, or undefined when it can. */
export function unsafePath(value: string, platform: NodeJS.Platform): string | undefined {
  if (value === '') return 'it is empty'
  if (CONTROL_CHAR.test(value))
    return 'it holds a control character (a newline, a carriage return, ...)'
  const p = native(platform)
  const entries = value.split(p.delimiter)
  if (
    entries.some(
      (e) => !p.isAbsolute(e) || (platform === 'win32' && !/^([a-zA-Z]:[\\/]|\\\\)/.test(e)),
    )
  )
    return 'it is not an absolute path'
  return undefined
}

function refuse(input: EnvPlanInput, why: string): never {
  const shown = JSON.stringify(input.gopath)
  const f = input.gopathFrom
  if (f.kind === 'input') throw new InputError(`gopath: ${shown} cannot be exported: ${why}`)
  if (f.kind === 'go env') {
    throw new FindingError(
      'gopath-unusable',
      `GOPATH ${shown} from \`go env\`${f.file ? ` (set in ${f.file})` : ''} cannot be exported: ${why}`,
      { file: f.file },
    )
  }
  throw new FindingError(
    'gopath-unusable',
    `the default GOPATH cannot be determined: ${f.home ? `the home folder ${JSON.stringify(f.home)} is not an absolute path` : 'the home folder (HOME, or USERPROFILE on Windows) is not set'}; set the gopath input`,
  )
}

/** Native, normalised exports: `C:\...` on Windows (never `/c/...`), no trailing separator. */
export function planEnv(input: EnvPlanInput): EnvPlan {
  const p = native(input.platform)
  const why = unsafePath(input.gopath, input.platform)
  if (why) refuse(input, why)
  const rootWhy = unsafePath(input.goroot, input.platform)
  if (rootWhy)
    throw new FindingError(
      'go-unusable',
      `GOROOT ${JSON.stringify(input.goroot)} cannot be exported: ${rootWhy}`,
    )
  const clean = (v: string) => {
    const n = p.normalize(input.platform === 'win32' ? v.replace(/\//g, '\\') : v)
    return n.length > p.parse(n).root.length ? n.replace(/[\\/]+$/, '') : n
  }
  const goroot = clean(input.goroot)
  const gopath = input.gopath.split(p.delimiter).map(clean).join(p.delimiter)
  const vars: Record<string, string> = { GOROOT: goroot, GOPATH: gopath }
  if (input.gotoolchain !== null) vars.GOTOOLCHAIN = input.gotoolchain
  const gorootBin = p.join(goroot, 'bin')
  // `go install` writes to the first GOPATH entry's bin
  const gopathBin = p.join(gopath.split(p.delimiter)[0], 'bin')
  return { vars, path: [gorootBin, gopathBin], gorootBin, gopathBin }
}
