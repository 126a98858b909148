/**
 * The environment a new terminal starts with, built from what the system says rather than
 * inherited from the process this check runs in (pure; the files and registry values are
 * read by env/read-start.ts):
 * - Linux: a login environment: the user's HOME, USER, LOGNAME, SHELL, TERM, LANG and LC_*,
 *   the variables of /etc/environment (pam_env), PATH from there or from /etc/login.defs
 *   (ENV_SUPATH for root, ENV_PATH otherwise). The login session then runs the user's login
 *   shell on top (terminal/new-terminals.ts).
 * - macOS: the same, with launchd's PATH put through path_helper (/etc/paths, then each
 *   file of /etc/paths.d in name order, then the rest), as a login shell's /etc/profile does.
 * - Windows: the environment Explorer and Windows Terminal rebuild from the registry
 *   (shell32's RegenerateUserEnvironment): the values Windows sets at sign-in, then the
 *   machine, user and volatile Environment keys, each in two passes: REG_SZ values as they
 *   are, then REG_EXPAND_SZ values expanded against what is loaded so far. Path (and
 *   LibPath, Os2LibPath) is joined: machine, then user. Any other user value replaces the
 *   machine one.
 */
import { shownPath, type EnvLayer, type Origin } from '../../base/origin.js'
import type { RegValue } from '../../registry/reg.js'

export interface StartEnvironment extends EnvLayer {
  /** the environment the shells start in */
  env: Record<string, string>
  /** how it was built, for the report */
  describe: string
  /** Windows: the registry values it was built from */
  registry?: RegistryHive[]
}

/** Variables a login keeps from the user's session (besides HOME, USER, LOGNAME, SHELL). */
export const LOGIN_KEPT = [
  'TERM',
  'COLORTERM',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TMPDIR',
  'XDG_RUNTIME_DIR',
  'DISPLAY',
  'WAYLAND_DISPLAY',
] as const

export const DEFAULT_LOGIN_PATH = '/usr/local/bin:/usr/bin:/bin'
/** launchd's PATH for a new login on macOS, before path_helper */
export const LAUNCHD_PATH = '/usr/bin:/bin:/usr/sbin:/sbin'

export interface LoginInput {
  platform: NodeJS.Platform
  /** this process's environment: only the variables a login keeps are read from it */
  current: NodeJS.ProcessEnv
  user: { name: string; home: string; shell: string; uid: number }
  /** file texts, null when the file does not exist */
  etcEnvironment?: string | null
  loginDefs?: string | null
  etcPaths?: string | null
  pathsD?: ReadonlyArray<{ file: string; text: string }>
}

const login = (where: string, file?: string, line?: number): Origin => ({
  layer: 'login',
  where,
  ...(file ? { file } : {}),
  ...(line ? { line } : {}),
})

