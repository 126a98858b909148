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

export function goEnvChange(
  goEnv: GoEnv | undefined,
  names: readonly string[],
  read: (file: string) => Buffer | null,
): FileChange | null {
  const file = goEnv?.GOENV
  if (names.length === 0 || !file || file === 'off') return null
  const bytes = read(file)
  if (!bytes) return null
  const text = decodeText(bytes)
  const after = encodeText(withoutGoEnvNames(text.text, names), text.encoding)
  if (after.equals(bytes)) return null
  return {
    kind: 'file',
    path: file,
    shells: [],
    before: bytes,
    after,
    when: 'terminal',
    why: `the go env file (go env -w) without ${names.join(', ')}, as \`go env -u ${names.join(' ')}\` leaves it`,
  }
}
