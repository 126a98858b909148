/**
 * The Windows registry through `reg.exe` (the only reader: the CLI's PATH sources and
 * cmd's AutoRun, and WSL's distribution list). Parsers are pure; `regQuery` is the adapter.
 */
import { FindingError } from '../findings/errors.js'
import { runProcess } from '../processes/run.js'

export const MACHINE_ENV_KEY =
  'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment'
export const USER_ENV_KEY = 'HKCU\\Environment'
export const VOLATILE_ENV_KEY = 'HKCU\\Volatile Environment'
/** cmd's AutoRun keys, in the order cmd runs them: the machine's, then the user's. */
export const MACHINE_AUTORUN_KEY = 'HKLM\\Software\\Microsoft\\Command Processor'
export const USER_AUTORUN_KEY = 'HKCU\\Software\\Microsoft\\Command Processor'
export const AUTORUN_KEYS = [MACHINE_AUTORUN_KEY, USER_AUTORUN_KEY] as const

/** A key as PowerShell's registry provider names it: `HKCU\\Environment` -> CurrentUser, Environment. */
export function hiveAndSubkey(key: string): { hive: 'CurrentUser' | 'LocalMachine'; sub: string } {
  const [root, ...rest] = key.split('\\')
  return { hive: root === 'HKLM' ? 'LocalMachine' : 'CurrentUser', sub: rest.join('\\') }
}
/** Where WSL registers each distribution of the current user (one subkey per distribution). */
export const LXSS_KEY = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Lxss'

export interface RegValue {
  name: string
  type: string
  data: string
}

/** A value as `reg query <key> /v <name>` prints it: `    Path    REG_EXPAND_SZ    C:\a;C:\b`. */
export function parseRegValue(stdout: string, name: string): RegValue | null {
  const wanted = name.toLowerCase()
  for (const line of stdout.split(/\r?\n/)) {
    const m =
      /^\s+(.+?)\s{2,}(REG_[A-Z_]+)\s{2,}(.*)$/.exec(line) ??
      /^\s+(.+?)\s+(REG_[A-Z_]+)\s*$/.exec(line)
    if (m && m[1].toLowerCase() === wanted) return { name: m[1], type: m[2], data: m[3] ?? '' }
  }
  return null
}

/**
 * Every value of a key as `reg query <key>` prints it (the lines before the first subkey),
 * raw: REG_EXPAND_SZ data stays unexpanded. The subkeys are listed apart.
 */
export function parseRegKey(stdout: string): { values: RegValue[]; subkeys: string[] } {
  const values: RegValue[] = []
  const subkeys: string[] = []
  let header = 0
  for (const line of stdout.split(/\r?\n/)) {
    if (/^HKEY_|^HK(LM|CU|CR|U|CC)\\/i.test(line)) {
      header++
      if (header > 1) subkeys.push(line.trim())
      continue
    }
    if (header !== 1) continue
    const m =
      /^\s+(.+?)\s{2,}(REG_[A-Z_]+)\s{2,}(.*)$/.exec(line) ??
      /^\s+(.+?)\s+(REG_[A-Z_]+)\s*$/.exec(line)
    if (m) values.push({ name: m[1] === '(Default)' ? '' : m[1], type: m[2], data: m[3] ?? '' })
  }
  return { values, subkeys }
}

/**
 * How many distributions `reg query <LXSS_KEY>` lists: its subkeys are `{guid}` names.
 * Reading the registry answers at once, while a first `wsl.exe` call can hang for minutes
 * on a runner without a distribution.
 */
export function registeredDistributions(regOutput: string): number {
  return regOutput.split(/\r?\n/).filter((l) => /\\Lxss\\\{[0-9a-f-]+\}\s*$/i.test(l.trim())).length
}

/** A registered WSL distribution, as the Lxss key holds it. */
export interface Distribution {
  name: string
  /** the key's `{guid}` */
  id: string
  default: boolean
}

/**
 * The distributions `reg query <LXSS_KEY> /s` lists, the default one (DefaultDistribution)
 * first, then in the registry's order. A subkey without a DistributionName is left out.
 */
