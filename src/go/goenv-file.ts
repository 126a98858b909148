import { CONTROL_CHAR } from '../base/text.js'

/**
 * The `go env -w` file read exactly as the go command reads it (cmd/go/internal/cfg):
 * lines end at LF only, so a CRLF file leaves `\r` at the end of each value; a line counts
 * only when it has `=` and starts with an upper-case letter; nothing is trimmed; a later
 * line wins. A process variable that is set and not empty wins over the file.
 */
export interface GoEnvFileValue {
  value: string
  line: number
}

export function parseGoEnvFile(text: string): Record<string, GoEnvFileValue> {
  const out: Record<string, GoEnvFileValue> = {}
  text.split('\n').forEach((line, i) => {
    const eq = line.indexOf('=')
    if (eq < 0 || line[0] < 'A' || line[0] > 'Z') return
    out[line.slice(0, eq)] = { value: line.slice(eq + 1), line: i + 1 }
  })
  return out
}

/** Why a value read from the file would surprise someone reading it in an editor. */
export function oddities(value: string): string | undefined {
  if (value.endsWith('\r')) {
    return 'it ends with a carriage return, which Go keeps as part of the value (the file has CRLF line ends)'
  }
  if (CONTROL_CHAR.test(value)) return 'it holds a control character, which Go keeps'
  if (value !== value.trim()) return 'it has spaces at an end, which Go keeps'
  return undefined
}
