/**
 * Probe scripts print records: a header line `<marker>:<key>` followed by the value's
 * lines. The marker is random per run, so no value can fake a header, and values may hold
 * any character, newlines included.
 */
export function parseRecords(stdout: string, marker: string): Array<[string, string]> {
  const out: Array<[string, string]> = []
  const prefix = `${marker}:`
  let key: string | null = null
  let lines: string[] = []
  const flush = () => {
    if (key !== null) out.push([key, lines.join('\n')])
  }
  for (const line of stdout.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line.startsWith(prefix)) {
      flush()
      key = line.slice(prefix.length)
      lines = []
    } else if (key !== null) {
      lines.push(line)
    }
  }
  flush()
  // a value never ends with the newline that closed its last line
  return out.map(([k, v]) => [k, v.replace(/\n$/, '')])
}

export function recordMap(stdout: string, marker: string): Map<string, string> {
  return new Map(parseRecords(stdout, marker))
}

/** Shared tail of the parsers: env (ENV:/UNSET:), go env text and its exit code. */
export function viewFromRecords(rec: Map<string, string>, names: readonly string[]) {
  const env: Record<string, string | null> = {}
  for (const n of names) env[n] = rec.has(`ENV:${n}`) ? rec.get(`ENV:${n}`)! : null
  const exitKey = [...rec.keys()].find((k) => k.startsWith('GOENVEXIT:'))
  const exit = exitKey ? Number(exitKey.slice('GOENVEXIT:'.length)) : null
  return {
    env,
    goStarted: rec.has('GOENV'),
    goEnvText: rec.get('GOENV') ?? '',
    goEnvExit: exit === null || Number.isNaN(exit) ? null : exit,
  }
}