export function distributionsOf(regOutput: string): Distribution[] {
  let defaultId = ''
  let current: string | null = null
  const names = new Map<string, string>()
  for (const line of regOutput.split(/\r?\n/)) {
    const key = /\\Lxss(?:\\(\{[0-9a-f-]+\}))?\s*$/i.exec(line.trim())
    if (/^HKEY_/i.test(line.trim()) && key) {
      current = key[1] ?? null
      continue
    }
    const m = /^\s+(\S+)\s+REG_[A-Z_]+\s+(.*)$/.exec(line)
    if (!m) continue
    if (current === null && m[1] === 'DefaultDistribution') defaultId = m[2].trim()
    if (current !== null && m[1] === 'DistributionName') names.set(current, m[2].trim())
  }
  const all = [...names].map(([id, name]) => ({
    id,
    name,
    default: id.toLowerCase() === defaultId.toLowerCase(),
  }))
  return [...all.filter((d) => d.default), ...all.filter((d) => !d.default)]
}

export type RegAnswer =
  | { ok: true; stdout: string }
  /** `missing`: reg answered that the key or value does not exist (exit 1) */
  | { ok: false; missing: boolean; detail: string }

/**
 * `reg query <key> [/v <name>]`, with a timeout. A failure that is not reg's own "no such key
 * or value" (a timeout, reg not starting, another exit code: a busy machine) is tried again,
 * up to three times, since reading nothing would pass for a registry without the value.
 */
export async function regQuery(
  env: NodeJS.ProcessEnv,
  key: string,
  name?: string,
  timeoutMs = 10_000,
): Promise<RegAnswer> {
  return regAsk(env, name === undefined ? ['query', key] : ['query', key, '/v', name], timeoutMs)
}

/** `reg query <key> /s`: the key, its values and every subkey's, as regQuery answers. */
export function regQueryTree(
  env: NodeJS.ProcessEnv,
  key: string,
  timeoutMs = 10_000,
): Promise<RegAnswer> {
  return regAsk(env, ['query', key, '/s'], timeoutMs)
}

async function regAsk(
  env: NodeJS.ProcessEnv,
  args: string[],
  timeoutMs: number,
): Promise<RegAnswer> {
  let answer: RegAnswer = { ok: false, missing: false, detail: 'not asked' }
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await runProcess('reg', args, { env, timeoutMs, platform: 'win32' })
    if (r.exitCode === 0) return { ok: true, stdout: r.stdout }
    answer = {
      ok: false,
      missing: r.exitCode === 1 && !r.error,
      detail: r.error ?? (r.stderr.trim() || `reg exited with ${r.exitCode}`),
    }
    if (answer.missing) return answer
  }
  return answer
}

/** A registry read that failed for another reason than a missing key or value: a finding. */
export function unreadable(
  key: string,
  name: string | undefined,
  a: RegAnswer,
): FindingError<'check-error'> {
  const what = name === undefined ? key : `${key}\\${name}`
  return new FindingError(
    'check-error',
    `the registry value ${what} could not be read (${a.ok ? '' : a.detail}), three times: what a new terminal gets is not known`,
  )
}

/** `reg add <key> /v <name> /t <type> /d <data> /f`: one string value written as it is. */
export async function regWrite(
  env: NodeJS.ProcessEnv,
  key: string,
  name: string,
  value: { type: string; data: string },
  timeoutMs = 10_000,
): Promise<{ ok: true } | { ok: false; detail: string }> {
  const r = await runProcess(
    'reg',
    ['add', key, '/v', name, '/t', value.type, '/d', value.data, '/f'],
    { env, timeoutMs, platform: 'win32' },
  )
  if (r.exitCode === 0) return { ok: true }
  return { ok: false, detail: r.error ?? (r.stderr.trim() || `reg exited with ${r.exitCode}`) }
}

/** `reg delete <key> /v <name> /f`; a value that is not there is no error. */
export async function regDelete(
  env: NodeJS.ProcessEnv,
  key: string,
  name: string,
  timeoutMs = 10_000,
): Promise<{ ok: true } | { ok: false; detail: string }> {
  const there = await regQuery(env, key, name, timeoutMs)
  if (!there.ok && there.missing) return { ok: true }
  const r = await runProcess('reg', ['delete', key, '/v', name, '/f'], {
    env,
    timeoutMs,
    platform: 'win32',
  })
  if (r.exitCode === 0) return { ok: true }
  return { ok: false, detail: r.error ?? (r.stderr.trim() || `reg exited with ${r.exitCode}`) }
}
