/**
 * Scripts kept as files beside the module that runs them (I/O): read once, the run's marker
 * put in. The bundler copies the file a literal `new URL('./x', import.meta.url)` names
 * beside the bundle, so each caller writes that URL out itself.
 */
import { readFileSync } from 'node:fs'

const loaded = new Map<string, string>()

/** The file's text, LF line ends, read the first time it is asked for. */
export function loadScript(url: URL | string): string {
  const key = String(url)
  let text = loaded.get(key)
  if (text === undefined) {
    text = readFileSync(url, 'utf8').replace(/\r\n/g, '\n')
    loaded.set(key, text)
  }
  return text
}

/** The text with this run's marker (hex digits only: nothing else is ever put in a script). */
export function withMarker(text: string, marker: string): string {
  if (!/^[A-Za-z0-9]+$/.test(marker)) throw new Error(`not a probe marker: ${marker}`)
  return text.replace(/__GPA_MARKER__/g, marker)
}
