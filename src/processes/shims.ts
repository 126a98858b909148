/**
 * Version managers put a small program named go on PATH that starts another go: Scoop's
 * shims (`~\scoop\shims\go.exe` beside a `go.shim` text file, `path = <target>`), and the
 * POSIX managers' shim scripts (asdf, goenv, mise, gvm), which pick a Go from version files
 * and start it. A shim is the Go it starts: Scoop's says which; for the others the shell's
 * own `go env GOROOT` does.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

/** The target line of a Scoop `.shim` file: `path = "C:\...\go.exe"` (quotes optional). */
export function parseShim(text: string): string | null {
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const m = /^\s*path\s*=\s*(.+?)\s*$/i.exec(line)
    if (m) return m[1].replace(/^"(.*)"$/, '$1')
  }
  return null
}

/** The program a Scoop shim starts, read from the `.shim` file beside it; null when it is none. */
export function scoopShimTarget(program: string): string | null {
  if (!/\.exe$/i.test(program)) return null
  try {
    const text = readFileSync(program.replace(/\.exe$/i, '.shim'), 'utf8')
    return parseShim(text)
  } catch {
    return null
  }
}

/** A folder of shim scripts that start whichever Go the version files pick. */
export function isShimFolder(dir: string): boolean {
  const d = dir.replace(/\\/g, '/').replace(/\/+$/, '')
  return (
    /\/(\.asdf\/shims|\.goenv\/shims|mise\/shims|\.local\/share\/mise\/shims|\.gvm\/bin)$/.test(
      d,
    ) || /\/scoop\/shims$/i.test(d)
  )
}

/** `<GOROOT>/bin/go` (or go.exe): the program a shim that reports this GOROOT starts. */
export const goUnder = (goroot: string, platform: NodeJS.Platform) =>
  (platform === 'win32' ? path.win32 : path.posix).join(
    goroot,
    'bin',
    platform === 'win32' ? 'go.exe' : 'go',
  )
