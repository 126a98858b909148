/** What a folder holds, cheaply (I/O): the number of files and their bytes. */
import { lstat, readdir } from 'node:fs/promises'
import path from 'node:path'
import type { Fingerprint } from './decide.js'

/** null when the folder does not exist. Links are counted, never followed. */
export async function fingerprint(dir: string): Promise<Fingerprint | null> {
  try {
    if (!(await lstat(dir)).isDirectory()) return null
  } catch {
    return null
  }
  const out: Fingerprint = { files: 0, bytes: 0 }
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true }).catch(() => [])
    await Promise.all(
      entries.map(async (e) => {
        const p = path.join(d, e.name)
        if (e.isDirectory()) return walk(p)
        const s = await lstat(p).catch(() => null)
        if (!s) return
        out.files++
        out.bytes += s.size
      }),
    )
  }
  await walk(dir)
  return out
}
