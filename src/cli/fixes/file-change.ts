/** A change to one file, and the go env file's (`go env -w`) lines that fight the reference (pure). */
import type { ShellName } from '../../base/types.js'
import type { GoEnv } from '../../go/go-env.js'
import { decodeText, encodeText } from './text-file.js'

export interface FileChange {
  kind: 'file'
  /** the file written (a link's target) */
  path: string
  /** the link the shell reads, when `path` is its target */
  linkedFrom?: string
  shells: ShellName[]
  /** null: the file does not exist yet */
  before: Buffer | null
  after: Buffer
  /** when it takes effect: a new terminal, or the next login */
  when: 'terminal' | 'login'
  why: string
  /** a file inside a WSL distribution (a Linux path there), reached through wsl.exe */
  wsl?: {
    distribution: string
    home: string
    /** folders to make, outermost first */ missingDirs: string[]
  }
}

/** A file or value --apply leaves alone, and why. */
export interface Skipped {
  /** the file or value that was not changed */
  what: string
  why: string
  shells: ShellName[]
}

/**
 * The go env file without the lines of these variables, as `go env -u` leaves it: Go reads
 * a line as `NAME=value` when it starts with an upper-case letter, splitting at LF only.
 */
export function withoutGoEnvNames(text: string, names: readonly string[]): string {
  const drop = new Set(names)
  return text
    .split('\n')
    .filter((line) => {
      const eq = line.indexOf('=')
      return !(eq > 0 && line[0] >= 'A' && line[0] <= 'Z' && drop.has(line.slice(0, eq)))
    })
    .join('\n')
}

/**
 * The go env file with these values, as `go env -w` writes them: a variable's first line
 * replaced in place (later lines of it dropped), a new one appended, LF line ends.
 */
export function withGoEnvValues(text: string, set: Readonly<Record<string, string>>): string {
  const done = new Set<string>()
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n')
  const out: string[] = []
  for (const line of lines) {
    const eq = line.indexOf('=')
    const name = eq > 0 && line[0] >= 'A' && line[0] <= 'Z' ? line.slice(0, eq) : undefined
    if (name === undefined || !(name in set)) {
      out.push(line)
      continue
    }
    if (done.has(name)) continue
    done.add(name)
    out.push(`${name}=${set[name]}`)
  }
  for (const name of Object.keys(set).sort()) if (!done.has(name)) out.push(`${name}=${set[name]}`)
  return out.length ? `${out.join('\n')}\n` : ''
}

/** What the go env file should lose (`go env -u`) and gain (`go env -w`). */
export interface GoEnvEdit {
  drop: readonly string[]
  set: Readonly<Record<string, string>>
}

export function goEnvChange(
  goEnv: GoEnv | undefined,
  edit: GoEnvEdit,
  read: (file: string) => Buffer | null,
): FileChange | null {
  const file = goEnv?.GOENV
  const setting = Object.keys(edit.set)
  if ((edit.drop.length === 0 && setting.length === 0) || !file || file === 'off') return null
  const bytes = read(file)
  if (!bytes && setting.length === 0) return null
  const text = bytes ? decodeText(bytes) : { text: '', encoding: 'utf8' as const }
  let after = withoutGoEnvNames(text.text, edit.drop)
  if (setting.length) after = withGoEnvValues(after, edit.set)
  const out = encodeText(after, text.encoding)
  if (bytes && out.equals(bytes)) return null
  const why: string[] = []
  if (edit.drop.length)
    why.push(`without ${edit.drop.join(', ')}, as \`go env -u ${edit.drop.join(' ')}\` leaves it`)
  if (setting.length)
    why.push(
      `with ${setting.map((n) => `${n}=${edit.set[n]}`).join(', ')} as \`go env -w\` writes it: this file applies to every project and every shell of yours`,
    )
  return {
    kind: 'file',
    path: file,
    shells: [],
    before: bytes,
    after: out,
    when: 'terminal',
    why: `the go env file (go env -w) ${why.join('; ')}`,
  }
}
