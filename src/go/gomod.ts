/**
 * The one reader of go.mod and go.work (pure): the `go` and `toolchain` lines, the
 * requirements and replacements, each with its line number, and what Go itself would
 * refuse to read.
 */
import { isGoVersion } from './gover.js'

export interface ModLine<T = string> {
  value: T
  line: number
}

export interface GoModInfo {
  /** the `module` line's path ('' in go.work) */
  modulePath: string
  goLine?: ModLine
  /** `toolchain go1.22.4` as `go1.22.4`; `default` is kept as such */
  toolchainLine?: ModLine
  requires: Array<{ path: string; version: string; line: number }>
  /** module paths replaced by a directive (their sums are not checked) */
  replaced: Set<string>
  /** go.work: the `use` directives, each a module folder relative to go.work */
  uses: ModLine[]
  /** lines Go would refuse, with why */
  problems: Array<{ line: number; message: string }>
}

/** Drops a `//` comment that is not inside a quoted string. */
function stripComment(line: string): string {
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (ch === '"' && line[i - 1] !== '\\') quoted = !quoted
    if (!quoted && ch === '/' && line[i + 1] === '/') return line.slice(0, i).trim()
  }
  return line.trim()
}

const unquote = (s: string) => s.replace(/^"(.*)"$/, '$1')

export function parseGoMod(text: string): GoModInfo {
  const info: GoModInfo = {
    modulePath: '',
    requires: [],
    replaced: new Set(),
    uses: [],
    problems: [],
  }
  if (text.startsWith('\uFEFF')) {
    info.problems.push({
      line: 1,
      message: "a UTF-8 byte-order mark, which Go refuses ('\\ufeff')",
    })
    text = text.slice(1)
  }
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
      } else if (block === 'use') {
        info.uses.push({ value: unquote(line), line: n })
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
    const arg = rest.trim()
    if (verb === 'go') {
      if (info.goLine) info.problems.push({ line: n, message: 'a repeated go line' })
      else if (!isGoVersion(arg)) {
        info.problems.push({ line: n, message: `"go ${arg}" is not a Go version` })
      } else info.goLine = { value: arg, line: n }
    } else if (verb === 'toolchain') {
      if (info.toolchainLine) info.problems.push({ line: n, message: 'a repeated toolchain line' })
      else if (arg !== 'default' && !/^go/.test(arg)) {
        info.problems.push({ line: n, message: `"toolchain ${arg}" names no Go toolchain` })
      } else info.toolchainLine = { value: arg, line: n }
    } else if (verb === 'require') {
      const [p, v] = arg.split(/\s+/)
      if (p && v) info.requires.push({ path: unquote(p), version: v, line: n })
    } else if (verb === 'replace') info.replaced.add(unquote(arg.split(/\s+/)[0]))
    else if (verb === 'use' && arg) info.uses.push({ value: unquote(arg), line: n })
    else if (verb === 'module' && arg) info.modulePath = unquote(arg)
  })
  return info
}
