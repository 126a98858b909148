/**
 * The go.dev release index (`<base>/?mode=json&include=all`), from go.dev or a mirror.
 * Nothing in it is trusted: its shape is checked, and the archive it names for this
 * OS/arch must be exactly `go<version>.<os>-<arch>.<zip|tar.gz>` with a sha256 of 64 hex
 * digits, before any file is written.
 */
import path from 'node:path'
import { FindingError } from '../findings/errors.js'
import type { Fetcher } from './http.js'
import { isReleaseName } from '../go/gover.js'
import { archiveExtension } from '../go/platform.js'
import type { GoFile, GoRelease } from '../go/version.js'

/** Where Go's releases and their index are, unless a mirror is named. */
export const DEFAULT_BASE_URL = 'https://go.dev/dl'

/** The largest index accepted (go.dev's is about 1 MB). */
export const MAX_INDEX_BYTES = 32 * 1024 * 1024

export function indexUrl(baseUrl: string): string {
  return `${baseUrl}/?mode=json&include=all`
}

export function fileUrl(baseUrl: string, filename: string): string {
  return `${baseUrl}/${encodeURIComponent(filename)}`
}

const invalid = (url: string, why: string) =>
  new FindingError('index-invalid', `${url}: the release index ${why}`)

/** Checks the index's shape (an array of releases with files) and keeps what we use. */
export function parseIndex(text: string, url: string): GoRelease[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    throw invalid(url, `is not JSON (${(err as Error).message})`)
  }
  if (!Array.isArray(data)) throw invalid(url, 'is not a JSON array')
  return data.flatMap((r): GoRelease[] => {
    if (typeof r !== 'object' || r === null) return []
    const rel = r as Partial<GoRelease>
    if (typeof rel.version !== 'string' || !Array.isArray(rel.files)) return []
    const files = rel.files.filter(
      (f): f is GoFile =>
        !!f &&
        typeof f === 'object' &&
        typeof f.filename === 'string' &&
        typeof f.os === 'string' &&
        typeof f.arch === 'string' &&
        typeof f.sha256 === 'string',
    )
    return [{ version: rel.version, stable: rel.stable === true, files }]
  })
}

/**
 * The archive file name a release must have for os/arch; the index's entry is refused
 * unless it is exactly that, its sha256 is 64 hex digits and its size (when given) a
 * whole number.
 */
export function checkArchiveEntry(release: GoRelease, file: GoFile, url: string): GoFile {
  const expected = `${release.version}.${file.os}-${file.arch}.${archiveExtension(file.os)}`
  const safeVersion = isReleaseName(release.version)
  if (
    !safeVersion ||
    file.filename !== expected ||
    path.basename(file.filename) !== file.filename
  ) {
    throw invalid(
      url,
      `names the ${file.os}/${file.arch} archive of ${JSON.stringify(release.version)} ${JSON.stringify(file.filename)}, not a plain file name of the form go<version>.<os>-<arch>.<ext>; nothing was downloaded`,
    )
  }
  if (!/^[0-9a-fA-F]{64}$/.test(file.sha256)) {
    throw invalid(
      url,
      `lists no valid sha256 for ${file.filename} (${JSON.stringify(file.sha256)})`,
    )
  }
  if (file.size !== undefined && !(Number.isSafeInteger(file.size) && file.size >= 0)) {
    throw invalid(url, `lists an invalid size for ${file.filename} (${JSON.stringify(file.size)})`)
  }
  return file
}

/** A path for a download inside `dir`, refused if the name would leave it. */
export function downloadPath(dir: string, name: string): string {
  const target = path.resolve(dir, name)
  const rel = path.relative(path.resolve(dir), target)
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel) || rel.includes(path.sep)) {
    throw new FindingError(
      'index-invalid',
      `refusing to write ${JSON.stringify(name)} outside ${dir}`,
    )
  }
  return target
}

export async function fetchIndex(fetcher: Fetcher, baseUrl: string): Promise<GoRelease[]> {
  const url = indexUrl(baseUrl)
  return parseIndex(await fetcher.getText(url, MAX_INDEX_BYTES), url)
}
