/**
 * Scripts kept as files beside the module that runs them (I/O): read once, the run's marker
 * put in. The bundler copies the file a literal `new URL('./x', import.meta.url)` names
 * beside the bundle, so each caller writes that URL out itself. In the single executable
 * nothing is read from beside it: each script is an asset of the executable, by its name.
 */
import { readFileSync } from 'node:fs'
import { getAsset, isSea } from 'node:sea'

const loaded = new Map<string, string>()

/** The file's text, LF line ends, read the first time it is asked for. */
export function loadScript(url: URL | string): string {
  const key = String(url)
  let text = loaded.get(key)
  if (text === undefined) {
    const read = isSea()
      ? getAsset(String(url).replace(/^.*[\\/]/, ''), 'utf8')
      : readFileSync(url, 'utf8')
    text = read.replace(/\r\n/g, '\n')
    loaded.set(key, text)
  }
  return text
}

/** The text with this run's marker (hex digits only: nothing else is ever put in a script). */
export function withMarker(text: string, marker: string): string {
  if (!/^[A-Za-z0-9]+$/.test(marker)) throw new Error(`not a probe marker: ${marker}`)
  return text.replace(/__GPA_MARKER__/g, marker)
}
