import semver from 'semver'
import { FindingError } from '../findings/errors.js'
import { compareGo, goToSemver, GO_VERSION_NAME } from './gover.js'
import { parseGoMod } from './gomod.js'

/** One file of a release as the go.dev index lists it. */
export interface GoFile {
  filename: string
  os: string
  arch: string
  version: string
  sha256: string
  size: number
  kind: 'archive' | 'installer' | 'source' | string
}

/** One release of the go.dev index (`?mode=json&include=all`). */
export interface GoRelease {
  version: string
  stable: boolean
  files: GoFile[]
}

/** What the user asked for, parsed. */
export type VersionSpec =
  | { kind: 'alias'; alias: 'stable' | 'oldstable'; raw: string }
  | { kind: 'range'; range: string; includePrerelease: boolean; raw: string }

/**
 * Parses a `go-version` value: exact versions (`1.22.5`, `go1.22.5`), Go pre-releases
 * (`go1.23rc1`), semver pre-releases (`1.23.0-rc.1`), wildcards (`1.22`, `1.x`),
 * ranges (`^1.21`, `~1.22.0`, `>=1.20 <1.23`) and the aliases `stable` / `oldstable`.
 * `from` names where the value came from for the error (an input, or a version file).
 */
export function parseSpec(
  raw: string,
  from: { name: string; id?: 'input-invalid' | 'version-file-unreadable' } = { name: 'go-version' },
): VersionSpec {
  const value = raw.trim()
  const lower = value.toLowerCase()
  if (lower === 'stable' || lower === 'oldstable')
    return { kind: 'alias', alias: lower, raw: value }
  const goStyle = GO_VERSION_NAME.exec(value)
  if (goStyle) {
    const [, major, minor, patch, pre] = goStyle
    if (pre || patch !== undefined) {
      return { kind: 'range', range: goToSemver(value)!, includePrerelease: !!pre, raw: value }
    }
    // `1.22` and `go1` are wildcards: the newest patch of that line.
    const range = minor === undefined ? `${Number(major)}.x` : `${Number(major)}.${Number(minor)}.x`
    return { kind: 'range', range, includePrerelease: false, raw: value }
  }
  const stripped = value.replace(/^go(?=\d)/i, '')
  let range: string | null = null
  try {
    range = semver.validRange(stripped)
  } catch {
    range = null
  }
  if (!value || range === null) {
    throw new FindingError(
      from.id ?? 'input-invalid',
      `${from.name}: "${raw}" is not a Go version, range or alias ` +
        `(examples: 1.22.5, go1.22.5, 1.22, 1.x, ^1.21, ~1.22.0, ">=1.20 <1.23", 1.23.0-rc.1, go1.23rc1, stable, oldstable)`,
    )
  }
  return { kind: 'range', range: stripped, includePrerelease: stripped.includes('-'), raw: value }
}

/** True when `version` (semver) satisfies a range spec. Aliases never match locally. */
export function satisfies(spec: VersionSpec, version: string): boolean {
  if (spec.kind !== 'range') return false
  return semver.satisfies(version, spec.range, { includePrerelease: spec.includePrerelease })
}

/** The newest of `versions` (semver strings) that satisfies `spec`, or null. */
export function bestLocal(spec: VersionSpec, versions: readonly string[]): string | null {
  if (spec.kind !== 'range') return null
  // one exact version (go-version: 1.22.5, the most common input): the one equal to it, the
  // answer maxSatisfying gives, without building a semver Range (a few ms at start-up)
  const exact = semver.valid(spec.range)
  if (exact) return versions.find((v) => semver.valid(v) && semver.eq(v, exact)) ?? null
  return semver.maxSatisfying([...versions], spec.range, {
    includePrerelease: spec.includePrerelease,
  })
}

export interface Resolved {
  /** semver form, used for the tool cache folder and outputs, e.g. `1.22.5`. */
  version: string
  release: GoRelease
  file: GoFile
}

/** The archive for os/arch in a release (never an installer or source file). */
export function archiveFor(release: GoRelease, os: string, arch: string): GoFile | undefined {
  return release.files.find((f) => f.kind === 'archive' && f.os === os && f.arch === arch)
}

