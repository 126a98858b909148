/**
 * The origin behind each finding of one shell (pure): the traced origin of the PATH entry,
 * variable, alias or function the finding is about (attribution/origins.ts), or of the go
 * env file line and $GOROOT/go.env line Go takes a variable from when no shell sets it.
 */
import { shownPath, type Origin } from '../base/origin.js'
import type { ShellSight, Sights } from '../check/sight.js'
import type { GoEnvFileFacts } from '../check/types.js'
import type { Finding, FindingId } from '../findings/catalog.js'
import type { GoVar, ShellOrigins } from './origins.js'

/** Findings whose cause can be a line of a startup file, a registry value or the go env file. */
const ATTRIBUTABLE = new Set<FindingId>([
  'go-shadowed',
  'go-other',
  'go-not-a-program',
  'go-missing',
  'gopath-bin-missing',
  'goroot-mismatch',
  'gopath-mismatch',
  'gotoolchain-mismatch',
])

export function needsAttribution(f: Finding): boolean {
  return ATTRIBUTABLE.has(f.id)
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
  return at < 0 ? undefined : o.entries[at]?.origin
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

/** The origin behind a finding of one shell, when it is known. */
export function originFor(
  f: Finding,
  sights: Sights,
  sight: ShellSight | undefined,
  o: ShellOrigins | undefined,
  layers: GoLayers,
): Origin | undefined {
  if (!sight || !o) return undefined
  switch (f.id) {
    case 'go-shadowed':
    case 'go-other':
      return sight.runs ? entryOrigin(sight, o, sight.runs.dirKey) : undefined
    case 'go-not-a-program':
      return o.goDefinition
    case 'go-missing':
      return removal(sights, sight, o, sight.keys.gorootBin)
    case 'gopath-bin-missing':
      return removal(sights, sight, o, sight.keys.gopathBin)
    case 'goroot-mismatch':
      return goVarOrigin('GOROOT', o, layers)
    case 'gopath-mismatch':
      return goVarOrigin('GOPATH', o, layers)
    case 'gotoolchain-mismatch':
      return goVarOrigin('GOTOOLCHAIN', o, layers)
    default:
      return undefined
  }
}

/**
 * Each finding that concerns one shell, with the origin of its cause (the finding's
 * `origin` names it); the origins in the same order.
 */
export function attachOrigins(
  findings: readonly Finding[],
  sights: Sights,
  origins: readonly ShellOrigins[],
  layers: GoLayers,
): { findings: Finding[]; origins: Array<Origin | undefined> } {
  const list = findings.map((f) => {
    if (f.shells.length !== 1 || !needsAttribution(f)) return undefined
    const shell = f.shells[0]
    return originFor(
      f,
      sights,
      sights.shells.find((s) => s.shell === shell),
      origins.find((x) => x.shell === shell),
      layers,
    )
  })
  return {
    findings: findings.map((f, i) => (list[i] ? { ...f, origin: list[i]!.where } : f)),
    origins: list,
  }
}
