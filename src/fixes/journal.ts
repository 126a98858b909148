/**
 * The journal of --apply (I/O): before anything is changed, one entry records every file's
 * original bytes and every registry value's raw text and kind, with a hash of what the
 * change leaves, so that --undo can restore exactly that, and can tell a file someone
 * changed since. Entries live in the user's state folder, one JSON file each.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { writeAtomically } from './write.js'

export interface JournalFileChange {
  kind: 'file'
  path: string
  /** base64 of the bytes before; absent: the file did not exist */
  before?: string
  beforeSha256?: string
  afterSha256: string
  /** folders made for the file (removed by --undo when empty), outermost first */
  createdDirs: string[]
}

export interface JournalRegistryChange {
  kind: 'registry'
  key: string
  name: string
  before: { type: string; data: string } | null
  after: { type: string; data: string } | null
}

export type JournalChange = JournalFileChange | JournalRegistryChange

export interface JournalEntry {
  id: string
  created: string
  tool: string
  /** pending: written before the first change; applied: every change made; undone */
  status: 'pending' | 'applied' | 'undone'
  changes: JournalChange[]
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

/** The journal's folder: `$XDG_STATE_HOME` (`~/.local/state`), `%LOCALAPPDATA%` on Windows. */
export function journalDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA ?? path.win32.join(env.USERPROFILE ?? '', 'AppData', 'Local')
    return path.win32.join(base, 'go-path-arbiter', 'journal')
  }
  const base = env.XDG_STATE_HOME || path.posix.join(env.HOME ?? '', '.local', 'state')
  return path.posix.join(base, 'go-path-arbiter', 'journal')
}

/** A new entry's id: its time (so that ids sort in order) and a random tail. */
export function newId(now: Date): string {
  const t = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `${t}-${randomBytes(3).toString('hex')}`
}

export async function saveEntry(dir: string, entry: JournalEntry): Promise<void> {
  await mkdir(dir, { recursive: true })
  await writeAtomically(
    path.join(dir, `${entry.id}.json`),
    Buffer.from(`${JSON.stringify(entry, null, 2)}\n`),
  )
}

const ID = /^\d{8}-\d{6}-[0-9a-f]{6}$/

/** Every entry, oldest first; a file that is not an entry is passed over. */
export async function listEntries(dir: string): Promise<JournalEntry[]> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return []
  }
  const out: JournalEntry[] = []
  for (const n of names.filter((x) => ID.test(x.replace(/\.json$/, ''))).sort()) {
    try {
      const e = JSON.parse(await readFile(path.join(dir, n), 'utf8')) as JournalEntry
      if (e && ID.test(e.id) && Array.isArray(e.changes)) out.push(e)
    } catch {
      // not ours, or cut short: passed over
    }
  }
  return out
}
