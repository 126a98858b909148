/**
 * The runner's parser for GITHUB_ENV / GITHUB_OUTPUT files (actions/runner): lines split
 * on LF (CRLF too, as on Windows), empty lines skipped, `NAME=VALUE` when the first `=`
 * comes before any `<<`, `NAME<<DELIM` opens a multi-line value closed by a line equal to
 * DELIM. Nothing is trimmed. Throws where the runner would fail the step.
 */
export function parseEnvFile(content: string, crlf = false): Record<string, string> {
  const lines = content.split(crlf ? /\r?\n/ : '\n')
  const out: Record<string, string> = {}
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line === '') continue
    const eq = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      const name = line.slice(0, eq)
      if (!name) throw new Error(`invalid line ${i + 1}: empty name`)
      out[name] = line.slice(eq + 1)
      continue
    }
    if (heredoc < 0) throw new Error(`invalid line ${i + 1}: ${JSON.stringify(line)}`)
    const name = line.slice(0, heredoc)
    const delim = line.slice(heredoc + 2)
    if (!name || !delim) throw new Error(`invalid heredoc at line ${i + 1}`)
    const value: string[] = []
    let closed = false
    for (i++; i < lines.length; i++) {
      if (lines[i] === delim) {
        closed = true
        break
      }
      value.push(lines[i])
    }
    if (!closed) throw new Error(`heredoc ${delim} for ${name} is not closed`)
    out[name] = value.join(crlf ? '\r\n' : '\n')
  }
  return out
}

/** GITHUB_PATH: every non-empty line as-is. */
export function parsePathFile(content: string, crlf = false): string[] {
  return content.split(crlf ? /\r?\n/ : '\n').filter((l) => l !== '')
}

/**
 * The PATH a later step sees: each GITHUB_PATH line is prepended (an equal entry removed
 * first), so the line written last ends up first.
 */
export function applyPathLines(lines: string[], basePath: string, sep = ':'): string {
  const prepended: string[] = []
  for (const line of lines) {
    const at = prepended.indexOf(line)
    if (at >= 0) prepended.splice(at, 1)
    prepended.unshift(line)
  }
  return [...prepended, basePath].filter(Boolean).join(sep)
}
