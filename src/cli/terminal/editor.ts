/**
 * VS Code's Go extension puts the bin folder of the Go it is set to first in every
 * integrated terminal (its terminal environment contribution, while
 * go.terminal.activateEnvironment is on), and VS Code keeps the contribution across
 * restarts. The Go it is set to is named by `go.goroot` or `go.alternateTools`'s `go` in
 * the user's or the workspace's settings (JSON with comments). Read here, so that a terminal
 * whose first folder is that one is said to be VS Code's doing, not an old terminal's.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'jsonc-parser'
import type { ThisTerminal } from '../../check/types.js'
import { getVar } from '../../processes/env.js'

/** A Go folder VS Code's settings name: the folder, the setting and the file. */
export type EditorGo = NonNullable<ThisTerminal['vscodeGo']>[number]

/**
 * The Go bin folders one settings file names. `~` and `${userHome}` are the home folder,
 * `${workspaceFolder}` the folder that holds `.vscode`; a value with another variable is
 * left out (it cannot be told here).
 */
export function editorGoFolders(
  text: string,
  file: string,
  home: string,
  workspace: string | undefined,
  platform: NodeJS.Platform,
): EditorGo[] {
  const settings: unknown = parse(text, [], { allowTrailingComma: true })
  if (!settings || typeof settings !== 'object') return []
  const s = settings as Record<string, unknown>
  const p = platform === 'win32' ? path.win32 : path.posix
  const expand = (v: unknown): string | undefined => {
    if (typeof v !== 'string' || !v.trim()) return undefined
    let out = v
      .trim()
      .replace(/^~(?=$|[\\/])/, home)
      .replace(/\$\{userHome\}/g, home)
    if (workspace) out = out.replace(/\$\{workspaceFolder\}/g, workspace)
    return /\$\{/.test(out) || !p.isAbsolute(out) ? undefined : out
  }
  const out: EditorGo[] = []
  const goroot = expand(s['go.goroot'])
  if (goroot) out.push({ folder: p.join(goroot, 'bin'), setting: 'go.goroot', file })
  const tools = s['go.alternateTools']
  const alt =
    tools && typeof tools === 'object' ? expand((tools as Record<string, unknown>).go) : undefined
  if (alt) out.push({ folder: p.dirname(alt), setting: 'go.alternateTools', file })
  return out
}

/** The user settings files of VS Code and its common builds, for this platform. */
export function userSettingsFiles(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string) {
  const builds = ['Code', 'Code - Insiders', 'VSCodium']
  const p = platform === 'win32' ? path.win32 : path.posix
  const base =
    platform === 'win32'
      ? getVar(env, 'APPDATA', platform)
      : platform === 'darwin'
        ? p.join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? p.join(home, '.config'))
  return base ? builds.map((b) => p.join(base, b, 'User', 'settings.json')) : []
}

/** Every Go folder VS Code's settings name: the user's, then the workspace's (cwd upwards). */
export function readEditorGos(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  home: string,
  cwd: string,
): EditorGo[] {
  const p = platform === 'win32' ? path.win32 : path.posix
  const files: Array<{ file: string; workspace?: string }> = userSettingsFiles(
    env,
    platform,
    home,
  ).map((file) => ({ file }))
  for (let dir = cwd; ; dir = p.dirname(dir)) {
    files.push({ file: p.join(dir, '.vscode', 'settings.json'), workspace: dir })
    if (p.dirname(dir) === dir) break
  }
  return files.flatMap(({ file, workspace }) => {
    if (!existsSync(file)) return []
    try {
      return editorGoFolders(readFileSync(file, 'utf8'), file, home, workspace, platform)
    } catch {
      return []
    }
  })
}
