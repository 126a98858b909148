import semver from 'semver'
import { InputError } from '../errors.js'

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

const GO_STYLE = /^(?:go)?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(rc|beta|alpha)(\d+))?$/i

/**
 * Go's own version names (`go1.22.5`, `go1.21rc2`, `go1.20`, `1.19`) as semver
 * (`1.22.5`, `1.21.0-rc.2`, `1.20.0`, `1.19.0`). Semver input passes through.
 * Returns null for anything else.
 */
export function goToSemver(version: string): string | null {
  const v = version.trim()
  const m = GO_STYLE.exec(v)
  if (m) {
    const [, major, minor = '0', patch = '0', pre, preNum] = m
    const base = `${Number(major)}.${Number(minor)}.${Number(patch)}`
    return pre ? `${base}-${pre.toLowerCase()}.${Number(preNum)}` : base
  }
  const stripped = v.replace(/^go(?=\d)/i, '')
  return semver.valid(stripped)
}

/** Semver back to Go's naming: `1.21.0-rc.2` -> `go1.21rc2`, `1.20.0` -> `go1.20` (pre-1.21). */
export function semverToGo(version: string): string {
  const v = semver.parse(version)
  if (!v) return `go${version}`
  const pre = v.prerelease.length === 2 ? `${v.prerelease[0]}${v.prerelease[1]}` : ''
  const modern = v.major > 1 || v.minor >= 21
  if (pre) return `go${v.major}.${v.minor}${v.patch ? `.${v.patch}` : ''}${pre}`
  if (!modern && v.patch === 0) return `go${v.major}.${v.minor}`
  return `go${v.major}.${v.minor}.${v.patch}`
}

/**
 * Parses a `go-version` value: exact versions (`1.22.5`, `go1.22.5`), Go pre-releases
 * (`go1.23rc1`), semver pre-releases (`1.23.0-rc.1`), wildcards (`1.22`, `1.x`),
 * ranges (`^1.21`, `~1.22.0`, `>=1.20 <1.23`) and the aliases `stable` / `oldstable`.
 */
export function parseSpec(raw: string, inputName = 'go-version'): VersionSpec {
  const value = raw.trim()
  const lower = value.toLowerCase()
  if (lower === 'stable' || lower === 'oldstable')
    return { kind: 'alias', alias: lower, raw: value }
  const goStyle = GO_STYLE.exec(value)
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
  const range = semver.validRange(stripped)
  if (!value || range === null) {
    throw new InputError(
      `${inputName}: "${raw}" is not a Go version, range or alias ` +
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

/** Which line of go.mod / go.work was used. */
export interface VersionFileAnswer {
  spec: string
  source: string
}

function stripComment(line: string, marker: string): string {
  const i = line.indexOf(marker)
  return (i >= 0 ? line.slice(0, i) : line).trim()
}

/**
 * Reads the Go version a version file asks for.
 * - go.mod / go.work: the `toolchain` line when present and GOTOOLCHAIN is not `local`,
 *   else the `go` line;
 * - .tool-versions: the `golang` (or `go`) line, its first version;
 * - .go-version and anything else: the first line that is not empty or a `#` comment.
 */
export function parseVersionFile(
  fileName: string,
  content: string,
  gotoolchain: string,
): VersionFileAnswer {
  const base = fileName.split(/[\\/]/).pop()!.toLowerCase()
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/)
  if (base === 'go.mod' || base === 'go.work') {
    let go: string | undefined
    let toolchain: string | undefined
    for (const raw of lines) {
      const line = stripComment(raw, '//')
      const m = /^(go|toolchain)\s+(\S+)$/.exec(line)
      if (!m) continue
      if (m[1] === 'go') go ??= m[2]
      else toolchain ??= m[2]
    }
    const mode = gotoolchain.trim().split('+')[0]
    if (toolchain && toolchain !== 'default' && mode !== 'local') {
      return { spec: toolchain.replace(/^go(?=\d)/, ''), source: `${fileName} (toolchain line)` }
    }
    if (go) return { spec: go, source: `${fileName} (go line)` }
    throw new InputError(`go-version-file: "${fileName}" has no "go" line`)
  }
  if (base === '.tool-versions') {
    for (const raw of lines) {
      const m = /^(golang|go)\s+(\S+)/.exec(stripComment(raw, '#'))
      if (m) return { spec: m[2], source: `${fileName} (${m[1]} line)` }
    }
    throw new InputError(`go-version-file: "${fileName}" has no "golang" line`)
  }
  for (const raw of lines) {
    const line = stripComment(raw, '#')
    if (line) return { spec: line, source: fileName }
  }
  throw new InputError(`go-version-file: "${fileName}" is empty`)
}