/**
 * Picks the release that answers `spec` from the index, among those with an archive for
 * os/arch. `stable` is the newest stable release; `oldstable` the newest of the previous
 * minor line.
 */
export function resolveRelease(
  spec: VersionSpec,
  releases: readonly GoRelease[],
  os: string,
  arch: string,
): Resolved | null {
  const usable: Resolved[] = []
  for (const release of releases) {
    const version = goToSemver(release.version)
    const file = archiveFor(release, os, arch)
    if (version && file) usable.push({ version, release, file })
  }
  usable.sort((a, b) => semver.rcompare(a.version, b.version))
  if (spec.kind === 'alias') {
    const stable = usable.filter((r) => r.release.stable && !semver.prerelease(r.version))
    if (stable.length === 0) return null
    if (spec.alias === 'stable') return stable[0]
    const newest = semver.parse(stable[0].version)!
    return (
      stable.find((r) => {
        const v = semver.parse(r.version)!
        return v.major < newest.major || (v.major === newest.major && v.minor < newest.minor)
      }) ?? null
    )
  }
  return (
    usable.find((r) =>
      semver.satisfies(r.version, spec.range, { includePrerelease: spec.includePrerelease }),
    ) ?? null
  )
}

/** What a version file asks for, and which line decided it. */
export interface VersionFileAnswer {
  spec: string
  /** e.g. `go.mod toolchain go1.22.4`, `go.mod go 1.21`, `.go-version` */
  decidedBy: string
  /** the line of the file that decided it */
  line?: number
}

function stripHashComment(line: string): string {
  const i = line.indexOf('#')
  return (i >= 0 ? line.slice(0, i) : line).trim()
}

const fail = (fileName: string, why: string, line?: number) =>
  new FindingError('version-file-unreadable', `go-version-file: "${fileName}" ${why}`, {
    file: fileName,
    line,
  })

/**
 * Reads the Go version a version file asks for.
 * - go.mod / go.work: the `toolchain` line when it names a Go newer than the `go` line
 *   (the module's statement of which Go it is built with), else the `go` line
 *   (`go 1.21` means the newest 1.21.x, `go 1.22.1` exactly that). `toolchain default`
 *   states no preference;
 * - .tool-versions: the `golang` (or `go`) line, its first version;
 * - .go-version and anything else: the first line that is not empty or a `#` comment.
 */
export function parseVersionFile(fileName: string, content: string): VersionFileAnswer {
  const base = fileName.split(/[\\/]/).pop()!
  const lower = base.toLowerCase()
  if (lower === 'go.mod' || lower === 'go.work') {
    // a BOM is Go's problem to report (the module check does); the version is still readable
    const mod = parseGoMod(content.replace(/^\uFEFF/, ''))
    const go = mod.goLine
    const tc = mod.toolchainLine
    if (tc && tc.value !== 'default') {
      const version = tc.value.replace(/^go/, '').replace(/[-+].*$/, '')
      const newer = !go || (compareGo(version, go.value) ?? 0) > 0
      if (goToSemver(version) && newer) {
        return { spec: version, decidedBy: `${base} toolchain ${tc.value}`, line: tc.line }
      }
    }
    if (go) return { spec: go.value, decidedBy: `${base} go ${go.value}`, line: go.line }
    const bad = mod.problems.find((p) => /\bgo\b/.test(p.message))
    if (bad) throw fail(fileName, `line ${bad.line}: ${bad.message}`, bad.line)
    throw fail(fileName, 'has no "go" line')
  }
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/)
  if (lower === '.tool-versions') {
    for (const [i, raw] of lines.entries()) {
      const m = /^(golang|go)\s+(\S+)/.exec(stripHashComment(raw))
      if (m) return { spec: m[2], decidedBy: `${base} ${m[1]} ${m[2]}`, line: i + 1 }
    }
    throw fail(fileName, 'has no "golang" line')
  }
  for (const [i, raw] of lines.entries()) {
    const line = stripHashComment(raw)
    if (line) return { spec: line, decidedBy: `${base} ${line}`, line: i + 1 }
  }
  throw fail(fileName, 'is empty')
}
