import type { Fetcher } from './http.js'
import type { GoRelease } from './version.js'

export function indexUrl(baseUrl: string): string {
  return `${baseUrl}/?mode=json&include=all`
}

export function fileUrl(baseUrl: string, filename: string): string {
  return `${baseUrl}/${encodeURIComponent(filename)}`
}

/** Checks the index's shape (an array of releases with files) and keeps what we use. */
export function parseIndex(text: string, url: string): GoRelease[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    throw new Error(`${url}: the release index is not JSON (${(err as Error).message})`)
  }
  if (!Array.isArray(data)) throw new Error(`${url}: the release index is not a JSON array`)
  return data.flatMap((r): GoRelease[] => {
    if (typeof r !== 'object' || r === null) return []
    const rel = r as Partial<GoRelease>
    if (typeof rel.version !== 'string' || !Array.isArray(rel.files)) return []
    const files = rel.files.filter(
      (f) =>
        f &&
        typeof f.filename === 'string' &&
        typeof f.os === 'string' &&
        typeof f.arch === 'string' &&
        typeof f.sha256 === 'string',
    )
    return [{ version: rel.version, stable: rel.stable === true, files }]
  })
}

export async function fetchIndex(fetcher: Fetcher, baseUrl: string): Promise<GoRelease[]> {
  const url = indexUrl(baseUrl)
  return parseIndex(await fetcher.getText(url), url)
}
