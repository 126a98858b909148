/**
 * `--go wsl:PATH` on Windows: the Go every WSL row is held to is the Linux Go at PATH inside
 * the distribution, and the Windows shells to a Windows Go of its version (a Linux Go is not
 * a Windows Go: only the version can agree). PATH is looked up inside the distribution
 * through wsl.exe (wsl/startup-files.ts), asked `go env GOROOT GOVERSION` there.
 */
import { posix } from 'node:path'
import { InputError } from '../../findings/errors.js'
import type { DistroFiles, LinuxGo } from '../../wsl/startup-files.js'
import { wslDistroFiles } from '../../wsl/distro-files.js'
import type { TerminalOptions, WslTerminals } from './types.js'

const PREFIX = 'wsl:'

/** The path a `--go wsl:PATH` names inside WSL, or nothing for any other --go (pure). */
export function wslGoAsked(go: string | undefined, platform: NodeJS.Platform): string | undefined {
  if (!go?.toLowerCase().startsWith(PREFIX)) return undefined
  const at = go.slice(PREFIX.length).trim()
  if (platform !== 'win32')
    throw new InputError(
      `--go: ${JSON.stringify(go)} names a Go inside WSL, which the command line looks at on Windows only; run it inside the distribution with --go ${at || 'PATH'}`,
    )
  if (!at.startsWith('/'))
    throw new InputError(
      `--go: ${JSON.stringify(go)} does not name a Go inside WSL by an absolute path (wsl:/usr/local/go, wsl:/usr/local/go/bin/go)`,
    )
  return posix.normalize(at).replace(/(.)\/+$/, '$1')
}

/** The folders to look for a `go` in, for a path that names a go program, a bin folder or a tree. */
export const wslGoDirs = (at: string) => [...new Set([at, `${at}/bin`, posix.dirname(at)])]

/** The Linux Go found at the path asked for: its program, its bin folder or its tree (pure). */
export function matchLinuxGo(gos: readonly LinuxGo[], at: string): LinuxGo | undefined {
  return gos.find(
    (g) =>
      g.program === at ||
      g.program === `${at}/go` ||
      g.program === `${at}/bin/go` ||
      g.goroot.replace(/\/+$/, '') === at,
  )
}

/** The distribution `--go wsl:PATH` is looked up in: the default one's row, else the first. */
export function wslGoRow(wsl: WslTerminals | undefined) {
  return wsl?.rows.find((r) => r.shell === 'wsl') ?? wsl?.rows[0]
}

export interface WslGo {
  go: LinuxGo
  distribution: string
  /** as the user wrote it after `wsl:` */
  asked: string
}

/** Looks the asked Go up inside the distribution; an InputError saying what is there when it is not. */
export async function findWslGo(files: DistroFiles, asked: string, given: string): Promise<WslGo> {
  const look = await files.look([], wslGoDirs(asked))
  const go = matchLinuxGo(look.gos, asked)
  if (go) return { go, distribution: files.distribution, asked }
  const found = look.gos.map((g) => `${g.program} (${g.version})`).join(', ')
  throw new InputError(
    `--go: ${JSON.stringify(given)}: no go that answers \`go env\` is at ${asked} in WSL ${files.distribution} (found: ${found || 'none'})`,
  )
}

/**
 * The Linux Go `--go wsl:PATH` names, looked up in the default distribution's row (else the
 * first one checked), or nothing for any other --go.
 */
export async function wslGoOf(o: TerminalOptions): Promise<WslGo | undefined> {
  const asked = wslGoAsked(o.go, o.platform)
  if (!asked) return undefined
  const given = o.go!
  const row = wslGoRow(o.wsl)
  if (!row) {
    const why = Object.values(o.wsl?.unavailable ?? {})[0] ?? '--shells names no wsl'
    throw new InputError(
      `--go: ${JSON.stringify(given)} names a Go inside WSL, and no WSL distribution is checked (${why})`,
    )
  }
  const files = (o.distro ?? wslDistroFiles(o.env, o.timeoutMs))(row.distribution)
  try {
    return await findWslGo(files, asked, given)
  } catch (err) {
    if (err instanceof InputError) throw err
    throw new InputError(
      `--go: ${JSON.stringify(given)}: WSL ${row.distribution} could not be looked in (${(err as Error).message})`,
    )
  }
}

/** The Windows reference of `--go wsl:PATH`: a Windows Go of the Linux Go's version. */
export const windowsSideOf = (w: WslGo) => ({
  version: w.go.version,
  how: `--go wsl:${w.asked} (Go ${w.go.version} at ${w.go.goroot} in WSL ${w.distribution}; on Windows the go of that version)`,
  refused: (err: unknown) =>
    err instanceof InputError
      ? new InputError(
          `--go wsl:${w.asked} is Go ${w.go.version} in WSL ${w.distribution}, and on Windows ${err.message.replace(/^--go: /, '')}`,
        )
      : err,
})
