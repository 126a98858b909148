/** Lengths Windows and cmd refuse, and PATH tidiness. */
import { finding, type Finding } from '../../findings/catalog.js'
import { repeatedEntries } from '../sight.js'
import type { Rule } from './types.js'

/** cmd.exe's command-line limit; PATH near it breaks `set PATH=...;%PATH%` lines. */
export const CMD_LINE_LIMIT = 8191
/** Windows' limit for one environment variable. */
export const ENV_VALUE_LIMIT = 32766
const NEAR = 0.9

export const lengths: Rule = (c, s) => {
  if (c.platform !== 'win32') return []
  const out: Finding[] = []
  for (const sh of s.shells) {
    if (sh.entryStyle !== 'win32') continue
    const name = sh.shell
    const len = sh.probe.view.path.length
    if (len > ENV_VALUE_LIMIT) {
      out.push(
        finding(
          'var-too-long',
          [name],
          `${name}: PATH is ${len} characters, over Windows' ${ENV_VALUE_LIMIT}`,
          { params: { name: 'PATH' } },
        ),
      )
    } else if (len > CMD_LINE_LIMIT) {
      out.push(
        finding(
          'path-too-long',
          [name],
          `${name}: PATH is ${len} characters, over cmd's ${CMD_LINE_LIMIT}-character line limit`,
        ),
      )
    } else if (len > CMD_LINE_LIMIT * NEAR) {
      out.push(
        finding(
          'path-near-limit',
          [name],
          `${name}: PATH is ${len} characters, near cmd's ${CMD_LINE_LIMIT} limit`,
        ),
      )
    }
    for (const [v, value] of Object.entries(sh.probe.view.env)) {
      if (value !== null && value.length > ENV_VALUE_LIMIT) {
        out.push(
          finding(
            'var-too-long',
            [name],
            `${name}: ${v} is ${value.length} characters, over ${ENV_VALUE_LIMIT}`,
            { params: { name: v } },
          ),
        )
      }
    }
  }
  return out
}

/**
 * A folder that holds go written more than once on one shell's PATH (counted from the PATH
 * entries, not from the programs in them), and several different go programs.
 */
export const duplicates: Rule = (_c, s) => {
  const out: Finding[] = []
  for (const sh of s.shells) {
    const goDirs = new Set(sh.hits.map((h) => h.dirKey))
    const repeated = [...repeatedEntries(sh)]
      .map(([key, positions]) =>
        sh.entries.find((e) => e.entryKey === key && positions.includes(e.position))!,
      )
      .filter((e) => goDirs.has(e.dirKey))
    if (repeated.length > 0) {
      out.push(
        finding(
          'path-duplicate',
          [sh.shell],
          `${sh.shell}: a folder holding go is on PATH more than once (${repeated.map((e) => e.host).join(', ')})`,
        ),
      )
    }
    // one program, however many names it has on PATH (a symlink is the program it names)
    const distinct = new Map<string, string>()
    for (const h of sh.hits) if (!distinct.has(h.programKey)) distinct.set(h.programKey, h.path)
    if (distinct.size > 1) {
      out.push(
        finding(
          'go-several',
          [sh.shell],
          `${sh.shell}: ${distinct.size} different go programs on PATH: ${[...distinct.values()].join(', ')}`,
        ),
      )
    }
  }
  return out
}