/** `KEY=VALUE` lines as pam_env reads /etc/environment (optional `export`, quotes, `#`). */
export function parseEtcEnvironment(
  text: string,
): Array<{ name: string; value: string; line: number }> {
  const out: Array<{ name: string; value: string; line: number }> = []
  text.split(/\r?\n/).forEach((raw, i) => {
    const l = raw.trim().replace(/^export\s+/, '')
    if (!l || l.startsWith('#')) return
    const eq = l.indexOf('=')
    if (eq <= 0) return
    const name = l.slice(0, eq)
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return
    let value = l.slice(eq + 1)
    const q = /^(["'])(.*)\1$/.exec(value)
    if (q) value = q[2]
    out.push({ name, value, line: i + 1 })
  })
  return out
}

/** `ENV_PATH PATH=/usr/local/bin:...` (or without `PATH=`) from /etc/login.defs. */
export function loginDefsPath(text: string, root: boolean): { value: string; line: number } | null {
  const key = root ? 'ENV_SUPATH' : 'ENV_PATH'
  const lines = text.split(/\r?\n/)
  for (const [i, raw] of lines.entries()) {
    const m = new RegExp(`^\\s*${key}\\s+(?:PATH=)?(\\S+)\\s*$`).exec(raw)
    if (m) return { value: m[1], line: i + 1 }
  }
  return null
}

/**
 * path_helper: the entries of /etc/paths and of each /etc/paths.d file (in name order),
 * then the entries of the PATH it was given that are not among them.
 */
export function pathHelper(
  given: string,
  etcPaths: string | null | undefined,
  pathsD: ReadonlyArray<{ file: string; text: string }> = [],
): Array<{ entry: string; origin: Origin }> {
  const out: Array<{ entry: string; origin: Origin }> = []
  const seen = new Set<string>()
  const add = (entry: string, origin: Origin) => {
    if (!entry || seen.has(entry)) return
    seen.add(entry)
    out.push({ entry, origin })
  }
  const files = [
    ...(etcPaths == null ? [] : [{ file: '/etc/paths', text: etcPaths }]),
    ...[...pathsD].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
  ]
  for (const f of files) {
    f.text
      .split(/\r?\n/)
      .forEach((l, i) => add(l.trim(), login(`${f.file}:${i + 1}`, f.file, i + 1)))
  }
  for (const e of given.split(':')) add(e, login("launchd's PATH for a new login"))
  return out
}

/** A new login's environment on Linux and macOS. */
export function loginEnvironment(i: LoginInput): StartEnvironment {
  const env: Record<string, string> = {}
  const vars: EnvLayer['vars'] = {}
  const set = (name: string, value: string, origin: Origin) => {
    env[name] = value
    vars[name] = { value, origin }
  }
  const from = login('the login environment (the user account)')
  set('HOME', i.current.HOME || i.user.home, from)
  set('USER', i.current.USER || i.user.name, from)
  set('LOGNAME', i.current.LOGNAME || i.current.USER || i.user.name, from)
  set('SHELL', i.current.SHELL || i.user.shell || '/bin/sh', from)
  for (const [name, value] of Object.entries(i.current)) {
    if (value === undefined) continue
    if ((LOGIN_KEPT as readonly string[]).includes(name) || /^LC_[A-Z_]+$/.test(name))
      set(name, value, login('the login environment (the terminal and locale)'))
  }
  if (!env.TERM) set('TERM', 'xterm-256color', login('the terminal (TERM)'))
  let path: Array<{ entry: string; origin: Origin }> | undefined
  for (const e of parseEtcEnvironment(i.etcEnvironment ?? '')) {
    const o = login(`/etc/environment:${e.line}`, '/etc/environment', e.line)
    if (e.name === 'PATH') path = e.value.split(':').map((entry) => ({ entry, origin: o }))
    else set(e.name, e.value, o)
  }
  if (i.platform === 'darwin') {
    const given = path ? path.map((p) => p.entry).join(':') : LAUNCHD_PATH
    path = pathHelper(given, i.etcPaths, i.pathsD)
  } else if (!path) {
    const defs = i.loginDefs ? loginDefsPath(i.loginDefs, i.user.uid === 0) : null
    path = defs
      ? defs.value.split(':').map((entry) => ({
          entry,
          origin: login(`/etc/login.defs:${defs.line}`, '/etc/login.defs', defs.line),
        }))
      : DEFAULT_LOGIN_PATH.split(':').map((entry) => ({
          entry,
          origin: login('the login defaults'),
        }))
  }
  env.PATH = path.map((p) => p.entry).join(':')
  return {
    env,
    path,
    vars,
    describe:
      i.platform === 'darwin'
        ? "a new login (launchd's PATH through path_helper), then each shell as Terminal starts it"
        : `a new login session (${shownPath(env.SHELL, env.HOME)} as a login shell), then each shell as a terminal starts it`,
  }
}

// ---- Windows

export interface RegistryHive {
  /** which Environment key: machine, user, volatile (and its session subkey) */
  label: 'machine' | 'user' | 'volatile'
  key: string
  values: RegValue[]
}

/** Variables whose machine and user values are joined (machine first). */
const PATH_LIKE = new Set(['path', 'libpath', 'os2libpath'])

/** Windows sets these at sign-in, before the registry's Environment keys are read. */
export const SIGN_IN_VARS = [
  'SystemRoot',
  'SystemDrive',
  'ALLUSERSPROFILE',
  'PUBLIC',
  'ProgramData',
  'COMPUTERNAME',
  'USERNAME',
  'USERDOMAIN',
  'USERDNSDOMAIN',
  'HOMEDRIVE',
  'HOMESHARE',
  'HOMEPATH',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
  'ProgramFiles',
  'ProgramFiles(x86)',
  'ProgramFiles(Arm)',
  'ProgramW6432',
  'CommonProgramFiles',
  'CommonProgramFiles(x86)',
  'CommonProgramFiles(Arm)',
  'CommonProgramW6432',
] as const

/**
 * `%NAME%` replaced from `vars` (names case-insensitive); an unknown name, and a `%` that
 * opens nothing, stay as they are (ExpandEnvironmentStrings).
 */
export function expandWith(text: string, lookup: (name: string) => string | undefined): string {
  return text.replace(/%([^%]+)%/g, (whole, name: string) => lookup(name) ?? whole)
}

/** Is the text a name Windows expands when the value is REG_EXPAND_SZ? */
export const holdsPercentVar = (text: string) => /%[^%;\s]+%/.test(text)

/**
 * What a new terminal's environment is built from on Windows: the variables Windows sets
 * at sign-in, then each hive's values (REG_SZ before REG_EXPAND_SZ, so that an expanding
 * value sees the plain ones), PATH-like values joined machine first.
 */
export function registryEnvironment(
  hives: readonly RegistryHive[],
  signIn: Readonly<Record<string, string | undefined>>,
): StartEnvironment {
  const b = caselessEnv()
  const path: Array<{ entry: string; origin: Origin }> = []
  for (const name of SIGN_IN_VARS) {
    const v = signIn[name]
    if (v) b.put(name, v, { layer: 'login', where: 'set by Windows at sign-in' })
  }
  for (const hive of hives) {
    for (const pass of ['REG_SZ', 'REG_EXPAND_SZ'] as const) {
      for (const v of hive.values) {
        if (v.type !== pass || !v.name) continue
        const expand = (t: string) => (pass === 'REG_EXPAND_SZ' ? expandWith(t, b.lookup) : t)
        applyValue(b, hive, v, expand)
        if (v.name.toLowerCase() === 'path') path.push(...pathEntries(hive, v, expand))
      }
    }
  }
  delete b.vars[b.spelling('path') ?? 'Path']
  return {
    env: b.env,
    path,
    vars: b.vars,
    registry: [...hives],
    describe:
      'the environment a new terminal gets from the registry (machine, then user, then volatile values)',
  }
}

/** An environment with Windows' case-insensitive names; the first spelling is kept. */
function caselessEnv() {
  const names = new Map<string, string>()
  const env: Record<string, string> = {}
  const vars: EnvLayer['vars'] = {}
  const spelling = (n: string) => names.get(n.toLowerCase())
  const lookup = (n: string) => {
    const k = spelling(n)
    return k === undefined ? undefined : env[k]
  }
  const put = (name: string, value: string, origin: Origin) => {
    const k = spelling(name) ?? name
    names.set(name.toLowerCase(), k)
    env[k] = value
    vars[k] = { value, origin }
  }
  return { env, vars, spelling, lookup, put }
}

/** One registry value into the environment: PATH-like ones appended, others replaced. */
function applyValue(
  b: ReturnType<typeof caselessEnv>,
  hive: RegistryHive,
  v: RegValue,
  expand: (t: string) => string,
) {
  const value = expand(v.data)
  if (!value) return
  const registry = { key: hive.key, name: v.name, kind: v.type }
  if (!PATH_LIKE.has(v.name.toLowerCase())) {
    b.put(v.name, value, {
      layer: 'registry',
      where: `${hive.key}\\${v.name} (a ${hive.label} variable in the registry)`,
      registry,
    })
    return
  }
  const before = b.lookup(v.name)
  b.put(v.name, before ? `${before}${before.endsWith(';') ? '' : ';'}${value}` : value, {
    layer: 'registry',
    where: `${hive.label} ${v.name} in the registry (${hive.key}\\${v.name})`,
    registry,
  })
}

/** A PATH value's entries, each with the raw text it came from (a `%VAR%` may expand to several). */
function pathEntries(hive: RegistryHive, v: RegValue, expand: (t: string) => string) {
  const registry = { key: hive.key, name: v.name, kind: v.type }
  return v.data.split(';').flatMap((raw) =>
    expand(raw)
      .split(';')
      .filter((entry) => entry !== '')
      .map((entry) => ({
        entry,
        origin: {
          layer: 'registry' as const,
          where: `${hive.label} PATH in the registry (${hive.key}\\${v.name})`,
          registry: { ...registry, raw },
        },
      })),
  )
}
