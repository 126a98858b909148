/** go.mod / go.sum / go env file reading (pure). */

export interface GoModInfo {
  goLine?: { version: string; line: number }
  requires: Array<{ path: string; version: string; line: number }>
  /** module paths replaced by a directive (their sums are not checked) */
  replaced: Set<string>
}

function stripComment(line: string): string {
  const i = line.indexOf('//')
  return (i >= 0 ? line.slice(0, i) : line).trim()
}

const unquote = (s: string) => s.replace(/^"(.*)"$/, '$1')

export function parseGoMod(text: string): GoModInfo {
  const info: GoModInfo = { requires: [], replaced: new Set() }
  let block: string | null = null
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = stripComment(raw)
    const n = i + 1
    if (!line) return
    if (block) {
      if (line === ')') {
        block = null
        return
      }
      if (block === 'require') {
        const [p, v] = line.split(/\s+/)
        if (p && v) info.requires.push({ path: unquote(p), version: v, line: n })
      } else if (block === 'replace') {
        info.replaced.add(unquote(line.split(/\s+/)[0]))
      }
      return
    }
    const m = /^(\w+)\s*(.*)$/.exec(line)
    if (!m) return
    const [, verb, rest] = m
    if (rest === '(') {
      block = verb
      return
    }
    if (verb === 'go') info.goLine = { version: rest.trim(), line: n }
    else if (verb === 'require') {
      const [p, v] = rest.split(/\s+/)
      if (p && v) info.requires.push({ path: unquote(p), version: v, line: n })
    } else if (verb === 'replace') info.replaced.add(unquote(rest.split(/\s+/)[0]))
  })
  return info
}

/** Requirements of go.mod with no `<path> <version>/go.mod` line in go.sum. */
export function missingSums(mod: GoModInfo, goSum: string): GoModInfo['requires'] {
  const have = new Set<string>()
  for (const line of goSum.split(/\r?\n/)) {
    const [p, v] = line.trim().split(/\s+/)
    if (p && v) have.add(`${p} ${v.replace(/\/go\.mod$/, '')}`)
  }
  return mod.requires.filter(
    (r) => !mod.replaced.has(r.path) && !have.has(`${r.path} ${r.version}`),
  )
}

/** The go env file (`go env -w`): NAME=VALUE lines. */
export function parseGoEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=')
    if (eq > 0 && !line.trimStart().startsWith('#'))
      out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim()
  }
  return out
}
