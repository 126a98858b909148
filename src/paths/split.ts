import type { PathStyle } from './forms.js'

/**
 * Splits a PATH value as the shell does. POSIX forms split on `:`, and an empty entry is
 * kept: a POSIX shell reads it as the current folder. Windows splits on `;` outside double
 * quotes, as cmd and libuv do: `"C:\x;y"` is one entry, `C:\x;y` without quotes is two;
 * the quotes themselves are not part of the folder, and empty entries mean nothing there.
 */
export function splitPath(value: string | undefined, style: PathStyle): string[] {
  if (!value) return []
  if (style !== 'win32') return value.split(':')
  const out: string[] = []
  let current = ''
  let quoted = false
  for (const ch of value) {
    if (ch === '"') quoted = !quoted
    else if (ch === ';' && !quoted) {
      out.push(current)
      current = ''
    } else current += ch
  }
  out.push(current)
  return out.filter((e) => e !== '')
}

export function pathSeparator(style: PathStyle): string {
  return style === 'win32' ? ';' : ':'
}

/** Joins entries back into a PATH value, quoting a Windows entry that holds `;`. */
export function joinPath(entries: readonly string[], style: PathStyle): string {
  const quote = (e: string) => (style === 'win32' && e.includes(';') ? `"${e}"` : e)
  return entries.map(quote).join(pathSeparator(style))
}
