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
import { homeOf } from '../../base/home.js'

export interface JournalFileChange {
  kind: 'file'
  path: string
  /** base64 of the bytes before; absent: the file did not exist */
  before?: string
  beforeSha256?: string
  afterSha256: string
  /** folders made for the file (removed by --undo when empty), outermost first */
  createdDirs: string[]
  /** a file inside a WSL distribution, reached through wsl.exe */
  wsl?: { distribution: string }
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
    const base = env.LOCALAPPDATA ?? path.win32.join(homeOf(env, platform), 'AppData', 'Local')
    return path.win32.join(base, 'go-path-arbiter', 'journal')
  }
  const base = env.XDG_STATE_HOME || path.posix.join(homeOf(env, platform), '.local', 'state')
  return path.posix.join(base, 'go-path-arbiter', 'journal')
}

const stamp = (ms: number) =>
  new Date(ms).toISOString().replace(/[-:.]/g, '').replace('T', '-').slice(0, 18)

/**
 * A new entry's id: its time to the millisecond and a random tail. Ids sort in the order
 * the entries were made: when an earlier id (two applies within one millisecond, or a
 * clock set back) does not sort before this time, the new one takes the next millisecond
 * after the newest, so that "the newest entry" is never a guess between two.
 */
export function newId(now: Date, existing: readonly string[] = []): string {
  const times = existing.map(timeOf).filter((t): t is number => t !== undefined)
  const ms = Math.max(now.getTime(), ...times.map((t) => t + 1))
  return `${stamp(ms)}-${randomBytes(3).toString('hex')}`
}

/** The last millisecond an id can stand for (an id of the older form: its whole second). */
function timeOf(id: string): number | undefined {
  const m = /^(\d{4})(\d\d)(\d\d)-(\d\d)(\d\d)(\d\d)(\d{3})?-/.exec(id)
  if (!m) return undefined
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map((x) => (x === undefined ? undefined : Number(x)))
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms ?? 999)
}

export async function saveEntry(dir: string, entry: JournalEntry): Promise<void> {
  await mkdir(dir, { recursive: true })
  await writeAtomically(
    path.join(dir, `${entry.id}.json`),
    Buffer.from(`${JSON.stringify(entry, null, 2)}\n`),
  )
}

/** A journal id (earlier versions wrote it without the milliseconds). */
export const JOURNAL_ID = /^\d{8}-\d{6}(\d{3})?-[0-9a-f]{6}$/

/** Every entry, oldest first; a file that is not an entry is passed over. */
export async function listEntries(dir: string): Promise<JournalEntry[]> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return []
  }
  const out: JournalEntry[] = []
  for (const n of names.filter((x) => JOURNAL_ID.test(x.replace(/\.json$/, ''))).sort()) {
    try {
      const e = JSON.parse(await readFile(path.join(dir, n), 'utf8')) as JournalEntry
      if (e && JOURNAL_ID.test(e.id) && Array.isArray(e.changes)) out.push(e)
    } catch {
      // not ours, or cut short: passed over
    }
  }
  return out
}
