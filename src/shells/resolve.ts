/** Which go a shell runs, from what its probe saw (pure, but for the file test). */
import path from 'node:path'
import { msysToWindowsUnder, toHostPath } from '../paths/forms.js'
import { splitPath } from '../paths/split.js'
import { getVar } from '../processes/env.js'
import { isFile, pathCandidates } from '../processes/which.js'
import type { ShellAdapter, ShellView } from './types.js'

export interface Resolution {
  /** every go / gofmt on the shell's PATH, host paths, in lookup order */
  hits: { go: string[]; gofmt: string[] }
  cwdHit?: string
  /** the go program the shell runs, as a host path */
  runs?: string
}

/**
 * Which go the shell runs, and every go / gofmt on its PATH. POSIX shells list their hits
 * themselves; for cmd and pwsh they are looked up here on the shell's own PATH and
 * PATHEXT (each folder in order, each extension in order within it), and cmd first looks
 * in its current folder unless NoDefaultCurrentDirectoryInExePath is set.
 */
export function resolveGo(
  view: ShellView,
  adapter: Pick<ShellAdapter, 'name' | 'pathStyle'>,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  exists: (p: string) => boolean = isFile,
  mountRoot?: string,
  cwd?: string,
): Resolution {
  // Git Bash and MSYS2 name their own folders from their root (`/ucrt64/bin`)
  const root = platform === 'win32' && adapter.pathStyle === 'msys' ? view.msys?.root : undefined
  const host = (p: string) => {
    const h =
      (root ? msysToWindowsUnder(p, root) : null) ??
      toHostPath(p, adapter.pathStyle, platform, mountRoot)
    // a relative PATH entry (`.`, `bin`) is the shell's working folder's
    return cwd && adapter.pathStyle !== 'wsl' && !isAbsoluteHere(h, platform)
      ? pathModule(platform).resolve(cwd, h)
      : h
  }
  // what the shell itself answered (`command -v`, Get-Command): a path, or an alias/function
  const isProgram = view.kind === undefined || view.kind === 'file'
  const runs = isProgram && /[\\/]/.test(view.resolved) ? host(view.resolved) : undefined
  if (view.hits) {
    return { hits: { go: view.hits.go.map(host), gofmt: view.hits.gofmt.map(host) }, runs }
  }
  const dirs = splitPath(view.path, adapter.pathStyle).map(host)
  const pathext = view.pathext ?? getVar(env, 'PATHEXT', platform)
  const find = (name: string, where: string[]) =>
    pathCandidates(name, where, platform, pathext).filter(exists)
  const hits = { go: find('go', dirs), gofmt: find('gofmt', dirs) }
  if (adapter.name === 'cmd') {
    const cwdHit = view.cwdSearch && view.cwd ? find('go', [view.cwd])[0] : undefined
    return { hits, cwdHit, runs: view.goNotFound ? undefined : (cwdHit ?? hits.go[0]) }
  }
  return { hits, runs }
}

const pathModule = (platform: NodeJS.Platform) => (platform === 'win32' ? path.win32 : path.posix)
const isAbsoluteHere = (p: string, platform: NodeJS.Platform) => pathModule(platform).isAbsolute(p)
