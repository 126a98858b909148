/**
 * Where a PATH entry or a Go variable came from, as go-path-arbiter saw it (shared names).
 * A file and line is only ever one that ran while a shell started and made the change; an
 * origin that was not seen is `unknown` ("origin not found"), never a guess.
 */
import type { ShellName } from './types.js'

export type OriginLayer =
  /** a line (or, for sh, a file) of the shell's own start-up that ran and made the change */
  | 'startup'
  /** a line of the login session's start-up (Linux: the login shell that starts the session) */
  | 'session'
  /** the shell itself, as it started (pwsh puts its own folder first) */
  | 'shell'
  /** the login environment: /etc/environment, /etc/login.defs, /etc/paths, Windows' sign-in */
  | 'login'
  /** a value in the Windows registry (machine, user, volatile) */
  | 'registry'
  /** a segment of cmd's AutoRun */
  | 'autorun'
  /** the go env file (`go env -w`) */
  | 'go env file'
  /** $GOROOT/go.env, the Go tree's own defaults */
  | 'go.env'
  /** a fish universal variable (fish_variables) */
  | 'fish universal'
  /** the environment this check (or this step) started in */
  | 'inherited'
  /** seen to change during the start-up, but not where */
  | 'unknown'

export interface Origin {
  layer: OriginLayer
  /** what the report prints: `~/.bashrc:4`, `user PATH in the registry (HKCU\Environment\Path)` */
  where: string
  file?: string
  /** absent: the place has no line (sh keeps none; a registry value; a whole file) */
  line?: number
  /** whose start-up ran it */
  shell?: ShellName
  /** a registry value: its key, name, kind, and the raw (unexpanded) text of the entry */
  registry?: { key: string; name: string; kind: string; raw?: string }
  /** cmd's AutoRun: the segment of the value that ran */
  segment?: { index: number; text: string }
}

/** An environment as layers build it: each PATH entry and variable with its origin. */
export interface EnvLayer {
  /** PATH entries in order, as the shell writes them */
  path: Array<{ entry: string; origin: Origin }>
  /** every variable followed (PATH excluded); null: unset */
  vars: Record<string, { value: string | null; origin?: Origin }>
}

export const UNKNOWN: Origin = { layer: 'unknown', where: 'origin not found' }

/** `~/.bashrc` for a file under the home folder (either separator). */
export function shownPath(file: string, home: string): string {
  if (!home) return file
  const h = home.replace(/[\\/]+$/, '')
  for (const sep of ['/', '\\']) {
    if (file.startsWith(`${h}${sep}`)) return `~${sep}${file.slice(h.length + 1)}`
  }
  return file
}
