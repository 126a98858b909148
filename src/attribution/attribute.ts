/**
 * The origin behind each finding of one shell (pure): the traced origin of the PATH entry,
 * variable, alias or function the finding is about (attribution/origins.ts), or of the go
 * env file line and $GOROOT/go.env line Go takes a variable from when no shell sets it.
 */
import { shownPath, type Origin } from '../base/origin.js'
import type { ShellSight, Sights } from '../check/sight.js'
import type { GoEnvFileFacts } from '../check/types.js'
import { subjectOf, type Finding } from '../findings/catalog.js'
import { GO_VARS, type GoVar, type ShellOrigins } from './origins.js'
import { installerOf } from '../paths/installers.js'

/**
 * Whether a finding's cause can be traced to a line of a startup file, a registry value or
 * the go env file: a finding of one shell about its go, a PATH entry or a Go variable the
 * start-up follows (its catalog record says which).
 */
export function needsAttribution(f: Finding): boolean {
  const s = subjectOf(f)
  if (f.shells.length !== 1 || !s) return false
  if (s.kind === 'go-var') return (GO_VARS as readonly string[]).includes(s.name)
  return s.kind === 'go-program' || s.kind === 'go-command' || s.kind === 'path-entry'
}

/** The layers below the environment that Go reads a variable from. */
export interface GoLayers {
  /** the go env file (`go env -w`) */
  goEnvFile?: GoEnvFileFacts
  /** $GOROOT/go.env */
  goDotEnv?: GoEnvFileFacts
  home: string
}

/**
 * Where a shell's go gets a variable: the shell's own environment when it has the
 * variable (set or empty counts as unset for Go), else the go env file, else (GOTOOLCHAIN,
 * GOPROXY, GOSUMDB) $GOROOT/go.env, else Go's own default (undefined).
 */
export function goVarOrigin(
  name: GoVar,
  o: ShellOrigins | undefined,
  l: GoLayers,
): Origin | undefined {
  const inShell = o?.layer.vars[name]
  if (inShell?.value) return inShell.origin
  const fromFile = l.goEnvFile?.values[name]
  if (fromFile) {
    return {
      layer: 'go env file',
      where: `the go env file (${shownPath(l.goEnvFile!.path, l.home)}:${fromFile.line})`,
      file: l.goEnvFile!.path,
      line: fromFile.line,
    }
  }
  const fromTree = l.goDotEnv?.values[name]
  if (fromTree) {
    return {
      layer: 'go.env',
      where: `the Go tree's own defaults (${l.goDotEnv!.path}:${fromTree.line})`,
      file: l.goDotEnv!.path,
      line: fromTree.line,
    }
  }
  return undefined
}

/** The origin of the PATH entry that holds `dirKey` in this shell, first match. */
function entryOrigin(sight: ShellSight, o: ShellOrigins, dirKey: string): Origin | undefined {
  const at = sight.entries.findIndex((e) => e.dirKey === dirKey)
  const origin = at < 0 ? undefined : o.entries[at]?.origin
  // an installer's own folder (winget's Links, Scoop's shims) is named for what it is
  const installer = at < 0 ? undefined : installerOf(sight.entries[at].host)
  return origin && installer
    ? { ...origin, where: `${origin.where}; the folder is ${installer}` }
    : origin
}

/** Where a folder the shell started with was removed during its start-up. */
function removal(
  sights: Sights,
  sight: ShellSight,
  o: ShellOrigins,
  dirKey: string,
): Origin | undefined {
  return o.removed.find((r) => sights.comparer.dirKey(r.entry, sight.entryStyle) === dirKey)?.origin
}

/** The origin behind a finding of one shell, when it is known: by what the finding is about. */
export function originFor(
  f: Finding,
  sights: Sights,
  sight: ShellSight | undefined,
  o: ShellOrigins | undefined,
  layers: GoLayers,
): Origin | undefined {
  const s = subjectOf(f)
  if (!sight || !o || !s) return undefined
  switch (s.kind) {
    case 'go-program':
      return sight.runs ? entryOrigin(sight, o, sight.runs.dirKey) : undefined
    case 'go-command':
      return o.goDefinition
    case 'path-entry':
      return removal(sights, sight, o, sight.keys[s.folder])
    case 'go-var':
      return goVarOrigin(s.name as GoVar, o, layers)
    default:
      return undefined
  }
}

/** Each finding that concerns one shell, with the origin of its cause when it is known. */
export function attachOrigins(
  findings: readonly Finding[],
  sights: Sights,
  origins: readonly ShellOrigins[],
  layers: GoLayers,
): Finding[] {
  return findings.map((f) => {
    if (!needsAttribution(f)) return f
    const shell = f.shells[0]
    const origin = originFor(
      f,
      sights,
      sights.shells.find((s) => s.shell === shell),
      origins.find((x) => x.shell === shell),
      layers,
    )
    return origin ? { ...f, origin } : f
  })
}
