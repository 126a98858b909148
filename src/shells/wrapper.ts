/**
 * A function named go that only runs the go on PATH (`go() { command go "$@"; }`, fish's
 * `command go $argv`, PowerShell's `& (Get-Command go -CommandType Application) @args`) is
 * a wrapper, not another go: the shell runs the program on PATH through it (pure).
 */
import type { ShellView } from './types.js'

/** The statements of a function's text, its own header and end, comments and blank lines aside. */
function statements(body: string): string[] {
  return body
    .replace(/\r/g, '')
    .split(/\n|;/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .filter((l) => !/^(function\s+go\b.*|go\s*\(\s*\)\s*\{?|\{|\}|end)$/.test(l))
}

const WRAPPERS: readonly RegExp[] = [
  // bash, zsh, sh
  /^command go "\$@"$/,
  // fish
  /^command go \$argv$/,
  // PowerShell: the first application named go, with every argument
  /^& \(Get-Command (?:go -CommandType Application|-CommandType Application go|-Name go -CommandType Application)(?: -ErrorAction \w+)?(?: \| Select-Object -First 1)?\) @args$/i,
]

/** Whether a function's text (as the shell prints it) only runs the go on PATH. */
export function isGoWrapper(body: string): boolean {
  const s = statements(body)
  return s.length === 1 && WRAPPERS.some((w) => w.test(s[0].replace(/\s+/g, ' ')))
}

/**
 * A view whose go is a wrapper, seen as the program it runs: the go on PATH (`program`),
 * marked as wrapped. Any other view as it is.
 */
export function unwrapped(view: ShellView, body: string | undefined, program?: string): ShellView {
  if (view.kind !== 'function' || !body || !isGoWrapper(body)) return view
  const runs = program || view.hits?.go[0]
  if (!runs) return view
  return { ...view, kind: 'file', resolved: runs, wrapper: body.trim() }
}
