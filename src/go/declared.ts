/**
 * A team's declared Go environment (pure): a `.go-env` file in Go's own env-file format
 * (`KEY=VALUE` lines, `#` comments, as `go env -w` writes its file and `$GOROOT/go.env` is
 * written), found from the working directory upwards as go.mod is, that every shell's go
 * must settle on. Comparing a value with the declared one follows the setting's kind: the
 * comma-separated pattern lists (GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE) agree when
 * they hold every declared pattern, GOFLAGS when it holds every declared flag, anything
 * else when it is the same text.
 */
import { parseGoEnvFile, type GoEnvFileValue } from './goenv-file.js'
import { PATTERN_LISTS, SETTINGS } from './settings.js'

export const DECLARED_FILE = '.go-env'

export interface Declared {
  /** the file, as found or named */
  file: string
  /** the settings it declares, each with its line */
  values: Record<string, GoEnvFileValue>
  /** lines it cannot hold: a name that is not a compared setting, a line without `=` */
  problems: Array<{ line: number; text: string; why: string }>
}

/** The settings a `.go-env` file may declare: the compared ones (go/settings.ts). */
export const DECLARABLE: readonly string[] = SETTINGS

/** Reads a `.go-env` file as Go reads its env files, and says what it cannot hold. */
export function parseDeclared(file: string, text: string): Declared {
  const values = parseGoEnvFile(text)
  const problems: Declared['problems'] = []
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '')
    const t = line.trim()
    if (t === '' || t.startsWith('#')) return
    const eq = line.indexOf('=')
    if (eq < 0) problems.push({ line: i + 1, text: line, why: 'it is not NAME=VALUE' })
    else if (!DECLARABLE.includes(line.slice(0, eq)))
      problems.push({
        line: i + 1,
        text: line,
        why: `${line.slice(0, eq)} is not a setting this file declares (${DECLARABLE.join(', ')}); the Go version comes from go.mod, --go or go-version`,
      })
    else if (raw.endsWith('\r'))
      problems.push({
        line: i + 1,
        text: line,
        why: 'the file has CRLF line ends, which Go keeps in the value',
      })
  })
  const kept = Object.fromEntries(
    Object.entries(values).filter(([name]) => DECLARABLE.includes(name)),
  )
  return { file, values: kept, problems }
}

const patterns = (v: string) =>
  v
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
const flags = (v: string) => v.split(/\s+/).filter(Boolean)

/** Whether a value a shell's go settled on agrees with the declared one. */
export function agrees(name: string, found: string | undefined, declared: string): boolean {
  const have = found ?? ''
  if (PATTERN_LISTS.includes(name)) {
    const got = new Set(patterns(have))
    return patterns(declared).every((p) => got.has(p))
  }
  if (name === 'GOFLAGS') {
    const got = new Set(flags(have))
    return flags(declared).every((f) => got.has(f))
  }
  return have === declared
}

/**
 * The value a layer should hold so that it agrees: for a pattern list or GOFLAGS, what it
 * holds and every declared item it lacks (nothing of the user's is dropped); else the
 * declared value.
 */
export function merged(name: string, existing: string | undefined, declared: string): string {
  if (!existing) return declared
  if (PATTERN_LISTS.includes(name)) {
    const have = patterns(existing)
    return [...have, ...patterns(declared).filter((p) => !have.includes(p))].join(',')
  }
  if (name === 'GOFLAGS') {
    const have = flags(existing)
    return [...have, ...flags(declared).filter((f) => !have.includes(f))].join(' ')
  }
  return declared
}

/**
 * The Go version a declared GOTOOLCHAIN names (`go1.22.5`, `go1.22.5+auto`), which then
 * decides the reference; undefined for `auto`, `local`, `path` or no GOTOOLCHAIN.
 */
export function declaredToolchain(d: Declared | undefined): string | undefined {
  const v = d?.values.GOTOOLCHAIN?.value
  const m = v ? /^go(\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)(?:\+(?:auto|path))?$/.exec(v) : null
  return m?.[1]
}
