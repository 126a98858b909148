/** Facts about text every layer uses once: control characters, and quoting for each shell. */

/** A control character: never in an export, an input, a path the tool writes or runs. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHAR = /[\u0000-\u001f\u007f]/

/** Single-quotes a value for sh and bash: any byte is safe inside. */
export const shQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`

/** Single-quotes a value for fish: only \\ and \' are escapes inside its single quotes. */
export const fishQuote = (value: string) => `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`

/** Single-quotes a value for PowerShell (5.1 and 7): a quote inside is doubled. */
export const psQuote = (value: string) => `'${value.replace(/'/g, "''")}'`

/** A list input or option: items split at commas and line ends, trimmed, empty ones dropped. */
export function listOf(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
}
