/** Reading startup files for the attribution (I/O): small files only, `source` lines followed. */
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { ReadFile } from './attribute.js'
import { sourcedFiles, type FileGroup } from './startup-files.js'

const MAX_BYTES = 1024 * 1024
const MAX_FILES = 64

async function readOne(file: string): Promise<string | null> {
  try {
    const s = await stat(file)
    if (!s.isFile() || s.size > MAX_BYTES) return null
    return await readFile(file, 'utf8')
  } catch {
    return null
  }
}

/** `~/.bashrc` for a file under the home folder. */
export function shownPath(file: string, home: string): string {
  return home && file.startsWith(`${home}${path.sep}`)
    ? `~${path.sep}${file.slice(home.length + 1)}`
    : file
}

/**
 * The files of the groups that exist, in order (a folder stands for its `*.sh` files), each
 * followed by the files it sources.
 */
export async function readGroups(groups: readonly FileGroup[], home: string): Promise<ReadFile[]> {
  const out: ReadFile[] = []
  const seen = new Set<string>()
  const visit = async (file: string, depth: number): Promise<boolean> => {
    if (seen.has(file) || out.length >= MAX_FILES) return seen.has(file)
    let text = await readOne(file)
    if (text === null) {
      // a folder such as /etc/profile.d: its *.sh files, in name order
      const names = await readdir(file).catch(() => null)
      if (!names) return false
      seen.add(file)
      for (const n of names.filter((x) => x.endsWith('.sh')).sort())
        await visit(path.join(file, n), depth)
      return true
    }
    seen.add(file)
    out.push({ path: file, shown: shownPath(file, home), text })
    if (depth < 4) for (const f of sourcedFiles(text, home, file)) await visit(f, depth + 1)
    text = null
    return true
  }
  for (const g of groups) {
    for (const p of g.paths) {
      const found = await visit(p, 0)
      if (found && g.kind === 'first') break
    }
  }
  return out
}
