import { expandPercentVars } from '../env/paths.js'

export interface PathSources {
  machine: string[]
  user: string[]
}

/**
 * The value of `reg query <key> /v Path`: a line `    Path    REG_EXPAND_SZ    C:\a;C:\b`
 * (or REG_SZ). Returns the entries, unexpanded.
 */
export function parseRegQuery(stdout: string): string[] {
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^\s+Path\s+REG_(?:EXPAND_)?SZ\s+(.*)$/i.exec(line)
    if (m)
      return m[1]
        .split(';')
        .map((e) => e.trim())
        .filter(Boolean)
  }
  return []
}

/** Where a PATH entry comes from: the machine or user registry value, else this process only. */
export function sourceOf(
  entry: string,
  s: PathSources,
  env: Record<string, string | undefined>,
): string {
  const norm = (p: string) =>
    expandPercentVars(p, env).replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase()
  const e = norm(entry)
  if (s.machine.some((m) => norm(m) === e)) return 'machine'
  if (s.user.some((u) => norm(u) === e)) return 'user'
  return 'process'
}
