/**
 * Go's own version names and their order (pure), the way the go command compares them:
 * numbers of any length (compared as decimals, never overflowing), and a language
 * version below its pre-releases below its first release: 1.21 < 1.21rc1 < 1.21.0.
 */
import semver from 'semver'

interface Parts {
  major: string
  minor: string
  patch: string
  /** '' | 'alpha' | 'beta' | 'rc' */
  kind: string
  pre: string
}

const GO_VERSION =
  /^(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:\.(0|[1-9]\d*))?(?:(alpha|beta|rc)([1-9]\d*))?$/

function parts(v: string): Parts | null {
  const m = GO_VERSION.exec(v.trim().replace(/^go/, ''))
  if (!m) return null
  return { major: m[1], minor: m[2] ?? '0', patch: m[3] ?? '', kind: m[4] ?? '', pre: m[5] ?? '' }
}

/** A version as go.mod's `go` line may hold it: `1.21`, `1.21.3`, `1.21rc1`. */
export function isGoVersion(v: string): boolean {
  return /^[1-9]\d*\.(0|[1-9]\d*)(\.(0|[1-9]\d*))?((alpha|beta|rc)[1-9]\d*)?$/.test(v)
}

const cmpInt = (a: string, b: string) =>
  a.length !== b.length ? Math.sign(a.length - b.length) : a < b ? -1 : a > b ? 1 : 0

/**
 * Compares Go versions (`1.21`, `go1.22.4`, `1.21rc1`, or semver `1.22.0-rc.1`);
 * null when either is not a version.
 */
export function compareGo(a: string, b: string): -1 | 0 | 1 | null {
  const x = parts(fromSemver(a))
  const y = parts(fromSemver(b))
  if (!x || !y) return null
  for (const k of ['major', 'minor', 'patch'] as const) {
    const c = cmpInt(x[k], y[k])
    if (c !== 0) return c as -1 | 1
  }
  if (x.kind !== y.kind) return x.kind < y.kind ? -1 : 1
  return cmpInt(x.pre, y.pre) as -1 | 0 | 1
}

/** `1.22.0-rc.1` -> `1.22rc1`; anything else unchanged. */
function fromSemver(v: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)-(alpha|beta|rc)\.(\d+)$/.exec(v.trim())
  return m ? `${m[1]}.${m[2]}${m[4]}${m[5]}` : v
}

/**
 * Go's own version names, the one pattern every module uses: `go1.22.5`, `1.22`, `go1`,
 * `go1.21rc2`. Groups: major, minor, patch, pre-release kind, pre-release number.
 */
export const GO_VERSION_NAME =
  /^(?:go)?(\d{1,9})(?:\.(\d{1,9}))?(?:\.(\d{1,9}))?(?:(rc|beta|alpha)(\d{1,9}))?$/i

/** A version written Go's way (`1.22`, `go1.22.5`, `go1.21rc2`), not a range or a path. */
export const isGoVersionName = (v: string) => GO_VERSION_NAME.test(v.trim())

/** A release's name as go.dev lists it: `go`, then the version, lower case. */
export const isReleaseName = (v: string) =>
  v.startsWith('go') && v === v.toLowerCase() && GO_VERSION_NAME.test(v)

/**
 * Go's own version names (`go1.22.5`, `go1.21rc2`, `go1.20`, `1.19`) as semver (`1.22.5`,
 * `1.21.0-rc.2`, `1.20.0`, `1.19.0`). Semver input passes through. Null for anything else,
 * numbers too long to be a release included.
 */
export function goToSemver(version: string): string | null {
  const v = version.trim()
  const m = GO_VERSION_NAME.exec(v)
  if (m) {
    const [, major, minor = '0', patch = '0', pre, preNum] = m
    const base = `${Number(major)}.${Number(minor)}.${Number(patch)}`
    return pre ? `${base}-${pre.toLowerCase()}.${Number(preNum)}` : base
  }
  try {
    return semver.valid(v.replace(/^go(?=\d)/i, ''))
  } catch {
    return null
  }
}

/**
 * The semver of what `go env GOVERSION` (or a tree's VERSION file) says: `go1.22.5`,
 * `go1.22.5 X:boringcrypto` (an experiment suffix), `go1.21rc2`, `go1.20`. Null for
 * `devel …` builds and anything that is not a release.
 */
export function goVersionOf(goversion: string | undefined): string | null {
  if (!goversion) return null
  const first = goversion.trim().split(/\s+/)[0] ?? ''
  return goToSemver(first.replace(/\+.*$/, ''))
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
